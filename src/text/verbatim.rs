//! Verbatim paragraphs (a web page's `pre`, a Markdown fenced block): each of their lines
//! is a screen line with its leading spaces kept, and a line wider than the screen is cut by
//! grapheme at the width, never rewrapped at word boundaries (code and aligned columns lose
//! their meaning when reflowed).

use super::LayoutOptions;
use super::ScreenLine;
use super::bidi::paragraph_info;
use super::chunk::chunks;
use super::direction::news_paragraph_dir;
use super::line::{aligned, glyphs, needs_bidi};
use super::nesting::neutralize_nesting;
use super::units::{Unit, units};
use super::wrap::trim_end;
use std::ops::Range;

/// Lays out verbatim paragraph number `index`, handing each screen line to `emit`. The whole
/// block takes one direction; each of its lines is resolved as its own bidi paragraph, as a
/// newline separates paragraphs in UAX #9 (rule P1).
pub(crate) fn lay_out_verbatim(
    index: usize,
    paragraph: &str,
    width: usize,
    options: LayoutOptions,
    emit: &mut impl FnMut(ScreenLine),
) {
    let text = neutralize_nesting(paragraph);
    let dir = news_paragraph_dir(&text, options.dir);
    let mut start = 0;
    for line in text.split('\n') {
        let line_start = start;
        start += line.len() + 1;
        for chunk in chunks(line) {
            let offset = line_start + chunk.start;
            let part = &line[chunk];
            let units = units(part, options.shaping, width);
            let info = needs_bidi(part, dir, options).then(|| paragraph_info(part, dir));
            for range in cut(&units, width) {
                let mut glyphs = glyphs(part, trim_end(&units, range), info.as_ref());
                for glyph in &mut glyphs {
                    glyph.source = glyph.source.start + offset..glyph.source.end + offset;
                }
                emit(aligned(index, dir, width, glyphs));
            }
        }
    }
}

/// Lines of at most `width` cells, cut before the first unit that does not fit, spaces
/// included; always at least one (empty for an empty line).
fn cut(units: &[Unit], width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, unit) in units.iter().enumerate() {
        let unit_width = usize::from(unit.width);
        if at > start && used + unit_width > width {
            lines.push(start..at);
            (start, used) = (at, 0);
        }
        used += unit_width;
    }
    lines.push(start..units.len());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(text: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let options = LayoutOptions::default();
        lay_out_verbatim(0, text, width, options, &mut |line| {
            lines.push(line.to_plain());
        });
        lines
    }

    #[test]
    fn lines_and_leading_spaces_are_kept() {
        assert_eq!(
            laid_out("fn main() {\n    call(a, b);\n}", 40),
            ["fn main() {", "    call(a, b);", "}"]
        );
        assert_eq!(laid_out("a\n\nb", 40), ["a", "", "b"]);
    }

    #[test]
    fn long_lines_are_cut_at_the_width_not_at_words() {
        assert_eq!(laid_out("one two three", 5), ["one t", "wo th", "ree"]);
        // A wide character that does not fit goes to the next line whole.
        assert_eq!(laid_out("abcd漢字", 5), ["abcd", "漢字"]);
    }

    #[test]
    fn sources_point_into_the_whole_block() {
        let text = "ab\n  cd";
        let mut sources = Vec::new();
        lay_out_verbatim(0, text, 80, LayoutOptions::default(), &mut |line| {
            sources.extend(line.glyphs.into_iter().map(|g| g.source));
        });
        assert_eq!(sources.last(), Some(&(6..7)));
        assert_eq!(&text[6..7], "d");
    }
}
