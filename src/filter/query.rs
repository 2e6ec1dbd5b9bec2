//! `Query`: a typed filter split into text terms and `lang:` / `source:` / `is:` field terms.
//!
//! Text terms follow fzf's extended search (see [`Term`]): `word` fuzzy, `'word` exact,
//! `^word` and `word$` anchored, `!word` negated. Space-separated terms must all match
//! (AND), except that `a | b` (a bar between two text terms) keeps rows matching either.
//! Text is folded like the keys; a term typed with Latin diacritics matches them exactly.
//!
//! Field values match by prefix, so the query means something at every keystroke and
//! typing only ever narrows: `lang:v` already keeps Vietnamese, `is:b` bookmarks.
//! Several `lang:` terms are alternatives (`lang:vi lang:en`, OR); `is:` terms all apply
//! (AND). `source:` (or `feed:`, the same) keeps articles whose source (outlet or feed
//! name) holds the value's letters in order, folded: `source:jaz` keeps "Al Jazeera";
//! several are alternatives. `tag:` keeps articles of feeds with a tag starting with the
//! value (feeds.toml's `tags`); several are alternatives. What the parser cannot use it says in [`Query::warnings`], for the status bar:
//! an `is:` value that names no state (`is:unred`, which then matches nothing), a `lang:`
//! value no language code starts with (`lang:xx`), a `name:value` whose name is no field
//! (`foo:bar`, searched as text), a field with fzf's marks, a misplaced `|`.

mod bounds;
mod fields;
mod languages;
mod term;

pub use bounds::{MAX_QUERY_CHARS, MAX_TERMS, bounded};
pub use fields::States;
pub use term::{Kind, Term};

use fields::{field, letters_in_order, values_narrow};

use super::Fields;

/// A parsed filter query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The text terms in the order typed; a term with `or_previous` joins the group of
    /// the one before it.
    terms: Vec<Term>,
    langs: Vec<String>,
    sources: Vec<String>,
    tags: Vec<String>,
    states: States,
    unknown: Vec<String>,
    warnings: Vec<String>,
}

/// The field names a query knows, for messages.
const FIELDS: &str = "lang:, source: (or feed:), tag: and is:";

impl Query {
    /// Parses what the user typed. Never fails: anything unrecognised is text, or is
    /// ignored, and said in [`Query::warnings`].
    pub fn parse(input: &str) -> Self {
        let mut query = Self::default();
        let words: Vec<&str> = bounded(input).0.split_whitespace().collect();
        // Whether the last word was a text term, and whether a `|` after it waits.
        let (mut after_text, mut bar) = (false, false);
        for (at, &word) in words.iter().enumerate() {
            if word == "|" {
                if after_text && !bar {
                    bar = true;
                } else if at + 1 < words.len() {
                    query.warn("| goes between two text terms".to_owned());
                }
                continue;
            }
            match field(word) {
                Some((name, value, marked))
                    if matches!(name.as_str(), "lang" | "is" | "source" | "feed" | "tag") =>
                {
                    if bar {
                        query.warn(
                            "| joins text terms only: lang: and source: terms are alternatives already, is: terms all apply"
                                .to_owned(),
                        );
                    }
                    (after_text, bar) = (false, false);
                    if marked {
                        query.warn(format!("{word}: fields take no ! ' ^ $ marks; ignored"));
                    } else if name == "lang" {
                        query.add_lang(value);
                    } else if name == "is" {
                        query.add_state(word, value);
                    } else if name == "tag" {
                        if !value.is_empty() {
                            query.tags.push(value.to_lowercase());
                        }
                    } else if !value.is_empty() {
                        // Letters only: the fold turns punctuation into spaces, which a
                        // name's letters in order need not keep.
                        let folded = super::fold::fold(value).replace(' ', "");
                        if !folded.is_empty() {
                            query.sources.push(folded);
                        }
                    }
                }
                other => {
                    if let Some((name, value, false)) = other
                        && value.chars().next().is_some_and(char::is_alphanumeric)
                    {
                        query.warn(format!(
                            "{name}: is no field ({FIELDS} are); {word} is searched as text"
                        ));
                    }
                    if let Some(mut term) = Term::parse(word) {
                        term.or_previous = std::mem::take(&mut bar);
                        query.terms.push(term);
                        after_text = true;
                    }
                }
            }
        }
        query
    }

