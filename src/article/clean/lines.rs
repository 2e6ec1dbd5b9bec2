//! The body cut into paragraphs (one per line, hard-wrapped blocks joined), and what a line is
//! made of.

use std::borrow::Cow;

use super::super::blocks::fenced_parts;

/// Splits the body into paragraphs: one per line, except blocks that were hard-wrapped, and
/// fenced blocks, which are one paragraph each, fences included ([`super::super::blocks`]).
/// Lazily and borrowing the lines, so that a body of millions of lines is not copied twice.
pub fn paragraphs(body: &str) -> impl Iterator<Item = Cow<'_, str>> {
    fenced_parts(body).into_iter().flat_map(|(fenced, part)| {
        let fence = fenced.then_some(Cow::Borrowed(part));
        let prose = (!fenced).then(|| prose_paragraphs(part));
        fence.into_iter().chain(prose.into_iter().flatten())
    })
}

/// [`paragraphs`] of a part of the body that holds no fenced block.
fn prose_paragraphs(body: &str) -> impl Iterator<Item = Cow<'_, str>> {
    body.split("\n\n").flat_map(|block| {
        let lines = || block.lines().map(str::trim).filter(|l| !l.is_empty());
        let joined =
            is_hard_wrapped(lines()).then(|| Cow::Owned(lines().collect::<Vec<_>>().join(" ")));
        let separate = joined.is_none().then(lines);
        joined
            .into_iter()
            .chain(separate.into_iter().flatten().map(Cow::Borrowed))
    })
}

/// A block whose lines all break near one column, as text filled to 72 or 80 columns is
/// (the last line aside, which may be short).
fn is_hard_wrapped<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut widths = lines.map(|l| l.chars().count());
    let Some(mut last) = widths.next() else {
        return false;
    };
    let (mut min, mut max) = (usize::MAX, 0);
    for width in widths {
        (min, max) = (min.min(last), max.max(last));
        last = width;
    }
    // `min` stays usize::MAX for a single line, which is out of range.
    (40..=100).contains(&min) && max <= 100 && max - min <= 25
}

pub fn is_image(line: &str) -> bool {
    let line = line.trim_end_matches(['|', ' ']);
    line.starts_with("![") && line.ends_with(')') && line.contains("](")
}

pub fn has_letter(line: &str) -> bool {
    line.chars().any(char::is_alphabetic)
}

pub fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Ends like a sentence (or a quotation of one), in any of the scripts lectern reads.
pub fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', '」', '』', ' ']);
    line.ends_with(['.', '!', '?', '…', '؟', '。', '！', '？', '۔', ';', ':'])
}

/// Short and without sentence punctuation: a link, a heading or a byline.
pub fn is_link_like(line: &str) -> bool {
    !ends_sentence(line) && line.chars().count() <= 160
}
