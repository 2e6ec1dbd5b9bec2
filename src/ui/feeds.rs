//! The feeds box over the list: name, unread and stored articles, and how the last fetch went,
//! each cut to its column by display width; a failing feed's status in the error colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::{put_line, put_text, style};
use crate::app::{App, FeedsBox, links_box};
use crate::article::Dir;
use crate::text::lay_out_line;
use crate::theme::Part;

/// Cells between the columns.
const GAP: u16 = 2;

/// Draws `feeds` over the screen.
pub fn draw(app: &App, feeds: &FeedsBox, buf: &mut Buffer) {
    let rect = links_box(app.size, feeds.lines.len()).intersection(buf.area);
    if rect.is_empty() {
        return;
    }
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(format!(" feeds ({}) ", feeds.lines.len()))
        .border_style(style(app, Part::Accent));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = inner.height.saturating_sub(1);
    // The name takes two fifths, the counts a fixed column, the status the rest.
    let name_width = inner.width * 2 / 5;
    let counts_width = 16;
    let ltr = app.layout_options(Dir::Ltr);
    let (dim, error) = (style(app, Part::Dim), style(app, Part::Error));
    let shown = feeds.lines.iter().enumerate().skip(feeds.scroll);
    for (row, (index, feed)) in (0..rows).zip(shown) {
        let y = inner.y + row;
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        let base = if index == feeds.selected {
            style(app, Part::Selection)
        } else {
            ratatui::style::Style::default()
        };
        buf.set_style(line, base);
        let column = |x: u16, width: u16| Rect {
            x,
            width: width.min(inner.right().saturating_sub(x)),
            ..line
        };
        // Laid out in its own direction: an Arabic feed's name reads right to left.
        let area = column(inner.x, name_width);
        let name = lay_out_line(&feed.name, usize::from(area.width), &ltr);
        put_line(buf, area, y, &name, |_| base);
        let x = inner.x + name_width + GAP;
        let counts = format!("{:>5} / {:<5}", feed.unread, feed.articles);
        put_text(buf, column(x, counts_width), x, y, &counts, base);
        let x = x.saturating_add(counts_width + GAP);
        let area = column(x, inner.right().saturating_sub(x));
        let status = lay_out_line(&feed.status, usize::from(area.width), &ltr);
        let status_style = base.patch(if feed.failing { error } else { dim });
        put_line(buf, area, y, &status, |_| status_style);
    }
    let footer = "unread / articles · enter shows a feed's articles";
    put_text(buf, inner, inner.x, inner.y + rows, footer, dim);
}
