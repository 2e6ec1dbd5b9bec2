//! The comparison screen: two panes with their own headers, side by side or stacked.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use super::{put_line, put_text, style};
use crate::app::App;
use crate::app::Compare;
use crate::app::geometry::CompareAreas;
use crate::article::{Block, Dir};
use crate::text::lay_out_line;
use crate::theme::Part;

/// Draws both panes and the separator in their areas.
pub fn draw(app: &App, compare: &Compare, areas: CompareAreas, buf: &mut Buffer) {
    let separator = areas.separator;
    let rule = if areas.side_by_side { "│" } else { "─" };
    for y in separator.top()..separator.bottom() {
        for x in separator.left()..separator.right() {
            put_text(buf, separator, x, y, rule, style(app, Part::Dim));
        }
    }
    for side in 0..2 {
        draw_pane(app, compare, side, &areas, buf);
    }
}

fn draw_pane(app: &App, compare: &Compare, side: usize, areas: &CompareAreas, buf: &mut Buffer) {
    let pane = &compare.pair.sides[side];
    let meta = &pane.article.meta;
    let (head, text) = (areas.headers[side], areas.text[side]);
    let width = usize::from(head.width);
    let focused = side == compare.focus;
    let title_style = if focused {
        style(app, Part::Accent)
    } else {
        style(app, Part::Dim)
    };
    let title = lay_out_line(&meta.title, width, &app.layout_options(meta.dir));
    put_line(buf, head, head.y, &title, |_| title_style);
    let details = lay_out_line(&meta.details(), width, &app.layout_options(Dir::Ltr));
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
    for row in 0..text.height {
        let Some(index) = compare.line_at(side, usize::from(row)) else {
            continue;
        };
        let Some(line) = pane.layout.lines.get(index) else {
            continue;
        };
        let ranges = (pane.anchors.get(line.paragraph)).filter(|_| compare.show_anchors);
        let plain = if pane.article.block(line.paragraph) == Block::Heading {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        put_line(buf, text, text.y + row, line, |glyph| match ranges {
            Some(ranges)
                if ranges
                    .iter()
                    .any(|r| r.start < glyph.source.end && glyph.source.start < r.end) =>
            {
                anchor
            }
            _ => plain,
        });
    }
}
