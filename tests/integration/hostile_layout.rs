//! Layout of hostile text (issue 7, item 7). A megabyte-long paragraph is laid out in chunks
//! (`src/text/chunk.rs`): its lines must still fit the width, and its glyphs must still point
//! into the original paragraph and cover it in order. A megabyte-long one-line text (a title)
//! is cut before layout and must still end in an ellipsis.

use lectern::article::Dir;
use lectern::text::{LayoutOptions, lay_out, lay_out_line};
use std::ops::Range;

const MB: usize = 1024 * 1024;
const DOTTED_CIRCLE: char = '\u{25CC}';

/// About 1 MB in one paragraph: words in four scripts (Arabic makes bidi runs), a 20 KB word
/// with no break opportunity (cut between graphemes), a letter carrying 5,000 combining marks
/// (a cluster longer than a chunk, cut inside) and more words. No brackets, so that no glyph
/// is mirrored.
fn megabyte_paragraph() -> String {
    let mut text = String::from("Start ");
    let words = "Việt Nam عربي فارسی 中文字 emoji 🇻🇳 ";
    while text.len() < MB / 2 {
        text.push_str(words);
    }
    text.push_str(&"x".repeat(20 * 1024));
    text.push_str(" a");
    text.push_str(&"\u{301}".repeat(5_000));
    text.push(' ');
    while text.len() < MB {
        text.push_str(words);
    }
    text
}

/// Checks one layout of `paragraph` at `width`; returns the number of glyphs.
fn check(paragraph: &str, width: usize) -> usize {
    let options = LayoutOptions {
        dir: Dir::Ltr,
        ..LayoutOptions::default()
    };
    let layout = lay_out(&[paragraph.to_owned()], width, &options);
    // Logical bytes accounted for so far: every glyph source starts at or after it, and what
    // lies between is only spaces (trimmed at line ends, where UAX #9 L1 puts them).
    let mut covered = 0;
    let mut glyphs = 0;
    for (row, line) in layout.lines.iter().enumerate() {
        assert_eq!(line.paragraph, 0);
        assert!(line.width() <= width, "row {row} is {} cells", line.width());
        // Within a line glyphs are in visual order; the line as a whole covers a logical range.
        let mut sources: Vec<Range<usize>> = line.glyphs.iter().map(|g| g.source.clone()).collect();
        sources.sort_by_key(|source| source.start);
        for source in sources {
            assert!(
                source.start >= covered && source.end > source.start,
                "row {row}: {source:?} overlaps or precedes byte {covered}"
            );
            let gap = &paragraph[covered..source.start];
            assert!(gap.chars().all(|c| c == ' '), "row {row}: {gap:?} skipped");
            covered = source.end;
        }
        for glyph in &line.glyphs {
            glyphs += 1;
            let shown = &paragraph[glyph.source.clone()];
            // The glyph draws its own source, except the two stand-ins layout documents: a
            // dotted circle under marks cut off their base, an ellipsis for a wide character
            // in a one-cell line.
            let stand_in =
                glyph.text.starts_with(DOTTED_CIRCLE) || (width == 1 && glyph.text == "\u{2026}");
            assert!(
                glyph.text == shown || stand_in,
                "row {row}: {:?} drawn for {shown:?}",
                glyph.text
            );
        }
    }
    let rest = &paragraph[covered..];
    assert!(
        rest.chars().all(|c| c == ' '),
        "{} bytes never drawn",
        rest.len()
    );
    glyphs
}

#[test]
fn a_megabyte_paragraph_fits_the_width_and_its_glyphs_cover_it_in_order() {
    let paragraph = megabyte_paragraph();
    for width in [1, 2, 37, 80] {
        let glyphs = check(&paragraph, width);
        // Every character but the spaces at line ends is in some glyph, so there are at least
        // as many glyphs as non-space clusters would be; a loose floor that fails when lines
        // go missing.
        assert!(glyphs > MB / 4, "width {width}: only {glyphs} glyphs");
    }
}

#[test]
fn a_megabyte_one_line_text_is_cut_with_an_ellipsis() {
    let options = LayoutOptions::default();
    // By hand: 20 cells hold "Oneline " (8), eleven x and the ellipsis, whose empty source
    // sits at the cut, byte 8 + 11.
    let title = format!("Oneline {}", "x".repeat(MB));
    let line = lay_out_line(&title, 20, &options);
    assert_eq!(
        line.to_plain(),
        format!("Oneline {}\u{2026}", "x".repeat(11))
    );
    assert_eq!(line.glyphs.last().map(|g| g.source.clone()), Some(19..19));
    // One cluster of 10,000 marks (20 KB) fits one cell, but is more than layout reads of a
    // line: what is read shows, then the ellipsis that says there is more.
    let marks = format!("Marks a{}", "\u{301}".repeat(10_000));
    let line = lay_out_line(&marks, 20, &options);
    assert_eq!(line.width(), 8);
    assert!(line.to_plain().starts_with("Marks a\u{301}"));
    assert!(line.to_plain().ends_with('\u{2026}'));
    // Right to left: the ellipsis at the logical end, which is the left; right-aligned.
    let arabic = "عربي ".repeat(MB / 9);
    let line = lay_out_line(
        &arabic,
        20,
        &LayoutOptions {
            dir: Dir::Rtl,
            ..options
        },
    );
    assert_eq!(line.width(), 20);
    assert_eq!(
        line.glyphs.first().map(|g| g.text.as_str()),
        Some("\u{2026}")
    );
}
