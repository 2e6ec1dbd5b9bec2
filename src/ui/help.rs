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

const FILTER_HELP: &[&str] = &[
    "",
    "Filter: letters in order, any case or accent;",
    "  viet finds Việt, việt only Việt; terms AND;",
    "  lang:vi  is:bookmarked  is:read  is:unread",
    "  enter keeps the filter, esc clears it;",
    "  editing keys as in readline (see below)",
];

/// The screen under the help box.
fn screen(app: &App) -> Mode {
    match &app.view {
        View::List if app.list.editing => Mode::Prompt,
        View::List => Mode::List,
        View::Reader(_) => Mode::Reader,
        View::Compare(_) => Mode::Compare,
    }
}

/// The lines of the help: each action with the keys bound to it, then the filter syntax.
pub fn lines(app: &App) -> Vec<String> {
    let keys = &app.config.keys.0;
    let mode = screen(app);
    let mut by_action: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, action) in keys.of(mode).into_iter().flatten() {
        by_action
            .entry(action.name())
            .or_default()
            .push(key.to_string());
    }
    // ctrl-c quits whatever the bindings say.
    let quit = by_action.entry(Action::Quit.name()).or_default();
    if !quit.iter().any(|k| k == "ctrl-c") {
        quit.push("ctrl-c".to_owned());
    }
    let mut lines: Vec<String> = (by_action.into_iter())
        .map(|(action, keys)| format!("{:<18}{}", action.replace('_', " "), keys.join(" ")))
        .collect();
    if matches!(mode, Mode::List | Mode::Prompt) {
        lines.extend(FILTER_HELP.iter().map(|l| (*l).to_owned()));
    }
    if mode == Mode::List {
        let prompt = (keys.prompt.iter())
            .map(|(key, action)| format!("  {:<16}{}", action.name().replace('_', " "), key));
        lines.extend(prompt);
    }
    lines
}

/// Draws the help box over `area`, as much of it as fits.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = lines(app);
    let width = area.width.min(52);
    let height = area
        .height
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
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
    };
    let block = Block::bordered()
        .title(title)
        .border_style(style(app, Part::Accent));
    let inner = block.inner(rect);
    block.render(rect, buf);
    for (row, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        put_text(
            buf,
            inner,
            inner.x,
            y,
            line,
            ratatui::style::Style::default(),
        );
    }
}
