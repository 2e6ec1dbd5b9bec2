//! The reader's state: the open article, its cached layout and the scroll position.

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
