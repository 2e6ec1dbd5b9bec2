//! Matching the rows (all, or the previous matches) against a query, spread over
//! rayon's threads when the list is long.

use std::ops::Range;

use rayon::prelude::*;

use super::score::{Rows, Scorer};
use super::{Fields, Hit};

/// Lists shorter than this are matched on the calling thread: below it, handing work to
/// the pool costs more than it saves.
const PARALLEL_MIN: usize = 16 * 1024;
/// Candidates per rayon task: large enough that cloning the matchers per task is noise.
const CHUNK: usize = 4096;

/// The matches of a scan, in row order: the hits, and each hit's score for every group
/// of text terms of the query (a term, or alternatives `a | b`; in the order typed), so
/// that a narrower query can reuse the scores of the groups it did not change. Kept only
/// for two groups or more: a single group's score is the hit's.
#[derive(Debug, Clone, Default)]
pub(super) struct Matches {
    pub(super) hits: Vec<Hit>,
    pub(super) term_scores: Vec<u16>,
}

impl Matches {
    pub(super) fn append(&mut self, other: Matches) {
        self.hits.extend(other.hits);
        self.term_scores.extend(other.term_scores);
    }
}

/// A hit for row `row`, which is below `u32::MAX` (the update clamps the count).
pub(super) fn hit(row: usize, score: u32) -> Hit {
    Hit {
        index: u32::try_from(row).unwrap_or(u32::MAX),
        score,
    }
}

/// Matches the rows in `range`, in order.
pub(super) fn scan<'a, F>(scorer: &Scorer<'_>, rows: &Rows<'_, F>, range: Range<usize>) -> Matches
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    let start = range.start;
    scan_by(scorer, rows, range.len(), |offset| {
        (start + offset, &[][..], 0)
    })
}

/// Matches again the rows of the previous matches, in order, reusing the scores of the
/// groups the scorer was told are unchanged (`previous_terms`: the previous query's
/// number of groups).
pub(super) fn scan_listed<'a, F>(
    scorer: &Scorer<'_>,
    rows: &Rows<'_, F>,
    previous: &Matches,
    previous_terms: usize,
) -> Matches
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    let kept = if previous_terms > 1 {
        previous_terms
    } else {
        0
    };
    scan_by(scorer, rows, previous.hits.len(), |at| {
        let start = at * kept;
        let kept_scores = (previous.term_scores.get(start..start + kept)).unwrap_or_default();
        let hit = previous.hits[at];
        (hit.index as usize, kept_scores, hit.score)
    })
}

/// Matches the rows `row_at(0..len)` (each with its previous scores), in that order, in
/// parallel when there are many.
fn scan_by<'a, 'p, F, R>(scorer: &Scorer<'_>, rows: &Rows<'_, F>, len: usize, row_at: R) -> Matches
where
    F: Fn(usize) -> Fields<'a> + Sync,
    R: Fn(usize) -> (usize, &'p [u16], u32) + Sync,
{
    let run = |scorer: &mut Scorer<'_>, range: Range<usize>, out: &mut Matches| {
        for at in range {
            let (row, previous, total) = row_at(at);
            if let Some(score) = scorer.score(rows, row, previous, total, &mut out.term_scores) {
                out.hits.push(hit(row, score));
            }
        }
    };
    let mut matches = Matches::default();
    if len < PARALLEL_MIN {
        run(&mut scorer.clone(), 0..len, &mut matches);
        return matches;
    }
    let chunks: Vec<Matches> = (0..len.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || scorer.clone(),
            |scorer, chunk| {
                let mut out = Matches::default();
                run(
                    scorer,
                    chunk * CHUNK..((chunk + 1) * CHUNK).min(len),
                    &mut out,
                );
                out
            },
        )
        .collect();
    matches
        .hits
        .reserve_exact(chunks.iter().map(|c| c.hits.len()).sum());
    (matches.term_scores).reserve_exact(chunks.iter().map(|c| c.term_scores.len()).sum());
    for chunk in chunks {
        matches.append(chunk);
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Query, SearchIndex, SearchKey};

    fn rows(keys: &[SearchKey]) -> SearchIndex {
        keys.iter().collect()
    }

    /// The hits and per-term scores of `input` over every row of `keys`.
    fn matched(keys: &[SearchKey], input: &str) -> Matches {
        let index = rows(keys);
        let rows = Rows {
            index: &index,
            fields: |_| Fields::default(),
        };
        let query = Query::parse(input);
        scan(&Scorer::new(&query), &rows, 0..keys.len())
    }

    #[test]
    fn scores_are_kept_per_term_in_the_order_typed() {
        let keys = [
            SearchKey::new("kinh tế", None),
            SearchKey::new("tế kinh", None),
        ];
        let both = matched(&keys, "te kinh");
        // A single term keeps no scores per term: its score is the hit's.
        let alone = |input| -> Vec<u16> {
            let found = matched(&keys, input);
            assert!(found.term_scores.is_empty());
            (found.hits.iter())
                .map(|hit| u16::try_from(hit.score).unwrap())
                .collect()
        };
        let (te, kinh) = (alone("te"), alone("kinh"));
        let expected = [te[0], kinh[0], te[1], kinh[1]];
        assert_eq!(both.term_scores, expected);
        let sum = |row: usize| u32::from(expected[2 * row]) + u32::from(expected[2 * row + 1]);
        assert_eq!(both.hits, [hit(0, sum(0)), hit(1, sum(1))]);
    }

    #[test]
    fn narrowing_copies_unchanged_terms_and_rescores_the_others() {
        let keys = [
            SearchKey::new("kinh tế", None),
            SearchKey::new("kinh thành", None),
        ];
        let index = rows(&keys);
        let rows = Rows {
            index: &index,
            fields: |_| Fields::default(),
        };
        let (before, after) = (Query::parse("kinh t"), Query::parse("kinh te"));
        // Marked scores for "kinh" (7) and "t" (9): a copied score keeps its mark.
        let previous = Matches {
            hits: vec![hit(0, 16), hit(1, 16)],
            term_scores: vec![7, 9, 7, 9],
        };
        let scorer = Scorer::narrowing(&after, Some(&before));
        let narrowed = scan_listed(&scorer, &rows, &previous, 2);
        let te = u16::try_from(matched(&keys[..1], "te").hits[0].score).unwrap();
        assert_eq!(narrowed.term_scores, [7, te]);
        assert_eq!(narrowed.hits, [hit(0, 7 + u32::from(te))]);
        // From one term: its score is the hit's ("kinh" marked 5, then "kinh te").
        let previous = Matches {
            hits: vec![hit(0, 5), hit(1, 5)],
            term_scores: Vec::new(),
        };
        let before = Query::parse("kinh");
        let scorer = Scorer::narrowing(&after, Some(&before));
        let narrowed = scan_listed(&scorer, &rows, &previous, 1);
        assert_eq!(narrowed.term_scores, [5, te]);
    }

    #[test]
    fn parallel_scan_keeps_row_order() {
        let keys: Vec<SearchKey> = (0..PARALLEL_MIN + 3 * CHUNK + 5)
            .map(|n| SearchKey::new(if n % 3 == 0 { "kinh te" } else { "xa hoi" }, None))
            .collect();
        let found: Vec<u32> = (matched(&keys, "kinh").hits.iter())
            .map(|hit| hit.index)
            .collect();
        let expected: Vec<u32> = (0..u32::try_from(keys.len()).unwrap()).step_by(3).collect();
        assert_eq!(found, expected);
    }
}
