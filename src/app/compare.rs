//! The comparison screen's state: the aligned pair, focus, synchronised or free scrolling,
//! and the marks that open a comparison.

use super::reader::{Reader, moved};
use super::{App, View, geometry};
use crate::action::Action;
use crate::compare::{Pair, Side};
use crate::keymap::Mode;
use crate::text::LayoutOptions;

/// Two articles side by side (or stacked on narrow terminals).
pub struct Compare {
    /// The two articles and their aligned rows.
    pub pair: Pair,
    /// The pane the keys act on.
    pub focus: usize,
    /// Both panes scroll together over the aligned rows.
    pub sync: bool,
    /// Shared anchors are highlighted.
    pub show_anchors: bool,
    /// First aligned row shown when scrolling together.
    pub scroll: usize,
    /// First line of each pane when scrolling on their own.
    pub pane_scroll: [usize; 2],
    /// The reader to go back to, when the comparison was opened from one.
    pub back_to: Option<Box<Reader>>,
}

impl Compare {
    /// A comparison of `pair`, synchronised, at the top.
    pub fn new(pair: Pair, back_to: Option<Box<Reader>>) -> Self {
        Self {
            pair,
            focus: 0,
            sync: true,
            show_anchors: false,
            scroll: 0,
            pane_scroll: [0; 2],
            back_to,
        }
    }

    /// The focused side.
    pub fn focused(&self) -> &Side {
        &self.pair.sides[self.focus]
    }

    /// Turns synchronised scrolling on (from the focused pane's position) or off.
    pub fn toggle_sync(&mut self) {
        self.sync = !self.sync;
        if self.sync {
            self.scroll = self.pair.row_of(self.focus, self.pane_scroll[self.focus]);
        } else {
            for side in 0..2 {
                let rows = self.pair.rows.iter().skip(self.scroll);
                self.pane_scroll[side] = rows.clone().find_map(|row| row[side]).unwrap_or(0);
            }
        }
    }

    /// Scrolls `side` (or both, when synchronised) by a movement action, `rows` being the
    /// height of the text area.
    pub fn scroll_by(&mut self, side: usize, action: &Action, rows: usize) {
        if self.sync {
            let max = self.pair.rows.len().saturating_sub(rows);
            self.scroll = moved(self.scroll, action, rows, max);
        } else {
            let max = self.pair.sides[side]
                .layout
                .lines
                .len()
                .saturating_sub(rows);
            self.pane_scroll[side] = moved(self.pane_scroll[side], action, rows, max);
        }
    }

    /// The line of pane `side` on row `row` of its text area (`None`: blank).
    pub fn line_at(&self, side: usize, row: usize) -> Option<usize> {
        if self.sync {
            self.pair.rows.get(self.scroll + row).and_then(|r| r[side])
        } else {
            let line = self.pane_scroll[side] + row;
            (line < self.pair.sides[side].layout.lines.len()).then_some(line)
        }
    }

    /// Lays both panes out for `widths`, keeping the focused pane's top line on screen.
    fn lay_out(
        &mut self,
        app_layouts: &mut crate::text::LayoutCache,
        widths: [usize; 2],
        options: [LayoutOptions; 2],
    ) {
        let top = self.line_at(self.focus, 0);
        self.pair.lay_out(app_layouts, widths, options);
        if let Some(line) = top {
            self.scroll = self.pair.row_of(self.focus, line);
        }
    }
}

impl App {
    /// `v`: marks the article for comparison; with another article marked, compares the two.
    pub(super) fn mark_compare(&mut self) {
        let Some(index) = self.target() else { return };
        let id = self.library.entries[index].meta.id.clone();
        match self.compare_mark.take() {
            Some(marked) if marked == id => self.info("comparison mark removed".to_owned()),
            Some(marked) => self.open_compare(&marked, &id),
            None => {
                self.compare_mark = Some(id);
                let mode = self.mode();
                let keys = [Action::MarkCompare, Action::Compare]
                    .map(|action| self.key_name(mode, &action));
                let how = match keys {
                    [Some(mark), Some(compare)] => {
                        format!("{mark} or {compare} on another article compares the two")
                    }
                    [Some(key), None] | [None, Some(key)] => {
                        format!("{key} on another article compares the two")
                    }
                    [None, None] => "bind mark_compare to compare two articles".to_owned(),
                };
                self.info(format!("marked for comparison: {how}"));
            }
        }
    }

