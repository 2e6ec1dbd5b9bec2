//! The list of the article's links over the reader: a number, the link's text and its address
//! on each row, each cut to its column by display width, one grapheme at a time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::{put_line, put_text, style};
use crate::app::{App, LinkList, Reader, links_box};
use crate::article::Dir;
use crate::text::lay_out_line;
use crate::theme::Part;

/// Cells between the columns.
const GAP: u16 = 2;

/// Draws the list of `reader`'s links, as `list` has it, over the screen of `size`.
pub fn draw(app: &App, reader: &Reader, list: LinkList, buf: &mut Buffer) {
    let links = &reader.article.links;
    let rect = links_box(app.size, links.len()).intersection(buf.area);
    if rect.is_empty() {
        return;
    }
    Clear.render(rect, buf);
    let title = format!(" links ({}) ", links.len());
    let block = Block::bordered()
        .title(title)
        .border_style(style(app, Part::Accent));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = inner.height.saturating_sub(1);
    let digits = u16::try_from(links.len().to_string().len()).unwrap_or(u16::MAX);
    let columns = inner.width.saturating_sub(digits + GAP);
    // The text takes two fifths of what is left, the address the rest.
    let text_width = columns.saturating_sub(GAP) * 2 / 5;
    let ltr = app.layout_options(Dir::Ltr);
    let selected_style = style(app, Part::Selection);
    let dim = style(app, Part::Dim);
    let shown = links.iter().enumerate().skip(list.scroll);
    for (row, (index, link)) in (0..rows).zip(shown) {
        let y = inner.y + row;
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        let base = if index == list.selected {
            selected_style
        } else {
            ratatui::style::Style::default()
        };
        buf.set_style(line, base);
        let number = format!("{:>width$}", index + 1, width = usize::from(digits));
        put_text(buf, line, inner.x, y, &number, base);
        let mut x = inner.x + digits + GAP;
        if !link.text.is_empty() {
            let area = Rect {
                x,
                width: text_width.min(inner.right().saturating_sub(x)),
                ..line
            };
            // Laid out in its own direction: an Arabic link's text reads right to left.
            let text = lay_out_line(&link.text, usize::from(area.width), &ltr);
            put_line(buf, area, y, &text, |_| base);
        }
        // The column stays when a link has no text, so that addresses line up.
        x = x.saturating_add(text_width + GAP);
        let area = Rect {
            x,
            width: inner.right().saturating_sub(x),
            ..line
        };
        let url = lay_out_line(&link.url, usize::from(area.width), &ltr);
        put_line(buf, area, y, &url, |_| base.patch(dim));
    }
    let footer = "1-9 or enter opens a link";
    let y = inner.y + rows;
    put_text(buf, inner, inner.x, y, footer, dim);
}
