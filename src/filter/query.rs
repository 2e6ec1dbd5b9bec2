//! `Query`: a typed filter split into text terms and `lang:` / `is:` field terms.
//!
//! Space-separated terms must all match. A text term is folded like the keys; when it was
//! typed with diacritics (its full fold differs from its light fold) it is matched
//! against the light keys, so it matches those diacritics exactly.
//!
//! Field values match by prefix, so the query means something at every keystroke and
//! typing only ever narrows: `lang:v` already keeps Vietnamese, `is:b` bookmarks.
//! Several `lang:` terms are alternatives (`lang:vi lang:en`); `is:` terms all apply.
//! An `is:` value that names no state (`is:starred`) makes the query match nothing and
//! is listed by [`Query::unknown_fields`] so the status bar can say why, rather than
//! silently showing everything. Any other `name:value` is plain text.

use super::Fields;
use super::fold::{Strength, fold_as};

/// One text term, folded for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    needle: String,
    keeps_diacritics: bool,
}

/// Longest needle kept, in bytes: the matcher's table grows with the needle, and a
/// pasted page must not cost megabytes per thread. Longer terms are cut (which can only
/// widen what they match), at a character boundary.
const MAX_NEEDLE_BYTES: usize = 1024;

impl Term {
    /// Folds a typed word; `None` when nothing is left (a lone mark or tatweel).
    fn new(word: &str) -> Option<Self> {
        let full = fold_as(word, Strength::Full);
        if full.is_empty() {
            return None;
        }
        let light = fold_as(word, Strength::Light);
        let keeps_diacritics = light != full;
        let mut needle = if keeps_diacritics { light } else { full };
        if needle.len() > MAX_NEEDLE_BYTES {
            let mut end = MAX_NEEDLE_BYTES;
            while !needle.is_char_boundary(end) {
                end -= 1;
            }
            needle.truncate(end);
        }
        Some(Self {
            needle,
            keeps_diacritics,
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

    /// Whether every key this term matches is also matched by `previous`: both look at
    /// the same keys and this needle extends the previous one, so it is a subsequence
    /// only where the previous one is.
    fn narrows(&self, previous: &Term) -> bool {
        self.keeps_diacritics == previous.keeps_diacritics
            && self.needle.starts_with(&previous.needle)
    }
}

/// The article states an `is:` term can ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct States {
    /// `is:bookmarked`.
    pub bookmarked: bool,
    /// `is:unread`.
    pub unread: bool,
    /// `is:read`.
    pub read: bool,
}

impl States {
    fn includes(self, other: States) -> bool {
        (self.bookmarked || !other.bookmarked)
            && (self.unread || !other.unread)
            && (self.read || !other.read)
    }
}

/// The longest query read, in characters; the rest is ignored. Far more than any title
/// needs, and it keeps the cost of one keystroke small whatever was typed or pasted.
pub const MAX_QUERY_CHARS: usize = 256;

/// The most terms (words) a query uses; the rest are ignored.
pub const MAX_TERMS: usize = 16;

/// `input` within [`MAX_QUERY_CHARS`] and [`MAX_TERMS`], and whether anything was cut.
pub fn bounded(input: &str) -> (&str, bool) {
    let chars_end = input
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(input.len(), |(i, _)| i);
    let mut end = chars_end;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in input[..chars_end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_TERMS {
                end = i;
                break;
            }
        }
    }
    (
        &input[..end],
        end < input.len() && !input[end..].trim().is_empty(),
    )
}

/// A parsed filter query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
    langs: Vec<String>,
    states: States,
    unknown: Vec<String>,
}

impl Query {
    /// Parses what the user typed. Never fails: anything unrecognised is text.
    pub fn parse(input: &str) -> Self {
        let mut query = Self::default();
        for word in bounded(input).0.split_whitespace() {
            let field = word
                .split_once(':')
                .map(|(name, value)| (name.to_lowercase(), value));
            match field {
                Some((name, value)) if name == "lang" => {
                    if !value.is_empty() {
                        query.langs.push(value.to_lowercase());
                    }
                }
                Some((name, value)) if name == "is" => query.add_state(word, value),
                _ => query.terms.extend(Term::new(word)),
            }
        }
        query
    }

    fn add_state(&mut self, word: &str, value: &str) {
        let value = value.to_lowercase();
        if value.is_empty() {
            // `is:` half typed: no constraint yet.
        } else if "bookmarked".starts_with(&value) {
            self.states.bookmarked = true;
        } else if "unread".starts_with(&value) {
            self.states.unread = true;
        } else if "read".starts_with(&value) {
            self.states.read = true;
        } else {
            self.unknown.push(word.to_owned());
        }
    }

    /// The text terms, in the order typed.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The `lang:` values (lower case); an article matches if its language starts with any.
    pub fn langs(&self) -> &[String] {
        &self.langs
    }

    /// The states all matches must be in.
    pub fn states(&self) -> States {
        self.states
    }

    /// `is:` terms that name no state, as typed; when any, nothing matches.
    pub fn unknown_fields(&self) -> &[String] {
        &self.unknown
    }

    /// Whether the query keeps every article (nothing typed but spaces or half fields).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether the query can match nothing whatever the articles.
    pub fn matches_nothing(&self) -> bool {
        !self.unknown.is_empty() || (self.states.read && self.states.unread)
    }

    /// Whether the query has `lang:` or `is:` terms (or cannot match anything).
    pub fn has_fields(&self) -> bool {
        !self.langs.is_empty() || self.states != States::default() || !self.unknown.is_empty()
    }

    /// Whether a row passes the field terms (language and states).
    pub fn matches_fields(&self, fields: &Fields<'_>) -> bool {
        let lang_ok = self.langs.is_empty()
            || self.langs.iter().any(|lang| {
                (fields.lang.as_bytes().get(..lang.len()))
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case(lang.as_bytes()))
            });
        lang_ok
            && !self.matches_nothing()
            && (!self.states.bookmarked || fields.bookmarked)
            && (!self.states.unread || !fields.read)
            && (!self.states.read || fields.read)
    }

    /// Whether everything this query matches is also matched by `previous`, so that
    /// filtering `previous`'s matches gives the same result as filtering everything.
    pub fn narrows(&self, previous: &Query) -> bool {
        if self.matches_nothing() {
            return true;
        }
        let terms_narrow = self.terms.len() >= previous.terms.len()
            && self
                .terms
                .iter()
                .zip(&previous.terms)
                .all(|(new, old)| new.narrows(old));
        let langs_narrow = previous.langs.is_empty()
            || (!self.langs.is_empty()
                && self.langs.iter().all(|new| {
                    previous
                        .langs
                        .iter()
                        .any(|old| new.starts_with(old.as_str()))
                }));
        terms_narrow
            && langs_narrow
            && previous.unknown.is_empty()
            && self.states.includes(previous.states)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_bounded_in_characters_and_terms() {
        let many = "a ".repeat(30_000);
        let (kept, cut) = bounded(&many);
        assert!(cut);
        assert_eq!(kept.split_whitespace().count(), MAX_TERMS);
        assert_eq!(Query::parse(&many).terms().len(), MAX_TERMS);
        let long = "x".repeat(100_000);
        assert_eq!(bounded(&long), (&long[..MAX_QUERY_CHARS], true));
        assert_eq!(bounded("da nang  "), ("da nang  ", false));
        assert_eq!(bounded("lang:vi is:read"), ("lang:vi is:read", false));
    }
}
