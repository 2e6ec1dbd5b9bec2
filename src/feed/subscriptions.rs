//! The subscriptions: `feeds.toml`, one `[[feed]]` table per feed, edited by hand or by
//! `lectern feed`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

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
