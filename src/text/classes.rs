//! Fast character class checks for the hot loops of layout, written as
//! ranges and checked exhaustively against unicode-bidi's and
//! unicode-bidi-mirroring's tables (a binary search per character there
//! costs more than the rest of a layout step).

/// Whether a character is never drawn: a bidi control, or a character that
/// rule X9 removes (bidi class BN) other than a control character (controls
/// are shown as placeholders).
pub(crate) fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Whether a character has bidi class WS (whitespace).
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{C}' | ' ' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{205F}' | '\u{3000}'
    )
}

/// False only for characters that cannot take a paragraph off level 0: no
/// right-to-left letter (R, AL), Arabic number (AN) or explicit embedding,
/// override or isolate. Text without any needs no bidi resolution in a
/// left-to-right paragraph.
pub(crate) fn may_be_rtl(c: char) -> bool {
    matches!(
        c,
        '\u{590}'..='\u{8FF}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FB1D}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// False only for characters that have no mirrored glyph (rule L4).
pub(crate) fn may_mirror(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '{' | '}')
    } else {
        !matches!(c, '\u{80}'..='\u{AA}' | '\u{590}'..='\u{8FF}' | '\u{FB1D}'..='\u{FE58}' | '\u{FE66}'..='\u{FEFF}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_bidi_control;
    use unicode_bidi::{BidiClass, bidi_class};
    use unicode_bidi_mirroring::get_mirrored;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10_FFFF).filter_map(char::from_u32)
    }

    #[test]
    fn hidden_and_whitespace_match_the_bidi_tables_exactly() {
        for c in every_char() {
            let class = bidi_class(c);
            let hidden = (class == BidiClass::BN && !c.is_control()) || is_bidi_control(c);
            assert_eq!(is_hidden(c), hidden, "{c:?}");
            assert_eq!(is_whitespace(c), class == BidiClass::WS, "{c:?}");
        }
    }

    #[test]
    fn prefilters_never_miss() {
        use BidiClass::{AL, AN, FSI, LRE, LRI, LRO, PDF, PDI, R, RLE, RLI, RLO};
        for c in every_char() {
            let rtl = matches!(
                bidi_class(c),
                R | AL | AN | LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI
            );
            assert!(!rtl || may_be_rtl(c), "{c:?}");
            assert!(get_mirrored(c).is_none() || may_mirror(c), "{c:?}");
        }
    }
}
