//! Paragraph alignment of two articles, as a translator lines them up: by relative length
//! (Gale and Church's observation that a translation keeps proportions) and shared anchors.

use std::collections::BTreeSet;
use std::ops::Range;

use super::anchors::count_in;

/// Paragraphs of the two articles that correspond: one to one, one to two, or one unmatched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    /// The paragraphs of each article in this bead (possibly empty on one side).
    pub paragraphs: [Range<usize>; 2],
}

/// The moves a bead can make: paragraphs taken from each side, and what the move costs by itself.
const MOVES: [(usize, usize, f64); 5] = [
    (1, 1, 0.0),
    (1, 0, SKIP),
    (0, 1, SKIP),
    (2, 1, MERGE),
    (1, 2, MERGE),
];
/// Cost of one percent of difference in the share of the text.
const LENGTH_WEIGHT: f64 = 40.0;
/// Leaving a paragraph unmatched (a caption, a byline, a part one article does not have).
const SKIP: f64 = 1.5;
/// Answering two paragraphs with one.
const MERGE: f64 = 1.5;
/// Credit for each anchor the two sides of a bead share, up to `MAX_ANCHORS`.
const ANCHOR_CREDIT: f64 = 4.0;
const MAX_ANCHORS: usize = 3;
/// Above this many cells the table is too big: paragraphs are matched by relative position.
const MAX_CELLS: usize = 250_000;

/// Aligns paragraphs `a` with paragraphs `b`; `shared` are the anchors both articles have.
///
/// Gale and Church's observation: a translation keeps the proportions of the original, so
/// corresponding paragraphs take about the same share of their article's text.
pub fn align(a: &[String], b: &[String], shared: &BTreeSet<String>) -> Vec<Bead> {
    let (n, m) = (a.len(), b.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return proportional(n, m);
    }
    let text_shares = |paragraphs: &[String]| {
        let lengths: Vec<f64> = paragraphs
            .iter()
            .map(|p| f64::from(u32::try_from(p.chars().count()).unwrap_or(u32::MAX)))
            .collect();
        let total = lengths.iter().sum::<f64>().max(1.0);
        lengths.into_iter().map(|l| l / total).collect::<Vec<f64>>()
    };
    let anchors = |paragraphs: &[String]| {
        paragraphs
            .iter()
            .map(|p| count_in(p, shared))
            .collect::<Vec<_>>()
    };
    best_path(&text_shares(a), &text_shares(b), &anchors(a), &anchors(b))
}

/// The cheapest sequence of beads for one length ratio (dynamic programming).
fn best_path(
    share_a: &[f64],
    share_b: &[f64],
    anchors_a: &[BTreeSet<String>],
    anchors_b: &[BTreeSet<String>],
) -> Vec<Bead> {
    let (n, m) = (share_a.len(), share_b.len());
    let bead_cost = |i: usize, j: usize, di: usize, dj: usize, base: f64| {
        let sa: f64 = share_a[i..i + di].iter().sum();
        let sb: f64 = share_b[j..j + dj].iter().sum();
        let mut cost = base + (sa - sb).abs() * LENGTH_WEIGHT;
        if di > 0 && dj > 0 {
            let left: BTreeSet<&String> = anchors_a[i..i + di].iter().flatten().collect();
            let common = anchors_b[j..j + dj]
                .iter()
                .flatten()
                .filter(|t| left.contains(t))
                .collect::<BTreeSet<_>>()
                .len();
            cost -=
                ANCHOR_CREDIT * f64::from(u8::try_from(common.min(MAX_ANCHORS)).unwrap_or(u8::MAX));
        }
        cost
    };
    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    let mut step = vec![0u8; (n + 1) * width];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            for (k, &(di, dj, base)) in (0u8..).zip(&MOVES) {
                if i + di > n || j + dj > m {
                    continue;
                }
                let next = (i + di) * width + j + dj;
                let total = here + bead_cost(i, j, di, dj, base);
                if total < cost[next] {
                    cost[next] = total;
                    step[next] = k;
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj, _) = MOVES[usize::from(step[i * width + j])];
        beads.push(Bead {
            paragraphs: [i - di..i, j - dj..j],
        });
        (i, j) = (i - di, j - dj);
    }
    beads.reverse();
    beads
}

/// Paragraph `i` of `n` with the paragraphs of `m` at the same relative position.
fn proportional(n: usize, m: usize) -> Vec<Bead> {
    let mut beads = Vec::new();
    let mut j = 0;
    for i in 0..n.max(1) {
        let end = if n == 0 {
            m
        } else {
            ((i + 1) * m).div_ceil(n).min(m)
        };
        let a = if n == 0 { 0..0 } else { i..i + 1 };
        beads.push(Bead {
            paragraphs: [a, j..end.max(j)],
        });
        j = end.max(j);
    }
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lengths: &[usize]) -> Vec<String> {
        lengths.iter().map(|&l| "x".repeat(l)).collect()
    }

    #[test]
    fn equal_proportions_align_one_to_one() {
        let beads = align(
            &texts(&[100, 300, 50]),
            &texts(&[120, 330, 60]),
            &BTreeSet::new(),
        );
        let pairs: Vec<_> = beads.iter().map(|b| b.paragraphs.clone()).collect();
        assert_eq!(pairs, [[0..1, 0..1], [1..2, 1..2], [2..3, 2..3]]);
    }

    #[test]
    fn a_split_paragraph_aligns_one_to_two() {
        // The second paragraph of A was split in two in B.
        let beads = align(
            &texts(&[100, 400, 100]),
            &texts(&[100, 200, 200, 100]),
            &BTreeSet::new(),
        );
        let pairs: Vec<_> = beads.iter().map(|b| b.paragraphs.clone()).collect();
        assert_eq!(pairs, [[0..1, 0..1], [1..2, 1..3], [2..3, 3..4]]);
    }

    #[test]
    fn shared_anchors_lower_a_beads_cost_enough_to_merge_a_caption() {
        // B opens with a short caption; its next paragraph shares names and a year with A's
        // first. Caption and paragraph together answer A's first paragraph.
        let a = vec![
            "Lavrov met them in 2021 and spoke at length about it.".to_owned(),
            "x".repeat(60),
        ];
        let b = vec![
            "caption".to_owned(),
            "Lavrov, 2021, a long sentence of some sort".to_owned(),
            "y".repeat(60),
        ];
        let shared: BTreeSet<String> = ["Lavrov".to_owned(), "2021".to_owned()].into();
        let pairs: Vec<_> = align(&a, &b, &shared)
            .iter()
            .map(|b| b.paragraphs.clone())
            .collect();
        assert_eq!(pairs, [[0..1, 0..2], [1..2, 2..3]]);
    }

    #[test]
    fn every_paragraph_is_in_exactly_one_bead() {
        let beads = align(&texts(&[5, 80, 3, 40]), &texts(&[90]), &BTreeSet::new());
        let a: Vec<usize> = beads.iter().flat_map(|b| b.paragraphs[0].clone()).collect();
        let b: Vec<usize> = beads.iter().flat_map(|b| b.paragraphs[1].clone()).collect();
        assert_eq!((a, b), ((0..4).collect(), vec![0]));
        let huge = proportional(5, 3);
        let b: Vec<usize> = huge.iter().flat_map(|b| b.paragraphs[1].clone()).collect();
        assert_eq!(b, [0, 1, 2]);
    }
}
