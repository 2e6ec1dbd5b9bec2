//! Lines about the article rather than of it: datelines, URL slugs and agency leads.

use unicode_normalization::UnicodeNormalization;

use super::super::date::{Found, find_date};
use super::lines::{ends_sentence, word_count};

/// A short line that is mostly a date ("Thứ năm, 21/10/2021 11:05 AM - 0 Trả lời").
pub fn is_dateline(line: &str) -> bool {
    word_count(line) <= 10
        && !ends_sentence(line)
        && (is_timestamp(line) || matches!(find_date(line), Some(Found::Full(_))))
}

/// Mostly digits, with a few letters between them ("2024年10月5日 17時30分",
/// "14/10/2024 08:30 (GMT+7)"): a time stamp, in whatever script its few words are.
fn is_timestamp(line: &str) -> bool {
    let digits = line.chars().filter(char::is_ascii_digit).count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    digits >= 8 && letters <= digits && line.chars().count() <= 60
}

/// A lowercase ASCII line made of the title's words without diacritics (a URL slug).
pub fn is_slug_of(line: &str, title: &str) -> bool {
    if !line
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'-')
    {
        return false;
    }
    let title = ascii_fold(title);
    let title_words: Vec<&str> = title.split_whitespace().collect();
    let words: Vec<&str> = line.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let shared = words.iter().filter(|w| title_words.contains(w)).count();
    words.len() >= 3 && shared * 3 >= words.len() * 2
}

/// Lowercase without diacritics, for comparing with slugs.
fn ascii_fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .map(|c| if matches!(c, 'đ' | 'Đ') { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect()
}

/// The agency of a Vietnamese-style lead: "(CLO) Taliban đã ..." names CLO.
pub fn agency_prefix(line: &str) -> Option<String> {
    let inner = line.strip_prefix('(')?.split_once(')')?.0;
    let ok =
        (2..=8).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    ok.then(|| inner.to_owned())
}
