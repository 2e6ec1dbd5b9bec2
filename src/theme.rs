//! Colours of the interface, from `[theme]` in `config.toml`; `NO_COLOR` turns them all off.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// The colours of each part of the screen (names such as `"cyan"`, `"#ffaf00"`, or `"reset"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Titles, headers and the prompt.
    pub accent: Color,
    /// Background of the selected row.
    pub selection: Color,
    /// Letters that match the filter.
    pub highlight: Color,
    /// Read articles and secondary text.
    pub dim: Color,
    /// The bookmark mark.
    pub bookmark: Color,
    /// Background of the status bar.
    pub status: Color,
    /// Anchors shared by two compared articles.
    pub anchor: Color,
    /// Error messages.
    pub error: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: Color::Cyan,
            selection: Color::DarkGray,
            highlight: Color::Yellow,
            dim: Color::Gray,
            bookmark: Color::Magenta,
            status: Color::Blue,
            anchor: Color::Green,
            error: Color::Red,
        }
    }
}

/// A part of the screen that has its own look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Titles, headers, the prompt.
    Accent,
    /// The selected row.
    Selection,
    /// Filter matches.
    Highlight,
    /// Read articles, secondary text.
    Dim,
    /// The bookmark mark.
    Bookmark,
    /// The status bar.
    Status,
    /// Shared anchors.
    Anchor,
    /// Errors.
    Error,
}

impl Theme {
    /// The style of a part; without colour (`NO_COLOR`), modifiers alone tell the parts apart.
    pub fn style(&self, part: Part, color: bool) -> Style {
        let plain = Style::default();
        if !color {
            return match part {
                Part::Accent | Part::Bookmark => plain.add_modifier(Modifier::BOLD),
                Part::Selection | Part::Status => plain.add_modifier(Modifier::REVERSED),
                Part::Highlight | Part::Anchor => {
                    plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
                }
                Part::Dim => plain.add_modifier(Modifier::DIM),
                Part::Error => plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            };
        }
        match part {
            Part::Accent => plain.fg(self.accent).add_modifier(Modifier::BOLD),
            Part::Selection => plain.bg(self.selection),
            Part::Highlight => plain
                .fg(self.highlight)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Part::Dim => plain.fg(self.dim),
            Part::Bookmark => plain.fg(self.bookmark).add_modifier(Modifier::BOLD),
            Part::Status => plain.bg(self.status).fg(Color::White),
            Part::Anchor => plain.fg(self.anchor).add_modifier(Modifier::UNDERLINED),
            Part::Error => plain.fg(self.error).add_modifier(Modifier::BOLD),
        }
    }
}

/// Colour is on unless `NO_COLOR` is set to anything but the empty string (no-color.org).
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_by_name_and_hex() {
        let theme: Theme = toml::from_str("accent = \"#ffaf00\"\nselection = \"blue\"").unwrap();
        assert_eq!(theme.accent, Color::Rgb(0xff, 0xaf, 0x00));
        assert_eq!(theme.selection, Color::Blue);
        assert_eq!(theme.dim, Theme::default().dim);
        assert!(toml::from_str::<Theme>("acent = \"red\"").is_err());
    }

    #[test]
    fn without_colour_no_part_has_a_colour() {
        let theme = Theme::default();
        for part in [
            Part::Accent,
            Part::Selection,
            Part::Highlight,
            Part::Dim,
            Part::Bookmark,
            Part::Status,
            Part::Anchor,
            Part::Error,
        ] {
            let style = theme.style(part, false);
            assert_eq!((style.fg, style.bg), (None, None), "{part:?}");
            assert_ne!(style, Style::default(), "{part:?} must still stand out");
        }
    }
}
