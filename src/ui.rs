//! Drawing: a pure function of `&App` that writes pre-laid-out lines cell by cell.

mod compare;
mod feeds;
mod help;
mod links;
mod list;
mod prompt;
mod reader;
mod status;

pub use status::hint_line;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, View, geometry};
use crate::text::{Glyph, ScreenLine};
use crate::theme::Part;

/// Draws the whole screen: the view, the status bar, and the help box over them.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let size = (area.width, area.height);
    let buf = frame.buffer_mut();
    match &app.view {
        View::List => list::draw(app, geometry::list(size), buf),
        View::Reader(reader) => reader::draw(
            app,
            reader,
            geometry::reader(size, reader.headline.len()),
            buf,
        ),
        View::Compare(compare) => compare::draw(app, compare, geometry::compare(size), buf),
    }
    let cursor = status::draw(app, geometry::status(size), buf);
    if let View::Reader(reader) = &app.view
        && let Some(list) = reader.links
    {
        links::draw(app, reader, list, buf);
    }
    if let (View::List, Some(feeds)) = (&app.view, &app.feeds) {
        feeds::draw(app, feeds, buf);
    }
    if app.help {
        help::draw(app, area, buf);
    } else if let Some(cursor) = cursor {
        frame.set_cursor_position(cursor);
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
    if y < area.y || y >= area.bottom() || x < area.x || x >= area.right() {
        return x;
    }
    let (end, _) = buf.set_stringn(x, y, text, usize::from(area.right() - x), style);
    end
}
