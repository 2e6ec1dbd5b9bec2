//! The outlet an article names in a standard attribution or dateline ("(CNN) —",
//! "Theo VOV", "به گزارش خبرگزاری فارس،"), from the patterns of `assets/sources.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

const SOURCES_TOML: &str = include_str!("../../assets/sources.toml");

/// Paragraphs at the start that may hold a dateline naming the outlet.
const LEAD_PARAGRAPHS: usize = 3;

/// Paragraphs at the end that may hold a credit.
const CLOSE_LINES: usize = 2;

/// Characters of a lead paragraph the patterns read: a dateline is at its start.
const LEAD_CHARS: usize = 200;

/// Words an outlet's name has at most; more is a sentence caught by a pattern.
const MAX_WORDS: usize = 6;

/// One language's section.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Section {
    lead: Vec<String>,
    close: Vec<String>,
}

/// The compiled patterns of every language.
#[derive(Debug, Default)]
struct Patterns {
    lead: Vec<Regex>,
    close: Vec<Regex>,
}

impl Patterns {
    fn parse(text: &str) -> Option<Self> {
        let sections: BTreeMap<String, Section> = toml::from_str(text).ok()?;
        let compile = |list: &[String]| -> Option<Vec<Regex>> {
            list.iter().map(|p| Regex::new(p).ok()).collect()
        };
        let mut patterns = Self::default();
        // `any` first: the dateline forms common to all languages.
        let (any, rest): (Vec<_>, Vec<_>) = sections.iter().partition(|(name, _)| *name == "any");
        for (_, section) in any.into_iter().chain(rest) {
            patterns.lead.extend(compile(&section.lead)?);
            patterns.close.extend(compile(&section.close)?);
        }
        Some(patterns)
    }

    fn bundled() -> &'static Self {
        static PATTERNS: LazyLock<Patterns> =
            LazyLock::new(|| Patterns::parse(SOURCES_TOML).unwrap_or_default());
        &PATTERNS
    }
}

/// Whether `name` can be an outlet's name: a few words with letters, no digits, and not
/// starting in lowercase (an outlet is a proper name; "Theo dõi" is "follow", not a source).
pub fn is_plausible(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=MAX_WORDS).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && !name.chars().any(char::is_numeric)
        && !name.chars().next().is_some_and(char::is_lowercase)
}

/// The outlet named by the first pattern that matches `line`, if the name looks like one.
fn first_name(patterns: &[Regex], line: &str) -> Option<String> {
    patterns.iter().find_map(|pattern| {
        let name = pattern.captures(line)?.name("name")?.as_str();
        let name = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '،'));
        is_plausible(name).then(|| name.to_owned())
    })
}

/// The outlet that the dateline or the first paragraphs name, if any.
pub fn in_lead(dateline: Option<&str>, paragraphs: &[String]) -> Option<String> {
    let patterns = Patterns::bundled();
    let starts = paragraphs.iter().take(LEAD_PARAGRAPHS).map(|p| {
        let end = p.char_indices().nth(LEAD_CHARS).map_or(p.len(), |(i, _)| i);
        &p[..end]
    });
    dateline
        .into_iter()
        .chain(starts)
        .find_map(|line| first_name(&patterns.lead, line.trim()))
}

/// The outlet that a credit in the last paragraphs names, if any. Only the article's own
/// paragraphs are read: after its end a scraped page goes on with other stories and their
/// credits.
pub fn in_closing(paragraphs: &[String]) -> Option<String> {
    let patterns = Patterns::bundled();
    paragraphs
        .iter()
        .rev()
        .take(CLOSE_LINES)
        .find_map(|line| first_name(&patterns.close, line.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(lead: &[&str], closing: &[&str]) -> Option<String> {
        let owned = |lines: &[&str]| lines.iter().map(|&p| p.to_owned()).collect::<Vec<_>>();
        in_lead(None, &owned(lead)).or_else(|| in_closing(&owned(closing)))
    }

    #[test]
    fn bundled_patterns_compile() {
        let patterns = Patterns::parse(SOURCES_TOML);
        assert!(patterns.is_some_and(|p| p.lead.len() > 4 && p.close.len() > 8));
    }

    #[test]
    fn datelines_name_the_outlet() {
        let at = |line: &str| source(&[line], &[]);
        assert_eq!(
            at("(CNN) — The mayor opened the bridge.").as_deref(),
            Some("CNN")
        );
        assert_eq!(
            at("PARIS (AFP) - Le maire a parlé.").as_deref(),
            Some("AFP")
        );
        assert_eq!(
            at("القاهرة (رويترز) - افتتح الجسر.").as_deref(),
            Some("رويترز")
        );
        assert_eq!(
            at("به گزارش گروه اقتصادی خبرگزاری مهر، بازار باز شد.").as_deref(),
            Some("خبرگزاری مهر")
        );
        assert_eq!(
            at("لاہور۔5 مئی (جنگ ڈاٹ کام) بازار کھل گیا۔").as_deref(),
            Some("جنگ ڈاٹ کام")
        );
        assert_eq!(
            at("【5月2日 AFP】東京で橋が開通した。").as_deref(),
            Some("AFP")
        );
    }

    #[test]
    fn closing_credits_name_the_outlet() {
        let at = |line: &str| source(&["Body."], &["Body.", line]);
        assert_eq!(at("Theo VOV").as_deref(), Some("VOV"));
        assert_eq!(at("Nguồn: TTXVN").as_deref(), Some("TTXVN"));
        assert_eq!(at("Source : Le Parisien").as_deref(), Some("Le Parisien"));
        assert_eq!(at("المصدر: الجزيرة").as_deref(), Some("الجزيرة"));
        assert_eq!(
            at("The bridge opened. — Reuters").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            at("橋が開通した。(c)AFP/Taro YAMADA").as_deref(),
            Some("AFP")
        );
        assert_eq!(at("来源：新华社").as_deref(), Some("新华社"));
    }

    #[test]
    fn no_source_is_invented() {
        // Outlets named in passing, datelines without an outlet, a quotation's author.
        let lead = [
            "In an interview with the BBC, the president spoke.",
            "(Moscow, 20 Oct) — Talks resumed.",
            "Theo ông Kabulov, nhóm này đã đồng ý.",
            "Nhiều chuyên gia nói với báo Tuổi Trẻ (TT) rằng...",
        ];
        let closing = ["“We need to listen.” — Hori Parata", "Nội dung."];
        assert_eq!(source(&lead, &closing), None);
        assert_eq!(
            source(
                &["A sentence (with a long aside that is no outlet at all) - yes."],
                &[]
            ),
            None
        );
    }
}
