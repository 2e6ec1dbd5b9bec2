//! Comparison of two articles: shared anchors, paragraph alignment, and rows that keep
//! corresponding paragraphs level side by side. Pure: no terminal.

mod align;
mod anchors;
mod pair;

pub use align::{Bead, align};
pub use anchors::{Anchors, anchors_in, occurrences, shared_anchors};
pub use pair::{Pair, Side, split};

use crate::text::Layout;

/// One screen row of a comparison: the line each pane shows there (`None`: a filler row that
/// keeps the next paragraphs level).
pub type Row = [Option<usize>; 2];

/// The rows of two layouts with each bead's paragraphs starting on the same row.
pub fn aligned_rows(layouts: [&Layout; 2], beads: &[Bead]) -> Vec<Row> {
    // First line of each paragraph (and one past the end), per pane.
    let starts = layouts.map(|layout| {
        let mut starts = Vec::new();
        for (i, line) in layout.lines.iter().enumerate() {
            while starts.len() <= line.paragraph {
                starts.push(i);
            }
        }
        starts.push(layout.lines.len());
        starts
    });
    let line_range = |pane: usize, paragraphs: &std::ops::Range<usize>| {
        let s = &starts[pane];
        let at = |p: usize| s.get(p).copied().unwrap_or(layouts[pane].lines.len());
        if paragraphs.is_empty() {
            at(paragraphs.start)..at(paragraphs.start)
        } else {
            at(paragraphs.start)..at(paragraphs.end)
        }
    };
    let mut rows = Vec::new();
    for bead in beads {
        let [a, b] = [
            line_range(0, &bead.paragraphs[0]),
            line_range(1, &bead.paragraphs[1]),
        ];
        let height = a.len().max(b.len());
        for k in 0..height {
            let line =
                |range: &std::ops::Range<usize>| (k < range.len()).then_some(range.start + k);
            rows.push([line(&a), line(&b)]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LayoutOptions, lay_out};

    #[test]
    fn beads_start_on_the_same_row() {
        let a = lay_out(
            &["one two three four".to_owned(), "five".to_owned()],
            9,
            &LayoutOptions::default(),
        );
        let b = lay_out(
            &["uno".to_owned(), "dos tres cuatro cinco".to_owned()],
            9,
            &LayoutOptions::default(),
        );
        // a: "one two", "three", "four", "", "five"   b: "uno", "", "dos tres", "cuatro", "cinco"
        let beads = [
            Bead {
                paragraphs: [0..1, 0..1],
            },
            Bead {
                paragraphs: [1..2, 1..2],
            },
        ];
        let rows = aligned_rows([&a, &b], &beads);
        assert_eq!(
            rows,
            [
                [Some(0), Some(0)],
                [Some(1), Some(1)],
                [Some(2), None],
                [Some(3), None],
                [Some(4), Some(2)],
                [None, Some(3)],
                [None, Some(4)],
            ]
        );
    }
}
