//! `Action`: everything the app can be asked to do; its `snake_case` names are the keymap vocabulary.

use serde::Deserialize;

/// A place on the screen, for the mouse: column and row from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pointer {
    /// Column, 0 at the left.
    pub column: u16,
    /// Row, 0 at the top.
    pub row: u16,
}

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
    /// A page down; at the end of the article, the next unread one.
    PageDownOrNextUnread,
    /// First article; top of the text.
    Top,
    /// Last article; bottom of the text.
    Bottom,
    /// Open the selected article in the reader.
    Open,
    /// Leave the reader or the comparison for where you came from.
    Back,
    /// Type a filter (in the reader: back to the list first).
    Filter,
    /// In the reader: find a word or phrase in the text, lighting up every occurrence.
    Find,
    /// In the reader: scroll to the next occurrence of what was found.
    NextMatch,
    /// In the reader: scroll to the previous occurrence of what was found.
    PreviousMatch,
    /// Clear the comparison mark, else the filter.
    ClearFilter,
    /// Bookmark the article, or remove its bookmark.
    ToggleBookmark,
    /// Mark the article read, or unread.
    ToggleRead,
    /// The next unread article: selected in the list, opened in the reader.
    NextUnread,
    /// The previous unread article.
    PreviousUnread,
    /// Mark every article the list shows (under the filter) read.
    MarkAllRead,
    /// Undo the last "mark all read".
    Undo,
    /// Open the article's web address in the browser.
    OpenUrl,
    /// Copy the article's web address to the clipboard (OSC 52).
    CopyUrl,
    /// List the article's links, numbered, to open one in the browser; close the list.
    ShowLinks,
    /// Fetch the subscribed feeds, then read the library again (new, changed and removed
    /// files and feed articles). `rescan`, its name before feeds, still works.
    #[serde(alias = "rescan")]
    Reload,
    /// Sort the list by the next key: date, source, language.
    CycleSort,
    /// Show the subscribed feeds over the list (`open` shows one feed's articles); close them.
    ShowFeeds,
    /// Open the next article without going back to the list.
    NextArticle,
    /// Open the previous article without going back to the list.
    PreviousArticle,
    /// Show the clean article or the raw text.
    ToggleRaw,
    /// Mark the article for comparison; marking a second one compares the two.
    MarkCompare,
    /// Compare the marked article with this one.
    Compare,
    /// In a comparison, move the focus to the other pane.
    FocusOther,
    /// In a comparison, scroll both panes together, or each on its own.
    ToggleSync,
    /// In a comparison, highlight the numbers and Latin-script names both articles have.
    ToggleAnchors,
    /// In a comparison, swap the panes.
    Swap,
    /// In the prompt: keep the filter and return to the list.
    Accept,
    /// In the prompt: cursor one character left.
    CursorLeft,
    /// In the prompt: cursor one character right.
    CursorRight,
    /// In the prompt: cursor one word left.
    WordLeft,
    /// In the prompt: cursor one word right.
    WordRight,
    /// In the prompt: cursor to the start.
    LineStart,
    /// In the prompt: cursor to the end.
    LineEnd,
    /// In the prompt: delete the character before the cursor (on an empty prompt, close it).
    DeleteBack,
    /// In the prompt: delete the character under the cursor.
    DeleteForward,
    /// In the prompt: delete the word before the cursor.
    DeleteWordBack,
    /// In the prompt: delete from the start to the cursor.
    DeleteToStart,
    /// In the prompt: delete from the cursor to the end.
    DeleteToEnd,
    /// Show or hide the keys.
    Help,
    /// Leave lectern.
    Quit,
    /// Bound to nothing: `x = "none"` removes a default binding.
    None,
    /// A character typed into the filter prompt.
    #[serde(skip)]
    Type(char),
    /// Text pasted into the terminal (bracketed paste): goes into a prompt as text.
    #[serde(skip)]
    Paste(String),
    /// The terminal changed size (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// The mouse wheel turned over a place: positive is down.
    #[serde(skip)]
    Wheel(Pointer, i16),
    /// A mouse click; `true` for the second click of a double click.
    #[serde(skip)]
    Click(Pointer, bool),
    /// A digit typed in the list of links: open the link of that number (from 1).
    #[serde(skip)]
    OpenLink(usize),
    /// Time passed: look for changes made by other lectern windows.
    #[serde(skip)]
    Tick,
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

    /// Whether the action moves a selection or a scroll position.
    pub fn is_movement(&self) -> bool {
        matches!(
            self,
            Self::Down
                | Self::Up
                | Self::HalfPageDown
                | Self::HalfPageUp
                | Self::PageDown
                | Self::PageUp
                | Self::Top
                | Self::Bottom
                | Self::Wheel(..)
        )
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
            "delete_word_back",
            "page_down_or_next_unread",
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
        for name in [
            "type",
            "resize",
            "paste",
            "wheel",
            "click",
            "tick",
            "open_link",
        ] {
            assert!(serde_json::from_str::<Action>(&format!("\"{name}\"")).is_err());
        }
    }
}
