//! Key bindings per mode, and the one place where a terminal key becomes an [`Action`].

mod key;
mod mouse;
mod tables;

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;

use crate::action::Action;
pub use key::{Key, UnknownKey};
pub use mouse::Clicks;

/// What has the keyboard: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The article list.
    List,
    /// The filter prompt: unbound characters are typed into it.
    Prompt,
    /// One article.
    Reader,
    /// Two articles side by side.
    Compare,
    /// The list of the article's links over the reader.
    Links,
    /// The subscribed feeds over the list.
    Feeds,
    /// The help box: its closing keys only.
    Help,
}

impl Mode {
    /// The table of `config.toml` that binds this mode's keys.
    pub fn table(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Prompt => "prompt",
            Self::Reader => "reader",
            Self::Compare => "compare",
            Self::Links => "links",
            Self::Feeds => "feeds",
            Self::Help => "help",
        }
    }
}

/// Whether `action` does something in `mode`: binding it elsewhere is a configuration error.
pub fn allowed(mode: Mode, action: &Action) -> bool {
    use Action as A;
    use Mode as M;
    match action {
        A::Down | A::Up => mode != M::Help,
        A::HalfPageDown | A::HalfPageUp | A::PageDown | A::PageUp | A::Top | A::Bottom => {
            matches!(mode, M::List | M::Reader | M::Compare | M::Links | M::Feeds)
        }
        A::ToggleBookmark | A::ToggleRead | A::OpenUrl | A::CopyUrl => {
            matches!(mode, M::List | M::Reader | M::Compare)
        }
        A::Filter | A::NextUnread | A::PreviousUnread | A::MarkCompare | A::Compare => {
            matches!(mode, M::List | M::Reader)
        }
        A::Open => matches!(mode, M::List | M::Links | M::Feeds),
        A::ShowFeeds => matches!(mode, M::List | M::Feeds),
        A::ShowLinks => matches!(mode, M::Reader | M::Links),
        A::MarkAllRead | A::Undo | A::Reload | A::CycleSort => mode == M::List,
        A::ClearFilter => matches!(mode, M::List | M::Prompt),
        A::Back => matches!(mode, M::Reader | M::Compare | M::Links | M::Feeds),
        A::PageDownOrNextUnread
        | A::NextArticle
        | A::PreviousArticle
        | A::ToggleRaw
        | A::Find
        | A::NextMatch
        | A::PreviousMatch => mode == M::Reader,
        A::FocusOther | A::ToggleSync | A::ToggleAnchors | A::Swap => mode == M::Compare,
        A::Accept
        | A::CursorLeft
        | A::CursorRight
        | A::WordLeft
        | A::WordRight
        | A::LineStart
        | A::LineEnd
        | A::DeleteBack
        | A::DeleteForward
        | A::DeleteWordBack
        | A::DeleteToStart
        | A::DeleteToEnd => mode == M::Prompt,
        A::Help | A::Quit | A::None => true,
        A::Type(_)
        | A::Paste(_)
        | A::Resize(..)
        | A::Wheel(..)
        | A::Click(..)
        | A::Tick
        | A::OpenLink(_) => false,
    }
}

/// Key bindings per mode; `[keys.list]`, `[keys.prompt]`, `[keys.reader]`, `[keys.compare]`,
/// `[keys.links]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// The article list.
    pub list: BTreeMap<Key, Action>,
    /// The filter prompt.
    pub prompt: BTreeMap<Key, Action>,
    /// The reader.
    pub reader: BTreeMap<Key, Action>,
    /// The comparison of two articles.
    pub compare: BTreeMap<Key, Action>,
    /// The list of links over the reader.
    pub links: BTreeMap<Key, Action>,
    /// The feeds box over the list.
    pub feeds: BTreeMap<Key, Action>,
}

impl Keymap {
    /// `self` with `user`'s bindings laid over it key by key; `"none"` removes a binding.
    #[must_use]
    pub fn merged(mut self, user: Self) -> Self {
        for (mine, theirs) in [
            (&mut self.list, user.list),
            (&mut self.prompt, user.prompt),
            (&mut self.reader, user.reader),
            (&mut self.compare, user.compare),
            (&mut self.links, user.links),
            (&mut self.feeds, user.feeds),
        ] {
            for (key, action) in theirs {
                if action == Action::None {
                    mine.remove(&key);
                } else {
                    mine.insert(key, action);
                }
            }
        }
        self
    }

    /// The bindings of `mode` (the help box has none of its own).
    pub fn of(&self, mode: Mode) -> Option<&BTreeMap<Key, Action>> {
        match mode {
            Mode::List => Some(&self.list),
            Mode::Prompt => Some(&self.prompt),
            Mode::Reader => Some(&self.reader),
            Mode::Compare => Some(&self.compare),
            Mode::Links => Some(&self.links),
            Mode::Feeds => Some(&self.feeds),
            Mode::Help => None,
        }
    }

    /// What `event` does in `mode`: ctrl-c always quits; in the help box, `esc`, `q` and
    /// any key bound to `help` close it; in the prompt, an unbound character is typed; in the
    /// list of links, an unbound digit opens that link.
    pub fn resolve(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        self.resolve_key(mode, key)
    }

    /// [`Keymap::resolve`] for a key already read.
    pub fn resolve_key(&self, mode: Mode, key: Key) -> Option<Action> {
        if key == Key::CTRL_C {
            return Some(Action::Quit);
        }
        let Some(map) = self.of(mode) else {
            let closes = key == Key::ESC
                || key.typed() == Some('q')
                || [&self.list, &self.reader, &self.compare]
                    .iter()
                    .any(|map| map.get(&key) == Some(&Action::Help));
            return closes.then_some(Action::Help);
        };
        match map.get(&key) {
            Some(action) => Some(action.clone()),
            None if mode == Mode::Prompt => key.typed().map(Action::Type),
            None if mode == Mode::Links => key
                .typed()
                .and_then(|c| c.to_digit(10))
                .filter(|&d| d > 0)
                .map(|d| Action::OpenLink(d as usize)),
            None => None,
        }
    }

    /// The keys bound to `action` in `mode`, `preferred` first when it is one of them.
    pub fn keys_for(&self, mode: Mode, action: &Action, preferred: Option<Key>) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .of(mode)
            .into_iter()
            .flatten()
            .filter(|(_, bound)| *bound == action)
            .map(|(key, _)| *key)
            .collect();
        if let Some(at) = preferred.and_then(|p| keys.iter().position(|k| *k == p)) {
            keys[..=at].rotate_right(1);
        }
        keys
    }
}

#[cfg(test)]
mod tests;
