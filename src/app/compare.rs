//! The comparison screen's state: two panes, focus, synchronised scrolling over aligned rows.

use super::{App, Screen};
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use super::reader::moved;
use crate::action::Action;
use crate::article::Article;
use crate::compare::{Bead, Row, align, aligned_rows, anchors_in, shared_anchors};
use crate::text::{Layout, LayoutCache, LayoutKey, LayoutOptions, lay_out};

/// Rows above each pane's text: title, details, rule.
pub const HEADER_ROWS: u16 = 3;

/// One side of the comparison.
pub struct Pane {
    /// Index of its entry in the library.
    pub entry: usize,
    /// The article.
    pub article: Article,
    /// Its lines at the pane's width.
    pub layout: Arc<Layout>,
    /// First line shown when scrolling on its own.
    pub scroll: usize,
    /// Byte ranges of the shared anchors, per paragraph.
    pub anchors: Vec<Vec<Range<usize>>>,
}

/// Two articles side by side (or stacked on narrow terminals).
pub struct Compare {
    /// Left (or top) and right (or bottom).
    pub panes: [Pane; 2],
    /// The pane the keys act on.
    pub focus: usize,
    /// Both panes scroll together over `rows`.
    pub sync: bool,
    /// Shared anchors are highlighted.
    pub show_anchors: bool,
    /// Anchors both articles have.
    pub shared: BTreeSet<String>,
    beads: Vec<Bead>,
    /// The aligned rows for the current layouts.
    pub rows: Vec<Row>,
    /// First aligned row shown when scrolling together.
    pub scroll: usize,
}

impl Compare {
    /// A comparison of two articles (`entry` indices into the library), not laid out yet.
    pub fn new(left: (usize, Article), right: (usize, Article)) -> Self {
        let anchors_a = anchors_in(left.1.paragraphs.iter().map(String::as_str));
        let anchors_b = anchors_in(right.1.paragraphs.iter().map(String::as_str));
        let shared = shared_anchors(&anchors_a, &anchors_b);
        let beads = align(&left.1.paragraphs, &right.1.paragraphs, &shared);
        let pane = |(entry, article): (usize, Article)| {
            let anchors = article
                .paragraphs
                .iter()
                .map(|p| crate::compare::occurrences(p, &shared))
                .collect();
            Pane {
                entry,
                article,
                layout: Arc::default(),
                scroll: 0,
                anchors,
            }
        };
        Self {
            panes: [pane(left), pane(right)],
            focus: 0,
            sync: true,
            show_anchors: false,
            shared,
            beads,
            rows: Vec::new(),
            scroll: 0,
        }
    }

    /// Lays both panes out at `widths` (cached) and rebuilds the aligned rows.
    pub fn lay_out(
        &mut self,
        cache: &mut LayoutCache,
        widths: [usize; 2],
        options: [LayoutOptions; 2],
    ) {
        for ((pane, width), options) in self.panes.iter_mut().zip(widths).zip(options) {
            let key = LayoutKey {
                article: &pane.article.meta.id,
                width,
                options,
                raw: false,
            };
            let paragraphs = &pane.article.paragraphs;
            pane.layout = cache.get_or_insert_with(&key, || lay_out(paragraphs, width, &options));
        }
        let top = self.rows.get(self.scroll).and_then(|row| row[self.focus]);
        self.rows = aligned_rows([&self.panes[0].layout, &self.panes[1].layout], &self.beads);
        if let Some(line) = top {
            self.scroll = self.row_of(self.focus, line);
        }
    }

    /// The first aligned row showing `line` of pane `side`, or at or after it.
    fn row_of(&self, side: usize, line: usize) -> usize {
        self.rows
            .iter()
            .position(|row| row[side].is_some_and(|l| l >= line))
            .unwrap_or(0)
    }

    /// Swaps the panes (the focus stays with its article).
    pub fn swap(&mut self) {
        self.panes.swap(0, 1);
        self.focus = 1 - self.focus;
        for bead in &mut self.beads {
            bead.paragraphs.swap(0, 1);
        }
        for row in &mut self.rows {
            row.swap(0, 1);
        }
    }

