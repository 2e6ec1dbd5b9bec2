//! The phrase lists of page furniture (`assets/furniture.toml`), merged over all languages.

use std::collections::{BTreeMap, HashSet};
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
    byline: Vec<String>,
    credit: Vec<String>,
}

/// One list of line patterns: whole lines, and prefixes (entries that ended in `*`).
///
/// Every line of every article is classified, so a line is lowercased once and looked up,
/// never lowercased again per pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Patterns {
    whole: HashSet<String>,
    prefixes: Vec<String>,
}

impl Patterns {
    fn add(&mut self, entry: &str) {
        let entry = entry.trim();
        match entry.strip_suffix('*') {
            Some(prefix) => self.prefixes.push(prefix.to_lowercase()),
            None => {
                self.whole.insert(key(entry));
            }
        }
    }

    /// The rest of the line after a prefix when one matches, `""` for a whole-line match.
    /// `key` is [`key`]`(line)`.
    fn matches<'a>(&self, line: &'a str, key: &str) -> Option<&'a str> {
        if self.whole.contains(key) {
            return Some("");
        }
        self.prefixes.iter().find_map(|prefix| {
            let head = line.get(..prefix.len())?;
            let same = head.chars().flat_map(char::to_lowercase).eq(prefix.chars());
            same.then(|| line[prefix.len()..].trim())
        })
    }
}

/// How a line is compared: trimmed, lowercase, without a trailing colon.
fn key(line: &str) -> String {
    core(line).to_lowercase()
}

/// The line trimmed, without a trailing colon.
fn core(line: &str) -> &str {
    line.trim().trim_end_matches([':', '：']).trim_end()
}

/// Photo credits, matched with case: anywhere in a line, or closing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Credits {
    anywhere: Vec<String>,
    at_end: Vec<String>,
}

impl Credits {
    fn add(&mut self, entry: &str) {
        match entry.strip_prefix('*') {
            Some(end) => self.at_end.push(end.trim().to_owned()),
            None => self.anywhere.push(entry.trim_start().to_owned()),
        }
    }

    fn matches(&self, line: &str) -> bool {
        let line = line.trim();
        self.anywhere.iter().any(|c| line.contains(c.as_str()))
            || self.at_end.iter().any(|c| line.ends_with(c.as_str()))
    }
}

/// All furniture patterns of every language.
#[derive(Debug, Default)]
pub struct Furniture {
    noise: Patterns,
    related: Patterns,
    end: Patterns,
    attribution: Patterns,
    outlets: Patterns,
    byline: Patterns,
    credits: Credits,
    /// The longest whole-line entry in bytes: a longer line can only match a prefix.
    longest: usize,
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
            let add = |into: &mut Patterns, from: &[String]| {
                for entry in from {
                    into.add(entry);
                }
            };
            add(&mut furniture.noise, &section.noise);
            add(&mut furniture.related, &section.related);
            add(&mut furniture.end, &section.end);
            add(&mut furniture.attribution, &section.attribution);
            add(&mut furniture.outlets, &section.outlets);
            add(&mut furniture.byline, &section.byline);
            for entry in &section.credit {
                furniture.credits.add(entry);
            }
        }
        furniture.longest = [
            &furniture.noise,
            &furniture.related,
            &furniture.end,
            &furniture.attribution,
            &furniture.outlets,
        ]
        .iter()
        .flat_map(|p| p.whole.iter().map(String::len))
        .max()
        .unwrap_or(0);
        Ok(furniture)
    }

    /// The bundled phrase lists.
    pub fn bundled() -> &'static Self {
        static BUNDLED: LazyLock<Furniture> =
            LazyLock::new(|| Furniture::parse(FURNITURE_TOML).unwrap_or_default());
        &BUNDLED
    }

    /// Whether the line holds a photo credit ("Ảnh: AFP", "צילום: …", "*(Reuters)").
    pub fn has_credit(&self, line: &str) -> bool {
        self.credits.matches(line)
    }

    /// The author part of a line that starts like a byline ("By Jane Doe" gives "Jane Doe").
    pub fn byline<'a>(&self, line: &'a str) -> Option<&'a str> {
        self.byline
            .matches(line, "")
            .filter(|rest| !rest.is_empty())
    }

    /// Classifies one line, or `None` when no list names it.
    pub fn classify<'a>(&self, line: &'a str) -> Option<Kind<'a>> {
        // Lowercasing shrinks a string at most threefold (K, the Kelvin sign, is three bytes
        // and k one): a longer line matches no whole-line entry and needs no key.
        let key = if core(line).len() > 3 * self.longest {
            String::new()
        } else {
            key(line)
        };
        let any = |patterns: &Patterns| patterns.matches(line, &key).is_some();
        if any(&self.noise) {
            Some(Kind::Noise)
        } else if any(&self.related) {
            Some(Kind::Related)
        } else if any(&self.end) {
            Some(Kind::End)
        } else if let Some(rest) = self.attribution.matches(line, &key) {
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
        let count = |p: &Patterns| p.whole.len() + p.prefixes.len();
        assert!(count(&furniture.noise) > 5 && count(&furniture.end) > 10);
        assert!(furniture.longest > 20);
        assert!(count(&furniture.byline) > 5);
        assert!(furniture.credits.anywhere.len() > 10 && furniture.credits.at_end.len() > 5);
    }

    #[test]
    fn credits_and_bylines() {
        let f = Furniture::bundled();
        assert!(f.has_credit("Cảnh sát tuần tra sáng 3/5. Ảnh: Lan Anh"));
        assert!(f.has_credit("Soldiers near the border (Reuters)"));
        assert!(f.has_credit("ساحة المدينة صباح اليوم (رويترز)"));
        // Case matters for words a sentence may use, and a closing credit must close.
        assert!(!f.has_credit("They released a photo: it showed the crowd."));
        assert!(!f.has_credit("(Reuters) The talks ended on Monday."));
        assert_eq!(f.byline("By Jane Doe, AP"), Some("Jane Doe, AP"));
        assert_eq!(f.byline("par Jean Dupont"), Some("Jean Dupont"));
        assert_eq!(f.byline("بقلم سامي نور"), Some("سامي نور"));
        assert_eq!(f.byline("Byzantine art returns"), None);
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
        // Case and trailing colons and spaces do not matter, for whole lines and prefixes.
        assert_eq!(f.classify("TIN KHÁC :  "), Some(Kind::End));
        assert_eq!(f.classify("THEO_VOV"), Some(Kind::Attribution("VOV")));
        // A body paragraph that merely starts like furniture is not furniture.
        let long = format!("Tin khác {}", "rất dài ".repeat(100));
        assert_eq!(f.classify(&long), None);
        assert_eq!(f.classify("Trong các cuộc hội đàm tại thủ đô Nga"), None);
    }
}
