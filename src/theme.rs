//! Colours of the interface, from `[theme]` in `config.toml`; `NO_COLOR` turns them all off.

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Deserializer, de::Error as _};

/// The colours of each part of the screen (names such as `"cyan"`, `"#ffaf00"`, or `"reset"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Theme {
    /// Titles, headers and the prompt.
    #[serde(deserialize_with = "color")]
    pub accent: Color,
    /// Background of the selected row.
    #[serde(deserialize_with = "color")]
    pub selection: Color,
    /// Letters that match the filter.
    #[serde(deserialize_with = "color")]
    pub highlight: Color,
    /// Read articles and secondary text.
    #[serde(deserialize_with = "color")]
    pub dim: Color,
    /// The bookmark mark.
    #[serde(deserialize_with = "color")]
    pub bookmark: Color,
    /// Background of the status bar.
    #[serde(deserialize_with = "color")]
    pub status: Color,
    /// Anchors shared by two compared articles.
    #[serde(deserialize_with = "color")]
    pub anchor: Color,
    /// Error messages.
    #[serde(deserialize_with = "color")]
    pub error: Color,
}

/// A colour as written in `[theme]`; a bad one says which forms are understood.
fn color<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Color, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(|_| {
        D::Error::custom(format!(
            "{text:?} is not a colour: write \"#rrggbb\" (six hex digits), a number 0-255, \
             \"reset\", or a name: black, red, green, yellow, blue, magenta, cyan, gray, \
             darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan, white"
        ))
    })
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
    fn a_bad_colour_says_which_forms_work() {
        for bad in ["#12345", "#gggggg", "ultraviolet"] {
            let error = toml::from_str::<Theme>(&format!("error = \"{bad}\""))
                .unwrap_err()
                .to_string();
            assert!(
                error.contains(&format!("\"{bad}\" is not a colour: write \"#rrggbb\"")),
                "{error}"
            );
            assert!(error.contains("lightcyan"), "{error}");
        }
        let theme: Theme = toml::from_str("error = \"208\"\naccent = \"reset\"").unwrap();
        assert_eq!(
            (theme.error, theme.accent),
            (Color::Indexed(208), Color::Reset)
        );
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
