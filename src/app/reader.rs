//! The reader's state: the open article, its headline and text laid out for the width, and
//! the scroll position, kept on the same words when the width changes.

use std::sync::Arc;

use super::{App, View, geometry};
use crate::action::Action;
use crate::article::Article;
use crate::text::{
    Layout, LayoutCache, LayoutKey, LayoutOptions, ScreenLine, lay_out, lay_out_blocks,
    lay_out_line,
};

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
    /// The headline: up to [`geometry::MAX_HEADLINE_ROWS`] lines, the last one cut with an
    /// ellipsis when the title is longer.
    pub headline: Vec<ScreenLine>,
    /// The list of the article's links, when it is open over the text.
    pub links: Option<super::LinkList>,
    /// A find in the text: its prompt and what it lights up.
    pub find: Option<super::Find>,
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
            headline: Vec::new(),
            links: None,
            find: None,
        }
    }

    /// The paragraphs shown: the clean ones, or the raw text's.
    pub fn texts(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        if self.raw {
            Box::new(self.article.raw_paragraphs().into_iter())
        } else {
            Box::new(self.article.paragraphs.iter().map(String::as_str))
        }
    }

    /// Takes the layout for `width` from the cache, laying the text out only if it is not
    /// there, and keeps the first line on screen showing the same words.
    pub fn lay_out(&mut self, cache: &mut LayoutCache, width: usize, options: LayoutOptions) {
        let anchor = self.anchor();
        let key = LayoutKey {
            article: &self.article.meta.id,
            width,
            options,
            raw: self.raw,
        };
        let (article, raw) = (&self.article, self.raw);
        self.layout = cache.get_or_insert_with(&key, || {
            if raw {
                let lines: Vec<String> = (article.raw_paragraphs().into_iter())
                    .map(str::to_owned)
                    .collect();
                lay_out(&lines, width, &options)
            } else {
                let verbatim = |index| article.is_verbatim(index);
                lay_out_blocks(&article.paragraphs, verbatim, width, &options)
            }
        });
        let rows = geometry::MAX_HEADLINE_ROWS;
        self.headline = headline(&self.article.meta.title, width, options, rows);
        if let Some((paragraph, offset)) = anchor {
            self.scroll = self.line_at(paragraph, offset);
        }
    }

    /// The first paragraph on screen and the logical offset its top line starts at; the
    /// blank line after a paragraph is its end (`usize::MAX`).
    fn anchor(&self) -> Option<(usize, usize)> {
        let line = self.layout.lines.get(self.scroll)?;
        let start = line.glyphs.iter().map(|g| g.source.start).min();
        Some((line.paragraph, start.unwrap_or(usize::MAX)))
    }

    /// The last line of `paragraph` that starts at or before `offset` (the blank line after
    /// it for `usize::MAX`).
    pub(super) fn line_at(&self, paragraph: usize, offset: usize) -> usize {
        let lines = &self.layout.lines;
        let first = lines.partition_point(|l| l.paragraph < paragraph);
        let mut best = first;
        for (i, line) in lines.iter().enumerate().skip(first) {
            if line.paragraph != paragraph {
                break;
            }
            let start = line.glyphs.iter().map(|g| g.source.start).min();
            if start.unwrap_or(usize::MAX) <= offset {
                best = i;
            }
        }
        best.min(lines.len().saturating_sub(1))
    }

    /// The largest scroll that still fills `rows` rows.
    pub fn max_scroll(&self, rows: usize) -> usize {
        self.layout.lines.len().saturating_sub(rows)
    }

    /// Scrolls for a movement action, `rows` being the height of the text area.
    pub fn scroll_by(&mut self, action: &Action, rows: usize) {
        self.scroll = moved(self.scroll, action, rows, self.max_scroll(rows));
    }
}

/// The title wrapped to `width` on at most `rows` lines; what does not fit ends the last line
/// with an ellipsis.
pub fn headline(title: &str, width: usize, options: LayoutOptions, rows: usize) -> Vec<ScreenLine> {
    // Only the start of a title can show: a hostile one may be megabytes long.
    let mut end = title
        .len()
        .min(rows.saturating_mul(width).saturating_mul(16).max(64));
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    let mut lines = lay_out(&[title[..end].to_owned()], width, &options).lines;
    if rows > 0 && (lines.len() > rows || end < title.len()) {
        let last = lines.len().min(rows).saturating_sub(1);
        let start = lines
            .get(last)
            .and_then(|line| line.glyphs.iter().map(|g| g.source.start).min())
            .unwrap_or(0);
        lines.truncate(last);
        lines.push(lay_out_line(&title[start..], width, &options));
    }
    lines
}

