//! The subscriptions: `feeds.toml`, one `[[feed]]` table per feed, edited by hand or by
//! `lectern feed`.

mod edit;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use edit::{add, remove, set_url};

/// When lectern fetches an entry's page for the whole article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FullText {
    /// When the feed gives only a summary.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never: the feed's text is the article.
    Never,
}

/// One `[[feed]]` of `feeds.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The feed's address.
    pub url: String,
    /// The name to show instead of the feed's own title.
    pub title: Option<String>,
    /// The language of its articles, when the feed does not say or says wrong.
    pub lang: Option<String>,
    /// When to fetch the whole article.
    #[serde(default)]
    pub full_text: FullText,
    /// A `User-Agent` for sites that refuse lectern's.
    pub user_agent: Option<String>,
    /// Tags, for `tag:` in the filter.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The file's shape.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    feed: Vec<Subscription>,
}

/// Where the subscriptions live: `$XDG_CONFIG_HOME/lectern/feeds.toml`.
pub fn default_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern")
        .map(|dirs| dirs.config_dir().join("feeds.toml"))
}

/// Reads the subscriptions; a missing file is none.
///
/// # Errors
/// The file cannot be read or is not valid: the message names it, with line and column.
pub fn load(path: &Path) -> anyhow::Result<Vec<Subscription>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => anyhow::bail!("{}: {error}", path.display()),
    };
    let file: File =
        toml::from_str(&text).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
    Ok(file.feed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(url: &str, title: Option<&str>) -> Subscription {
        Subscription {
            url: url.to_owned(),
            title: title.map(str::to_owned),
            ..Subscription::default()
        }
    }

    #[test]
    fn comments_before_the_first_feed_stay_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        std::fs::write(&path, "# my feeds\n# (news)\n").unwrap();
        assert!(add(&path, &feed("https://b.example/feed", None)).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "# my feeds\n# (news)\n\n[[feed]]\nurl = \"https://b.example/feed\"\n"
        );
    }

    #[test]
    fn add_creates_the_file_then_keeps_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lectern/feeds.toml");
        let first = Subscription {
            lang: Some("ar".to_owned()),
            full_text: FullText::Always,
            tags: vec!["world".to_owned(), "ar".to_owned()],
            ..feed("https://a.example/rss", Some("Al \"A\""))
        };
        assert!(add(&path, &first).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# lectern's subscriptions"), "{text}");
        assert_eq!(load(&path).unwrap(), std::slice::from_ref(&first));
        assert!(!add(&path, &feed("https://a.example/rss", None)).unwrap());

        let by_hand =
            format!("{text}\n# my favourite\n[[feed]]\nurl = \"https://b.example/atom\"  # keep\n");
        std::fs::write(&path, &by_hand).unwrap();
        assert!(add(&path, &feed("https://c.example/feed", None)).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&by_hand), "{text}");
        let urls: Vec<String> = load(&path).unwrap().into_iter().map(|s| s.url).collect();
        assert_eq!(
            urls,
            [
                "https://a.example/rss",
                "https://b.example/atom",
                "https://c.example/feed"
            ]
        );
    }

    #[test]
    fn remove_by_url_then_by_title() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        for (url, title) in [
            ("https://a/1", Some("News")),
            ("https://b/2", Some("news")),
            ("https://c/3", Some("Other")),
        ] {
            add(&path, &feed(url, title)).unwrap();
        }
        let error = remove(&path, "NEWS").unwrap_err().to_string();
        assert!(
            error.contains("https://a/1") && error.contains("https://b/2"),
            "{error}"
        );
        assert_eq!(load(&path).unwrap().len(), 3);
        assert_eq!(
            remove(&path, "https://b/2")
                .unwrap()
                .map(|s| s.url)
                .as_deref(),
            Some("https://b/2")
        );
        assert_eq!(
            remove(&path, "news").unwrap().map(|s| s.url).as_deref(),
            Some("https://a/1")
        );
        assert_eq!(remove(&path, "missing").unwrap(), None);
        assert_eq!(load(&path).unwrap(), [feed("https://c/3", Some("Other"))]);
    }

    #[test]
    fn set_url_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        std::fs::write(
            &path,
            "[[feed]]\nurl = \"http://old/rss\" # moved?\ntitle = \"T\"\n",
        )
        .unwrap();
        set_url(&path, "http://old/rss", "https://new/rss").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[[feed]]\nurl = \"https://new/rss\" # moved?\ntitle = \"T\"\n"
        );
        assert!(
            set_url(&path, "http://nope", "x")
                .unwrap_err()
                .to_string()
                .contains("http://nope")
        );
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feeds.toml");
        std::fs::write(&path, "[[feed]\nurl = ").unwrap();
        let error = add(&path, &feed("https://a", None))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("feeds.toml") && error.contains("not valid TOML"),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[feed]\nurl = ");
    }
}
