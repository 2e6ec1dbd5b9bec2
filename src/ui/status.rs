//! The status bar: the filter prompt or the screen, a message, and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{put_line, put_text, style};
use crate::app::{App, Overlay, Screen};
use crate::text::{lay_out_line, str_width};
use crate::theme::Part;

/// Draws the one-row status bar in `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let bar = style(app, Part::Status);
    buf.set_style(area, bar);
    let mut position = position(app);
    if let Some(loading) = app.loading {
        position = format!("{} · {position}", progress(loading));
    }
    let right = u16::try_from(str_width(&position) + 1).unwrap_or(area.width);
    let left = Rect {
        width: area.width.saturating_sub(right),
        ..area
    };

    let mut x = area.x;
    if app.overlay == Overlay::Prompt || !app.query.is_empty() {
        x = put_text(
            buf,
            left,
            x,
            area.y,
            "/",
            bar.patch(style(app, Part::Accent)),
        );
        x = put_laid_out(app, buf, left, x, &app.query, bar);
        if app.overlay == Overlay::Prompt {
            x = put_text(buf, left, x, area.y, "█", bar);
        }
        x = put_text(buf, left, x, area.y, "  ", bar);
    } else {
        let hint = match app.screen {
            Screen::List => " / filter · enter read · b bookmark · ? help  ",
            Screen::Reader => " ] next · [ previous · r raw · c compare · q back · ? help  ",
            Screen::Compare => " tab focus · s sync · a anchors · w swap · q back · ? help  ",
        };
        if app.message.is_none() {
            x = put_text(buf, left, x, area.y, hint, bar);
        }
    }
    if let Some(message) = &app.message {
        let part = if message.error {
            Part::Error
        } else {
            Part::Status
        };
        put_laid_out(
            app,
            buf,
            left,
            x,
            &message.text,
            bar.patch(style(app, part)),
        );
    }
    let x = area.right().saturating_sub(right - 1);
    put_text(buf, area, x, area.y, &position, bar);
}

/// Lays `text` out as one line (its own direction, cut to fit) from column `x` of `area`,
/// in `style`; returns the column after it.
fn put_laid_out(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    text: &str,
    style: ratatui::style::Style,
) -> u16 {
    let width = area.right().saturating_sub(x);
    let line = lay_out_line(
        text,
        usize::from(width),
        &app.layout_options(crate::article::Dir::Ltr),
    );
    put_line(buf, Rect { x, width, ..area }, area.y, &line, |_| style);
    x + u16::try_from(line.width()).unwrap_or(0)
}

/// "loaded 41,200 / 100,000", or what loading is doing before it knows the total.
fn progress(loading: crate::app::Loading) -> String {
    match loading.files {
        Some(files) => format!("loaded {} / {}", thousands(loading.read), thousands(files)),
        None => "looking for articles…".to_owned(),
    }
}

/// `41200` as `41,200`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "3/120" in the list; the visible lines and percentage in the reader.
fn position(app: &App) -> String {
    match (&app.reader, app.screen) {
        (Some(reader), Screen::Reader) => {
            let total = reader.layout.lines.len();
            let rows = app.reader_rows();
            let last = (reader.scroll + rows).min(total);
            let percent = if total <= rows {
                100
            } else {
                last * 100 / total
            };
            format!(
                "{}-{last}/{total} {percent}%",
                (reader.scroll + 1).min(total)
            )
        }
        (_, Screen::Compare) => app.compare.as_ref().map_or_else(String::new, |c| {
            let rows = app.compare_rows();
            let (first, total) = if c.sync {
                (c.scroll, c.rows.len())
            } else {
                (c.panes[c.focus].scroll, c.panes[c.focus].layout.lines.len())
            };
            let sync = if c.sync { "sync" } else { "free" };
            format!(
                "{sync} {}-{}/{total}",
                (first + 1).min(total),
                (first + rows).min(total)
            )
        }),
        _ if app.visible.is_empty() => "0/0".to_owned(),
        _ => format!("{}/{}", app.selected + 1, app.visible.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_three() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (41_200, "41,200")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn progress_names_what_is_read_out_of_what_was_found() {
        let loading = crate::app::Loading {
            files: Some(100_000),
            read: 41_200,
            moved: false,
        };
        assert_eq!(progress(loading), "loaded 41,200 / 100,000");
        assert_eq!(
            progress(crate::app::Loading::default()),
            "looking for articles…"
        );
    }
}
