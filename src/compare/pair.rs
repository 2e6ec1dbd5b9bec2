//! The comparison of two articles as data: their layouts at the panes' widths and the rows
//! that keep corresponding paragraphs level. Shared by the screen and `lectern compare`.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use super::{Bead, Row, align, aligned_rows, anchors_in, occurrences, shared_anchors};
use crate::article::Article;
use crate::text::{Layout, LayoutCache, LayoutKey, LayoutOptions, lay_out_blocks};

/// Columns of the separator and the air around it between two panes side by side.
const GUTTER: u16 = 3;

/// How `width` cells split into two panes side by side: their text widths and the column
/// of the separator, with one cell of air on each side of it.
pub fn split(width: u16) -> ([u16; 2], u16) {
    let separator = width.saturating_sub(1) / 2;
    let left = separator.saturating_sub(1);
    let right = width.saturating_sub(separator + GUTTER - 1);
    ([left, right], separator)
}

/// One side: the article, its lines at the pane's width, and its shared anchors.
pub struct Side {
    /// Index of its entry in the library (for the app; 0 and 1 when headless).
    pub entry: usize,
    /// The article.
    pub article: Article,
    /// Its lines at the pane's width.
    pub layout: Arc<Layout>,
    /// Byte ranges of the shared anchors, per paragraph.
    pub anchors: Vec<Vec<Range<usize>>>,
}

/// Two articles aligned paragraph by paragraph.
pub struct Pair {
    /// Left (or top) and right (or bottom).
    pub sides: [Side; 2],
    /// Anchors both articles have.
    pub shared: BTreeSet<String>,
    beads: Vec<Bead>,
    /// The aligned rows for the current layouts.
    pub rows: Vec<Row>,
}

impl Pair {
    /// Aligns two articles (`entry` indices into the library); not laid out yet.
    pub fn new(left: (usize, Article), right: (usize, Article)) -> Self {
        let anchors_a = anchors_in(left.1.paragraphs.iter().map(String::as_str));
        let anchors_b = anchors_in(right.1.paragraphs.iter().map(String::as_str));
        let shared = shared_anchors(&anchors_a, &anchors_b);
        let beads = align(&left.1.paragraphs, &right.1.paragraphs, &shared);
        let side = |(entry, article): (usize, Article)| {
            let anchors = (article.paragraphs.iter())
                .map(|p| occurrences(p, &shared))
                .collect();
            Side {
                entry,
                article,
                layout: Arc::default(),
                anchors,
            }
        };
        Self {
            sides: [side(left), side(right)],
            shared,
            beads,
            rows: Vec::new(),
        }
    }

    /// Lays both sides out at `widths` (cached) and rebuilds the aligned rows.
    pub fn lay_out(
        &mut self,
        cache: &mut LayoutCache,
        widths: [usize; 2],
        options: [LayoutOptions; 2],
    ) {
        for ((side, width), options) in self.sides.iter_mut().zip(widths).zip(options) {
            let key = LayoutKey {
                article: &side.article.meta.id,
                width,
                options,
                raw: false,
            };
            let article = &side.article;
            let verbatim = |index| article.is_verbatim(index);
            side.layout = cache.get_or_insert_with(&key, || {
                lay_out_blocks(&article.paragraphs, verbatim, width, &options)
            });
        }
        self.rows = aligned_rows([&self.sides[0].layout, &self.sides[1].layout], &self.beads);
    }

    /// The first aligned row showing `line` of side `side`, or a line after it.
    pub fn row_of(&self, side: usize, line: usize) -> usize {
        self.rows
            .iter()
            .position(|row| row[side].is_some_and(|l| l >= line))
            .unwrap_or(0)
    }

    /// Swaps the sides.
    pub fn swap(&mut self) {
        self.sides.swap(0, 1);
        for bead in &mut self.beads {
            bead.paragraphs.swap(0, 1);
        }
        for row in &mut self.rows {
            row.swap(0, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_leaves_a_separator_with_air_on_both_sides() {
        for width in 5..300u16 {
            let ([left, right], separator) = split(width);
            // left text, a space, the separator, a space, right text: exactly the width.
            assert_eq!(left + 1 + 1 + 1 + right, width, "{width}");
            assert_eq!(separator, left + 1, "{width}");
        }
        assert_eq!(split(80), ([38, 39], 39));
    }
}
