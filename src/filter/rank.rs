//! `Filter`: matches the folded keys with frizbee and ranks the hits, narrowing as the
//! user types and spreading large lists over rayon's threads.

use std::cmp::Reverse;
use std::ops::Range;

use rayon::prelude::*;

use super::{Query, SearchKey};

/// Lists shorter than this are matched on the calling thread: below it, handing work to
/// the pool costs more than it saves.
const PARALLEL_MIN: usize = 16 * 1024;
/// Candidates per rayon task: large enough that cloning the matchers per task is noise.
const CHUNK: usize = 4096;

/// What the filter needs to know about one article.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The folded title and source.
    pub key: &'a SearchKey,
    /// ISO 639-1 code, for `lang:`.
    pub lang: &'a str,
    /// For `is:bookmarked`.
    pub bookmarked: bool,
    /// For `is:read` and `is:unread`.
    pub read: bool,
}

/// One matching candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Position in the candidate list (`u32` keeps a million hits in 8 MB).
    pub index: u32,
    /// Sum of the terms' frizbee scores; higher is better, 0 when there are no text terms.
    pub score: u32,
}

/// The frizbee settings: exact subsequences (no typos), case already folded away.
pub(crate) fn matcher_config() -> frizbee::Config {
    frizbee::Config::default()
        .max_typos(Some(0))
        .casing(frizbee::CaseMatching::Respect)
        .sort(frizbee::SortStrategy::IndexAsc)
}

/// The compiled text terms of a query, each with the key it matches.
#[derive(Clone)]
struct Scorer<'q> {
    query: &'q Query,
    terms: Vec<(frizbee::Matcher, bool)>,
}

impl<'q> Scorer<'q> {
    fn new(query: &'q Query) -> Self {
        let config = matcher_config();
        let terms = (query.terms().iter())
            .map(|term| {
                let matcher = frizbee::Matcher::new(term.needle(), &config);
                (matcher, term.keeps_diacritics())
            })
            .collect();
        Self { query, terms }
    }

    fn score(&mut self, candidate: &Candidate<'_>) -> Option<u32> {
        if !self.query.matches_fields(candidate) {
            return None;
        }
        let mut total = 0u32;
        for (matcher, light) in &mut self.terms {
            let key = if *light {
                candidate.key.light()
            } else {
                candidate.key.full()
            };
            total = total.saturating_add(u32::from(matcher.match_one(key, 0)?.score));
        }
        Some(total)
    }
}

/// As-you-type filtering of a candidate list, remembering the last result so that a
/// query that only extends the previous one filters the previous matches.
///
/// The candidate list may grow by appending between calls (the library still loading);
/// after any other change to it (reordered, removed, or a bookmark, read state, language
/// or key changed) call [`Filter::reset`] before the next update.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    query: Query,
    /// Candidates seen by the last update.
    seen: usize,
    /// The matches in candidate order.
    matched: Vec<Hit>,
    /// The matches by score, ties in candidate order.
    ranked: Vec<Hit>,
    /// Whether `matched` describes `query` over the first `seen` candidates.
    primed: bool,
}

impl Filter {
    /// A filter with no previous result.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forgets the previous result: the next update filters every candidate.
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

    /// Filters `candidates` with `input` and returns the hits, best first, ties in
    /// candidate order; an empty query keeps every candidate in order.
    pub fn update(&mut self, input: &str, candidates: &[Candidate<'_>]) -> &[Hit] {
        self.update_with(input, candidates.len(), |index| candidates[index])
    }

    /// Like [`Filter::update`], reading candidate `index` (for `index < count`) through
    /// `candidate`, so the caller need not build a slice of a million candidates.
    pub fn update_with<'a, C>(&mut self, input: &str, count: usize, candidate: C) -> &[Hit]
    where
        C: Fn(usize) -> Candidate<'a> + Sync,
    {
        // Hit indices are u32; a list beyond four billion is filtered in its first part.
        let count = count.min(u32::MAX as usize);
        let query = Query::parse(input);
        let grown = self.primed && count >= self.seen;
        if grown && query == self.query {
            if count == self.seen {
                return &self.ranked;
            }
            let scorer = Scorer::new(&query);
            let appended = scan(&scorer, self.seen..count, &candidate);
            self.matched.extend(appended);
        } else if query.matches_nothing() {
            self.matched.clear();
        } else if query.is_empty() {
            self.matched.clear();
            self.matched.extend((0..count).map(|index| hit(index, 0)));
        } else if grown && query.narrows(&self.query) {
            let scorer = Scorer::new(&query);
            let previous = std::mem::take(&mut self.matched);
            let mut matched = scan_listed(&scorer, &previous, &candidate);
            matched.extend(scan(&scorer, self.seen..count, &candidate));
            self.matched = matched;
        } else {
            self.matched = scan(&Scorer::new(&query), 0..count, &candidate);
        }
        self.query = query;
        self.seen = count;
        self.primed = true;
        rank_into(&self.matched, &mut self.ranked);
        &self.ranked
    }
}

/// A hit for candidate `index`, which is below `u32::MAX` (the update clamps the count).
fn hit(index: usize, score: u32) -> Hit {
    Hit {
        index: u32::try_from(index).unwrap_or(u32::MAX),
        score,
    }
}

/// Matches the candidates in `range`, in order.
fn scan<'a, C>(scorer: &Scorer<'_>, range: Range<usize>, candidate: &C) -> Vec<Hit>
where
    C: Fn(usize) -> Candidate<'a> + Sync,
{
    let start = range.start;
    scan_by(scorer, range.len(), |offset| start + offset, candidate)
}

/// Matches again the candidates of previous hits, in order.
fn scan_listed<'a, C>(scorer: &Scorer<'_>, previous: &[Hit], candidate: &C) -> Vec<Hit>
where
    C: Fn(usize) -> Candidate<'a> + Sync,
{
    scan_by(
        scorer,
        previous.len(),
        |at| previous[at].index as usize,
        candidate,
    )
}

/// Matches the candidates `index_at(0..len)`, in that order, in parallel when long.
fn scan_by<'a, I, C>(scorer: &Scorer<'_>, len: usize, index_at: I, candidate: &C) -> Vec<Hit>
where
    I: Fn(usize) -> usize + Sync,
    C: Fn(usize) -> Candidate<'a> + Sync,
{
    let run = |scorer: &mut Scorer<'_>, range: Range<usize>, out: &mut Vec<Hit>| {
        for at in range {
            let index = index_at(at);
            if let Some(score) = scorer.score(&candidate(index)) {
                out.push(hit(index, score));
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

/// Orders `matched` (in candidate order) by score, best first, keeping candidate order
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

    #[test]
    fn parallel_scan_keeps_candidate_order() {
        let keys: Vec<SearchKey> = (0..PARALLEL_MIN + 3 * CHUNK + 5)
            .map(|n| SearchKey::new(if n % 3 == 0 { "kinh te" } else { "xa hoi" }, None))
            .collect();
        let query = Query::parse("kinh");
        let scorer = Scorer::new(&query);
        let candidate = |index: usize| Candidate {
            key: &keys[index],
            lang: "vi",
            bookmarked: false,
            read: false,
        };
        let found: Vec<u32> = scan(&scorer, 0..keys.len(), &candidate)
            .iter()
            .map(|hit| hit.index)
            .collect();
        let expected: Vec<u32> = (0..u32::try_from(keys.len()).unwrap()).step_by(3).collect();
        assert_eq!(found, expected);
    }
}
