//! The list's columns: which fit in a width, and the language tag cut to its own.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::str_width;

/// Cells for the marks (bookmark, unread, comparison).
pub const MARKS: u16 = 4;
/// Cells for the language tag and the space after it.
pub const LANG: u16 = 4;
/// Cells for the date and the space before it.
pub const DATE: u16 = 11;
/// Cells for the source and the space before it.
pub const SOURCE: u16 = 18;

/// Which columns fit in a row, and the title's share.
pub struct Columns {
    /// Whether the date shows.
    pub date: bool,
    /// Whether the source shows.
    pub source: bool,
    /// The title's cells.
    pub title: u16,
}

/// The columns of a row `width` cells wide: the date from 60 cells, the source from 90.
pub fn columns(width: u16) -> Columns {
    let date = width >= 60;
    let source = width >= 90;
    let fixed = MARKS + LANG + if date { DATE } else { 0 } + if source { SOURCE } else { 0 };
    Columns {
        date,
        source,
        title: width.saturating_sub(fixed + 1),
    }
}

/// The language tag as the column shows it: at most `LANG - 1` cells, so that a space always
/// parts it from the title. A longer code ("zh-Hant", "und-Latn") is cut with an ellipsis.
pub fn lang_tag(code: &str) -> Cow<'_, str> {
    let room = usize::from(LANG - 1);
    if str_width(code) <= room {
        return Cow::Borrowed(code);
    }
    let mut tag = String::new();
    for grapheme in code.graphemes(true) {
        if str_width(&tag) + str_width(grapheme) > room - 1 {
            break;
        }
        tag.push_str(grapheme);
    }
    tag.push('…');
    Cow::Owned(tag)
}

#[cfg(test)]
mod tests;
