//! The reader's state: the open article, its cached layout and the scroll position.

use super::{App, Screen};
use std::sync::Arc;

use crate::action::Action;
use crate::article::Article;
use crate::text::{Layout, LayoutCache, LayoutKey, LayoutOptions, lay_out};

/// Rows above the text: title, details, rule.
pub const HEADER_ROWS: u16 = 3;

/// One open article.
pub struct Reader {
    /// Index of its entry in the library.
    pub entry: usize,
    /// The article, clean paragraphs and raw text.
    pub article: Article,
    /// Showing the raw text instead of the clean paragraphs.
    pub raw: bool,
    /// The first line on screen.
    pub scroll: usize,
    /// The lines for the current width and mode.
    pub layout: Arc<Layout>,
}

impl Reader {
    /// A reader at the top of `article`, not laid out yet.
    pub fn new(entry: usize, article: Article) -> Self {
        Self {
            entry,
            article,
            raw: false,
            scroll: 0,
            layout: Arc::default(),
        }
    }

    /// Takes the layout for `width` from the cache, laying the text out only if it is not there.
    pub fn lay_out(&mut self, cache: &mut LayoutCache, width: usize, options: LayoutOptions) {
        let key = LayoutKey {
            article: &self.article.meta.id,
            width,
            options,
            raw: self.raw,
        };
        let (article, raw) = (&self.article, self.raw);
        self.layout = cache.get_or_insert_with(&key, || {
            if raw {
                let lines: Vec<String> = article.raw.lines().map(str::to_owned).collect();
                lay_out(&lines, width, &options)
            } else {
                lay_out(&article.paragraphs, width, &options)
            }
        });
    }

    /// The largest scroll that still fills the screen.
    pub fn max_scroll(&self, rows: usize) -> usize {
        self.layout.lines.len().saturating_sub(rows)
    }

    /// Scrolls for a movement action, `rows` being the height of the text area.
    pub fn scroll_by(&mut self, action: Action, rows: usize) {
        self.scroll = moved(self.scroll, action, rows, self.max_scroll(rows));
    }
}

/// `position` moved by a movement action within `0..=max`; a page keeps one line of context.
pub fn moved(position: usize, action: Action, rows: usize, max: usize) -> usize {
    let page = rows.saturating_sub(1).max(1);
    match action {
        Action::Down => position + 1,
        Action::Up => position.saturating_sub(1),
        Action::HalfPageDown => position + rows / 2,
        Action::HalfPageUp => position.saturating_sub(rows / 2),
        Action::PageDown => position + page,
        Action::PageUp => position.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        Action::Scroll(n) => position.saturating_add_signed(isize::from(n) * 3),
        _ => position,
    }
    .min(max)
}

impl App {
    pub(super) fn update_reader(&mut self, action: Action) {
        match action {
            Action::Back => {
                self.screen = Screen::List;
                self.reader = None;
            }
            Action::NextArticle | Action::PreviousArticle => {
                let next = action == Action::NextArticle;
                let target = if next {
                    self.selected + 1
                } else {
                    self.selected.wrapping_sub(1)
                };
                if target < self.visible.len() {
                    self.selected = target;
                    self.open_selected();
                } else {
                    self.info(
                        if next {
                            "this is the last article"
                        } else {
                            "this is the first article"
                        }
                        .to_owned(),
                    );
                }
            }
            Action::ToggleRaw => {
                if let Some(reader) = &mut self.reader {
                    reader.raw = !reader.raw;
                    reader.scroll = 0;
                }
                self.relayout();
            }
            _ => {
                let rows = self.reader_rows();
                if let Some(reader) = &mut self.reader {
                    reader.scroll_by(action, rows);
                }
            }
        }
    }

    /// Rows of text the reader shows (the header and the status bar take the rest).
    pub fn reader_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(HEADER_ROWS + 1)).max(1)
    }

    pub(super) fn open_selected(&mut self) {
        let Some(&index) = self.visible.get(self.selected) else {
            return;
        };
        let entry = &self.library.entries[index];
        match self.library.read(entry) {
            Ok(article) => {
                self.reader = Some(Reader::new(index, article));
                self.screen = Screen::Reader;
                let id = entry.meta.id.clone();
                if let Err(error) = self.change_marks(&id, |store| store.set_read(&id, true)) {
                    self.error(format!("could not save read state: {error}"));
                }
                self.relayout();
            }
            Err(warning) => self.error(format!("cannot open {warning}")),
        }
        self.drain_store_notices();
    }
}
