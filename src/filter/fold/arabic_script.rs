//! Arabic-script letter variants (`assets/fold-arabic-script.toml`) and the marks of Arabic
//! and Hebrew that no query has to match: the parts of folding that are the same at both
//! strengths for these scripts.
//!
//! A Persian or Urdu keyboard types ی ک ہ where an Arabic one types ي ك ه, and pasted text
//! often carries vowel points that titles omit; neither is a choice the reader makes, unlike
//! a Vietnamese tone typed on purpose, so both strengths fold them away.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const TABLE_TOML: &str = include_str!("../../../assets/fold-arabic-script.toml");

/// The block every variant lies in, so other characters skip the lookup.
const ARABIC: std::ops::RangeInclusive<char> = '\u{0600}'..='\u{06FF}';

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    letters: BTreeMap<String, String>,
}

/// `(variant, letter)` pairs sorted by variant.
static LETTERS: LazyLock<Vec<(char, char)>> =
    LazyLock::new(|| parse(TABLE_TOML).unwrap_or_default());

/// Reads the table: one character to one character, every variant in the Arabic block.
fn parse(text: &str) -> Result<Vec<(char, char)>, String> {
    let file: TableFile = toml::from_str(text).map_err(|error| error.to_string())?;
    let single = |s: &str| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(format!("{s:?} is not one character")),
        }
    };
    let mut pairs = Vec::with_capacity(file.letters.len());
    for (from, to) in &file.letters {
        let (from, to) = (single(from)?, single(to)?);
        if !ARABIC.contains(&from) {
            return Err(format!("{from:?} is outside U+0600–U+06FF"));
        }
        pairs.push((from, to));
    }
    pairs.sort_unstable();
    Ok(pairs)
}

/// The letter an Arabic-script variant folds to, if `c` is one.
pub(super) fn letter(c: char) -> Option<char> {
    if !ARABIC.contains(&c) {
        return None;
    }
    let letters = &*LETTERS;
    (letters.binary_search_by_key(&c, |&(from, _)| from).ok()).map(|at| letters[at].1)
}

/// Arabic tashkeel and Quranic marks, and Hebrew points and cantillation: dropped at both
/// strengths, so pasted pointed text matches unpointed titles.
pub(super) fn is_pointing_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_names_each_variant_once() {
        let pairs = parse(TABLE_TOML).unwrap();
        assert_eq!(pairs.len(), 19);
        // Farsi yeh U+06CC → yeh U+064A; keheh U+06A9 → kaf U+0643; heh goal U+06C1 → heh U+0647.
        assert_eq!(letter('\u{06CC}'), Some('\u{064A}'));
        assert_eq!(letter('\u{06A9}'), Some('\u{0643}'));
        assert_eq!(letter('\u{06C1}'), Some('\u{0647}'));
        assert_eq!(letter('\u{0624}'), Some('\u{0648}'));
        // Noon ghunna U+06BA → noon U+0646.
        assert_eq!(letter('\u{06BA}'), Some('\u{0646}'));
        // The targets themselves and other letters stay.
        assert_eq!(letter('\u{064A}'), None);
        assert_eq!(letter('\u{0628}'), None);
        assert_eq!(letter('k'), None);
    }

    #[test]
    fn a_bad_table_is_refused() {
        assert!(parse("[letters]\n\"ab\" = \"c\"\n").is_err());
        assert!(parse("[letters]\n\"k\" = \"c\"\n").is_err());
        assert!(parse("[letters]\n\"\\u06CC\" = \"\"\n").is_err());
        assert!(parse("[other]\n").is_err());
    }

    #[test]
    fn pointing_marks_are_arabic_and_hebrew_marks_only() {
        // Fatha U+064E, superscript alef U+0670, Hebrew qamats U+05B8 and shin dot U+05C1.
        for mark in ['\u{064E}', '\u{0670}', '\u{05B8}', '\u{05C1}'] {
            assert!(is_pointing_mark(mark), "{mark:?}");
        }
        // Letters, and a Latin acute (which only the full fold drops).
        for other in ['\u{0627}', '\u{05D0}', '\u{0301}'] {
            assert!(!is_pointing_mark(other), "{other:?}");
        }
    }
}
