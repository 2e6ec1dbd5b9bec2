//! The comparison screen: two panes with their own headers, side by side or stacked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{put_line, put_text, style};
use crate::app::{App, Compare};
use crate::article::Dir;
use crate::text::lay_out_line;
use crate::theme::Part;

/// Below this many columns the panes are stacked top and bottom.
pub const SIDE_BY_SIDE_MIN: u16 = 80;

/// Where the panes go for a terminal size (the status bar takes the last row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareGeometry {
    /// Side by side (else stacked).
    pub side_by_side: bool,
    /// The text area of each pane (headers excluded).
    pub text: [Rect; 2],
    /// Width of each pane's text in cells.
    pub text_widths: [usize; 2],
    /// Rows of text shown in each pane.
    pub text_rows: usize,
    /// The separator: a column, or a row when stacked.
    pub separator: Rect,
}

/// The comparison layout for a terminal of `size` (columns, rows).
pub fn compare_geometry(size: (u16, u16)) -> CompareGeometry {
    let (width, height) = (size.0, size.1.saturating_sub(1));
    let header = crate::app::COMPARE_HEADER_ROWS;
    if width >= SIDE_BY_SIDE_MIN {
        side_by_side(width, height)
    } else {
        let top = height.saturating_sub(1) / 2;
        let bottom = height.saturating_sub(1).saturating_sub(top);
        let inner = width.saturating_sub(2).max(1);
        let rows = top.min(bottom).saturating_sub(header);
        let text = [
            Rect::new(1, header, inner, rows),
            Rect::new(1, top + 1 + header, inner, rows),
        ];
        CompareGeometry {
            side_by_side: false,
            text,
            text_widths: [usize::from(inner); 2],
            text_rows: usize::from(rows),
            separator: Rect::new(0, top, width, 1),
        }
    }
}

/// Two panes side by side in `width` × `height` cells (`width` at least 5).
pub fn side_by_side(width: u16, height: u16) -> CompareGeometry {
    let header = crate::app::COMPARE_HEADER_ROWS;
    let left = (width - 1) / 2;
    let right = width - 1 - left;
    let rows = height.saturating_sub(header);
    // One cell of air on each side of the separator.
    let text = [
        Rect::new(0, header, left - 1, rows),
        Rect::new(left + 2, header, right - 1, rows),
    ];
    CompareGeometry {
        side_by_side: true,
        text,
        text_widths: [usize::from(left - 1), usize::from(right - 1)],
        text_rows: usize::from(rows),
        separator: Rect::new(left, 0, 1, height),
    }
}

/// Draws both panes and the separator in `area`.
pub fn draw(app: &App, compare: &Compare, area: Rect, buf: &mut Buffer) {
    let geometry = compare_geometry((area.width, area.height + 1));
    let offset = |r: Rect| {
        Rect {
            x: area.x + r.x,
            y: area.y + r.y,
            ..r
        }
        .intersection(area)
    };
    let separator = offset(geometry.separator);
    let rule = if geometry.side_by_side { "│" } else { "─" };
    for y in separator.top()..separator.bottom() {
        for x in separator.left()..separator.right() {
            put_text(buf, area, x, y, rule, style(app, Part::Dim));
        }
    }
    for side in 0..2 {
        draw_pane(
            app,
            compare,
            side,
            offset(geometry.text[side]),
            geometry.text_rows,
            buf,
        );
    }
}

fn draw_pane(app: &App, compare: &Compare, side: usize, text: Rect, rows: usize, buf: &mut Buffer) {
    let pane = &compare.panes[side];
    let meta = &pane.article.meta;
    let header = crate::app::COMPARE_HEADER_ROWS;
    let head = Rect {
        y: text.y.saturating_sub(header),
        height: header,
        ..text
    };
    let width = usize::from(text.width);
    let focused = side == compare.focus;
    let title_style = if focused {
        style(app, Part::Accent)
    } else {
        style(app, Part::Dim)
    };
    let title = lay_out_line(&meta.title, width, &app.layout_options(meta.dir));
    put_line(buf, head, head.y, &title, |_| title_style);
    let details = meta.details();
    let details = lay_out_line(&details, width, &app.layout_options(Dir::Ltr));
    put_line(buf, head, head.y + 1, &details, |_| style(app, Part::Dim));
    let rule = if focused { "━" } else { "─" };
    put_text(
        buf,
        head,
        head.x,
        head.y + 2,
        &rule.repeat(width),
        title_style,
    );

    let anchor = style(app, Part::Anchor);
    for row in 0..rows.min(usize::from(text.height)) {
        let Some(index) = compare.line_at(side, row) else {
            continue;
        };
        let Some(line) = pane.layout.lines.get(index) else {
            continue;
        };
        let ranges = pane
            .anchors
            .get(line.paragraph)
            .filter(|_| compare.show_anchors);
        let y = text.y + u16::try_from(row).unwrap_or(u16::MAX);
        put_line(buf, text, y, line, |glyph| match ranges {
            Some(ranges)
                if ranges
                    .iter()
                    .any(|r| r.start < glyph.source.end && glyph.source.start < r.end) =>
            {
                anchor
            }
            _ => Style::default(),
        });
    }
}
