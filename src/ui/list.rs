//! The article list: marks, language, title (laid out for its script), source and date.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

mod columns;

use columns::{Columns, DATE, LANG, MARKS, SOURCE, columns, lang_tag};

use super::{put_line, put_text, style};
use crate::app::geometry::ListAreas;
use crate::app::{App, SortKey};
use crate::article::Dir;
use crate::filter::{Query, highlight};
use crate::search::Snippet;
use crate::text::{counted, thousands};
use crate::text::{lay_out_line, str_width};
use crate::theme::Part;

/// Draws a body search hit's line of text under its title: indented, dim, the matched
/// words lit as the filter lights a title's letters.
fn draw_snippet(app: &App, snippet: &Snippet, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width).saturating_sub(4);
    let line = lay_out_line(&snippet.text, width, &app.layout_options(Dir::Ltr));
    let area = Rect {
        x: area.x + 4,
        width: area.width.saturating_sub(4),
        ..area
    };
    let dim = style(app, Part::Dim);
    let hit = dim.patch(style(app, Part::Highlight));
    put_line(buf, area, area.y, &line, |glyph| {
        let lit = (snippet.ranges.iter())
            .any(|range| glyph.source.start < range.end && range.start < glyph.source.end);
        if lit { hit } else { dim }
    });
}

/// Draws the heading and the visible part of the list.
pub fn draw(app: &App, areas: ListAreas, buf: &mut Buffer) {
    let area = areas.heading;
    let counts = app.counts;
    let mut heading = format!(
        " lectern · {} · {} bookmarked · {} unread",
        counted(app.library.entries.len(), "article"),
        thousands(counts.bookmarked),
        thousands(counts.unread)
    );
    if app.list.sort != SortKey::Date {
        heading.push_str(" · by ");
        heading.push_str(app.list.sort.name());
    }
    put_text(
        buf,
        area,
        area.x,
        area.y,
        &heading,
        style(app, Part::Accent),
    );

    let area = areas.rows;
    let list = &app.list;
    // A body search's words are lit in the line under the title, not in the title.
    let query = Query::parse(if app.row_height() == 2 {
        ""
    } else {
        list.query()
    });
    let cols = columns(area.width);
    let shown = list.visible.iter().enumerate().skip(list.offset);
    let height = app.row_height();
    for (row, &index) in shown.take(usize::from(area.height) / height) {
        let y = area.y + u16::try_from((row - list.offset) * height).unwrap_or(0);
        if let Some(snippet) = app.body.snippets.get(index).filter(|_| height == 2) {
            draw_snippet(
                app,
                snippet,
                Rect {
                    y: y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
        let selected = row == list.selected;
        draw_row(
            app,
            index,
            &query,
            &cols,
            Rect {
                y,
                height: 1,
                ..area
            },
            selected,
            buf,
        );
    }
    if list.visible.is_empty() {
        let text = if app.loading.is_some() {
            "  loading…"
        } else if list.query().is_empty() {
            "  no articles"
        } else if app.body.progress().is_some() {
            "  indexing the articles for body search…"
        } else if app.row_height() == 2 {
            "  no article has these words"
        } else {
            "  no article matches the filter"
        };
        put_text(buf, area, area.x, area.y, text, style(app, Part::Dim));
    }
}

/// The marks of the article `id` from `x` on: bookmark, unread (or `!` for a file that could
/// not be read when opened), marked for comparison.
fn draw_marks(
    app: &App,
    id: &str,
    (read, unreadable): (bool, bool),
    (row, x): (Rect, u16),
    base: ratatui::style::Style,
    buf: &mut Buffer,
) {
    let marks = [
        (0, app.store.is_bookmarked(id), "*", Part::Bookmark),
        (1, unreadable, "!", Part::Error),
        (1, !read && !unreadable, "N", Part::Accent),
        (
            2,
            app.compare_mark.as_deref() == Some(id),
            "=",
            Part::Accent,
        ),
    ];
    for (offset, on, mark, part) in marks {
        if on {
            put_text(
                buf,
                row,
                x + offset,
                row.y,
                mark,
                base.patch(style(app, part)),
            );
        }
    }
}

fn draw_row(
    app: &App,
    index: usize,
    query: &Query,
    cols: &Columns,
    row: Rect,
    selected: bool,
    buf: &mut Buffer,
) {
    let meta = &app.library.entries[index].meta;
    let read = app.store.is_read(&meta.id);
    let mut base = if read {
        style(app, Part::Dim)
    } else {
        ratatui::style::Style::default()
    };
    if selected {
        base = base.patch(style(app, Part::Selection));
    }
    buf.set_style(row, base);
    let y = row.y;
    let mut x = row.x;
    let unreadable = app.unreadable.get(&meta.id);
    draw_marks(
        app,
        &meta.id,
        (read, unreadable.is_some()),
        (row, x),
        base,
        buf,
    );
    x += MARKS;
    put_text(
        buf,
        row,
        x,
        y,
        &lang_tag(&meta.lang),
        base.patch(style(app, Part::Dim)),
    );
    x += LANG;

    let title = lay_out_line(
        &meta.title,
        usize::from(cols.title),
        &app.layout_options(meta.dir),
    );
    let marked: Vec<Range<usize>> = if query.terms().is_empty() {
        Vec::new()
    } else {
        highlight(query, &meta.title)
    };
    let hit = base.patch(style(app, Part::Highlight));
    let title_area = Rect {
        x,
        width: cols.title,
        ..row
    };
    put_line(buf, title_area, y, &title, |g| {
        if marked
            .iter()
            .any(|r| r.start < g.source.end && g.source.start < r.end)
        {
            hit
        } else {
            base
        }
    });
    x += cols.title + 1;

    if cols.source {
        let (source, part) = match unreadable {
            Some(reason) => (reason.as_str(), Part::Error),
            None => (meta.source.as_deref().unwrap_or(""), Part::Dim),
        };
        let source = lay_out_line(
            source,
            usize::from(SOURCE - 2),
            &app.layout_options(crate::article::Dir::Ltr),
        );
        put_line(
            buf,
            Rect {
                x,
                width: SOURCE - 2,
                ..row
            },
            y,
            &source,
            |_| base.patch(style(app, part)),
        );
        x += SOURCE;
    }
    if cols.date {
        // A file time is marked with a `?`, in the column's last cell (the gap before it).
        let date = meta.shown_date().unwrap_or_default();
        let date = date.as_str();
        let pad = usize::from(DATE - 1).saturating_sub(str_width(date.trim_end_matches('?')));
        put_text(
            buf,
            row,
            x + u16::try_from(pad).unwrap_or(0),
            y,
            date,
            base.patch(style(app, Part::Dim)),
        );
    }
}
