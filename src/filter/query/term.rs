//! `Term`: one text term of a query, with fzf's extended-search marks.
//!
//! A bare word matches fuzzily (its letters in order). As in fzf: `'word` matches the
//! folded word as one piece, `^word` at the start and `word$` at the end of the title or
//! of the source, `^word$` the whole of either, and `!word` keeps the rows that do not
//! contain it (`!^word`, `!word$` and `!'word`, fuzzy, also work).

use std::ops::Range;

use super::super::fold::{Strength, fold_as};
use super::super::key::PART_SEPARATOR;

/// How a term's needle must appear in a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Its characters in order, others between (the default).
    Fuzzy,
    /// As one piece anywhere (`'word`, or `!word`).
    Exact,
    /// At the start of the title or the source (`^word`).
    Prefix,
    /// At the end of the title or the source (`word$`).
    Suffix,
    /// As the whole title or source (`^word$`).
    Whole,
}

/// One text term, folded for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    needle: String,
    keeps_diacritics: bool,
    kind: Kind,
    negated: bool,
    /// Whether it is an alternative to the term before it (`a | b`).
    pub(super) or_previous: bool,
}

/// Longest needle kept, in bytes: the matcher's table grows with the needle, and a
/// pasted page must not cost megabytes per thread. Longer terms are cut (which can only
/// widen what they match), at a character boundary.
const MAX_NEEDLE_BYTES: usize = 1024;

impl Term {
    /// Reads a typed word with its marks; `None` when no text is left (a lone `!`, `^`,
    /// a lone mark or tatweel).
    pub(super) fn parse(word: &str) -> Option<Self> {
        let (negated, mut text) = match word.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        // fzf: a negated term is exact unless quoted, a plain one fuzzy unless quoted.
        let mut kind = if negated { Kind::Exact } else { Kind::Fuzzy };
        let mut suffix = false;
        if text != "$"
            && let Some(rest) = text.strip_suffix('$')
        {
            suffix = true;
            text = rest;
        }
        if let Some(rest) = text.strip_prefix('\'') {
            kind = if negated { Kind::Fuzzy } else { Kind::Exact };
            text = rest;
        } else if let Some(rest) = text.strip_prefix('^') {
            kind = if suffix { Kind::Whole } else { Kind::Prefix };
            text = rest;
        }
        if suffix && kind != Kind::Whole {
            kind = Kind::Suffix;
        }
        Self::folded(text, kind, negated)
    }

    /// A term of `kind` looking for `text`, folded like the keys: when it was typed with
    /// diacritics (its full fold differs from its light fold) it matches the light keys,
    /// so those diacritics must be there.
    fn folded(text: &str, mut kind: Kind, negated: bool) -> Option<Self> {
        let full = fold_as(text, Strength::Full);
        if full.is_empty() {
            return None;
        }
        let light = fold_as(text, Strength::Light);
        let keeps_diacritics = light != full;
        let mut needle = if keeps_diacritics { light } else { full };
        if needle.len() > MAX_NEEDLE_BYTES {
            let mut end = MAX_NEEDLE_BYTES;
            while !needle.is_char_boundary(end) {
                end -= 1;
            }
            needle.truncate(end);
            // A cut anchored term no longer reaches its anchor.
            kind = match kind {
                Kind::Whole => Kind::Prefix,
                Kind::Suffix => Kind::Exact,
                other => other,
            };
        }
        Some(Self {
            needle,
            keeps_diacritics,
            kind,
            negated,
            or_previous: false,
        })
    }

    /// The folded text the matcher looks for.
    pub fn needle(&self) -> &str {
        &self.needle
    }

    /// Whether the term was typed with diacritics and so matches the light keys.
    pub fn keeps_diacritics(&self) -> bool {
        self.keeps_diacritics
    }

    /// How the needle must appear.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Whether the term keeps the rows it does not match (`!word`).
    pub fn is_negated(&self) -> bool {
        self.negated
    }

    /// Where the needle lies in `key` (a folded `"title\nsource"`, or one of them) when
    /// the term is not fuzzy, in bytes of `key`; `None` when it is not there or fuzzy.
    pub fn find_in(&self, key: &str) -> Option<Range<usize>> {
        let needle = self.needle.as_str();
        let len = needle.len();
        let mut parts = key.split(PART_SEPARATOR).scan(0, |start, part| {
            let at = *start;
            *start += part.len() + PART_SEPARATOR.len_utf8();
            Some((at, part))
        });
        match self.kind {
            Kind::Fuzzy => None,
            Kind::Exact => key.find(needle).map(|at| at..at + len),
            Kind::Prefix => parts
                .find(|(_, part)| part.starts_with(needle))
                .map(|(at, _)| at..at + len),
            Kind::Suffix => parts
                .find(|(_, part)| part.ends_with(needle))
                .map(|(at, part)| at + part.len() - len..at + part.len()),
            Kind::Whole => parts
                .find(|(_, part)| *part == needle)
                .map(|(at, _)| at..at + len),
        }
    }