    fn warn(&mut self, warning: String) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    fn add_lang(&mut self, value: &str) {
        if value.is_empty() {
            // `lang:` half typed: no constraint yet.
            return;
        }
        let value = value.to_lowercase();
        if !languages::is_plausible(&value) {
            self.warn(format!(
                "lang:{value} is no language code (ISO 639-1, such as vi, ar, fa, he)"
            ));
        }
        self.langs.push(value);
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
            self.warn(format!(
                "{word} matches nothing: is: takes bookmarked, read or unread"
            ));
        }
    }

    /// The text terms, in the order typed (the alternatives of a group one after another).
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The groups of text terms: each is one term, or the alternatives `a | b | c`; a row
    /// must match some term of every group.
    pub fn groups(&self) -> impl Iterator<Item = &[Term]> {
        self.terms.chunk_by(|_, next| next.or_previous)
    }

    /// The number of [`Query::groups`].
    pub fn group_count(&self) -> usize {
        self.terms.iter().filter(|term| !term.or_previous).count()
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

    /// What the parser could not use, one sentence each, for the status bar.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Whether the query keeps every article (nothing typed but spaces or half fields).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.langs.is_empty()
            && self.sources.is_empty()
            && self.tags.is_empty()
            && self.states == States::default()
            && self.unknown.is_empty()
    }

    /// Whether the query can match nothing whatever the articles.
    pub fn matches_nothing(&self) -> bool {
        !self.unknown.is_empty() || (self.states.read && self.states.unread)
    }

    /// Whether the query has `lang:` or `is:` terms (or cannot match anything).
    pub fn has_fields(&self) -> bool {
        !self.langs.is_empty()
            || !self.sources.is_empty()
            || !self.tags.is_empty()
            || self.states != States::default()
            || !self.unknown.is_empty()
    }

    /// Whether a row passes the field terms (language and states).
    pub fn matches_fields(&self, fields: &Fields<'_>) -> bool {
        let lang_ok = self.langs.is_empty()
            || self.langs.iter().any(|lang| {
                (fields.lang.as_bytes().get(..lang.len()))
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case(lang.as_bytes()))
            });
        let source_ok = self.sources.is_empty()
            || (self.sources.iter()).any(|wanted| letters_in_order(wanted, fields.source));
        let tag_ok = self.tags.is_empty()
            || (self.tags.iter())
                .any(|wanted| fields.tags.iter().any(|t| t.starts_with(wanted.as_str())));
        lang_ok
            && source_ok
            && tag_ok
            && !self.matches_nothing()
            && (!self.states.bookmarked || fields.bookmarked)
            && (!self.states.unread || !fields.read)
            && (!self.states.read || fields.read)
    }

    /// The `tag:` values (lower case); an article matches if a tag of its feed starts with any.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The `source:` and `feed:` values, folded, without spaces.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Whether everything this query matches is also matched by `previous`, so that
    /// filtering `previous`'s matches gives the same result as filtering everything.
    pub fn narrows(&self, previous: &Query) -> bool {
        if self.matches_nothing() {
            return true;
        }
        // Each group keeps only rows its counterpart kept: every alternative of the new
        // group narrows some alternative of the old one.
        let terms_narrow = self.group_count() >= previous.group_count()
            && self
                .groups()
                .zip(previous.groups())
                .all(|(new, old)| new.iter().all(|new| old.iter().any(|old| new.narrows(old))));
        // Field values match by prefix (a source's by letters in order, which a longer value
        // only makes rarer): a longer value keeps fewer articles.
        terms_narrow
            && values_narrow(&self.langs, &previous.langs)
            && values_narrow(&self.sources, &previous.sources)
            && values_narrow(&self.tags, &previous.tags)
            && previous.unknown.is_empty()
            && self.states.includes(previous.states)
    }
}
