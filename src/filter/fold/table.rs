//! The folds of lone characters from U+0080–U+07FF (Latin, Greek, Cyrillic, Hebrew,
//! Arabic) and U+1E00–U+1EFF (Vietnamese), computed once, so keys build quickly.
//!
//! Each entry is the slow path's own result for that character alone, so a lookup can
//! never disagree with it.

use std::sync::OnceLock;

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
}

const LOW: std::ops::RangeInclusive<u32> = 0x0080..=0x07FF;
const VIETNAMESE: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;
const LOW_LEN: usize = (0x07FF - 0x0080 + 1) as usize;

static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();

/// The fold of `c` alone, if the table has it.
pub(super) fn lookup(c: char, strength: Strength) -> Folded {
    let code = u32::from(c);
    let slot = if LOW.contains(&code) {
        (code - LOW.start()) as usize
    } else if VIETNAMESE.contains(&code) {
        LOW_LEN + (code - VIETNAMESE.start()) as usize
    } else {
        return Folded::Other;
    };
    match TABLE.get_or_init(build).get(slot) {
        Some(entry) if strength == Strength::Full => entry.full,
        Some(entry) => entry.light,
        None => Folded::Other,
    }
}

fn build() -> Vec<Entry> {
    LOW.chain(VIETNAMESE)
        .map(|code| match char::from_u32(code) {
            Some(c) => Entry {
                full: classify(&fold_char_uncached(c, Strength::Full)),
                light: classify(&fold_char_uncached(c, Strength::Light)),
            },
            None => Entry {
                full: Folded::Other,
                light: Folded::Other,
            },
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
}
