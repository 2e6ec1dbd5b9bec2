//! Drawing: a pure function of `&App` that writes pre-laid-out lines cell by cell.

pub mod compare;
mod help;
mod list;
mod reader;
mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub use compare::{CompareGeometry, SIDE_BY_SIDE_MIN, compare_geometry};

use crate::app::{App, Overlay, Screen};
use crate::text::{Glyph, ScreenLine};
use crate::theme::Part;

/// The widest the reader's text gets: longer lines are hard to read.
const MAX_TEXT_WIDTH: u16 = 100;

/// Cells of text per reader line for a terminal `columns` wide (one cell of margin each side).
pub fn text_width(columns: u16) -> usize {
    usize::from(columns.saturating_sub(2).clamp(1, MAX_TEXT_WIDTH))
}

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    match (app.screen, &app.reader, &app.compare) {
        (Screen::Reader, Some(reader), _) => reader::draw(app, reader, body, buf),
        (Screen::Compare, _, Some(compare)) => compare::draw(app, compare, body, buf),
        _ => list::draw(app, body, buf),
    }
    let status_row = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    status::draw(app, status_row, buf);
    if app.overlay == Overlay::Help {
        help::draw(app, area, buf);
    }
}

/// The style of a part of the screen under the app's theme.
fn style(app: &App, part: Part) -> Style {
    app.config.theme.style(part, app.color)
}

/// Writes `line` on row `y` of `area`, one grapheme per cell (two for wide ones), styling each
/// glyph with `style_of`; what does not fit is left out. ratatui's own text widgets measure whole
/// strings, which miscounts some scripts, so the laid-out glyphs are placed by hand.
fn put_line(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    line: &ScreenLine,
    style_of: impl Fn(&Glyph) -> Style,
) {
    if y < area.y || y >= area.bottom() {
        return;
    }
    let right = area.right();
    let mut x = area
        .x
        .saturating_add(u16::try_from(line.indent).unwrap_or(u16::MAX));
    for glyph in &line.glyphs {
        let width = u16::from(glyph.width);
        if width == 0 || x.saturating_add(width) > right {
            break;
        }
        buf[(x, y)]
            .set_symbol(&glyph.text)
            .set_style(style_of(glyph));
        for hidden in x + 1..x + width {
            buf[(hidden, y)].reset();
        }
        x += width;
    }
}

/// Writes plain text (already sanitised, left to right) on row `y`, cut at the area's edge.
fn put_text(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) -> u16 {
    if y >= area.bottom() || x >= area.right() {
        return x;
    }
    let (end, _) = buf.set_stringn(x, y, text, usize::from(area.right() - x), style);
    end
}
