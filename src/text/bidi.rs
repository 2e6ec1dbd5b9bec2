//! Paragraph direction and the reordering of a line into visual order
//! (UAX #9 P2/P3, L1 and L2, by unicode-bidi; L3 and L4 by the caller).
//!
//! [`visual_order`] works on any units that tile a line: layout passes
//! grapheme clusters, so a cluster is reversed as a whole and its combining
//! marks stay on their base (L3); the conformance test passes single
//! characters and checks the same code against `BidiCharacterTest.txt`.

use super::Dir;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_bidi::{
    BidiClass, BidiDataSource, Direction, Level, ParagraphBidiInfo, bidi_class,
    get_base_direction_with_data_source,
};

/// A level run of a line: a logical byte range drawn in one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualRun {
    /// Logical byte range in the paragraph.
    pub range: Range<usize>,
    /// Whether its resolved level is odd (drawn right to left).
    pub rtl: bool,
}

/// Direction of a paragraph: that of its first strong character outside
/// isolates (UAX #9 P2), or `fallback` when it has none (P3, with the
/// article's direction as the higher-level default, HL1).
pub fn paragraph_dir(text: &str, fallback: Dir) -> Dir {
    match get_base_direction_with_data_source(&TabledBidiData, text) {
        Direction::Ltr => Dir::Ltr,
        Direction::Rtl => Dir::Rtl,
        Direction::Mixed => fallback,
    }
}

/// Resolves the embedding levels of a whole paragraph.
pub fn paragraph_info(text: &str, dir: Dir) -> ParagraphBidiInfo<'_> {
    let level = match dir {
        Dir::Ltr => Level::ltr(),
        Dir::Rtl => Level::rtl(),
    };
    ParagraphBidiInfo::new_with_data_source(&TabledBidiData, text, Some(level))
}

/// The bidi class of `c`, from the same data as [`paragraph_info`].
pub(super) fn bidi_class_of(c: char) -> BidiClass {
    TabledBidiData.bidi_class(c)
}

/// Code points below this are looked up in a table.
const TABLED: u32 = 0x800;

/// unicode-bidi's own character data, with the code points below U+0800
/// (Latin, Greek, Cyrillic, Hebrew, Arabic) copied into a table on first use:
/// the crate's binary search per character is a large part of resolving an
/// Arabic paragraph.
struct TabledBidiData;

impl BidiDataSource for TabledBidiData {
    fn bidi_class(&self, c: char) -> BidiClass {
        static TABLE: OnceLock<Vec<BidiClass>> = OnceLock::new();
        let table = TABLE.get_or_init(|| {
            (0..TABLED)
                .map(|code| char::from_u32(code).map_or(BidiClass::L, bidi_class))
                .collect()
        });
        usize::try_from(u32::from(c))
            .ok()
            .and_then(|index| table.get(index).copied())
            .unwrap_or_else(|| bidi_class(c))
    }
}

/// The level runs of `line` (a byte range of the paragraph `info` was built
/// from, on character boundaries) in visual order, after rules L1 and L2.
///
/// `line` must not hold every character at level 126, which unicode-bidi
/// 0.3.18 cannot reorder; [`super::limit_bidi_nesting`] makes that
/// impossible.
pub fn visual_runs(info: &ParagraphBidiInfo<'_>, line: Range<usize>) -> Vec<VisualRun> {
    if line.is_empty() || line.end > info.text.len() {
        return Vec::new();
    }
    if let Some(level) = uniform_level(info, &line) {
        return vec![VisualRun {
            range: line,
            rtl: level.is_rtl(),
        }];
    }
    // This copies the levels of the whole paragraph, so it is kept for the
    // lines that need it.
    let (levels, runs) = info.visual_runs(line);
    runs.into_iter()
        .map(|range| VisualRun {
            rtl: levels.get(range.start).is_some_and(Level::is_rtl),
            range,
        })
        .collect()
}

