//! Optional front matter at the top of an article: TOML between `+++` lines or `key: value` lines
//! between `---` lines.

use crate::text::sanitize_line;

/// Fields the front matter may set; each overrides what detection would find.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The original address.
    pub url: Option<String>,
    /// The publication date as written.
    pub date: Option<String>,
    /// The language code.
    pub lang: Option<String>,
    /// The direction, as a page declares it (`rtl` or `ltr`).
    pub dir: Option<String>,
}

impl FrontMatter {
    /// The declared direction, if it is `rtl` or `ltr`.
    pub fn direction(&self) -> Option<crate::text::Dir> {
        match self.dir.as_deref()?.trim().to_ascii_lowercase().as_str() {
            "rtl" => Some(crate::text::Dir::Rtl),
            "ltr" => Some(crate::text::Dir::Ltr),
            _ => None,
        }
    }
}

impl FrontMatter {
    /// Every field made safe to print on one line ([`sanitize_line`]).
    #[must_use]
    pub fn one_line(self) -> Self {
        let line = |field: Option<String>| field.map(|value| sanitize_line(&value));
        Self {
            title: line(self.title),
            source: line(self.source),
            url: line(self.url),
            date: line(self.date),
            lang: line(self.lang),
            dir: line(self.dir),
        }
    }
}

/// Splits front matter off `text`: the fields, the body after the block, and a warning if the
/// block was malformed (then the whole text is the body).
pub fn split(text: &str) -> (FrontMatter, &str, Option<String>) {
    let trimmed = text.trim_start_matches(['\n', ' ']);
    for fence in ["+++", "---"] {
        let Some(rest) = trimmed
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n'))
        else {
            continue;
        };
        let Some((block, body)) = find_closing(rest, fence) else {
            return (
                FrontMatter::default(),
                text,
                Some(format!("front matter opened with {fence} is never closed")),
            );
        };
        let parsed = if fence == "+++" {
            parse_toml(block)
        } else {
            parse_key_values(block)
        };
        return match parsed {
            Ok(fields) => (fields, body, None),
            Err(reason) => (FrontMatter::default(), text, Some(reason)),
        };
    }
    (FrontMatter::default(), text, None)
}

/// The block up to a line that is exactly `fence`, and the text after that line.
fn find_closing<'a>(rest: &'a str, fence: &str) -> Option<(&'a str, &'a str)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_toml(block: &str) -> Result<FrontMatter, String> {
    let table: toml::Table = block
        .parse()
        .map_err(|e: toml::de::Error| format!("front matter is not valid TOML: {}", e.message()))?;
    let field = |key: &str| match table.get(key) {
        Some(toml::Value::String(s)) => Some(s.trim().to_owned()),
        Some(toml::Value::Datetime(d)) => Some(d.to_string()),
        _ => None,
    };
    Ok(FrontMatter {
        title: field("title"),
        source: field("source"),
        url: field("url"),
        date: field("date"),
        lang: field("lang"),
        dir: field("dir"),
    })
}

fn parse_key_values(block: &str) -> Result<FrontMatter, String> {
    let mut fields = FrontMatter::default();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!(
                "front matter line is not `key: value`: {}",
                line.trim()
            ));
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        let value = (!value.is_empty()).then(|| value.to_owned());
        match key.trim().to_lowercase().as_str() {
            "title" => fields.title = value,
            "source" => fields.source = value,
            "url" => fields.url = value,
            "date" => fields.date = value,
            "lang" => fields.lang = value,
            "dir" => fields.dir = value,
            _ => {} // Other keys (tags, author, ...) are allowed and ignored.
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Hội đàm\"\nsource = \"CLO\"\ndate = 2021-10-21\nlang = \"vi\"\ntags = [\"a\"]\n+++\nBody\n";
        let (fm, body, warning) = split(text);
        assert_eq!(fm.title.as_deref(), Some("Hội đàm"));
        assert_eq!(fm.source.as_deref(), Some("CLO"));
        assert_eq!(fm.date.as_deref(), Some("2021-10-21"));
        assert_eq!(fm.lang.as_deref(), Some("vi"));
        assert_eq!(fm.direction(), None);
        assert_eq!(body, "Body\n");
        let (fm, _, _) = split("+++\ndir = \"rtl\"\n+++\nBody");
        assert_eq!(fm.direction(), Some(crate::text::Dir::Rtl));
        let (fm, _, _) = split("---\ndir: LTR\n---\nBody");
        assert_eq!(fm.direction(), Some(crate::text::Dir::Ltr));
        let (fm, _, _) = split("---\ndir: auto\n---\nBody");
        assert_eq!(fm.direction(), None);
        assert_eq!(warning, None);
    }

    #[test]
    fn yaml_like_front_matter() {
        let text = "---\ntitle: \"Talks in Moscow\"\nurl: https://example.org/a?b=c\nauthor: X\n---\n\nBody";
        let (fm, body, warning) = split(text);
        assert_eq!(fm.title.as_deref(), Some("Talks in Moscow"));
        assert_eq!(fm.url.as_deref(), Some("https://example.org/a?b=c"));
        assert_eq!(body, "\nBody");
        assert_eq!(warning, None);
    }

    #[test]
    fn no_front_matter_leaves_the_text_alone() {
        let text = "Title\n---\nnot front matter";
        assert_eq!(split(text), (FrontMatter::default(), text, None));
    }

    #[test]
    fn malformed_front_matter_warns_and_keeps_everything() {
        let (fm, body, warning) = split("+++\ntitle = \n+++\nBody");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, "+++\ntitle = \n+++\nBody");
        assert!(warning.unwrap().contains("not valid TOML"));
        let (_, body, warning) = split("---\ntitle: x\nBody without end");
        assert_eq!(body, "---\ntitle: x\nBody without end");
        assert!(warning.unwrap().contains("never closed"));
    }
}
