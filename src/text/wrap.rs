//! Breaks a paragraph's units into lines, in logical order.
//!
//! Greedy: a line takes units while they fit; when one does not, the line
//! ends at the last UAX #14 opportunity, or, in a word longer than the line,
//! before the unit that does not fit (a grapheme boundary). Whitespace never
//! makes a line overflow because it is trimmed at the line's end, where bidi
//! rule L1 would put it on the edge.

use super::units::{Break, Unit};
use std::ops::Range;

/// Lines as ranges of unit indices, trailing whitespace still included.
/// Always at least one line (empty for an empty paragraph).
pub(crate) fn wrap(units: &[Unit], width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    // Width of units[start..next], and the last break opportunity in that
    // range with the width before it.
    let mut used = 0;
    let mut last_break: Option<(usize, usize)> = None;
    let mut next = 0;
    while let Some(unit) = units.get(next) {
        if next > start {
            match unit.break_before {
                Break::Mandatory => {
                    lines.push(start..next);
                    (start, used, last_break) = (next, 0, None);
                    continue;
                }
                Break::Allowed => last_break = Some((next, used)),
                Break::Never => {}
            }
        }
        let unit_width = usize::from(unit.width);
        if next > start && !unit.space && used + unit_width > width {
            // Break at the last opportunity, or before this unit when there
            // is none; either way look at this unit again on the new line.
            let (at, before) = last_break.unwrap_or((next, used));
            lines.push(start..at);
            (start, used, last_break) = (at, used - before, None);
            continue;
        }
        used += unit_width;
        next += 1;
    }
    lines.push(start..units.len());
    lines
}

/// `line` without the whitespace and undrawn units at its end.
pub(crate) fn trim_end(units: &[Unit], line: Range<usize>) -> &[Unit] {
    let line = &units[line];
    let end = line
        .iter()
        .rposition(|unit| !unit.space)
        .map_or(0, |last| last + 1);
    &line[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Shaping;
    use crate::text::units::units;

    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let units = units(text, Shaping::Off, width);
        wrap(&units, width)
            .into_iter()
            .map(|line| {
                let line = trim_end(&units, line);
                line.iter().map(|u| u.shown(text)).collect()
            })
            .collect()
    }

    #[test]
    fn breaks_between_words_and_trims_the_space() {
        // Checked by hand: "hello world" is 11 cells; at 8 the break goes
        // after "hello " and the space is trimmed.
        assert_eq!(wrapped("hello world", 8), ["hello", "world"]);
        assert_eq!(wrapped("hello world", 11), ["hello world"]);
        // Trailing spaces never force a break.
        assert_eq!(wrapped("hello     ", 5), ["hello"]);
    }

    #[test]
    fn long_word_breaks_at_graphemes() {
        assert_eq!(wrapped("abcdefgh", 3), ["abc", "def", "gh"]);
        // The second cluster carries two combining marks; it stays whole.
        assert_eq!(wrapped("ae\u{323}\u{302}bc", 2), ["ae\u{323}\u{302}", "bc"]);
    }

    #[test]
    fn wide_character_that_does_not_fit_moves_down() {
        // "ab中": 2 + 2 cells; at width 3 the ideograph moves down. UAX #14
        // allows a break before an ideograph (LB: ID), so this is the word
        // break, not the fallback.
        assert_eq!(wrapped("ab中", 3), ["ab", "中"]);
        assert_eq!(wrapped("中文字", 5), ["中文", "字"]);
    }

    #[test]
    fn newline_forces_a_break() {
        assert_eq!(wrapped("one\ntwo", 80), ["one", "two"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrapped("", 10), [""]);
    }
}
