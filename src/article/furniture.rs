//! The phrase lists of page furniture (`assets/furniture.toml`), merged over all languages.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const FURNITURE_TOML: &str = include_str!("../../assets/furniture.toml");

/// One language's section of the furniture file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Section {
    noise: Vec<String>,
    related: Vec<String>,
    end: Vec<String>,
    attribution: Vec<String>,
    outlets: Vec<String>,
}

/// A line pattern: a whole line, or a prefix when the entry ended in `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    text: String,
    prefix: bool,
}

impl Pattern {
    fn new(entry: &str) -> Self {
        let entry = entry.trim();
        match entry.strip_suffix('*') {
            Some(prefix) => Self {
                text: prefix.to_lowercase(),
                prefix: true,
            },
            None => Self {
                text: key(entry),
                prefix: false,
            },
        }
    }

    /// The rest of the line after the prefix when it matches, `""` for a whole-line match.
    fn matches<'a>(&self, line: &'a str) -> Option<&'a str> {
        if self.prefix {
            let head = line.get(..self.text.len())?;
            (head.to_lowercase() == self.text).then(|| line[self.text.len()..].trim())
        } else {
            (key(line) == self.text).then_some("")
        }
    }
}

/// How a line is compared: trimmed, lowercase, without a trailing colon.
fn key(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '：'])
        .trim_end()
        .to_lowercase()
}

/// All furniture patterns of every language.
#[derive(Debug, Default)]
pub struct Furniture {
    noise: Vec<Pattern>,
    related: Vec<Pattern>,
    end: Vec<Pattern>,
    attribution: Vec<Pattern>,
    outlets: Vec<Pattern>,
}

/// What a line is, as far as the phrase lists tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// Never title or body.
    Noise,
    /// Opens a block of links.
    Related,
    /// Nothing after it belongs to the article.
    End,
    /// Names the source (the text after the prefix) and ends the article.
    Attribution(&'a str),
    /// A bare outlet name.
    Outlet,
}

impl Furniture {
    fn parse(text: &str) -> Result<Self, toml::de::Error> {
        let sections: BTreeMap<String, Section> = toml::from_str(text)?;
        let mut furniture = Self::default();
        for section in sections.values() {
            let add = |into: &mut Vec<Pattern>, from: &[String]| {
                into.extend(from.iter().map(|e| Pattern::new(e)));
            };
            add(&mut furniture.noise, &section.noise);
            add(&mut furniture.related, &section.related);
            add(&mut furniture.end, &section.end);
            add(&mut furniture.attribution, &section.attribution);
            add(&mut furniture.outlets, &section.outlets);
        }
        Ok(furniture)
    }

    /// The bundled phrase lists.
    pub fn bundled() -> &'static Self {
        static BUNDLED: LazyLock<Furniture> =
            LazyLock::new(|| Furniture::parse(FURNITURE_TOML).unwrap_or_default());
        &BUNDLED
    }

    /// Classifies one line, or `None` when no list names it.
    pub fn classify<'a>(&self, line: &'a str) -> Option<Kind<'a>> {
        let any = |patterns: &[Pattern]| patterns.iter().any(|p| p.matches(line).is_some());
        if any(&self.noise) {
            Some(Kind::Noise)
        } else if any(&self.related) {
            Some(Kind::Related)
        } else if any(&self.end) {
            Some(Kind::End)
        } else if let Some(rest) = self.attribution.iter().find_map(|p| p.matches(line)) {
            Some(Kind::Attribution(rest.trim_start_matches('_').trim()))
        } else if any(&self.outlets) {
            Some(Kind::Outlet)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_file_parses() {
        let furniture = Furniture::parse(FURNITURE_TOML).unwrap();
        assert!(furniture.noise.len() > 5 && furniture.end.len() > 10);
    }

    #[test]
    fn lines_are_classified() {
        let f = Furniture::bundled();
        assert_eq!(
            f.classify("Sorry, you need to enable JavaScript to visit this website."),
            Some(Kind::Noise)
        );
        assert_eq!(f.classify("  bài liên quan: "), Some(Kind::Related));
        assert_eq!(f.classify("Tin khác"), Some(Kind::End));
        assert_eq!(f.classify("المزيد من دوليات"), Some(Kind::End));
        assert_eq!(f.classify("Theo_VOV"), Some(Kind::Attribution("VOV")));
        assert_eq!(f.classify("France Media Agency"), Some(Kind::Outlet));
        assert_eq!(f.classify("Trong các cuộc hội đàm tại thủ đô Nga"), None);
    }
}
