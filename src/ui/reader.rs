//! The reader: a header, then the visible rows of the article's cached layout.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put_line, put_text, style, text_width};
use crate::app::{App, Reader};
use crate::text::lay_out_line;
use crate::theme::Part;

/// Draws the header and the text rows of `reader` in `area`.
pub fn draw(app: &App, reader: &Reader, area: Rect, buf: &mut Buffer) {
    let meta = &reader.article.meta;
    let width = u16::try_from(text_width(area.width))
        .unwrap_or(area.width)
        .min(area.width);
    let margin = (area.width - width) / 2;
    let column = Rect {
        x: area.x + margin,
        width,
        ..area
    };

    let title = lay_out_line(
        &meta.title,
        usize::from(width),
        &app.layout_options(meta.dir),
    );
    put_line(buf, column, area.y, &title, |_| style(app, Part::Accent));
    let mut details: Vec<String> = Vec::new();
    details.extend(meta.source.clone());
    details.extend(meta.date.clone());
    details.push(meta.lang.clone());
    details.push(format!("{} words", meta.words));
    if reader.raw {
        details.push("raw text".to_owned());
    }
    if app.store.is_bookmarked(&meta.id) {
        details.push("bookmarked".to_owned());
    }
    let details = lay_out_line(
        &details.join(" · "),
        usize::from(width),
        &app.layout_options(meta.dir),
    );
    put_line(buf, column, area.y + 1, &details, |_| style(app, Part::Dim));
    if area.height > 2 {
        let rule = "─".repeat(usize::from(width));
        put_text(
            buf,
            column,
            column.x,
            area.y + 2,
            &rule,
            style(app, Part::Dim),
        );
    }

    let text = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(3),
        ..column
    };
    let lines = reader
        .layout
        .lines
        .iter()
        .skip(reader.scroll)
        .take(usize::from(text.height));
    for (row, line) in lines.enumerate() {
        let y = text.y + u16::try_from(row).unwrap_or(0);
        put_line(buf, text, y, line, |_| ratatui::style::Style::default());
    }
}