/// The level of every character of `line` when L1 and L2 leave it a single
/// run: all its levels equal, no segment or paragraph separator (L1 resets
/// those), and no whitespace, isolate or X9-removed character at its end
/// unless the level is the paragraph's (L1 resets those to it). Checking
/// this costs the line, not the paragraph.
fn uniform_level(info: &ParagraphBidiInfo<'_>, line: &Range<usize>) -> Option<Level> {
    use BidiClass::{B, BN, FSI, LRE, LRI, LRO, PDF, PDI, RLE, RLI, RLO, S, WS};
    if !info.has_rtl() && info.paragraph_level.is_ltr() {
        return Some(info.paragraph_level);
    }
    let levels = info.levels.get(line.clone())?;
    let classes = info.original_classes.get(line.clone())?;
    let level = *levels.first()?;
    let uniform = levels.iter().all(|&other| other == level)
        && !classes.iter().any(|&class| matches!(class, B | S));
    let reset_at_end = classes.last().is_some_and(|&class| {
        matches!(
            class,
            WS | FSI | LRI | RLI | PDI | RLE | LRE | RLO | LRO | PDF | BN
        )
    });
    (uniform && (level == info.paragraph_level || !reset_at_end)).then_some(level)
}

/// The visual order of `units`, which tile a line in logical order
/// (`start_of` gives each one's first byte): indices into `units`, left to
/// right, each with whether it sits in a right-to-left run.
///
/// A unit belongs to the run that holds its first byte and moves as a whole;
/// units of a right-to-left run are reversed.
pub fn visual_order<T>(
    runs: &[VisualRun],
    units: &[T],
    start_of: impl Fn(&T) -> usize,
) -> Vec<(usize, bool)> {
    let mut order = Vec::with_capacity(units.len());
    for run in runs {
        let first = units.partition_point(|unit| start_of(unit) < run.range.start);
        let end = units.partition_point(|unit| start_of(unit) < run.range.end);
        if run.rtl {
            order.extend((first..end).rev().map(|index| (index, true)));
        } else {
            order.extend((first..end).map(|index| (index, false)));
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Visual order of the characters of `text` as indices.
    fn char_order(text: &str, dir: Dir) -> Vec<usize> {
        let info = paragraph_info(text, dir);
        let runs = visual_runs(&info, 0..text.len());
        let chars: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        visual_order(&runs, &chars, |&at| at)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn hebrew_then_digits_by_hand() {
        // The example in BidiCharacterTest.txt's header
        // (05D0 0020 0031 002D 0032;0;0;1 1 2 2 2;2 3 4 1 0): in an LTR
        // paragraph "1-2" keeps its order and goes left of the alef.
        assert_eq!(char_order("\u{5D0} 1-2", Dir::Ltr), [2, 3, 4, 1, 0]);
    }

    #[test]
    fn l1_resets_are_respected_on_uniform_lines() {
        // Alef, RLO, "ab ": every character resolves to level 1 (the RLO
        // too, after the R before it), then L1 resets the trailing space to
        // the paragraph level 0: "ba" and alef reversed, space last. By
        // hand, without the RLO (removed by X9): 3 2 0 4.
        let order = |text| {
            let order = char_order(text, Dir::Ltr);
            order.into_iter().filter(|&i| i != 1).collect::<Vec<_>>()
        };
        assert_eq!(order("\u{5D0}\u{202E}ab "), [3, 2, 0, 4]);
        // A tab (segment separator) is reset too, splitting the run:
        // "a" RLO alef, tab, "b" = 2 0 3 4.
        assert_eq!(order("\u{5D0}\u{202E}a\tb"), [2, 0, 3, 4]);
    }

    #[test]
    fn tabled_data_is_the_crate_data() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(TabledBidiData.bidi_class(c), bidi_class(c), "{c:?}");
        }
    }

    #[test]
    fn direction_from_first_strong_character() {
        assert_eq!(paragraph_dir("123 abc عربي", Dir::Rtl), Dir::Ltr);
        assert_eq!(paragraph_dir("123 عربي abc", Dir::Ltr), Dir::Rtl);
        assert_eq!(paragraph_dir("123 ...", Dir::Rtl), Dir::Rtl);
        // Strong characters inside an isolate do not count (P2).
        assert_eq!(
            paragraph_dir("\u{2067}عربي\u{2069} abc", Dir::Rtl),
            Dir::Ltr
        );
    }
}