    /// `c`: compares the marked article with this one.
    pub(super) fn compare_with_mark(&mut self) {
        let Some(index) = self.target() else { return };
        let id = self.library.entries[index].meta.id.clone();
        let mark = self.key_name(self.mode(), &Action::MarkCompare);
        match self.compare_mark.clone() {
            None => self.info(match mark {
                Some(key) => {
                    format!("press {key} on an article to mark it, then compare another with it")
                }
                None => "mark an article for comparison first (mark_compare)".to_owned(),
            }),
            Some(marked) if marked == id => {
                self.info(
                    "this is the article marked for comparison: choose another one".to_owned(),
                );
            }
            Some(marked) => {
                self.compare_mark = None;
                self.open_compare(&marked, &id);
            }
        }
    }

    /// Opens the comparison of the articles `left` and `right` (ids).
    fn open_compare(&mut self, left: &str, right: &str) {
        let mut sides = Vec::with_capacity(2);
        for id in [left, right] {
            let Some(index) = self.row_of(id) else {
                return self.error("the marked article is no longer in the library".to_owned());
            };
            match self.read_row(index) {
                Some(article) => sides.push((index, article)),
                None => return,
            }
        }
        let (Some(right), Some(left)) = (sides.pop(), sides.pop()) else {
            return;
        };
        let back_to = match std::mem::replace(&mut self.view, View::List) {
            View::Reader(reader) => Some(reader),
            View::Compare(compare) => compare.back_to,
            View::List => None,
        };
        self.view = View::Compare(Box::new(Compare::new(Pair::new(left, right), back_to)));
        self.relayout();
    }

    pub(super) fn update_compare(&mut self, action: Action) {
        let rows = self.compare_rows();
        let View::Compare(compare) = &mut self.view else {
            return;
        };
        match action {
            Action::Back => {
                self.view = match compare.back_to.take() {
                    Some(reader) => View::Reader(reader),
                    None => View::List,
                };
                self.relayout();
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
                let text = if compare.show_anchors {
                    format!("{} shared anchors highlighted", compare.pair.shared.len())
                } else {
                    "anchors hidden".to_owned()
                };
                self.info(text);
            }
            Action::Swap => {
                compare.pair.swap();
                compare.pane_scroll.swap(0, 1);
                compare.focus = 1 - compare.focus;
            }
            Action::Wheel(pointer, _) => {
                let areas = geometry::compare(self.size);
                let at = ratatui::layout::Position::new(pointer.column, pointer.row);
                let side = (0..2)
                    .find(|&s| areas.text[s].union(areas.headers[s]).contains(at))
                    .unwrap_or(compare.focus);
                compare.scroll_by(side, &action, rows);
            }
            action => {
                let focus = compare.focus;
                compare.scroll_by(focus, &action, rows);
            }
        }
    }

    /// Lays the comparison out for the current size.
    pub(super) fn relayout_compare(&mut self) {
        let areas = geometry::compare(self.size);
        let rows = usize::from(areas.text[0].height);
        let (bidi, shaping) = (self.config.bidi, self.config.shaping);
        let View::Compare(compare) = &mut self.view else {
            return;
        };
        let widths = areas.text.map(|r| usize::from(r.width));
        let options = compare.pair.sides.each_ref().map(|side| LayoutOptions {
            bidi,
            shaping,
            dir: side.article.meta.dir,
        });
        compare.lay_out(&mut self.layouts, widths, options);
        compare.scroll_by(compare.focus, &Action::None, rows);
    }

    /// Rows of text each comparison pane shows.
    pub fn compare_rows(&self) -> usize {
        usize::from(geometry::compare(self.size).text[0].height)
    }

    /// The key to show for `action` in `mode`, if any is bound.
    pub(super) fn key_name(&self, mode: Mode, action: &Action) -> Option<String> {
        let keys = self.config.keys.0.keys_for(mode, action, None);
        keys.first().map(ToString::to_string)
    }
}
