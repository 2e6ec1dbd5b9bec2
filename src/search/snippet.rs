//! Snippets: one line of an article's own text around its first hit, hits marked.

use std::ops::Range;

use serde::Serialize;

use super::query::SearchQuery;
use super::tokens::located_tokens;
use crate::text::is_forbidden;

/// Characters of text a snippet shows (the ellipses aside).
pub const SNIPPET_CHARS: usize = 160;

/// Characters kept before the first hit, so that it is read in context.
const BEFORE: usize = 40;

/// One line of text with the matched words as byte ranges into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The line: text of one paragraph, `…` where it was cut, line breaks as spaces.
    pub text: String,
    /// The matched words, in order, as byte ranges of `text`.
    pub ranges: Vec<Range<usize>>,
}

/// The snippet of the first paragraph with a hit of `query` (of the first paragraph when
/// none has one: the hit was in the title, or is a phrase split across paragraphs).
pub fn snippet<'a>(paragraphs: impl IntoIterator<Item = &'a str>, query: &SearchQuery) -> Snippet {
    let marked = query.marked_tokens();
    let mut first = None;
    for paragraph in paragraphs {
        if paragraph.trim().is_empty() {
            continue;
        }
        let hits: Vec<Range<usize>> = located_tokens(paragraph)
            .into_iter()
            .filter(|(token, _)| {
                (marked.iter())
                    .any(|&(want, prefix)| token == want || (prefix && token.starts_with(want)))
            })
            .map(|(_, range)| range)
            .fold(Vec::new(), merge);
        if !hits.is_empty() {
            return cut(paragraph, &hits);
        }
        first.get_or_insert(paragraph);
    }
    first
        .map(|paragraph| cut(paragraph, &[]))
        .unwrap_or_default()
}

/// Appends `range` to `ranges`, joined with the last one when they overlap (the bigrams of
/// one CJK word are one hit).
fn merge(mut ranges: Vec<Range<usize>>, range: Range<usize>) -> Vec<Range<usize>> {
    match ranges.last_mut() {
        Some(last) if range.start < last.end => last.end = last.end.max(range.end),
        _ => ranges.push(range),
    }
    ranges
}

/// Cuts a line of [`SNIPPET_CHARS`] out of `paragraph` around the first of `hits`.
fn cut(paragraph: &str, hits: &[Range<usize>]) -> Snippet {
    let anchor = hits.first().map_or(0, |hit| hit.start);
    // Back up to BEFORE characters before the hit, then forward to a word start.
    let mut start = paragraph[..anchor]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(at, _)| at);
    if start > 0
        && let Some(space) = paragraph[start..anchor].find(char::is_whitespace)
    {
        start += space
            + paragraph[start + space..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    let end = paragraph[start..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(paragraph.len(), |(at, _)| start + at);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    // One line printed as it is (`lectern search`): breaks become spaces, and bidi controls
    // go, since an unclosed override would reorder whatever the terminal prints after it
    // (an RLO in a page reached the screen this way). `moved` is each byte's new offset.
    let piece = &paragraph[start..end];
    let mut moved = vec![0; piece.len() + 1];
    for (at, c) in piece.char_indices() {
        moved[at] = text.len();
        if matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}') {
            text.push(' ');
        } else if !is_forbidden(c) {
            text.push(c);
        }
    }
    moved[piece.len()] = text.len();
    if end < paragraph.len() {
        text.push('…');
    }
    let ranges = (hits.iter())
        .filter(|hit| hit.start >= start && hit.end <= end)
        .map(|hit| moved[hit.start - start]..moved[hit.end - start])
        .filter(|range| !range.is_empty())
        .collect();
    Snippet { text, ranges }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(line: &Snippet) -> Vec<&str> {
        (line.ranges.iter())
            .map(|range| &line.text[range.clone()])
            .collect()
    }

    #[test]
    fn hits_are_the_unfolded_words() {
        let query = SearchQuery::parse("dai su", false);
        let line = snippet(["Mở đầu.", "Ông Đại sứ nói: đại sứ quán mở cửa."], &query);
        assert_eq!(line.text, "Ông Đại sứ nói: đại sứ quán mở cửa.");
        assert_eq!(marked(&line), ["Đại", "sứ", "đại", "sứ"]);
    }

    #[test]
    fn a_long_paragraph_is_cut_around_the_first_hit() {
        let paragraph = format!("{} needle {}", "hay ".repeat(100), "straw ".repeat(100));
        let line = snippet([paragraph.as_str()], &SearchQuery::parse("needle", false));
        assert!(line.text.starts_with("…hay "), "{}", line.text);
        assert!(line.text.ends_with('…'));
        assert_eq!(marked(&line), ["needle"]);
        assert_eq!(line.text.chars().count(), SNIPPET_CHARS + 2);
    }

    #[test]
    fn cjk_hits_and_prefixes() {
        let query = SearchQuery::parse("北京", false);
        let line = snippet(["我们在北京市工作"], &query);
        assert_eq!(marked(&line), ["北京"]);
        let query = SearchQuery::parse("北京市", false);
        let line = snippet(["我们在北京市工作"], &query);
        assert_eq!(marked(&line), ["北京市"]);
        let query = SearchQuery::parse("ambassad", true);
        let line = snippet(["The Ambassador spoke."], &query);
        assert_eq!(marked(&line), ["Ambassador"]);
    }

    #[test]
    fn the_line_holds_no_break_and_no_bidi_control() {
        // A page with an RLO before the hit once put it raw on the terminal.
        let query = SearchQuery::parse("needle", false);
        let line = snippet(["a\u{202e} b\u{2067}\nneedle\u{2028}end\u{200f}"], &query);
        assert_eq!(line.text, "a b needle end");
        assert_eq!(marked(&line), ["needle"]);
    }

    #[test]
    fn no_hit_in_the_body_shows_its_start() {
        let line = snippet(["", "First words here."], &SearchQuery::parse("zzz", false));
        assert_eq!(
            line,
            Snippet {
                text: "First words here.".to_owned(),
                ranges: vec![]
            }
        );
    }
}
