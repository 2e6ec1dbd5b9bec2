//! Bounds the nesting of bidi embeddings and isolates.
//!
//! unicode-bidi 0.3.18 panics (servo/unicode-bidi#145) when every character of
//! a line resolves to level 126, which takes 63 or more nested openers
//! (`tests/layout_nesting.rs` finds the exact depth). Keeping at most
//! [`MAX_BIDI_DEPTH`] openers open bounds every level by
//! `1 + 2 * MAX_BIDI_DEPTH + 1 = 66`, far from that. Real text nests two or
//! three deep.
//!
//! The openers past the limit are dropped together with the closers that
//! match them, following the matching of UAX #9 X1-X8 (a PDF closes the
//! innermost embedding unless an isolate is innermost; a PDI closes the
//! innermost isolate and everything opened inside it). Closers that match
//! nothing are kept: the bidi algorithm ignores them anyway. Dropping leaves
//! the kept structure exactly as it was, so the guard is idempotent.

use std::borrow::Cow;

/// The deepest nesting of embeddings and isolates that is kept.
pub const MAX_BIDI_DEPTH: usize = 32;

const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';
const LRO: char = '\u{202D}';
const RLO: char = '\u{202E}';
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// An opener on the stack: whether it is an isolate, and whether it was kept.
#[derive(Clone, Copy)]
struct Opener {
    isolate: bool,
    kept: bool,
}

/// Stands in for a cut opener or closer in layout: invisible, removed by
/// bidi rule X9 like the control it replaces, and of the same UTF-8 length,
/// so byte offsets into the paragraph stay valid.
const WORD_JOINER: char = '\u{2060}';

/// Returns `text` with embeddings and isolates nested deeper than
/// [`MAX_BIDI_DEPTH`] removed, with their matching closers. Borrows when
/// nothing is removed. The whole text counts as one paragraph.
pub fn limit_bidi_nesting(text: &str) -> Cow<'_, str> {
    limit_nesting(text, false, None)
}

/// What layout runs on each paragraph, however it was put together: like
/// [`limit_bidi_nesting`] but replacing instead of removing, so that the
/// source ranges of glyphs still point into the paragraph.
pub(crate) fn neutralize_nesting(text: &str) -> Cow<'_, str> {
    limit_nesting(text, false, Some(WORD_JOINER))
}

/// Cuts the excess, replacing each cut control by `replacement` or removing
/// it, optionally starting afresh after each newline (each line is its own
/// bidi paragraph, UAX #9 P1).
pub(crate) fn limit_nesting(
    text: &str,
    reset_at_newline: bool,
    replacement: Option<char>,
) -> Cow<'_, str> {
    if !text.contains(|c| matches!(c, LRE..=RLO | LRI..=PDI)) {
        return Cow::Borrowed(text);
    }
    let mut stack: Vec<Opener> = Vec::new();
    let mut kept_depth = 0;
    let mut out = String::new();
    let mut dropped_any = false;
    for (at, c) in text.char_indices() {
        let keep = match c {
            LRE | RLE | LRO | RLO | LRI | RLI | FSI => {
                let kept = kept_depth < MAX_BIDI_DEPTH;
                kept_depth += usize::from(kept);
                stack.push(Opener {
                    isolate: matches!(c, LRI | RLI | FSI),
                    kept,
                });
                kept
            }
            PDF => match stack.last().copied() {
                None => true,
                // A PDF cannot close past an isolate; it goes with the
                // isolate's fate so that dropping the isolate cannot let it
                // close an outer embedding on the next pass.
                Some(top) if top.isolate => top.kept,
                Some(top) => {
                    stack.pop();
                    kept_depth -= usize::from(top.kept);
                    top.kept
                }
            },
            PDI => match stack.iter().rposition(|o| o.isolate) {
                None => true,
                Some(isolate) => {
                    let closed = &stack[isolate..];
                    kept_depth -= closed.iter().filter(|o| o.kept).count();
                    let kept = stack[isolate].kept;
                    stack.truncate(isolate);
                    kept
                }
            },
            '\n' if reset_at_newline => {
                stack.clear();
                kept_depth = 0;
                true
            }
            _ => true,
        };
        if !keep && !dropped_any {
            dropped_any = true;
            out.reserve(text.len());
            out.push_str(&text[..at]);
        }
        if dropped_any {
            out.extend(if keep { Some(c) } else { replacement });
        }
    }
    if dropped_any {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: char, close: char, depth: usize) -> String {
        let mut text = String::new();
        for _ in 0..depth {
            text.push(open);
            text.push('a');
        }
        for _ in 0..depth {
            text.push(close);
        }
        text
    }

    #[test]
    fn shallow_nesting_is_borrowed_untouched() {
        let text = nested(RLI, PDI, MAX_BIDI_DEPTH);
        assert!(matches!(limit_bidi_nesting(&text), Cow::Borrowed(_)));
    }

    #[test]
    fn excess_openers_and_their_closers_go() {
        // 40 x (RLE a), then 40 PDF: the last 8 RLE go, and so do the first
        // 8 PDF, which close them.
        let limited = limit_bidi_nesting(&nested(RLE, PDF, 40)).into_owned();
        let expected = format!(
            "{}{}{}",
            format!("{RLE}a").repeat(MAX_BIDI_DEPTH),
            "a".repeat(8),
            PDF.to_string().repeat(MAX_BIDI_DEPTH)
        );
        assert_eq!(limited, expected);
    }

    #[test]
    fn a_pdi_closes_embeddings_opened_inside_its_isolate() {
        // 32 isolates (the limit), then 10 embeddings that are cut, then a
        // PDI that closes the 32nd isolate and the embeddings inside it;
        // after it there is room for one more isolate.
        let mut text = RLI.to_string().repeat(MAX_BIDI_DEPTH);
        text.push_str(&RLE.to_string().repeat(10));
        text.push(PDI);
        text.push(LRI);
        let limited = limit_bidi_nesting(&text).into_owned();
        let mut expected = RLI.to_string().repeat(MAX_BIDI_DEPTH);
        expected.push(PDI);
        expected.push(LRI);
        assert_eq!(limited, expected);
    }

    #[test]
    fn newline_resets_only_when_asked() {
        let line = RLI.to_string().repeat(20);
        let text = format!("{line}\n{line}");
        assert!(matches!(limit_nesting(&text, true, None), Cow::Borrowed(_)));
        let limited = limit_nesting(&text, false, None);
        assert_eq!(
            limited.chars().filter(|&c| c == RLI).count(),
            MAX_BIDI_DEPTH
        );
    }

    #[test]
    fn layout_variant_keeps_byte_offsets() {
        let text = format!("{}x", RLE.to_string().repeat(40));
        let neutral = neutralize_nesting(&text);
        assert_eq!(neutral.len(), text.len());
        assert_eq!(neutral.chars().filter(|&c| c == WORD_JOINER).count(), 8);
        assert!(neutral.ends_with('x'));
    }
}
