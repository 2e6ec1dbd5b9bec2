//! The filter prompt's line editor: readline's movements and deletions, by grapheme cluster,
//! with a bounded length so that no paste or held key makes a keystroke expensive.

use unicode_segmentation::UnicodeSegmentation;

use crate::action::Action;

/// The longest query kept, in characters: the filter reads no more.
pub const MAX_CHARS: usize = crate::filter::MAX_QUERY_CHARS;

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Nothing (the key had nothing to act on).
    None,
    /// The cursor moved; the text is the same.
    Moved,
    /// The text changed.
    Changed,
    /// The text changed, but not all of it fitted under [`MAX_CHARS`].
    Cut,
}

/// A one-line text with a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    text: String,
    cursor: usize,
}

impl Prompt {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in the text.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Empties the prompt.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Inserts `text` at the cursor as typed text: line breaks and tabs become spaces, other
    /// control characters are dropped, and what goes beyond [`MAX_CHARS`] is cut.
    pub fn insert(&mut self, text: &str) -> Edit {
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let mut clean = String::new();
        let mut cut = false;
        for c in text.chars() {
            let c = match c {
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if clean.chars().count() == room {
                cut = true;
                break;
            }
            clean.push(c);
        }
        if clean.is_empty() {
            return if cut { Edit::Cut } else { Edit::None };
        }
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        if cut { Edit::Cut } else { Edit::Changed }
    }

    /// Applies an editing action; anything else is [`Edit::None`].
    pub fn apply(&mut self, action: &Action) -> Edit {
        let before = (self.text.len(), self.cursor);
        let to = match action {
            Action::Type(c) => return self.insert(c.encode_utf8(&mut [0; 4])),
            Action::Paste(text) => return self.insert(text),
            Action::CursorLeft => self.previous_boundary(),
            Action::CursorRight => self.next_boundary(),
            Action::WordLeft => self.word_start(),
            Action::WordRight => self.word_end(),
            Action::LineStart => 0,
            Action::LineEnd => self.text.len(),
            Action::DeleteBack => return self.delete(self.previous_boundary()..self.cursor),
            Action::DeleteForward => return self.delete(self.cursor..self.next_boundary()),
            Action::DeleteWordBack => return self.delete(self.word_start()..self.cursor),
            Action::DeleteToStart => return self.delete(0..self.cursor),
            Action::DeleteToEnd => return self.delete(self.cursor..self.text.len()),
            _ => return Edit::None,
        };
        self.cursor = to;
        if (self.text.len(), self.cursor) == before {
            Edit::None
        } else {
            Edit::Moved
        }
    }

    fn delete(&mut self, range: std::ops::Range<usize>) -> Edit {
        if range.is_empty() {
            return Edit::None;
        }
        self.cursor = range.start;
        self.text.replace_range(range, "");
        Edit::Changed
    }

    fn previous_boundary(&self) -> usize {
        let before = &self.text[..self.cursor];
        before
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        let after = &self.text[self.cursor..];
        self.cursor + after.graphemes(true).next().map_or(0, str::len)
    }

    /// Start of the word before the cursor (spaces before the cursor are skipped first).
    fn word_start(&self) -> usize {
        let before = self.text[..self.cursor].trim_end();
        before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// End of the word after the cursor (spaces after the cursor are skipped first).
    fn word_end(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skipped = after.len() - after.trim_start().len();
        let word = &after[skipped..];
        let end = word.find(char::is_whitespace).unwrap_or(word.len());
        self.cursor + skipped + end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prompt holding `text` with the cursor at the `|` in it.
    fn prompt(marked: &str) -> Prompt {
        let cursor = marked.find('|').unwrap();
        Prompt {
            text: marked.replacen('|', "", 1),
            cursor,
        }
    }

    fn shown(p: &Prompt) -> String {
        let mut text = p.text.clone();
        text.insert(p.cursor, '|');
        text
    }

    fn after(marked: &str, action: &Action) -> String {
        let mut p = prompt(marked);
        p.apply(action);
        shown(&p)
    }

    #[test]
    fn readline_movements() {
        assert_eq!(after("abc|", &Action::CursorLeft), "ab|c");
        assert_eq!(after("|abc", &Action::CursorLeft), "|abc");
        assert_eq!(after("a|bc", &Action::CursorRight), "ab|c");
        assert_eq!(after("da nang|", &Action::WordLeft), "da |nang");
        assert_eq!(after("da |nang", &Action::WordLeft), "|da nang");
        assert_eq!(after("|da  nang", &Action::WordRight), "da|  nang");
        assert_eq!(after("da|  nang", &Action::WordRight), "da  nang|");
        assert_eq!(after("ab|c", &Action::LineStart), "|abc");
        assert_eq!(after("ab|c", &Action::LineEnd), "abc|");
    }

    #[test]
    fn readline_deletions() {
        assert_eq!(after("abc|", &Action::DeleteBack), "ab|");
        assert_eq!(after("a|bc", &Action::DeleteForward), "a|c");
        assert_eq!(after("kinh te  |x", &Action::DeleteWordBack), "kinh |x");
        assert_eq!(after("kinh te|", &Action::DeleteToStart), "|");
        assert_eq!(after("kinh| te", &Action::DeleteToEnd), "kinh|");
        let mut p = prompt("|");
        assert_eq!(p.apply(&Action::DeleteBack), Edit::None);
    }

    #[test]
    fn the_cursor_steps_over_whole_grapheme_clusters() {
        // "Việt": ệ written as e + two combining marks; Arabic with a vowel mark (fatha).
        let viet = "Vie\u{323}\u{302}t";
        let mut p = prompt(&format!("{viet}|"));
        p.apply(&Action::CursorLeft);
        p.apply(&Action::CursorLeft);
        assert_eq!(p.cursor, 2, "before the e and its two marks");
        p.apply(&Action::DeleteForward);
        assert_eq!(p.text, "Vit");
        let mut p = prompt("\u{628}\u{64e}\u{627}|");
        p.apply(&Action::CursorLeft);
        p.apply(&Action::DeleteBack);
        assert_eq!(p.text, "\u{627}", "the letter goes with its mark");
    }

    #[test]
    fn pasted_lines_and_tabs_become_spaces_and_controls_go() {
        let mut p = Prompt::default();
        assert_eq!(
            p.insert("Azerbaijan\nKarabakh\tb\x1b[31m\r\n"),
            Edit::Changed
        );
        assert_eq!(p.text, "Azerbaijan Karabakh b[31m  ");
        assert_eq!(p.cursor, p.text.len());
    }

    #[test]
    fn the_length_is_bounded() {
        let mut p = Prompt::default();
        let big = "ab ".repeat(400_000);
        assert_eq!(p.insert(&big), Edit::Cut);
        assert_eq!(p.text.chars().count(), MAX_CHARS);
        assert_eq!(p.apply(&Action::Type('x')), Edit::Cut);
        assert_eq!(p.text.chars().count(), MAX_CHARS);
        p.apply(&Action::DeleteBack);
        assert_eq!(p.apply(&Action::Type('é')), Edit::Changed);
        assert!(p.text.ends_with('é'));
    }

    #[test]
    fn typing_in_the_middle_inserts_at_the_cursor() {
        let mut p = prompt("da| nang");
        p.apply(&Action::Type('x'));
        assert_eq!(shown(&p), "dax| nang");
    }
}
