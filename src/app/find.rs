//! Finding in the open article: `/` types a phrase, every occurrence lights up as it is typed
//! (folded as the filter folds, so `dai su` finds Đại sứ), and the next and previous match
//! keys go from one to the other, scrolling each into view.

use std::ops::Range;

use super::prompt::{Edit, Prompt};
use super::{App, View};
use crate::action::Action;
use crate::filter::{FoldedText, needle};

/// One occurrence: a paragraph of the shown text and the bytes of it that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the paragraph (of the raw text's line when the raw text shows).
    pub paragraph: usize,
    /// Bytes of that paragraph, whole grapheme clusters.
    pub range: Range<usize>,
}

/// A find in the reader: its prompt, and what it found.
#[derive(Debug, Clone, Default)]
pub struct Find {
    /// What is looked for, as typed.
    pub prompt: Prompt,
    /// The prompt has the keyboard.
    pub editing: bool,
    /// Every occurrence, in reading order.
    pub hits: Vec<Hit>,
    /// The index in `hits` of the current one.
    pub current: usize,
    /// Each paragraph folded once, when the find started.
    folded: Vec<FoldedText>,
}

impl Find {
    /// A find over `texts` (the paragraphs shown) looking for `needles` (already folded).
    pub fn over<'a>(texts: impl Iterator<Item = &'a str>, needles: &[String]) -> Self {
        let mut find = Self {
            folded: texts.map(FoldedText::new).collect(),
            ..Self::default()
        };
        find.search(needles);
        find
    }

    fn search(&mut self, needles: &[String]) {
        self.hits = (self.folded.iter().enumerate())
            .flat_map(|(paragraph, text)| {
                let ranges = text.find_all(needles);
                ranges
                    .into_iter()
                    .map(move |range| Hit { paragraph, range })
            })
            .collect();
        self.current = 0;
    }

    /// The hits in `paragraph`, and whether each is the current one.
    pub fn hits_in(&self, paragraph: usize) -> impl Iterator<Item = (&Range<usize>, bool)> {
        let first = self.hits.partition_point(|hit| hit.paragraph < paragraph);
        let current = self.current;
        (self.hits.iter().enumerate().skip(first))
            .take_while(move |(_, hit)| hit.paragraph == paragraph)
            .map(move |(index, hit)| (&hit.range, index == current))
    }

    /// "match 3 of 12", or `None` before anything was found.
    pub fn position(&self) -> Option<String> {
        (!self.hits.is_empty())
            .then(|| format!("match {} of {}", self.current + 1, self.hits.len()))
    }
}

impl App {
    /// Opens the find prompt over the reader (keeping what was looked for last).
    pub(super) fn start_find(&mut self) {
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        if reader.find.is_none() {
            reader.find = Some(Find::over(reader.texts(), &[]));
        }
        if let Some(find) = &mut reader.find {
            find.editing = true;
        }
    }

    /// Applies a key to the find prompt.
    pub(super) fn update_find(&mut self, action: &Action) {
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        let Some(find) = &mut reader.find else { return };
        match action {
            Action::Accept => {
                find.editing = false;
                if find.prompt.text().trim().is_empty() {
                    reader.find = None;
                } else if find.hits.is_empty() {
                    let text = format!("not found: {}", find.prompt.text());
                    self.error(text);
                }
            }
            Action::ClearFilter => reader.find = None,
            Action::DeleteBack if find.prompt.text().is_empty() => reader.find = None,
            Action::Down => self.next_match(true),
            Action::Up => self.next_match(false),
            action => {
                if matches!(find.prompt.apply(action), Edit::Changed | Edit::Cut) {
                    let needles = [needle(find.prompt.text())];
                    find.search(&needles);
                    // Like less and vim: the first match from the top of the screen on.
                    let top = reader
                        .layout
                        .lines
                        .get(reader.scroll)
                        .map_or(0, |l| l.paragraph);
                    find.current = find.hits.partition_point(|hit| hit.paragraph < top);
                    if find.current == find.hits.len() {
                        find.current = 0;
                    }
                    self.show_current_match();
                }
            }
        }
    }

    /// Moves to the next (or previous) match, round the end of the article.
    pub(super) fn next_match(&mut self, forward: bool) {
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        let Some(find) = reader.find.as_mut().filter(|find| !find.hits.is_empty()) else {
            self.info("nothing to find: press / and type".to_owned());
            return;
        };
        let count = find.hits.len();
        find.current = if forward {
            (find.current + 1) % count
        } else {
            (find.current + count - 1) % count
        };
        self.show_current_match();
    }

    /// Scrolls so that the current match shows, a third of the way down when it must move.
    pub(super) fn show_current_match(&mut self) {
        let rows = self.reader_rows();
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        let Some(hit) = reader.find.as_ref().and_then(|f| f.hits.get(f.current)) else {
            return;
        };
        let line = reader.line_at(hit.paragraph, hit.range.start);
        if line < reader.scroll || line >= reader.scroll + rows {
            reader.scroll = line.saturating_sub(rows / 3).min(reader.max_scroll(rows));
        }
    }
}
