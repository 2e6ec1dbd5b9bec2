//! `Scorer`: one row's scores for a query's groups of text terms, with frizbee, copying
//! the scores of groups a narrower query left unchanged.

use super::{Fields, Query, SearchIndex, Term};

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
    /// Scores the term, and decides fuzzy terms.
    matcher: frizbee::Matcher,
    /// The term itself when it is not fuzzy: it decides, then frizbee scores.
    literal: Option<Term>,
    negated: bool,
    /// Whether it matches the light keys.
    light: bool,
}

impl TermMatcher {
    fn new(term: &Term, config: &frizbee::Config) -> Self {
        Self {
            matcher: frizbee::Matcher::new(term.needle(), config),
            literal: (term.kind() != super::Kind::Fuzzy).then(|| term.clone()),
            negated: term.is_negated(),
            light: term.keeps_diacritics(),
        }
    }

    /// The term's score on `key`, `None` when the row fails it; a negated term scores 0.
    fn score(&mut self, key: &str) -> Option<u16> {
        let score = match &self.literal {
            Some(term) if term.find_in(key).is_none() => None,
            // A needle found whole is a subsequence too; frizbee finds its best score.
            Some(_) => Some(self.matcher.match_one(key, 0).map_or(1, |m| m.score)),
            None => self.matcher.match_one(key, 0).map(|m| m.score),
        };
        if self.negated {
            score.is_none().then_some(0)
        } else {
            score
        }
    }
}

/// One group of alternatives (`a | b`), compiled: a row must match one of them.
#[derive(Clone)]
struct GroupMatcher {
    alternatives: Vec<TermMatcher>,
    /// Its place in the query (and in a hit's scores).
    slot: usize,
}

/// The compiled text terms of a query, each with the key it matches.
#[derive(Clone)]
pub(super) struct Scorer<'q> {
    query: &'q Query,
    /// Whether rows must be asked for their fields (the query has field terms).
    check_fields: bool,
    /// The groups to match, the longest (usually rarest) plain terms first: a row failing
    /// one skips the others, and scoring a match costs far more than rejecting a row.
    groups: Vec<GroupMatcher>,
    /// `(group, previous group)`: groups the previous query had unchanged at the same
    /// place, whose scores are copied when re-matching its hits.
    reused: Vec<(usize, usize)>,
    /// One row's scores, by group.
    scores: Vec<u16>,
    /// Whether hits keep their scores per group (there are two groups or more).
    keep_scores: bool,
}

impl<'q> Scorer<'q> {
    /// Matches every group of `query`.
    pub(super) fn new(query: &'q Query) -> Self {
        Self::narrowing(query, None)
    }

    /// Matches the groups of `query`, except those `previous` (whose hits are being
    /// re-matched) already had unchanged at the same place.
    pub(super) fn narrowing(query: &'q Query, previous: Option<&Query>) -> Self {
        let config = matcher_config();
        let reused: Vec<(usize, usize)> = previous.map_or_else(Vec::new, |previous| {
            (query.groups().zip(previous.groups()))
                .enumerate()
                .filter(|(_, (new, old))| new == old)
                .map(|(at, _)| (at, at))
                .collect()
        });
        let mut groups: Vec<GroupMatcher> = (query.groups().enumerate())
            .filter(|(slot, _)| !reused.iter().any(|&(group, _)| group == *slot))
            .map(|(slot, terms)| GroupMatcher {
                alternatives: terms.iter().map(|t| TermMatcher::new(t, &config)).collect(),
                slot,
            })
            .collect();
        // Negated terms reject few rows: they go last, as if empty.
        let rarity = |terms: &[Term]| {
            (terms.iter())
                .map(|t| {
                    if t.is_negated() {
                        0
                    } else {
                        t.needle().chars().count()
                    }
                })
                .min()
                .unwrap_or(0)
        };
        let lengths: Vec<usize> = query.groups().map(rarity).collect();
        groups.sort_by_key(|group| std::cmp::Reverse(lengths.get(group.slot).copied()));
        let count = query.group_count();
        Self {
            query,
            check_fields: query.has_fields(),
            scores: vec![0; count],
            keep_scores: count > 1,
            groups,
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
        let (full, light) = (rows.index.full(row), rows.index.light(row));
        for group in &mut self.groups {
            let mut best = None;
            for term in &mut group.alternatives {
                best = best.max(term.score(if term.light { light } else { full }));
            }
            let best = best?;
            if let Some(slot) = self.scores.get_mut(group.slot) {
                *slot = best;
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
