//! Splits a paragraph into the units layout moves around: grapheme clusters
//! (a lam-alef ligature makes one unit of two), with their widths, how they
//! are drawn, and where lines may break before them.

use super::Shaping;
use super::classes::{is_hidden, is_whitespace};
use super::clusters::for_each_cluster;
use super::sanitize::{is_forbidden, stand_in};
use super::shape;
use super::width::{grapheme_width, str_width};
use compact_str::CompactString;
use std::ops::Range;
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Whether a line may or must break before a unit (UAX #14).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    /// No break opportunity.
    Never,
    /// A line may end here.
    Allowed,
    /// A line must end here (after a newline).
    Mandatory,
}

/// A grapheme cluster (or ligature) of a paragraph, in logical order.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Logical byte range in the paragraph.
    pub source: Range<usize>,
    /// What to draw when it is not the source text itself.
    pub shown: Option<CompactString>,
    /// Cells: 1 or 2 when drawn, 0 when never drawn (bidi controls, format
    /// characters removed by X9, newlines).
    pub width: u8,
    /// Whitespace (bidi class WS) or never drawn: trimmed at a line's end.
    pub space: bool,
    /// Whether a line can break before this unit.
    pub break_before: Break,
}

impl Unit {
    /// Whether the unit is never drawn.
    pub fn hidden(&self) -> bool {
        self.width == 0
    }

    /// What to draw, given the paragraph it came from.
    pub fn shown<'a>(&'a self, text: &'a str) -> &'a str {
        self.shown.as_deref().unwrap_or(&text[self.source.clone()])
    }
}

/// Drawn in place of a cluster wider than the whole line (a wide character
/// in a one-cell layout).
const TOO_WIDE: &str = "\u{2026}";

/// Drawn under a cluster that has no base (a lone combining mark), so that it
/// has a cell of its own.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// The units of `text`, for lines at most `width` cells wide (at least 1).
pub(crate) fn units(text: &str, shaping: Shaping, width: usize) -> Vec<Unit> {
    // At most one unit per byte; growing the vector costs more than this.
    let mut units = Vec::with_capacity(text.len());
    for_each_cluster(text, |at, cluster| units.push(unit(at, cluster, width)));
    if shaping == Shaping::Forms {
        units = shape::shape(text, units);
    }
    mark_breaks(text, &mut units);
    units
}

fn unit(at: usize, cluster: &str, max_width: usize) -> Unit {
    let mut unit = Unit {
        source: at..at + cluster.len(),
        shown: None,
        width: 1,
        space: false,
        break_before: Break::Never,
    };
    // ASCII fast path: one byte is one cluster (CR LF aside, which is two).
    if let [byte] = cluster.as_bytes() {
        match byte {
            b' ' => unit.space = true,
            b'\n' => {
                unit.space = true;
                unit.width = 0;
            }
            0x21..=0x7E => {}
            _ => unit.shown = Some(shown_with_stand_ins(cluster)),
        }
        return unit;
    }
    // Bidi controls and what X9 removes (ZWJ, ZWNJ, ZWSP, word joiner, BOM,
    // soft hyphen) are not drawn on their own; inside a cluster with a base
    // they stay, as part of it (ZWJ in an emoji sequence, ZWNJ in Persian).
    if cluster.chars().all(|c| c == '\n' || is_hidden(c)) {
        unit.space = true;
        unit.width = 0;
        return unit;
    }
    unit.space = cluster.starts_with(is_whitespace);
    let width = if cluster.chars().any(is_forbidden) {
        let shown = shown_with_stand_ins(cluster);
        let width = str_width(&shown);
        unit.shown = Some(shown);
        width
    } else {
        match grapheme_width(cluster) {
            0 => {
                let mut shown = CompactString::default();
                shown.push(DOTTED_CIRCLE);
                shown.push_str(cluster);
                unit.shown = Some(shown);
                1
            }
            width => width,
        }
    };
    if width > max_width {
        unit.shown = Some(CompactString::const_new(TOO_WIDE));
    }
    unit.width = u8::try_from(width.clamp(1, max_width.clamp(1, 2))).unwrap_or(1);
    unit
}

/// A cluster that reached layout with control characters in it: bidi
/// controls dropped, the rest shown as placeholders.
fn shown_with_stand_ins(cluster: &str) -> CompactString {
    cluster
        .chars()
        .filter_map(|c| {
            if is_forbidden(c) {
                stand_in(c)
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Records the UAX #14 break opportunities that fall on unit boundaries.
fn mark_breaks(text: &str, units: &mut [Unit]) {
    let mut next = 0;
    for (at, opportunity) in linebreaks(text) {
        while next < units.len() && units[next].source.start < at {
            next += 1;
        }
        match units.get_mut(next) {
            Some(unit) if unit.source.start == at => {
                unit.break_before = match opportunity {
                    BreakOpportunity::Mandatory => Break::Mandatory,
                    BreakOpportunity::Allowed => Break::Allowed,
                };
            }
            Some(_) => {}
            None => break,
        }
    }
}
