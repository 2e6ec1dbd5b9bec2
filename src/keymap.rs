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
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn user_bindings_override_key_by_key() {
        let defaults: Keymap =
            toml::from_str("[list]\nj = \"down\"\nk = \"up\"\nx = \"toggle_read\"").unwrap();
        let user: Keymap = toml::from_str("[list]\nj = \"page_down\"\nx = \"none\"").unwrap();
        let merged = defaults.merged(user);
        assert_eq!(merged.list.get(&key("j")), Some(&Action::PageDown));
        assert_eq!(merged.list.get(&key("k")), Some(&Action::Up));
        assert_eq!(merged.list.get(&key("x")), None);
    }

    #[test]
    fn unknown_action_is_an_error_naming_it() {
        let error = toml::from_str::<Keymap>("[reader]\nj = \"scroll_dwn\"").unwrap_err();
        assert!(error.to_string().contains("scroll_dwn"), "{error}");
        let error = toml::from_str::<Keymap>("[reader]\n\"ctrl-dd\" = \"down\"").unwrap_err();
        assert!(error.to_string().contains("ctrl-dd"), "{error}");
    }

    #[test]
    fn an_action_of_another_screen_is_an_error() {
        let error = toml::from_str::<Keymap>("[list]\nr = \"toggle_raw\"").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`toggle_raw` does nothing in [keys.list]"),
            "{error}"
        );
        assert!(toml::from_str::<Keymap>("[prompt]\nj = \"open\"").is_err());
        assert!(toml::from_str::<Keymap>("[reader]\nr = \"toggle_raw\"").is_ok());
    }

    #[test]
    fn the_prompt_types_unbound_characters_and_never_alt_chords() {
        let map: Keymap = toml::from_str("[prompt]\nenter = \"accept\"").unwrap();
        let resolve = |code, modifiers| map.resolve(Mode::Prompt, KeyEvent::new(code, modifiers));
        assert_eq!(
            resolve(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Type('j'))
        );
        assert_eq!(
            resolve(KeyCode::Char('J'), KeyModifiers::SHIFT),
            Some(Action::Type('J'))
        );
        assert_eq!(resolve(KeyCode::Char('b'), KeyModifiers::ALT), None);
        assert_eq!(resolve(KeyCode::Char('w'), KeyModifiers::CONTROL), None);
        assert_eq!(
            resolve(KeyCode::Enter, KeyModifiers::NONE),
            Some(Action::Accept)
        );
        assert_eq!(
            resolve(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        // Outside the prompt an unbound letter does nothing.
        let list = map.resolve(
            Mode::List,
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE),
        );
        assert_eq!(list, None);
    }

    #[test]
    fn the_help_box_closes_on_its_keys_only() {
        let map: Keymap = toml::from_str("[list]\nf1 = \"help\"\nj = \"down\"").unwrap();
        let resolve = |k: &str| map.resolve_key(Mode::Help, key(k));
        assert_eq!(resolve("esc"), Some(Action::Help));
        assert_eq!(resolve("q"), Some(Action::Help));
        assert_eq!(resolve("f1"), Some(Action::Help));
        assert_eq!(resolve("j"), None);
    }

    #[test]
    fn in_the_list_of_links_an_unbound_digit_opens_that_link() {
        let map: Keymap = toml::from_str("[links]\nenter = \"open\"\n9 = \"down\"").unwrap();
        let resolve = |k: &str| map.resolve_key(Mode::Links, key(k));
        assert_eq!(resolve("3"), Some(Action::OpenLink(3)));
        assert_eq!((resolve("0"), resolve("9")), (None, Some(Action::Down)));
        assert_eq!(resolve("enter"), Some(Action::Open));
        assert!(toml::from_str::<Keymap>("[links]\nr = \"toggle_raw\"").is_err());
    }

    #[test]
    fn keys_for_puts_the_preferred_key_first() {
        let map: Keymap =
            toml::from_str("[list]\nl = \"open\"\nenter = \"open\"\nright = \"open\"").unwrap();
        let keys = map.keys_for(Mode::List, &Action::Open, Some(key("enter")));
        assert_eq!(keys[0], key("enter"));
        assert_eq!(keys.len(), 3);
        assert!(map.keys_for(Mode::List, &Action::Help, None).is_empty());
    }
}
