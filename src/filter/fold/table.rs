//! The folds of lone characters from U+0080–U+07FF (Latin, Greek, Cyrillic, Hebrew,
//! Arabic) and U+1E00–U+1EFF (Vietnamese), computed once, so keys build quickly.
//!
//! Each entry is the slow path's own result for that character alone, so a lookup can
//! never disagree with it. Entries also say whether the character can join a grapheme
//! cluster with its neighbours, so most clusters are found without segmenting.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use super::{Strength, fold_char_uncached};

/// What a lone character folds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folded {
    /// Nothing (a mark or tatweel on its own).
    Nothing,
    /// Exactly one character.
    One(char),
    /// Several characters, or a character outside the table: take the slow path.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    full: Folded,
    light: Folded,
    /// Extend, ZWJ or spacing mark: may belong to the cluster before it.
    joins_previous: bool,
    /// Prepend: may belong to the cluster after it.
    joins_next: bool,
}

const LOW: std::ops::RangeInclusive<u32> = 0x0080..=0x07FF;
const VIETNAMESE: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;
const LOW_LEN: usize = (0x07FF - 0x0080 + 1) as usize;

static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();

/// The fold of `c` alone, if the table has it.
pub(super) fn lookup(c: char, strength: Strength) -> Folded {
    match entry(c) {
        Some(entry) if strength == Strength::Full => entry.full,
        Some(entry) => entry.light,
        None => Folded::Other,
    }
}

/// Whether a cluster boundary surely follows `c` when the next character starts one.
pub(super) fn never_joins_next(c: char) -> bool {
    // CR joins a following LF.
    (c.is_ascii() && c != '\r') || entry(c).is_some_and(|entry| !entry.joins_next)
}

/// Whether a cluster boundary surely comes before `c` (for a `c` after a character that
/// never joins the next).
pub(super) fn never_joins_previous(c: char) -> bool {
    c.is_ascii() || entry(c).is_some_and(|entry| !entry.joins_previous)
}

fn entry(c: char) -> Option<Entry> {
    let code = u32::from(c);
    let slot = if LOW.contains(&code) {
        (code - LOW.start()) as usize
    } else if VIETNAMESE.contains(&code) {
        LOW_LEN + (code - VIETNAMESE.start()) as usize
    } else {
        return None;
    };
    TABLE.get_or_init(build).get(slot).copied()
}

fn build() -> Vec<Entry> {
    let unknown = Entry {
        full: Folded::Other,
        light: Folded::Other,
        joins_previous: true,
        joins_next: true,
    };
    LOW.chain(VIETNAMESE)
        .map(|code| match char::from_u32(code) {
            Some(c) => Entry {
                full: classify(&fold_char_uncached(c, Strength::Full)),
                light: classify(&fold_char_uncached(c, Strength::Light)),
                joins_previous: format!("a{c}").graphemes(true).count() == 1,
                joins_next: format!("{c}a").graphemes(true).count() == 1,
            },
            None => unknown,
        })
        .collect()
}

fn classify(folded: &str) -> Folded {
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Folded::Nothing,
        (Some(c), None) => Folded::One(c),
        _ => Folded::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_the_slow_path_for_every_entry() {
        for code in LOW.chain(VIETNAMESE) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for strength in [Strength::Full, Strength::Light] {
                let slow = fold_char_uncached(c, strength);
                match lookup(c, strength) {
                    Folded::Nothing => assert_eq!(slow, "", "{c:?}"),
                    Folded::One(folded) => assert_eq!(slow, folded.to_string(), "{c:?}"),
                    Folded::Other => assert!(slow.chars().count() > 1, "{c:?}"),
                }
            }
        }
    }

    #[test]
    fn samples_fold_as_the_rules_say() {
        assert_eq!(lookup('ệ', Strength::Full), Folded::One('e'));
        assert_eq!(lookup('Ệ', Strength::Light), Folded::One('ệ'));
        assert_eq!(lookup('Đ', Strength::Full), Folded::One('d'));
        assert_eq!(lookup('أ', Strength::Full), Folded::One('ا'));
        assert_eq!(lookup('\u{064E}', Strength::Full), Folded::Nothing);
        assert_eq!(lookup('\u{0640}', Strength::Light), Folded::Nothing);
        assert_eq!(lookup('½', Strength::Full), Folded::Other);
        assert_eq!(lookup('中', Strength::Full), Folded::Other);
    }

    #[test]
    fn joining_classes_follow_uax29() {
        // Combining acute and Arabic fatha are Extend; U+0600 is Prepend; letters are neither.
        assert!(!never_joins_previous('\u{0301}') && !never_joins_previous('\u{064E}'));
        assert!(!never_joins_next('\u{0600}'));
        assert!(never_joins_next('ệ') && never_joins_previous('ệ') && never_joins_previous('ب'));
        assert!(!never_joins_next('中') && !never_joins_previous('\u{200D}'));
    }
}
