//! The help overlay: the live key bindings of the current screen and the filter syntax.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::{put_text, style};
use crate::action::Action;
use crate::app::{App, View};
use crate::keymap::Mode;
use crate::theme::Part;

/// The filter's syntax, in lines that fit a column of the help.
const FILTER_HELP: &[&str] = &[
    "",
    "Filter: letters in order, any case,",
    "  accent or Arabic-script keyboard",
    "  (viet: Việt; việt: only Việt); all",
    "  terms AND, a | b OR, 'exact ^start",
    "  end$ !not; lang:vi lang:fa (OR)",
    "  source:jaz or feed:jaz (the name's",
    "  letters in order; OR) tag:world",
    "  is:bookmarked/read/unread.",
    "?words searches the articles' text:",
    "  newest first, Enter by relevance.",
    "Prompt:",
];

/// What a marked date means, on the screens that show dates.
const DATE_HELP: &[&str] = &[
    "",
    "A date ending in ? is the file's time:",
    "  the text names no date of its own.",
];

/// The keys of the list of links that no binding names.
const LINKS_HELP: &[&str] = &["", "1 ... 9 open that link in the browser"];

/// The screen under the help box.
fn screen(app: &App) -> Mode {
    match &app.view {
        View::List if app.list.editing => Mode::Prompt,
        View::List if app.feeds.is_some() => Mode::Feeds,
        View::List => Mode::List,
        View::Reader(reader) if reader.links.is_some() => Mode::Links,
        View::Reader(_) => Mode::Reader,
        View::Compare(_) => Mode::Compare,
    }
}

/// Each action bound in `mode`, with its keys, one line each.
fn bindings(app: &App, mode: Mode) -> Vec<String> {
    let mut by_action: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, action) in app.config.keys.0.of(mode).into_iter().flatten() {
        (by_action.entry(action.name()).or_default()).push(key.to_string());
    }
    // ctrl-c quits whatever the bindings say.
    let quit = by_action.entry(Action::Quit.name()).or_default();
    if !quit.iter().any(|k| k == "ctrl-c") {
        quit.push("ctrl-c".to_owned());
    }
    (by_action.into_iter())
        .map(|(action, keys)| format!("{:<16} {}", action.replace('_', " "), keys.join(" ")))
        .collect()
}

/// The lines of the help: each action with the keys bound to it, then the filter syntax and
/// the prompt's keys.
pub fn lines(app: &App) -> Vec<String> {
    let mode = screen(app);
    let mut lines = bindings(app, mode);
    if mode == Mode::List {
        lines.extend(FILTER_HELP.iter().map(|l| (*l).to_owned()));
        lines.extend(bindings(app, Mode::Prompt));
    }
    if mode == Mode::Links {
        lines.extend(LINKS_HELP.iter().map(|l| (*l).to_owned()));
    }
    if matches!(mode, Mode::List | Mode::Reader) {
        lines.extend(DATE_HELP.iter().map(|l| (*l).to_owned()));
    }
    lines
}

/// Cells of one column of the help (its longest line and some air).
const COLUMN: u16 = 39;

/// Draws the help box over `area`, in as many columns as it needs and the screen allows,
/// as much of it as fits.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = lines(app);
    let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let rows = area.height.saturating_sub(2).max(1);
    let columns = count
        .div_ceil(rows)
        .clamp(1, (area.width.saturating_sub(2) / COLUMN).max(1));
    let per_column = count.div_ceil(columns);
    let width = area.width.min(columns * COLUMN + 2);
    let height = area.height.min(per_column.saturating_add(2));
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    let title = match screen(app) {
        Mode::List | Mode::Help => " keys: list (esc closes) ",
        Mode::Prompt => " keys: filter prompt (esc closes) ",
        Mode::Reader => " keys: reader (esc closes) ",
        Mode::Compare => " keys: comparison (esc closes) ",
        Mode::Links => " keys: links (esc closes) ",
        Mode::Feeds => " keys: feeds (esc closes) ",
    };
    let block = Block::bordered()
        .title(title)
        .border_style(style(app, Part::Accent));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let per_column = usize::from(per_column.max(1));
    for (i, line) in lines.iter().enumerate() {
        let column = u16::try_from(i / per_column).unwrap_or(u16::MAX);
        let row = u16::try_from(i % per_column).unwrap_or(u16::MAX);
        let x = inner.x.saturating_add(column.saturating_mul(COLUMN));
        let y = inner.y.saturating_add(row);
        put_text(buf, inner, x, y, line, ratatui::style::Style::default());
    }
}
