//! Display widths per grapheme cluster (placeholder until the layout issue lands).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells `text` takes in a terminal, summed per grapheme cluster.
pub fn str_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}