    /// Turns synchronised scrolling on (from the focused pane's position) or off.
    pub fn toggle_sync(&mut self) {
        self.sync = !self.sync;
        if self.sync {
            self.scroll = self.row_of(self.focus, self.panes[self.focus].scroll);
        } else {
            for side in 0..2 {
                let line = self.rows.iter().skip(self.scroll).find_map(|row| row[side]);
                self.panes[side].scroll = line.unwrap_or(0);
            }
        }
    }

    /// Scrolls by a movement action, `rows` being the height of the text area.
    pub fn scroll_by(&mut self, action: Action, rows: usize) {
        if self.sync {
            let max = self.rows.len().saturating_sub(rows);
            self.scroll = moved(self.scroll, action, rows, max);
        } else {
            let pane = &mut self.panes[self.focus];
            let max = pane.layout.lines.len().saturating_sub(rows);
            pane.scroll = moved(pane.scroll, action, rows, max);
        }
    }

    /// The line of pane `side` on screen row `row` of its text area (`None`: blank).
    pub fn line_at(&self, side: usize, row: usize) -> Option<usize> {
        if self.sync {
            self.rows.get(self.scroll + row).and_then(|r| r[side])
        } else {
            let line = self.panes[side].scroll + row;
            (line < self.panes[side].layout.lines.len()).then_some(line)
        }
    }
}

impl App {
    pub(super) fn mark_compare(&mut self) {
        let Some(index) = self.target() else { return };
        let id = self.library.entries[index].meta.id.clone();
        if let Some(at) = self.compare_marks.iter().position(|m| *m == id) {
            self.compare_marks.remove(at);
            self.info("comparison mark removed".to_owned());
        } else {
            if self.compare_marks.len() == 2 {
                self.compare_marks.remove(0);
            }
            self.compare_marks.push(id);
            self.info(
                "marked for comparison: press c on another article, or mark a second one"
                    .to_owned(),
            );
        }
    }

    /// Opens the comparison of the two marked articles, or of the marked one and this one.
    pub(super) fn open_compare(&mut self) {
        let here = self
            .target()
            .map(|i| self.library.entries[i].meta.id.clone());
        let mut ids: Vec<String> = self.compare_marks.clone();
        if ids.len() < 2 {
            ids.retain(|id| Some(id) != here.as_ref());
            ids.extend(here);
        }
        if ids.len() < 2 {
            return self
                .info("mark an article with v first, then press c on another one".to_owned());
        }
        let mut sides = Vec::new();
        for id in &ids[..2] {
            let Some(index) = self.library.entries.iter().position(|e| e.meta.id == *id) else {
                return self.error("the marked article is no longer in the library".to_owned());
            };
            match self.library.read(&self.library.entries[index]) {
                Ok(article) => sides.push((index, article)),
                Err(warning) => return self.error(format!("cannot open {warning}")),
            }
        }
        let right = sides.pop();
        let (Some(left), Some(right)) = (sides.pop(), right) else {
            return;
        };
        self.compare = Some(Compare::new(left, right));
        if self.screen != Screen::Compare {
            self.compare_from = self.screen;
        }
        self.screen = Screen::Compare;
        self.relayout();
    }

    pub(super) fn update_compare(&mut self, action: Action) {
        let rows = self.compare_rows();
        let Some(compare) = &mut self.compare else {
            return;
        };
        match action {
            Action::Back => {
                self.screen = self.compare_from;
                self.compare = None;
            }
            Action::FocusOther => compare.focus = 1 - compare.focus,
            Action::ToggleSync => {
                compare.toggle_sync();
                let text = if compare.sync {
                    "scrolling together"
                } else {
                    "scrolling each pane on its own"
                };
                self.info(text.to_owned());
            }
            Action::ToggleAnchors => {
                compare.show_anchors = !compare.show_anchors;
                let count = compare.shared.len();
                let text = if compare.show_anchors {
                    format!("{count} shared anchors highlighted")
                } else {
                    "anchors hidden".to_owned()
                };
                self.info(text);
            }
            Action::Swap => compare.swap(),
            _ => compare.scroll_by(action, rows),
        }
    }

    /// Rows of text each comparison pane shows.
    pub fn compare_rows(&self) -> usize {
        crate::ui::compare_geometry(self.size).text_rows
    }
}