/// `position` moved by a movement action within `0..=max`; a page keeps one line of context.
pub fn moved(position: usize, action: &Action, rows: usize, max: usize) -> usize {
    let page = rows.saturating_sub(1).max(1);
    match action {
        Action::Down => position + 1,
        Action::Up => position.saturating_sub(1),
        Action::HalfPageDown => position + (rows / 2).max(1),
        Action::HalfPageUp => position.saturating_sub((rows / 2).max(1)),
        Action::PageDown | Action::PageDownOrNextUnread => position + page,
        Action::PageUp => position.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        Action::Wheel(_, lines) => position.saturating_add_signed(isize::from(*lines)),
        _ => position,
    }
    .min(max)
}

impl App {
    pub(super) fn update_reader(&mut self, action: Action) {
        let rows = self.reader_rows();
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        match action {
            Action::Back => self.view = View::List,
            Action::NextArticle | Action::PreviousArticle => {
                let next = action == Action::NextArticle;
                let here = self.list.selected;
                let target = if next { here + 1 } else { here.wrapping_sub(1) };
                if target < self.list.visible.len() {
                    self.list.select(target, self.list_rows());
                    self.open_selected();
                } else if next {
                    self.info("this is the last article".to_owned());
                } else {
                    self.info("this is the first article".to_owned());
                }
            }
            Action::ToggleRaw => {
                reader.raw = !reader.raw;
                reader.scroll = 0;
                // What was found is in the other text.
                reader.find = None;
                reader.layout = Arc::default();
                self.relayout();
            }
            Action::ShowLinks => self.show_links(),
            Action::Find => self.start_find(),
            Action::NextMatch => self.next_match(true),
            Action::PreviousMatch => self.next_match(false),
            Action::PageDownOrNextUnread if reader.scroll >= reader.max_scroll(rows) => {
                self.next_unread(true);
            }
            action => reader.scroll_by(&action, rows),
        }
    }

    /// Rows of text the reader shows.
    pub fn reader_rows(&self) -> usize {
        let headline = match &self.view {
            View::Reader(reader) => reader.headline.len(),
            _ => 1,
        };
        usize::from(geometry::reader(self.size, headline).text.height)
    }

    /// Opens the selected article in the reader and marks it read.
    pub(super) fn open_selected(&mut self) {
        let Some(index) = self.list.selected_index() else {
            return;
        };
        if let Some(article) = self.read_row(index) {
            self.view = View::Reader(Box::new(Reader::new(index, article)));
            let id = self.library.entries[index].meta.id.clone();
            if let Err(error) = self.change_marks(&id, |store| store.set_read(&id, true)) {
                self.error(format!("could not save read state: {error}"));
            }
            self.relayout();
            self.find_search_words();
        }
        self.drain_store_notices();
    }

    /// Reads the article of row `index`. A file listed from the index cache is read only now,
    /// so one made unreadable since is found here: the status bar says why, and the list
    /// marks its row with the reason until it opens again.
    pub(super) fn read_row(&mut self, index: usize) -> Option<Article> {
        let entry = &self.library.entries[index];
        match self.library.read(entry) {
            Ok(article) => {
                self.unreadable.remove(&entry.meta.id);
                Some(article)
            }
            Err(warning) => {
                let reason = warning.problem.to_string();
                let reason = reason
                    .strip_prefix("skipped: ")
                    .unwrap_or(&reason)
                    .to_owned();
                self.unreadable.insert(entry.meta.id.clone(), reason);
                self.error(format!("cannot open {warning}"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_headline_takes_three_lines_and_ends_with_an_ellipsis() {
        let title = "one two three four five six seven eight nine ten eleven twelve";
        let lines = headline(title, 10, LayoutOptions::default(), 3);
        let plain: Vec<String> = lines.iter().map(ScreenLine::to_plain).collect();
        assert_eq!(plain, ["one two", "three four", "five six…"]);
        let one = headline(title, 10, LayoutOptions::default(), 1);
        assert_eq!(one.len(), 1);
        // Cut by cells, as every one-line title is: the ellipsis takes the tenth.
        assert_eq!(one[0].to_plain(), "one two t…");
        let short = headline("one two", 10, LayoutOptions::default(), 3);
        assert_eq!(short.len(), 1);
    }
}
