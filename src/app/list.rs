//! The list's own state: the query and its prompt, the rows it shows, the selection and the
//! scroll offset; and what the list does with keys, clicks and the wheel.

use super::prompt::{Edit, Prompt};
use super::{App, View, geometry};
use crate::action::Action;
use crate::filter::Filter;

/// The article list.
#[derive(Default)]
pub struct ListState {
    /// The filter as typed, with its cursor.
    pub prompt: Prompt,
    /// Whether the prompt has the keyboard.
    pub editing: bool,
    pub(super) filter: Filter,
    /// Entries shown (indices into `library.entries`), best match first.
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// Position in `visible` of the top row on screen.
    pub offset: usize,
    /// What the rows are sorted by.
    pub sort: SortKey,
}

/// What the list is sorted by; the sort key cycles through them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Newest first (and, with a text query, best match first).
    #[default]
    Date,
    /// By source (outlet or feed name, folded), newest first within one.
    Source,
    /// By language code, newest first within one.
    Language,
}

impl SortKey {
    /// The next key: date, source, language, date…
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Date => Self::Source,
            Self::Source => Self::Language,
            Self::Language => Self::Date,
        }
    }

    /// Its name, for the heading and the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Source => "source",
            Self::Language => "language",
        }
    }
}

impl ListState {
    /// The query as typed.
    pub fn query(&self) -> &str {
        self.prompt.text()
    }

    /// The entry index under the selection.
    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Selects row `row` (clamped to the list) and scrolls the least that shows it in a
    /// view of `rows` rows, as `less` does: the view moves only when the selection would
    /// leave it.
    pub fn select(&mut self, row: usize, rows: usize) {
        self.selected = row.min(self.visible.len().saturating_sub(1));
        self.scroll_into_view(rows);
    }

    /// Keeps the selection inside a view of `rows` rows, and the view inside the list.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.visible.len().saturating_sub(rows));
    }
}

impl App {
    /// Rows of articles the list shows.
    pub fn list_rows(&self) -> usize {
        usize::from(geometry::list(self.size).rows.height) / self.row_height()
    }

    /// Screen rows an article takes in the list: two for a body search's hits (the title,
    /// then the line of text that matched), else one.
    pub fn row_height(&self) -> usize {
        if super::body_query(self.list.query()).is_some() {
            2
        } else {
            1
        }
    }

    pub(super) fn update_list(&mut self, action: &Action) {
        let before = self.list.selected;
        let page = self.list_rows().max(1);
        let list = &self.list;
        let target = match *action {
            Action::Down => list.selected + 1,
            Action::Up => list.selected.saturating_sub(1),
            Action::HalfPageDown => list.selected + page / 2,
            Action::HalfPageUp => list.selected.saturating_sub(page / 2),
            Action::PageDown => list.selected + page,
            Action::PageUp => list.selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::Wheel(_, lines) => list.selected.saturating_add_signed(isize::from(lines)),
            Action::Click(pointer, double) => {
                let rows = geometry::list(self.size).rows;
                if !rows.contains(ratatui::layout::Position::new(pointer.column, pointer.row)) {
                    return;
                }
                let row = list.offset + usize::from(pointer.row - rows.y) / self.row_height();
                if row >= list.visible.len() {
                    return;
                }
                self.list.select(row, page);
                if double {
                    self.open_selected();
                }
                return self.note_moved(before);
            }
            Action::Open => return self.open_selected(),
            Action::ClearFilter => return self.clear_mark_or_filter(),
            Action::MarkAllRead => return self.mark_all_read(),
            Action::Undo => return self.undo(),
            Action::CycleSort => return self.cycle_sort(),
            Action::ShowFeeds => return self.show_feeds(),
            _ => return,
        };
        self.list.select(target, page);
        self.note_moved(before);
    }

    /// Remembers that the person moved the selection while the library loads, so that the
    /// end of loading does not move it back to the top.
    fn note_moved(&mut self, before: usize) {
        if self.list.selected != before
            && let Some(loading) = &mut self.loading
        {
            loading.moved = true;
        }
    }

    /// Esc in the list: the comparison mark goes first, then the filter.
    fn clear_mark_or_filter(&mut self) {
        if self.compare_mark.take().is_some() {
            self.info("comparison mark cleared".to_owned());
        } else {
            self.list.prompt.clear();
            self.refilter(false);
        }
    }

