//! Display widths in terminal cells, measured per grapheme cluster.
//!
//! Whole-string widths are wrong for terminals: unicode-width counts the
//! Arabic lam-alef pair "لا" as one cell, but a terminal draws lam and alef in
//! two. Measuring each grapheme cluster on its own and summing gives what the
//! terminal draws.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize::is_forbidden;

/// Cells a terminal uses to draw one grapheme cluster: 0, 1 or 2.
///
/// Wide (CJK) characters and emoji presentation sequences (emoji with U+FE0F,
/// ZWJ sequences, flags, keycaps) are 2; combining marks, ZWJ, ZWNJ and bidi
/// controls add nothing to their base. A cluster with no base (a lone
/// combining mark) is 0 here because that is what a terminal gives it; the
/// layout draws such a cluster on a dotted circle, in one cell. Control
/// characters (which sanitising removes) are 0.
pub fn grapheme_width(grapheme: &str) -> usize {
    match grapheme.chars().next() {
        None => 0,
        Some(first) if is_forbidden(first) => 0,
        // unicode-width's string width knows emoji presentation sequences;
        // its multi-cluster ligature rules (lam-alef) cannot apply inside one
        // cluster. A cluster never takes more than two cells.
        Some(_) => grapheme.width().min(2),
    }
}

/// Cells a terminal uses to draw `text`: the sum of its clusters' widths.
pub fn str_width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lam_alef_is_two_cells_per_grapheme() {
        // unicode-width's whole-string answer is 1 (unicode-width#88); a
        // terminal draws lam (U+0644) and alef (U+0627) in one cell each.
        assert_eq!("\u{644}\u{627}".width(), 1);
        assert_eq!(str_width("\u{644}\u{627}"), 2);
        // With a shadda on the lam the marks stay in the lam's cell.
        assert_eq!(str_width("\u{644}\u{651}\u{627}"), 2);
    }

    #[test]
    fn clusters_by_hand() {
        assert_eq!(grapheme_width("a"), 1);
        assert_eq!(grapheme_width("e\u{301}"), 1);
        assert_eq!(grapheme_width("中"), 2);
        // Family emoji: man ZWJ woman ZWJ girl is one cluster of two cells.
        assert_eq!(grapheme_width("👨\u{200D}👩\u{200D}👧"), 2);
        assert_eq!(grapheme_width("❤\u{FE0F}"), 2);
        assert_eq!(grapheme_width("❤"), 1);
        assert_eq!(grapheme_width("🇻🇳"), 2);
        assert_eq!(grapheme_width("\u{301}"), 0);
        assert_eq!(grapheme_width("\u{200F}"), 0);
        assert_eq!(grapheme_width("\u{1B}"), 0);
        assert_eq!(grapheme_width(""), 0);
    }

    #[test]
    fn vietnamese_stacked_diacritics_take_one_cell_each() {
        // "Việt" in NFD: V i e+U+0323+U+0302 t: four cells.
        assert_eq!(str_width("Vie\u{323}\u{302}t"), 4);
        assert_eq!(str_width("Việt"), 4);
    }
}
