//! One key with its modifiers: parsed from `config.toml` names and from terminal events.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Deserializer};

/// A key with its modifiers, as matched against terminal key events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` has no `Ord`; this is the subset lectern binds, ordered for stable help screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(Named),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Named {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

const NAMES: &[(&str, Named)] = &[
    ("enter", Named::Enter),
    ("esc", Named::Esc),
    ("tab", Named::Tab),
    ("backtab", Named::BackTab),
    ("backspace", Named::Backspace),
    ("delete", Named::Delete),
    ("insert", Named::Insert),
    ("up", Named::Up),
    ("down", Named::Down),
    ("left", Named::Left),
    ("right", Named::Right),
    ("home", Named::Home),
    ("end", Named::End),
    ("pgup", Named::PageUp),
    ("pgdn", Named::PageDown),
];

/// Other spellings people write.
const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("shift-tab", "backtab"),
    ("del", "delete"),
    ("pageup", "pgup"),
    ("pagedown", "pgdn"),
    ("space", " "),
];

/// A key name that is not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unknown_key_message(.0))]
pub struct UnknownKey(pub String);

/// What is wrong with key name `text`: a `+` written for lectern's `-` (`ctrl+d`, as some
/// programs spell it) gets the right spelling, anything else examples.
fn unknown_key_message(text: &str) -> String {
    let dashed = text.replace('+', "-");
    if text.len() > 1 && text.contains('+') && dashed.parse::<Key>().is_ok() {
        format!("unknown key {text:?}: lectern writes it {dashed:?}")
    } else {
        format!("unknown key {text:?} (try \"j\", \"ctrl-d\", \"enter\", \"pgdn\", \"f1\")")
    }
}

impl FromStr for Key {
    type Err = UnknownKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownKey(text.to_owned());
        let (mut ctrl, mut alt, mut rest) = (false, false, text);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                (ctrl, rest) = (true, &rest[5..]);
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                (alt, rest) = (true, &rest[4..]);
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let name = ALIASES
            .iter()
            .find(|(a, _)| *a == lower)
            .map_or(lower.as_str(), |(_, n)| n);
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ if name == " " => KeyCodeOrd::Char(' '),
            _ => {
                let named = NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|&(_, n)| KeyCodeOrd::Named(n));
                let function = || {
                    let number = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok());
                    number.filter(|n| (1..=24).contains(n)).map(KeyCodeOrd::F)
                };
                named.or_else(function).ok_or_else(unknown)?
            }
        };
        Ok(Self { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(named) => f.write_str(
                NAMES
                    .iter()
                    .find(|(_, n)| *n == named)
                    .map_or("?", |(name, _)| name),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Key {
    /// ctrl-c, which quits whatever the bindings say.
    pub const CTRL_C: Self = Self {
        code: KeyCodeOrd::Char('c'),
        ctrl: true,
        alt: false,
    };

    /// Esc.
    pub const ESC: Self = Self {
        code: KeyCodeOrd::Named(Named::Esc),
        ctrl: false,
        alt: false,
    };

    /// The character this key types into a prompt: none with ctrl or alt held, since those
    /// chords are commands or nothing, never text.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCodeOrd::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// The key of a terminal event, or `None` for keys lectern never binds.
    pub fn from_event(event: KeyEvent) -> Option<Self> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let named = |n| Some(KeyCodeOrd::Named(n));
        let code = match event.code {
            // Shift is already in the character's case.
            KeyCode::Char(c) => Some(KeyCodeOrd::Char(if ctrl {
                c.to_ascii_lowercase()
            } else {
                c
            })),
            KeyCode::F(n) => Some(KeyCodeOrd::F(n)),
            KeyCode::Enter => named(Named::Enter),
            KeyCode::Esc => named(Named::Esc),
            KeyCode::Tab => named(Named::Tab),
            KeyCode::BackTab => named(Named::BackTab),
            KeyCode::Backspace => named(Named::Backspace),
            KeyCode::Delete => named(Named::Delete),
            KeyCode::Insert => named(Named::Insert),
            KeyCode::Up => named(Named::Up),
            KeyCode::Down => named(Named::Down),
            KeyCode::Left => named(Named::Left),
            KeyCode::Right => named(Named::Right),
            KeyCode::Home => named(Named::Home),
            KeyCode::End => named(Named::End),
            KeyCode::PageUp => named(Named::PageUp),
            KeyCode::PageDown => named(Named::PageDown),
            _ => None,
        }?;
        Some(Self { code, ctrl, alt })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn names_round_trip() {
        for name in [
            "j", "G", "/", "?", "[", "ctrl-d", "alt-x", "enter", "esc", "pgdn", "pgup", "home",
            "f5", "space", "backtab",
        ] {
            assert_eq!(key(name).to_string(), name);
        }
        assert_eq!(key("Ctrl-D"), key("ctrl-d"));
        assert_eq!(key("PageDown"), key("pgdn"));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(
            key("-"),
            Key {
                code: KeyCodeOrd::Char('-'),
                ctrl: false,
                alt: false
            }
        );
    }

    #[test]
    fn a_plus_for_a_dash_gets_the_right_spelling() {
        let error = "ctrl+d".parse::<Key>().unwrap_err().to_string();
        assert_eq!(
            error,
            "unknown key \"ctrl+d\": lectern writes it \"ctrl-d\""
        );
        let error = "Alt+Shift+x".parse::<Key>().unwrap_err().to_string();
        assert!(error.contains("(try \"j\""), "{error}");
        // `+` alone is a key.
        assert!("+".parse::<Key>().is_ok());
    }

    #[test]
    fn unknown_keys_are_errors() {
        for bad in ["ctrl-", "enterr", "f99", "ctrl-pgdnx", ""] {
            assert!(bad.parse::<Key>().is_err(), "{bad}");
        }
    }

    #[test]
    fn events_match_their_names() {
        let event = |code, modifiers| Key::from_event(KeyEvent::new(code, modifiers)).unwrap();
        assert_eq!(
            event(KeyCode::Char('d'), KeyModifiers::CONTROL),
            key("ctrl-d")
        );
        assert_eq!(event(KeyCode::Char('G'), KeyModifiers::SHIFT), key("G"));
        assert_eq!(event(KeyCode::PageDown, KeyModifiers::NONE), key("pgdn"));
        assert_eq!(event(KeyCode::Char('?'), KeyModifiers::SHIFT), key("?"));
    }
}