    /// The prompt's keys: editing, moving the selection, accepting and cancelling.
    pub(super) fn update_prompt(&mut self, action: Action) {
        match action {
            Action::Accept => {
                self.list.editing = false;
                if super::body_query(self.list.query()).is_some() {
                    self.refilter(false);
                }
            }
            Action::ClearFilter => {
                self.list.editing = false;
                self.list.prompt.clear();
                self.refilter(false);
            }
            Action::Down | Action::Up => self.update_list(&action),
            Action::DeleteBack if self.list.query().is_empty() => self.list.editing = false,
            action => match self.list.prompt.apply(&action) {
                Edit::None | Edit::Moved => {}
                Edit::Changed => {
                    self.refilter(true);
                    if crate::filter::bounded(self.list.query()).1 {
                        self.info(format!(
                            "the filter uses its first {} terms",
                            crate::filter::MAX_TERMS
                        ));
                    }
                }
                Edit::Cut => {
                    self.refilter(true);
                    self.error(format!(
                        "the filter keeps its first {} characters",
                        super::prompt::MAX_CHARS
                    ));
                }
            },
        }
    }

    /// Filters the library with the query. While typing (`best`), the best match is
    /// selected, as fzf and newsboat do; otherwise the selected row stays selected if it
    /// still shows. Rows only move when loading ends, which [`App::receive`] handles.
    /// The query's warnings (`is:unred`, `foo:bar`) go to the status bar.
    pub(super) fn refilter(&mut self, best: bool) {
        if let Some(text) = super::body_query(self.list.query()) {
            // Typed: newest first; accepted: by relevance.
            let text = text.to_owned();
            return self.body_refilter(&text, !self.list.editing);
        }
        let keep = self.list.selected_index();
        let library = &self.library;
        let store = &self.store;
        let fields = library.fields(store);
        let hits = (self.list.filter).update(self.list.prompt.text(), &library.index, fields);
        self.list.visible.clear();
        (self.list.visible).extend(hits.iter().map(|h| h.index as usize));
        self.sort_visible();
        let row = if best {
            0
        } else {
            keep.and_then(|row| self.list.visible.iter().position(|&r| r == row))
                .unwrap_or(0)
        };
        if best {
            self.list.offset = 0;
        }
        let rows = self.list_rows();
        self.list.select(row, rows);
        // A field the query cannot use is said, not silently matched as nothing.
        let query = self.list.filter.query();
        if !query.warnings().is_empty() {
            let (text, nothing) = (query.warnings().join("; "), query.matches_nothing());
            if nothing {
                self.error(text);
            } else {
                self.info(text);
            }
        }
    }

    /// Puts the shown rows in the sort key's order; stable, so rows of one source or
    /// language stay newest (or best match) first.
    fn sort_visible(&mut self) {
        let library = &self.library;
        let source = |row: usize| {
            let key = library.index.full(row);
            key.split_once('\n').map_or("", |(_, source)| source)
        };
        let lang = |row: usize| {
            library
                .entries
                .get(row)
                .map_or("", |e| e.meta.lang.as_str())
        };
        match self.list.sort {
            SortKey::Date => {}
            SortKey::Source => self.list.visible.sort_by(|&a, &b| source(a).cmp(source(b))),
            SortKey::Language => self.list.visible.sort_by(|&a, &b| lang(a).cmp(lang(b))),
        }
    }

    /// The sort key: date, source, language, then date again; the selection stays on its
    /// article.
    pub(super) fn cycle_sort(&mut self) {
        self.list.sort = self.list.sort.next();
        self.refilter(false);
        let rows = self.list_rows();
        self.list.scroll_into_view(rows);
        self.info(format!("sorted by {}", self.list.sort.name()));
    }

    /// The open view's entry (the focused pane in a comparison), else the selection.
    pub(super) fn target(&self) -> Option<usize> {
        match &self.view {
            View::Reader(reader) => Some(reader.entry),
            View::Compare(compare) => Some(compare.focused().entry),
            View::List => self.list.selected_index(),
        }
    }
}

#[cfg(test)]
mod tests;
