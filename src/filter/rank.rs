//! `Filter`: filters and ranks the list as the user types, narrowing on the previous
//! result when the query only grew.

use std::cmp::Reverse;

use super::scan::{Matches, hit, scan, scan_listed};
use super::score::{Rows, Scorer};
use super::{Query, SearchIndex};

/// Lists this short fit in the cache, where visiting rows out of order costs nothing.
const SMALL_LIST: usize = 32 * 1024;

/// What `lang:`, `source:` and `is:` terms look at in one row of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fields<'a> {
    /// ISO 639-1 code, for `lang:`.
    pub lang: &'a str,
    /// The source (outlet or feed), folded as the keys are, for `source:` and `feed:`.
    pub source: &'a str,
    /// The tags of the article's feed (lower case), for `tag:`.
    pub tags: &'a [String],
    /// For `is:bookmarked`.
    pub bookmarked: bool,
    /// For `is:read` and `is:unread`.
    pub read: bool,
}

/// One matching row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hit {
    /// The row in the list and its [`SearchIndex`] (`u32` keeps a million hits in 8 MB).
    pub index: u32,
    /// Sum of the terms' frizbee scores; higher is better, 0 when there are no text terms.
    pub score: u32,
}

/// As-you-type filtering of the list, remembering the last result so that a query that
/// only extends the previous one filters the previous matches.
///
/// The list (its [`SearchIndex`]) may grow by appending rows between calls (the library
/// still loading); after any other change (rows reordered or removed, or a bookmark,
/// read state or language changed) call [`Filter::reset`] before the next update.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    query: Query,
    /// Rows seen by the last update.
    seen: usize,
    /// The matches in row order, with their scores per term.
    matched: Matches,
    /// The matches by score, ties in row order.
    ranked: Vec<Hit>,
    /// Whether `matched` describes `query` over the first `seen` rows.
    primed: bool,
}

impl Filter {
    /// A filter with no previous result.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the previous result: the next update filters every row.
    pub fn reset(&mut self) {
        self.primed = false;
    }

    /// The query of the last update.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The hits of the last update, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.ranked
    }

    /// Filters the rows of `index` with `input` and returns the hits, best first, ties in
    /// row order; an empty query keeps every row in order. `fields(row)` is asked only
    /// when the query has `lang:` or `is:` terms, and maybe from several threads.
    pub fn update<'a, F>(&mut self, input: &str, index: &SearchIndex, fields: F) -> &[Hit]
    where
        F: Fn(usize) -> Fields<'a> + Sync,
    {
        // Hit indices are u32; a list beyond four billion is filtered in its first part.
        let count = index.len().min(u32::MAX as usize);
        let rows = Rows { index, fields };
        let query = Query::parse(input);
        let grown = self.primed && count >= self.seen;
        if grown && query == self.query {
            if count == self.seen {
                return &self.ranked;
            }
            let appended = scan(&Scorer::new(&query), &rows, self.seen..count);
            self.matched.append(appended);
        } else if query.matches_nothing() {
            self.matched = Matches::default();
        } else if query.is_empty() {
            self.matched = Matches::default();
            (self.matched.hits).extend((0..count).map(|index| hit(index, 0)));
        } else if grown
            && query.narrows(&self.query)
            && worth_narrowing(
                self.matched.hits.len(),
                count,
                keeps_a_term(&query, &self.query),
            )
        {
            // Terms left unchanged keep their scores; rows appended since are new.
            let scorer = Scorer::narrowing(&query, Some(&self.query));
            let previous = std::mem::take(&mut self.matched);
            let mut matched = scan_listed(&scorer, &rows, &previous, self.query.group_count());
            matched.append(scan(&Scorer::new(&query), &rows, self.seen..count));
            self.matched = matched;
        } else {
            self.matched = scan(&Scorer::new(&query), &rows, 0..count);
        }
        self.query = query;
        self.seen = count;
        self.primed = true;
        rank_into(&self.matched.hits, &mut self.ranked);
        &self.ranked
    }
}

/// Whether re-matching the previous hits beats scanning all rows. Scanning streams the
/// keys from memory in order while previous hits are visited sparsely, a cache miss
/// each; measured at 10^5 and 10^6 rows, narrowing won when the previous hits were under
/// a tenth of the rows and lost at a fifth. When a term is unchanged (`keeps_term`), its
/// scores are copied rather than computed, which halves the scoring for two terms; then
/// narrowing won even at two fifths ("da nan" → "da nang" over 10^6 rows, 41% of them
/// previous hits: 29 ms against 41 ms from scratch). Small lists stay in cache: always
/// narrow.
fn worth_narrowing(previous_hits: usize, rows: usize, keeps_term: bool) -> bool {
    let share = if keeps_term { rows / 2 } else { rows / 8 };
    rows < SMALL_LIST || previous_hits <= share
}

/// Whether `query` has a group of terms unchanged at the same place in `previous`.
fn keeps_a_term(query: &Query, previous: &Query) -> bool {
    (query.groups().zip(previous.groups())).any(|(new, old)| new == old)
}

/// Orders `matched` (in row order) by score, best first, keeping row order
/// among equal scores: a counting sort, linear in the hits, when the scores span a
/// range no wider than the hits; a stable sort otherwise.
fn rank_into(matched: &[Hit], ranked: &mut Vec<Hit>) {
    ranked.clear();
    let (Some(low), Some(high)) = (
        matched.iter().map(|hit| hit.score).min(),
        matched.iter().map(|hit| hit.score).max(),
    ) else {
        return;
    };
    let span = (high - low) as usize + 1;
    if span == 1 {
        ranked.extend_from_slice(matched);
        return;
    }
    if span > matched.len() {
        ranked.extend_from_slice(matched);
        ranked.sort_by_key(|hit| Reverse(hit.score));
        return;
    }
    // starts[k] = where hits with score high - k begin.
    let mut starts = vec![0usize; span + 1];
    for hit in matched {
        starts[(high - hit.score) as usize + 1] += 1;
    }
    for k in 1..=span {
        starts[k] += starts[k - 1];
    }
    ranked.resize(matched.len(), Hit::default());
    for hit in matched {
        let slot = &mut starts[(high - hit.score) as usize];
        ranked[*slot] = *hit;
        *slot += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(pairs: &[(u32, u32)]) -> Vec<Hit> {
        pairs
            .iter()
            .map(|&(index, score)| Hit { index, score })
            .collect()
    }

    #[test]
    fn counting_sort_is_by_score_then_index() {
        let matched = hits(&[(0, 5), (1, 7), (2, 5), (3, 6), (4, 7), (5, 5)]);
        let mut ranked = Vec::new();
        rank_into(&matched, &mut ranked);
        assert_eq!(
            ranked,
            hits(&[(1, 7), (4, 7), (3, 6), (0, 5), (2, 5), (5, 5)])
        );
    }

    #[test]
    fn wide_scores_fall_back_to_a_stable_sort() {
        let matched = hits(&[(0, 1), (1, 9000), (2, 1)]);
        let mut ranked = Vec::new();
        rank_into(&matched, &mut ranked);
        assert_eq!(ranked, hits(&[(1, 9000), (0, 1), (2, 1)]));
    }
}
