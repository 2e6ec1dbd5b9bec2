//! The status bar: the filter or find prompt or hints from the live keymap, a message, the
//! comparison mark, the match count and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{put_line, put_text, style};
use crate::action::Action;
use crate::app::{App, View};
use crate::keymap::{Key, Mode};
use crate::text::{lay_out_line, str_width, thousands};
use crate::theme::Part;

/// The hints per mode: an action, the key preferred to show for it, and a word for it. A
/// hint shows the key the person has bound (the preferred one if still bound), and goes
/// when nothing is bound to its action.
fn hints(mode: Mode) -> &'static [(Action, &'static str, &'static str)] {
    match mode {
        Mode::List => &[
            (Action::Filter, "/", "filter"),
            (Action::Open, "enter", "read"),
            (Action::ToggleBookmark, "b", "bookmark"),
            (Action::NextUnread, "n", "next unread"),
            (Action::MarkCompare, "v", "compare"),
            (Action::Help, "?", "help"),
        ],
        Mode::Reader => &[
            (Action::NextArticle, "]", "next"),
            (Action::NextUnread, "n", "unread"),
            (Action::Find, "/", "find"),
            (Action::MarkCompare, "v", "compare"),
            (Action::Back, "q", "back"),
            (Action::Help, "?", "help"),
        ],
        Mode::Compare => &[
            (Action::FocusOther, "tab", "focus"),
            (Action::ToggleSync, "s", "sync"),
            (Action::ToggleAnchors, "a", "anchors"),
            (Action::Swap, "w", "swap"),
            (Action::Back, "q", "back"),
            (Action::Help, "?", "help"),
        ],
        Mode::Links => &[
            (Action::Open, "enter", "open"),
            (Action::Back, "esc", "close"),
            (Action::Help, "?", "help"),
        ],
        Mode::Feeds => &[
            (Action::Open, "enter", "its articles"),
            (Action::Back, "esc", "close"),
            (Action::Help, "?", "help"),
        ],
        Mode::Prompt | Mode::Help => &[],
    }
}

/// The hints of `mode` under the live keymap, as ` / filter · enter read · ? help`.
pub fn hint_line(app: &App, mode: Mode) -> String {
    hints_within(app, mode, usize::MAX)
}

/// The hints that fit whole in `width` cells, in order.
fn hints_within(app: &App, mode: Mode, width: usize) -> String {
    let keymap = &app.config.keys.0;
    let mut line = String::new();
    for (action, preferred, word) in hints(mode) {
        let preferred = preferred.parse::<Key>().ok();
        let Some(key) = keymap.keys_for(mode, action, preferred).into_iter().next() else {
            continue;
        };
        let hint = format!("{} {key} {word}", if line.is_empty() { "" } else { " ·" });
        if str_width(&line) + str_width(&hint) > width {
            break;
        }
        line.push_str(&hint);
    }
    line
}

/// Draws the one-row status bar in `area`; returns where the prompt's cursor goes.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    let bar = style(app, Part::Status);
    buf.set_style(area, bar);
    let mut right_text = position(app);
    let find = match &app.view {
        View::Reader(reader) => reader.find.as_ref(),
        _ => None,
    };
    if let Some(found) = find.and_then(crate::app::Find::position) {
        right_text = join(&found, &right_text);
    }
    if let Some(indexing) = app.body.progress() {
        right_text = join(&indexing, &right_text);
    }
    if let Some(loading) = app.loading {
        right_text = join(&progress(loading), &right_text);
    }
    if let Some(title) = marked_title(app) {
        right_text = join(&format!("= {title}"), &right_text);
    }
    // The position comes first: hints and messages take what it leaves.
    let right = u16::try_from(str_width(&right_text) + 1)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let left = Rect {
        width: area.width - right,
        ..area
    };
    let mut x = area.x;
    let mut cursor = None;
    let list = &app.list;
    // A find shows while it is typed, and after that unless a message needs the room.
    let prompt = match find {
        Some(find) if find.editing || app.message.is_none() => Some((&find.prompt, find.editing)),
        None if matches!(app.view, View::List) && (list.editing || !list.query().is_empty()) => {
            Some((&list.prompt, list.editing))
        }
        _ => None,
    };
    if let Some((prompt, editing)) = prompt {
        let slash = bar.patch(style(app, Part::Accent));
        let options = app.layout_options(crate::article::Dir::Ltr);
        let (end, at) = super::prompt::draw(prompt, editing, options, left, (slash, bar), buf);
        (x, cursor) = (end + 1, at);
    } else if app.message.is_none() {
        let hints = hints_within(app, app.mode(), usize::from(left.width));
        x = put_text(buf, left, x, area.y, &hints, bar);
        x += 2;
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
    // One cell of air between what is on the left and the right.
    let right_area = Rect {
        x: left.right() + 1,
        width: right.saturating_sub(1),
        ..area
    };
    let line = lay_out_line(
        &right_text,
        usize::from(right.saturating_sub(1)),
        &app.layout_options(crate::article::Dir::Ltr),
    );
    put_line(buf, right_area, area.y, &line, |_| bar);
    cursor
}

/// `a · b`, or one of them when the other is empty.
fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_owned(),
        (true, false) => b.to_owned(),
        (false, false) => format!("{a} · {b}"),
    }
}

/// The title of the article marked for comparison, cut short.
fn marked_title(app: &App) -> Option<String> {
    let id = app.compare_mark.as_deref()?;
    let entry = app.library.entries.iter().find(|e| e.meta.id == id)?;
    let title = lay_out_line(
        &entry.meta.title,
        24,
        &app.layout_options(crate::article::Dir::Ltr),
    );
    Some(title.glyphs.iter().map(|g| g.text.as_str()).collect())
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

/// "3/120" in the list; the lines shown and the percentage in the reader; nothing when no
/// row of text shows.
fn position(app: &App) -> String {
    let span = |first: usize, rows: usize, total: usize| {
        if rows == 0 || total == 0 {
            return String::new();
        }
        let last = (first + rows).min(total);
        format!("{}-{last}/{total}", (first + 1).min(last))
    };
    match &app.view {
        View::Reader(reader) => {
            let total = reader.layout.lines.len();
            let rows = app.reader_rows();
            let shown = span(reader.scroll, rows, total);
            if shown.is_empty() {
                return shown;
            }
            let last = (reader.scroll + rows).min(total);
            let percent = if total <= rows {
                100
            } else {
                last * 100 / total
            };
            format!("{shown} {percent}%")
        }
        View::Compare(c) => {
            let (first, total) = if c.sync {
                (c.scroll, c.pair.rows.len())
            } else {
                (c.pane_scroll[c.focus], c.focused().layout.lines.len())
            };
            let sync = if c.sync { "sync" } else { "free" };
            join(sync, &span(first, app.compare_rows(), total))
        }
        View::List if app.list.visible.is_empty() => "0/0".to_owned(),
        View::List => format!("{}/{}", app.list.selected + 1, app.list.visible.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
