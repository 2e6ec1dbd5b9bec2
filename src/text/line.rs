//! Turns a paragraph's units into screen lines: wrapping, reordering,
//! mirroring, alignment; and [`lay_out_line`] for one-line texts.

use super::bidi::{paragraph_info, visual_order, visual_runs};
use super::chunk::chunks;
use super::classes::{may_be_rtl, may_mirror};
use super::direction::news_paragraph_dir;
use super::nesting::neutralize_nesting;
use super::units::{Unit, units};
use super::wrap::{trim_end, wrap};
use super::{BidiMode, Dir, Glyph, LayoutOptions, ScreenLine};
use compact_str::CompactString;
use std::borrow::Cow;
use unicode_bidi::ParagraphBidiInfo;
use unicode_bidi_mirroring::get_mirrored;

const ELLIPSIS: &str = "\u{2026}";

/// Lays out paragraph number `index`, handing each screen line to `emit`. A paragraph longer
/// than [`CHUNK_BYTES`](super::chunk::CHUNK_BYTES) is laid out chunk by chunk (see
/// [`super::chunk`] for why), with the direction of the whole paragraph and glyph sources
/// offset back into it.
pub(crate) fn lay_out_paragraph(
    index: usize,
    paragraph: &str,
    width: usize,
    options: LayoutOptions,
    emit: &mut impl FnMut(ScreenLine),
) {
    let text = neutralize_nesting(paragraph);
    let dir = news_paragraph_dir(&text, options.dir);
    for chunk in chunks(&text) {
        let offset = chunk.start;
        let part = &text[chunk];
        let units = units(part, options.shaping, width);
        let info = needs_bidi(part, dir, options).then(|| paragraph_info(part, dir));
        for line in wrap(&units, width) {
            let mut glyphs = glyphs(part, trim_end(&units, line), info.as_ref());
            if offset > 0 {
                for glyph in &mut glyphs {
                    glyph.source = glyph.source.start + offset..glyph.source.end + offset;
                }
            }
            emit(aligned(index, dir, width, glyphs));
        }
    }
}

/// One-line texts longer than this many bytes (or 16 bytes a cell on wide screens) are cut
/// before layout: a line shows at most a screen's width, and a megabyte-long title laid out
/// whole on every frame made each frame take a second.
const LINE_BYTES: usize = 4096;

