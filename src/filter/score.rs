//! `Scorer`: one row's scores for a query's text terms, with frizbee, copying the
//! scores of terms a narrower query left unchanged.

use super::{Fields, Query, SearchIndex};

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

/// One text term, compiled.
#[derive(Clone)]
struct TermMatcher {
    matcher: frizbee::Matcher,
    /// Whether it matches the light keys.
    light: bool,
    /// Its place in the query (and in a hit's scores).
    slot: usize,
}

/// The compiled text terms of a query, each with the key it matches.
#[derive(Clone)]
pub(super) struct Scorer<'q> {
    query: &'q Query,
    /// Whether rows must be asked for their fields (the query has field terms).
    check_fields: bool,
    /// The terms to match, longest (usually rarest) first: a row failing it skips the
    /// other terms, and scoring a match costs far more than rejecting a row.
    terms: Vec<TermMatcher>,
    /// `(term, previous term)`: terms the previous query had unchanged at the same
    /// place, whose scores are copied when re-matching its hits.
    reused: Vec<(usize, usize)>,
    /// One row's scores, by term.
    scores: Vec<u16>,
    /// Whether hits keep their scores per term (there are two terms or more).
    keep_scores: bool,
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
        let previous_terms = previous.map_or(&[][..], Query::terms);
        let reused: Vec<(usize, usize)> = (query.terms().iter().zip(previous_terms))
            .enumerate()
            .filter(|(_, (new, old))| new == old)
            .map(|(at, _)| (at, at))
            .collect();
        let mut terms: Vec<TermMatcher> = (query.terms().iter().enumerate())
            .filter(|(slot, _)| !reused.iter().any(|&(term, _)| term == *slot))
            .map(|(slot, term)| TermMatcher {
                matcher: frizbee::Matcher::new(term.needle(), &config),
                light: term.keeps_diacritics(),
                slot,
            })
            .collect();
        terms.sort_by_key(|term| {
            std::cmp::Reverse(query.terms()[term.slot].needle().chars().count())
        });
        Self {
            query,
            check_fields: query.has_fields(),
            scores: vec![0; query.terms().len()],
            keep_scores: query.terms().len() > 1,
            terms,
            reused,
        }
    }

    /// Scores row `row` into `out` (one score per term) and returns their sum, or `None`
    /// when it does not match. `previous` holds the row's scores from the previous
    /// query (for the terms in `reused`), or is empty when that had one term, whose score
    /// is `previous_total`.
    pub(super) fn score<'a, F>(
        &mut self,
        rows: &Rows<'_, F>,
        row: usize,
        previous: &[u16],
        previous_total: u32,
        out: &mut Vec<u16>,
    ) -> Option<u32>
    where
        F: Fn(usize) -> Fields<'a>,
    {
        if self.check_fields && !self.query.matches_fields(&(rows.fields)(row)) {
            return None;
        }
        let key = |term: &TermMatcher| {
            if term.light {
                rows.index.light(row)
            } else {
                rows.index.full(row)
            }
        };
        for term in &mut self.terms {
            let key = key(term);
            let score = term.matcher.match_one(key, 0)?.score;
            if let Some(slot) = self.scores.get_mut(term.slot) {
                *slot = score;
            }
        }
        for &(at, before) in &self.reused {
            if let Some(slot) = self.scores.get_mut(at) {
                *slot = (previous.get(before).copied())
                    .unwrap_or_else(|| u16::try_from(previous_total).unwrap_or(u16::MAX));
            }
        }
        if self.keep_scores {
            out.extend_from_slice(&self.scores);
        }
        Some(
            (self.scores.iter()).fold(0u32, |total, &score| total.saturating_add(u32::from(score))),
        )
    }
}
