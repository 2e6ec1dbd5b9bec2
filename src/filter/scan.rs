//! Matching candidates against a query's terms with frizbee, spread over rayon's
//! threads when the list is long.

use std::ops::Range;

use rayon::prelude::*;

use super::prefilter::is_subsequence;
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

/// The matches of a scan, in row order: the hits, and each hit's score for every text
/// term of the query (in the order typed), `terms` scores per hit, so that a narrower
/// query can reuse the scores of the terms it did not change.
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

/// One text term, compiled.
#[derive(Clone)]
struct TermMatcher<'q> {
    matcher: frizbee::Matcher,
    needle: &'q [u8],
    /// Whether it matches the light keys.
    light: bool,
}

/// The compiled text terms of a query, each with the key it matches.
#[derive(Clone)]
pub(super) struct Scorer<'q> {
    query: &'q Query,
    /// Whether rows must be asked for their fields (the query has field terms).
    check_fields: bool,
    /// In the order typed.
    terms: Vec<TermMatcher<'q>>,
    /// The terms to match, longest (usually rarest) first: a row failing it skips the
    /// other terms, and scoring a match costs far more than rejecting a row.
    order: Vec<usize>,
    /// `(term, previous term)`: terms the previous query had unchanged at the same
    /// place, whose scores are copied when re-matching its hits.
    reused: Vec<(usize, usize)>,
    /// Whether to run the exact prefilter (off only to test it).
    prefilter: bool,
    /// One row's scores, by term.
    scores: Vec<u16>,
}

impl<'q> Scorer<'q> {
    /// Matches every term of `query`.
    pub(super) fn new(query: &'q Query) -> Self {
        Self::narrowing(query, None)
    }

    /// Matches the terms of `query`, except those `previous` (whose hits are being
    /// re-matched) already had unchanged at the same place.
    pub(super) fn narrowing(query: &'q Query, previous: Option<&Query>) -> Self {
        let config = matcher_config();
        let terms: Vec<TermMatcher<'q>> = (query.terms().iter())
            .map(|term| TermMatcher {
                matcher: frizbee::Matcher::new(term.needle(), &config),
                needle: term.needle().as_bytes(),
                light: term.keeps_diacritics(),
            })
            .collect();
        let previous_terms = previous.map_or(&[][..], Query::terms);
        let reused: Vec<(usize, usize)> = (query.terms().iter().zip(previous_terms))
            .enumerate()
            .filter(|(_, (new, old))| new == old)
            .map(|(at, _)| (at, at))
            .collect();
        let mut order: Vec<usize> = (0..terms.len())
            .filter(|at| !reused.iter().any(|&(term, _)| term == *at))
            .collect();
        order.sort_by_key(|&at| std::cmp::Reverse(query.terms()[at].needle().chars().count()));
        Self {
            query,
            check_fields: query.has_fields(),
            scores: vec![0; terms.len()],
            terms,
            order,
            reused,
            prefilter: true,
        }
    }

    /// Scores row `row` into `out` (one score per term) and returns their sum, or `None`
    /// when it does not match. `previous` holds the row's scores from the previous
    /// query (for the terms in `reused`).
    fn score<'a, F>(
        &mut self,
        rows: &Rows<'_, F>,
        row: usize,
        previous: &[u16],
        out: &mut Vec<u16>,
    ) -> Option<u32>
    where
        F: Fn(usize) -> Fields<'a>,
    {
        if self.check_fields && !self.query.matches_fields(&(rows.fields)(row)) {
            return None;
        }
        let key = |term: &TermMatcher<'_>| {
            if term.light {
                rows.index.light(row)
            } else {
                rows.index.full(row)
            }
        };
        // The first term's own prefilter runs inside frizbee; check the others before
        // scoring the first.
        if self.prefilter {
            for &at in self.order.iter().skip(1) {
                let term = &self.terms[at];
                if !is_subsequence(term.needle, key(term).as_bytes()) {
                    return None;
                }
            }
        }
        for &at in &self.order {
            let term = &mut self.terms[at];
            let key = key(term);
            self.scores[at] = term.matcher.match_one(key, 0)?.score;
        }
        for &(at, before) in &self.reused {
            self.scores[at] = previous.get(before).copied().unwrap_or(0);
        }
        out.extend_from_slice(&self.scores);
        Some(
            (self.scores.iter()).fold(0u32, |total, &score| total.saturating_add(u32::from(score))),
        )
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
        (start + offset, &[][..])
    })
}