/// `text` cut to at most `max` bytes at a character boundary, and whether it was cut.
fn bounded(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// Lays out a one-line text (a title, a header) in visual order, truncated
/// to `width` cells with an ellipsis at its logical end when it does not fit
/// (on the left for a right-to-left text). Newlines count as spaces. The
/// ellipsis glyph has an empty source range at the cut; right-to-left lines
/// are right-aligned with `indent`.
pub fn lay_out_line(text: &str, width: usize, options: &LayoutOptions) -> ScreenLine {
    // What is cut off would not fit anyway; `cut` makes sure the ellipsis shows.
    let (text, cut_off) = bounded(text, LINE_BYTES.max(width.saturating_mul(16)));
    // Same length, so byte offsets still point into `text`.
    let text = if text.contains('\n') {
        Cow::Owned(text.replace('\n', " "))
    } else {
        Cow::Borrowed(text)
    };
    let text = neutralize_nesting(&text);
    let dir = news_paragraph_dir(&text, options.dir);
    if width == 0 {
        return aligned(0, dir, 0, Vec::new());
    }
    // Measured at full width: in one cell a wide character would be squeezed to a stand-in
    // `…` that looks like the ellipsis but says nothing was cut.
    let all = units(&text, options.shaping, usize::MAX);
    let fitting = trim_end(&all, 0..all.len());
    let used: usize = fitting.iter().map(|unit| usize::from(unit.width)).sum();
    if used <= width && !cut_off {
        let info = needs_bidi(&text, dir, *options).then(|| paragraph_info(&text, dir));
        return aligned(0, dir, width, glyphs(&text, fitting, info.as_ref()));
    }
    // Keep the longest logical prefix that leaves a cell for the ellipsis,
    // then lay out prefix + ellipsis so the ellipsis takes part in bidi
    // resolution and lands at the logical end.
    let mut room = width - 1;
    let kept = fitting
        .iter()
        .take_while(|unit| {
            let fits = usize::from(unit.width) <= room;
            room = room.saturating_sub(usize::from(unit.width));
            fits
        })
        .count();
    let kept = trim_end(fitting, 0..kept);
    let cut = kept.last().map_or(0, |unit| unit.source.end);
    let truncated = format!("{}{ELLIPSIS}", &text[..cut]);
    let units = units(&truncated, options.shaping, width);
    let info = needs_bidi(&truncated, dir, *options).then(|| paragraph_info(&truncated, dir));
    let mut line = glyphs(&truncated, trim_end(&units, 0..units.len()), info.as_ref());
    for glyph in &mut line {
        if glyph.source.start >= cut {
            glyph.source = cut..cut;
        }
    }
    aligned(0, dir, width, line)
}

/// Whether lectern must resolve bidi levels: it reorders, and the paragraph
/// is right-to-left or holds something that can leave level 0 (a
/// left-to-right paragraph of left-to-right text is already in visual
/// order).
pub(super) fn needs_bidi(text: &str, dir: Dir, options: LayoutOptions) -> bool {
    options.bidi == BidiMode::App && (dir == Dir::Rtl || text.contains(may_be_rtl))
}

/// The glyphs of one line's units, in visual order when `info` is given
/// (lectern reorders), else in logical order (the terminal does).
pub(super) fn glyphs(
    text: &str,
    line: &[Unit],
    info: Option<&ParagraphBidiInfo<'_>>,
) -> Vec<Glyph> {
    let mut glyphs = Vec::with_capacity(line.len());
    let (Some(info), Some(first), Some(last)) = (info, line.first(), line.last()) else {
        glyphs.extend(line.iter().filter_map(|unit| glyph(text, unit, false)));
        return glyphs;
    };
    let runs = visual_runs(info, first.source.start..last.source.end);
    let order = visual_order(&runs, line, |unit| unit.source.start);
    glyphs.extend(
        order
            .into_iter()
            .filter_map(|(index, rtl)| glyph(text, &line[index], rtl)),
    );
    glyphs
}

/// How a unit is drawn, as [`right_to_left`] in a right-to-left run; `None`
/// for units that are never drawn.
fn glyph(text: &str, unit: &Unit, rtl: bool) -> Option<Glyph> {
    if unit.hidden() {
        return None;
    }
    let shown = unit.shown(text);
    let text = if rtl {
        right_to_left(shown)
    } else {
        CompactString::from(shown)
    };
    Some(Glyph {
        text,
        width: unit.width,
        source: unit.source.clone(),
    })
}

/// ZWNJ and ZWJ, which join or part the letters on either side of them.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// How a cluster is drawn in a right-to-left run: brackets mirrored (rule
/// L4), and the joiners that end it moved to its front. UAX #29 keeps a
/// joiner in the cluster of the letter before it, but in a right-to-left run
/// the letter after it is drawn on the left, so that is where the joiner goes
/// to stay between the two letters it joins ("می‌کند" reads د ن ک ZWNJ ی م
/// left to right, as `FriBidi` orders it); a terminal that joins letters then
/// joins the right pair. A joiner inside a cluster (an emoji ZWJ sequence)
/// stays where it is.
fn right_to_left(shown: &str) -> CompactString {
    let mirrors = shown
        .chars()
        .any(|c| may_mirror(c) && get_mirrored(c).is_some());
    let mut drawn: CompactString = if mirrors {
        shown
            .chars()
            .map(|c| get_mirrored(c).unwrap_or(c))
            .collect()
    } else {
        CompactString::from(shown)
    };
    let base = drawn.trim_end_matches(is_joiner).len();
    if base > 0 && base < drawn.len() {
        let joiners = CompactString::from(&drawn[base..]);
        drawn.truncate(base);
        drawn.insert_str(0, &joiners);
    }
    drawn
}

/// A screen line, right-aligned when the paragraph is right-to-left.
pub(super) fn aligned(paragraph: usize, dir: Dir, width: usize, glyphs: Vec<Glyph>) -> ScreenLine {
    let used: usize = glyphs.iter().map(|glyph| usize::from(glyph.width)).sum();
    let indent = match dir {
        Dir::Rtl => width.saturating_sub(used),
        Dir::Ltr => 0,
    };
    ScreenLine {
        paragraph,
        dir,
        indent,
        glyphs,
    }
}