    /// Whether every key this term keeps is also kept by `previous`.
    pub(super) fn narrows(&self, previous: &Term) -> bool {
        if self.keeps_diacritics != previous.keeps_diacritics || self.negated != previous.negated {
            return false;
        }
        let (new, old) = (self.needle.as_str(), previous.needle.as_str());
        if self.negated {
            // Excluding a shorter piece excludes more.
            return self.kind == previous.kind
                && (new == old || (self.kind == Kind::Exact && old.contains(new)));
        }
        match previous.kind {
            // Any term whose needle extends a fuzzy one contains it as a subsequence.
            Kind::Fuzzy => new.starts_with(old),
            Kind::Exact => self.kind != Kind::Fuzzy && new.contains(old),
            Kind::Prefix => matches!(self.kind, Kind::Prefix | Kind::Whole) && new.starts_with(old),
            Kind::Suffix => matches!(self.kind, Kind::Suffix | Kind::Whole) && new.ends_with(old),
            Kind::Whole => self.kind == Kind::Whole && new == old,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str) -> Term {
        Term::parse(word).unwrap()
    }

    #[test]
    fn marks_choose_the_kind_as_in_fzf() {
        let cases = [
            ("kinh", Kind::Fuzzy, false, "kinh"),
            ("'kinh", Kind::Exact, false, "kinh"),
            ("^kinh", Kind::Prefix, false, "kinh"),
            ("kinh$", Kind::Suffix, false, "kinh"),
            ("^kinh$", Kind::Whole, false, "kinh"),
            ("!kinh", Kind::Exact, true, "kinh"),
            ("!'kinh", Kind::Fuzzy, true, "kinh"),
            ("!^kinh", Kind::Prefix, true, "kinh"),
            ("!kinh$", Kind::Suffix, true, "kinh"),
            // A lone `$` is text, and marks inside a word are text too.
            ("$", Kind::Fuzzy, false, "$"),
            ("a'b^c", Kind::Fuzzy, false, "a'b^c"),
        ];
        for (word, kind, negated, needle) in cases {
            let t = term(word);
            assert_eq!(
                (t.kind, t.negated, t.needle()),
                (kind, negated, needle),
                "{word}"
            );
        }
        for empty in ["!", "'", "^", "!^", "^$", "!'"] {
            assert_eq!(Term::parse(empty), None, "{empty}");
        }
    }

    #[test]
    fn literal_terms_find_their_place_in_either_part() {
        let key = "kinh te viet nam\nthanh nien";
        assert_eq!(term("'te").find_in(key), Some(5..7));
        assert_eq!(term("^kinh").find_in(key), Some(0..4));
        assert_eq!(term("^thanh").find_in(key), Some(17..22));
        assert_eq!(term("^nam").find_in(key), None);
        assert_eq!(term("nam$").find_in(key), Some(13..16));
        assert_eq!(term("nien$").find_in(key), Some(23..27));
        assert_eq!(term("kinh$").find_in(key), None);
        assert_eq!(term("^kinh$").find_in("kinh\nx"), Some(0..4));
        assert_eq!(term("^kinh$").find_in(key), None);
        assert_eq!(term("kinh").find_in(key), None);
    }

    #[test]
    fn narrowing_follows_what_each_kind_keeps() {
        let narrows = |new: &str, old: &str| term(new).narrows(&term(old));
        assert!(narrows("kinh", "ki") && narrows("'kinh", "ki") && narrows("^kinh", "ki"));
        assert!(narrows("'kinh", "'in") && !narrows("kinh", "'ki"));
        assert!(narrows("^kinh", "^ki") && narrows("^ki$", "^ki") && !narrows("'ki", "^ki"));
        assert!(narrows("xnam$", "nam$") && !narrows("namx$", "nam$"));
        // Typing on after `!` widens: fewer rows contain the longer piece.
        assert!(!narrows("!kinh", "!ki") && narrows("!ki", "!kinh") && narrows("!ki", "!ki"));
        assert!(!narrows("!kinh", "kinh") && !narrows("việt", "viet"));
    }
}
