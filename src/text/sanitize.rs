//! Makes untrusted text safe to draw: strips terminal escape sequences, shows
//! other controls as placeholders, expands tabs and bounds bidi nesting.
//!
//! Rules, applied once at ingest to the whole decoded text (LF line endings):
//! - Escape sequences are removed whole, in their 7-bit (`ESC [`, `ESC ]`, ...)
//!   and 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS,
//!   U+009E PM, U+009F APC). A control sequence (CSI) ends at its final byte
//!   (0x40-0x7E) or at the first character that cannot be part of it, which is
//!   kept. A control string (OSC, DCS, SOS, PM, APC) ends at BEL, ST
//!   (`ESC \` or U+009C) or, when unterminated, at the end of the line (the
//!   newline is kept): a stray OSC can never eat more than one line. A lone
//!   ESC and a stray ST are removed.
//! - Any other C0 control except newline becomes its Control Pictures symbol
//!   (U+2400-U+241F, so NUL shows as ␀), DEL becomes ␡ (U+2421) and any other
//!   C1 control becomes U+FFFD: visible, one cell, never interpreted.
//! - A tab becomes spaces up to the next multiple of [`TAB_STOP`] cells,
//!   counted from the start of its line in grapheme widths.
//! - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR become newlines.
//! - Bidi controls are kept (the bidi algorithm reads them; layout never draws
//!   them), but nesting deeper than [`super::MAX_BIDI_DEPTH`] is cut.
//!
//! The result is idempotent: `sanitize(&sanitize(x)) == sanitize(x)`.

use super::nesting::limit_nesting;
use super::width::str_width;
use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// Tab stops are every this many cells.
pub const TAB_STOP: usize = 4;

const ESC: char = '\u{1B}';
const BEL: char = '\u{7}';
const C1_ST: char = '\u{9C}';

/// Returns `text` with escape sequences removed, controls made visible, tabs
/// expanded and bidi nesting bounded (see the module docs for the rules).
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Where the current tab-stop count starts: a byte offset into `out` and
    // the column it is at. Measuring from the last tab, not the line start,
    // keeps many tabs on one long line linear.
    let mut column_from = 0;
    let mut column_base = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column_from = out.len();
                column_base = 0;
            }
            '\t' => {
                let column = column_base + str_width(&out[column_from..]);
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column_from = out.len();
                column_base = column + spaces;
            }
            ESC => skip_escape(&mut chars),
            '\u{9B}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_control_string(&mut chars),
            C1_ST => {}
            c if is_c0_c1_or_del(c) => out.push(placeholder(c)),
            c => out.push(c),
        }
    }
    match limit_nesting(&out, true, None) {
        Cow::Borrowed(_) => out,
        Cow::Owned(limited) => limited,
    }
}

/// [`sanitize`], borrowing `text` when sanitising would not change it (the usual case), so
/// that decoding a large file makes no copy here.
pub fn sanitize_if_needed(text: &str) -> Cow<'_, str> {
    let changes =
        |c: char| c != '\n' && (is_c0_c1_or_del(c) || matches!(c, '\u{2028}' | '\u{2029}'));
    if text.contains(changes) {
        Cow::Owned(sanitize(text))
    } else {
        // The only rule left that can change it.
        limit_nesting(text, true, None)
    }
}

/// Returns `text` made safe to print as one line anywhere, even outside lectern's own layout
/// (a title or a path in `lectern list`, a warning on stderr): [`sanitize`]d, line breaks as
/// spaces and bidi controls dropped, since on a terminal line an unclosed override or
/// embedding would reorder whatever is printed after it.
///
/// Invisible characters ([`is_invisible`]) are dropped too: a title or a path shows the same
/// in the list, the bookmarks and the reader, and one made of them alone shows as empty.
pub fn sanitize_line(text: &str) -> String {
    // Nearly every title and path has nothing to change: one scan and one copy (a tenth of
    // a warm start of 10^5 files went to sanitising paths the long way).
    if !text.contains(|c| is_forbidden(c) || is_invisible(c)) {
        return text.to_owned();
    }
    sanitize(text)
        .chars()
        .filter(|&c| !is_bidi_control(c) && !is_invisible(c))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect()
}

/// Skips what follows an ESC: the rest of its sequence, if any.
fn skip_escape(chars: &mut Peekable<Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_control_string(chars);
        }
        // nF escapes (charset designations and the like): intermediates
        // 0x20-0x2F, then one final byte.
        Some(' '..='/') => {
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        // Two-character escapes: ESC 7, ESC c, ESC M, ...
        Some('0'..='~') => {
            chars.next();
        }
        // A lone ESC: removed by itself.
        _ => {}
    }
}

/// Skips the parameters, intermediates and final byte of a control sequence.
fn skip_control_sequence(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| matches!(c, ' '..='?')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// Skips a control string up to and including its terminator, or up to (not
/// including) the end of the line when it has none.
fn skip_control_string(chars: &mut Peekable<Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' => return,
            BEL | C1_ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                // `ESC \` is ST; any other ESC ends the string and starts a
                // new sequence, as terminals do.
                if chars.next_if_eq(&'\\').is_none() {
                    skip_escape(chars);
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// Whether `c` is a C0 control, DEL or a C1 control.
fn is_c0_c1_or_del(c: char) -> bool {
    matches!(c, '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// The visible stand-in for a control character.
fn placeholder(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// Whether `c` is a `Bidi_Control` character: ALM, LRM, RLM, the embeddings and
/// overrides U+202A-U+202E, and the isolates U+2066-U+2069.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` draws nothing and means nothing in a one-line text: soft hyphen, word joiner,
/// zero-width no-break space (BOM), combining grapheme joiner, tag characters, interlinear
/// annotation marks, the object replacement character, and the Hangul fillers. Zero-width
/// joiners and non-joiners are not among them: they shape emoji and Arabic and Indic words.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{2060}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFC}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `c` must never be written to the screen: C0 controls (newline and
/// tab included), DEL, C1 controls, bidi controls and the Unicode line and
/// paragraph separators.
///
/// After [`sanitize`], only newlines and bidi controls of this set remain;
/// after layout, none.
pub fn is_forbidden(c: char) -> bool {
    is_c0_c1_or_del(c) || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The character layout draws in place of a forbidden one that reached it
/// unsanitised; `None` for bidi controls, which are simply not drawn.
pub(crate) fn stand_in(c: char) -> Option<char> {
    if is_bidi_control(c) {
        None
    } else if matches!(c, '\u{2028}' | '\u{2029}') {
        Some(' ')
    } else {
        Some(placeholder(c))
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize_line;

    #[test]
    fn a_line_loses_invisible_characters_but_keeps_joiners() {
        let text = "Ki\u{AD}a\u{2060}b\u{FEFF}c\u{34F}d\u{E0041}e\u{FFF9}f\u{FFFC}g\u{115F}\u{1160}\u{3164}\u{FFA0}h";
        assert_eq!(sanitize_line(text), "Kiabcdefgh");
        // Zero-width joiner and non-joiner shape what they join: kept.
        let joined = "👩\u{200D}💻 می\u{200C}خواهم";
        assert_eq!(sanitize_line(joined), joined);
    }
}
