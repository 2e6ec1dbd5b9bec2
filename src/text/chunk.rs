//! Cuts a very long paragraph into chunks that layout resolves and wraps one at a time.
//!
//! Why: bidi resolution (UAX #9) is per paragraph, and its cost per line grows with the
//! paragraph (unicode-bidi copies the levels of the whole paragraph for each line that mixes
//! directions), so a 10 MB paragraph of mixed text took 80 s to lay out. Resolving each
//! chunk as its own paragraph, with the direction of the whole one, changes reordering only
//! across a cut (a run that spans it is reordered on each side separately) and ends a screen
//! line at each cut. That is acceptable for hostile input; a normal paragraph (a few
//! kilobytes) is far below [`CHUNK_BYTES`] and is never cut.

use std::ops::Range;
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;

/// Paragraphs longer than this many bytes are cut into chunks of at most this size.
/// Measured laying out a 10 MB line of mixed Latin, Arabic and CJK words (release, width 80,
/// three runs each): 8 KB 0.75–0.85 s, 16 KB 1.1–1.6 s, 32 KB 1.3–1.6 s, 64 KB 1.2–1.9 s,
/// uncut about 80 s. Smaller is faster because the per-line cost inside a chunk still grows
/// with the chunk. A real paragraph is rarely over 2 KB.
pub(crate) const CHUNK_BYTES: usize = 8 * 1024;

/// The chunks of `text` as byte ranges that tile it, in order; one range (possibly empty)
/// when `text` is no longer than [`CHUNK_BYTES`].
pub(crate) fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(text.len() / CHUNK_BYTES + 1);
    let mut start = 0;
    while text.len() - start > CHUNK_BYTES {
        let end = start + cut(&text[start..]);
        ranges.push(start..end);
        start = end;
    }
    ranges.push(start..text.len());
    ranges
}

/// Where the first chunk of `text` (longer than [`CHUNK_BYTES`]) ends: at the last line-break
/// opportunity (UAX #14) in the second half of the first [`CHUNK_BYTES`], else at the last
/// grapheme boundary there, else (one cluster longer than half a chunk, such as a letter with
/// thousands of combining marks) at the last character boundary. Never before the half, so
/// chunking stays linear.
fn cut(text: &str) -> usize {
    let mut end = CHUNK_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[..end];
    let half = CHUNK_BYTES / 2;
    // The window's own end is always reported as a (mandatory) opportunity: not a real one.
    let at_break = linebreaks(window)
        .map(|(at, _)| at)
        .filter(|&at| at > half && at < end)
        .last();
    at_break
        .or_else(|| {
            window
                .grapheme_indices(true)
                .map(|(at, _)| at)
                .rfind(|&at| at > half)
        })
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        chunks(text).into_iter().map(|range| &text[range]).collect()
    }

    #[test]
    fn short_text_is_one_chunk() {
        assert_eq!(pieces(""), [""]);
        assert_eq!(pieces("one two"), ["one two"]);
        let full = "a".repeat(CHUNK_BYTES);
        assert_eq!(pieces(&full), [full.as_str()]);
    }

    #[test]
    fn cuts_after_a_space_when_there_is_one() {
        // Words of 9 bytes and a space: every chunk but the last ends with a space, so the
        // cut falls between words (UAX #14 allows a break after a space, LB18).
        let text = "abcdefghi ".repeat(5 * CHUNK_BYTES / 10);
        let pieces = pieces(&text);
        assert!(pieces.len() >= 5);
        for piece in &pieces[..pieces.len() - 1] {
            assert!(
                piece.ends_with(' ') && piece.len() <= CHUNK_BYTES,
                "{}",
                piece.len()
            );
            assert!(piece.len() > CHUNK_BYTES / 2);
        }
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn cuts_between_graphemes_in_a_long_word() {
        // "ệ" as e + U+0323 + U+0302 (5 bytes, one cluster), no break opportunity anywhere:
        // cuts fall between clusters, never inside one.
        let cluster = "e\u{323}\u{302}";
        let text = cluster.repeat(3 * CHUNK_BYTES / cluster.len());
        for piece in pieces(&text) {
            assert!(piece.starts_with('e') && piece.ends_with('\u{302}'));
            assert_eq!(piece.len() % cluster.len(), 0);
        }
    }

    #[test]
    fn a_cluster_longer_than_a_chunk_is_cut_at_a_character() {
        let text = format!("a{}", "\u{301}".repeat(CHUNK_BYTES));
        let pieces = pieces(&text);
        assert!(pieces.len() >= 2);
        assert!(
            pieces
                .iter()
                .all(|p| !p.is_empty() && p.len() <= CHUNK_BYTES)
        );
        assert_eq!(pieces.concat(), text);
    }
}
