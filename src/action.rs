//! `Action`: everything the app can be asked to do; its `snake_case` names are the keymap vocabulary.

use serde::Deserialize;

/// One thing to do. The unit variants are what keys are bound to in `config.toml`
/// (`j = "down"`); the others come from the terminal and the library, never from a keymap.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Next article in the list; scroll down one line in the reader.
    Down,
    /// Previous article in the list; scroll up one line in the reader.
    Up,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// First article; top of the text.
    Top,
    /// Last article; bottom of the text.
    Bottom,
    /// Open the selected article in the reader.
    Open,
    /// Leave the reader or the help for the list; in the list, clear the filter.
    Back,
    /// Type a filter (in the reader: back to the list first).
    Filter,
    /// Clear the filter.
    ClearFilter,
    /// Bookmark the article, or remove its bookmark.
    ToggleBookmark,
    /// Mark the article read, or unread.
    ToggleRead,
    /// Open the next article without going back to the list.
    NextArticle,
    /// Open the previous article without going back to the list.
    PreviousArticle,
    /// Show the clean article or the raw text.
    ToggleRaw,
    /// Mark the article for comparison.
    MarkCompare,
    /// Compare the marked article with this one (or the two marked ones).
    Compare,
    /// In a comparison, move the focus to the other pane.
    FocusOther,
    /// In a comparison, scroll both panes together, or each on its own.
    ToggleSync,
    /// In a comparison, highlight the numbers and Latin-script names both articles have.
    ToggleAnchors,
    /// In a comparison, swap the panes.
    Swap,
    /// Show or hide the keys.
    Help,
    /// Leave lectern.
    Quit,
    /// Bound to nothing: `x = "none"` removes a default binding.
    None,
    /// A character typed into the filter prompt.
    #[serde(skip)]
    Type(char),
    /// Delete the last character of the filter.
    #[serde(skip)]
    Backspace,
    /// Accept the filter and return to the list.
    #[serde(skip)]
    Accept,
    /// The terminal changed size (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// The mouse wheel turned: positive is down.
    #[serde(skip)]
    Scroll(i16),
    /// Text pasted into the terminal (bracketed paste): goes into a prompt as text.
    #[serde(skip)]
    Paste(String),
}

impl Action {
    /// The name used in `config.toml`, for the help screen.
    pub fn name(&self) -> String {
        let debug = format!("{self:?}");
        let mut name = String::new();
        for (i, c) in debug
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .enumerate()
        {
            if c.is_ascii_uppercase() && i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_both_ways() {
        for name in [
            "down",
            "half_page_down",
            "toggle_bookmark",
            "clear_filter",
            "none",
        ] {
            let action: Action =
                serde_json::from_value(serde_json::Value::String(name.to_owned())).unwrap();
            assert_eq!(action.name(), name);
        }
        assert_eq!(Action::Type('x').name(), "type");
    }

    #[test]
    fn data_variants_cannot_be_bound() {
        assert!(serde_json::from_str::<Action>("\"type\"").is_err());
        assert!(serde_json::from_str::<Action>("\"resize\"").is_err());
    }
}