/// Matches again the rows of the previous matches, in order, reusing the scores of the
/// terms the scorer was told are unchanged (`previous_terms` scores per hit).
pub(super) fn scan_listed<'a, F>(
    scorer: &Scorer<'_>,
    rows: &Rows<'_, F>,
    previous: &Matches,
    previous_terms: usize,
) -> Matches
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    scan_by(scorer, rows, previous.hits.len(), |at| {
        let start = at * previous_terms;
        let scores = (previous.term_scores)
            .get(start..start + previous_terms)
            .unwrap_or_default();
        (previous.hits[at].index as usize, scores)
    })
}

/// Matches the rows `row_at(0..len)` (each with its previous scores), in that order, in
/// parallel when there are many.
fn scan_by<'a, 'p, F, R>(scorer: &Scorer<'_>, rows: &Rows<'_, F>, len: usize, row_at: R) -> Matches
where
    F: Fn(usize) -> Fields<'a> + Sync,
    R: Fn(usize) -> (usize, &'p [u16]) + Sync,
{
    let run = |scorer: &mut Scorer<'_>, range: Range<usize>, out: &mut Matches| {
        for at in range {
            let (row, previous) = row_at(at);
            if let Some(score) = scorer.score(rows, row, previous, &mut out.term_scores) {
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
    chunks.into_iter().for_each(|chunk| matches.append(chunk));
    matches
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::filter::SearchKey;

    /// Words sharing letters and lead bytes, with and without diacritics.
    const WORDS: &[&str] = &[
        "kinh",
        "tế",
        "te",
        "đà",
        "nẵng",
        "da",
        "nang",
        "việt",
        "viet",
        "ana",
        "طالبان",
        "طلب",
        "الحُكُومَة",
        "2021",
    ];

    /// Matches every row of `keys` with the prefilter on or off.
    fn matched(keys: &[SearchKey], input: &str, prefilter: bool) -> (Vec<Hit>, Vec<u16>) {
        let rows = Rows {
            index: &keys.iter().collect(),
            fields: |_| Fields::default(),
        };
        let query = Query::parse(input);
        let mut scorer = Scorer::new(&query);
        scorer.prefilter = prefilter;
        let matches = scan(&scorer, &rows, 0..keys.len());
        (matches.hits, matches.term_scores)
    }

    fn words(range: Range<usize>) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), range).prop_map(|words| words.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The prefilter changes nothing: the same rows match with the same scores.
        #[test]
        fn prefilter_changes_no_result(
            titles in prop::collection::vec(words(1..5), 0..40),
            input in words(1..4),
            cut in 0usize..12,
        ) {
            // Cut the query short (at a character boundary) to get partial words too.
            let cut = input.char_indices().nth(cut).map_or(input.len(), |(at, _)| at);
            let input = &input[..cut];
            let keys: Vec<SearchKey> = titles.iter().map(|title| SearchKey::new(title, None)).collect();
            prop_assert_eq!(matched(&keys, input, true), matched(&keys, input, false));
        }
    }

    #[test]
    fn scores_are_kept_per_term_in_the_order_typed() {
        let keys = [
            SearchKey::new("kinh tế", None),
            SearchKey::new("tế kinh", None),
        ];
        let (hits, scores) = matched(&keys, "te kinh", true);
        let alone = |input| matched(&keys, input, true).1;
        let (te, kinh) = (alone("te"), alone("kinh"));
        assert_eq!(scores, [te[0], kinh[0], te[1], kinh[1]]);
        assert_eq!(hits[1].score, u32::from(te[1]) + u32::from(kinh[1]));
    }

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
        let found: Vec<u32> = (scan(&Scorer::new(&query), &rows, 0..keys.len()).hits)
            .iter()
            .map(|hit| hit.index)
            .collect();
        let expected: Vec<u32> = (0..u32::try_from(keys.len()).unwrap()).step_by(3).collect();
        assert_eq!(found, expected);
    }
}
