//! Matching candidates against a query's terms with frizbee, spread over rayon's
//! threads when the list is long.

use std::ops::Range;

use rayon::prelude::*;

use super::{Fields, Hit, Query, SearchIndex};

/// Lists shorter than this are matched on the calling thread: below it, handing work to
/// the pool costs more than it saves.
const PARALLEL_MIN: usize = 16 * 1024;
/// Candidates per rayon task: large enough that cloning the matchers per task is noise.
const CHUNK: usize = 4096;

/// The frizbee settings: exact subsequences (no typos), case already folded away.
pub(crate) fn matcher_config() -> frizbee::Config {
    frizbee::Config::default()
        .max_typos(Some(0))
        .casing(frizbee::CaseMatching::Respect)
        .sort(frizbee::SortStrategy::IndexAsc)
}

/// The rows being filtered: their keys, and their fields on demand.
pub(super) struct Rows<'i, F> {
    pub(super) index: &'i SearchIndex,
    pub(super) fields: F,
}

/// The compiled text terms of a query, each with the key it matches.
#[derive(Clone)]
pub(super) struct Scorer<'q> {
    query: &'q Query,
    /// Whether rows must be asked for their fields (the query has field terms).
    check_fields: bool,
    terms: Vec<(frizbee::Matcher, bool)>,
}

impl<'q> Scorer<'q> {
    pub(super) fn new(query: &'q Query) -> Self {
        let config = matcher_config();
        // Longest (usually rarest) needle first: a row failing it skips the other terms,
        // and scoring a match costs far more than rejecting a row. Sums do not care.
        let mut terms: Vec<_> = query.terms().iter().collect();
        terms.sort_by_key(|term| std::cmp::Reverse(term.needle().chars().count()));
        let terms = (terms.into_iter())
            .map(|term| {
                let matcher = frizbee::Matcher::new(term.needle(), &config);
                (matcher, term.keeps_diacritics())
            })
            .collect();
        Self {
            query,
            check_fields: query.has_fields(),
            terms,
        }
    }

    fn score<'a, F>(&mut self, rows: &Rows<'_, F>, row: usize) -> Option<u32>
    where
        F: Fn(usize) -> Fields<'a>,
    {
        if self.check_fields && !self.query.matches_fields(&(rows.fields)(row)) {
            return None;
        }
        let mut total = 0u32;
        for (matcher, light) in &mut self.terms {
            let key = if *light {
                rows.index.light(row)
            } else {
                rows.index.full(row)
            };
            total = total.saturating_add(u32::from(matcher.match_one(key, 0)?.score));
        }
        Some(total)
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
pub(super) fn scan<'a, F>(scorer: &Scorer<'_>, rows: &Rows<'_, F>, range: Range<usize>) -> Vec<Hit>
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    let start = range.start;
    scan_by(scorer, rows, range.len(), |offset| start + offset)
}

/// Matches again the rows of previous hits, in order.
pub(super) fn scan_listed<'a, F>(
    scorer: &Scorer<'_>,
    rows: &Rows<'_, F>,
    previous: &[Hit],
) -> Vec<Hit>
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    scan_by(scorer, rows, previous.len(), |at| {
        previous[at].index as usize
    })
}

/// Matches the rows `row_at(0..len)`, in that order, in parallel when there are many.
fn scan_by<'a, F, R>(scorer: &Scorer<'_>, rows: &Rows<'_, F>, len: usize, row_at: R) -> Vec<Hit>
where
    F: Fn(usize) -> Fields<'a> + Sync,
    R: Fn(usize) -> usize + Sync,
{
    let run = |scorer: &mut Scorer<'_>, range: Range<usize>, out: &mut Vec<Hit>| {
        for at in range {
            let row = row_at(at);
            if let Some(score) = scorer.score(rows, row) {
                out.push(hit(row, score));
            }
        }
    };
    let mut hits = Vec::new();
    if len < PARALLEL_MIN {
        run(&mut scorer.clone(), 0..len, &mut hits);
        return hits;
    }
    let chunks: Vec<Vec<Hit>> = (0..len.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || scorer.clone(),
            |scorer, chunk| {
                let mut out = Vec::new();
                run(
                    scorer,
                    chunk * CHUNK..((chunk + 1) * CHUNK).min(len),
                    &mut out,
                );
                out
            },
        )
        .collect();
    hits.reserve_exact(chunks.iter().map(Vec::len).sum());
    hits.extend(chunks.into_iter().flatten());
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::SearchKey;

    #[test]
    fn parallel_scan_keeps_row_order() {
        let keys: Vec<SearchKey> = (0..PARALLEL_MIN + 3 * CHUNK + 5)
            .map(|n| SearchKey::new(if n % 3 == 0 { "kinh te" } else { "xa hoi" }, None))
            .collect();
        let rows = Rows {
            index: &keys.iter().collect(),
            fields: |_| Fields::default(),
        };
        let query = Query::parse("kinh");
        let found: Vec<u32> = scan(&Scorer::new(&query), &rows, 0..keys.len())
            .iter()
            .map(|hit| hit.index)
            .collect();
        let expected: Vec<u32> = (0..u32::try_from(keys.len()).unwrap()).step_by(3).collect();
        assert_eq!(found, expected);
    }
}
