//! `SearchQuery`: what a body search asks for, parsed into an FTS5 expression and fields.
//!
//! Words must all occur (AND), `"a phrase"` must occur as written, `-word` and `-"a phrase"`
//! must not. Fields as in the list filter: `lang:` (prefix of the language code, several
//! are alternatives), `is:bookmarked`, `is:unread`, `is:read` (prefixes too, all apply),
//! and `source:` (a folded part of the source's name, several are alternatives). Words are
//! folded and tokenized as the index is ([`super::tokens`]), so `dai su` finds "Đại sứ"
//! and an Arabic-keyboard كتابي finds the Persian کتابی.

use crate::filter::States;
use crate::filter::fold::fold;

use super::tokens::{Kind, query_tokens};

/// The characters the word being typed needs before it matches as a prefix.
pub const MIN_PREFIX_CHARS: usize = 3;

/// One word or phrase of a query, as index tokens that must be adjacent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    tokens: Vec<String>,
    /// Whether the last token matches as a prefix (the word being typed, or a lone CJK
    /// character, which the index only has at the start of bigrams).
    prefix: bool,
}

impl Item {
    fn new(text: &str, typing: bool) -> Option<Self> {
        let tokens = query_tokens(text);
        let lone_cjk = matches!(tokens.as_slice(), [(Kind::Unigram, _)]);
        let tokens: Vec<String> = tokens.into_iter().map(|(_, token)| token).collect();
        // A prefix of one or two letters matches most of the index, and FTS5 would merge
        // every matching word's list (190 ms at 10^5 articles): shorter ones match whole.
        let long = (tokens.last()).is_some_and(|last| last.chars().count() >= MIN_PREFIX_CHARS);
        (!tokens.is_empty()).then_some(Self {
            tokens,
            prefix: (typing && long) || lone_cjk,
        })
    }

    /// The FTS5 phrase: the tokens in double quotes (they hold no ASCII punctuation).
    fn expression(&self) -> String {
        let star = if self.prefix { "*" } else { "" };
        format!("\"{}\"{star}", self.tokens.join(" "))
    }
}

/// A parsed body-search query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    include: Vec<Item>,
    exclude: Vec<Item>,
    langs: Vec<String>,
    sources: Vec<String>,
    states: States,
    impossible: bool,
    warnings: Vec<String>,
}

/// A piece of the input: a bare word or a quoted phrase, and whether `-` came before it.
struct Piece<'a> {
    text: &'a str,
    quoted: bool,
    negated: bool,
}

/// Splits the input at white space, keeping `"quoted phrases"` (an unclosed quote runs to
/// the end) whole.
fn pieces(input: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let negated = rest.starts_with('-') && rest.len() > 1;
        let body = if negated { &rest[1..] } else { rest };
        let (text, quoted, after) = if let Some(phrase) = body.strip_prefix('"') {
            let end = phrase.find('"').unwrap_or(phrase.len());
            (&phrase[..end], true, phrase.get(end + 1..).unwrap_or(""))
        } else {
            let end = body.find(char::is_whitespace).unwrap_or(body.len());
            (&body[..end], false, &body[end..])
        };
        pieces.push(Piece {
            text,
            quoted,
            negated,
        });
        rest = after.trim_start();
    }
    pieces
}

impl SearchQuery {
    /// Parses what the user typed. `typing` makes the last word a prefix (the query as it
    /// is being typed) once it has [`MIN_PREFIX_CHARS`] characters, unless a space follows it. Never fails: what it cannot use is said
    /// in [`SearchQuery::warnings`].
    pub fn parse(input: &str, typing: bool) -> Self {
        let mut query = Self::default();
        let pieces = pieces(input);
        let open_end = typing && !input.ends_with(char::is_whitespace) && !input.ends_with('"');
        for (at, piece) in pieces.iter().enumerate() {
            if !piece.quoted && !piece.negated && query.field(piece.text) {
                continue;
            }
            let last = at + 1 == pieces.len();
            let typed = last && open_end && !piece.quoted && !piece.negated;
            let Some(item) = Item::new(piece.text, typed) else {
                continue;
            };
            if piece.negated {
                query.exclude.push(item);
            } else {
                query.include.push(item);
            }
        }
        query
    }

    /// Takes `name:value` when it is a field; returns whether it was.
    fn field(&mut self, word: &str) -> bool {
        let Some((name, value)) = word.split_once(':') else {
            return false;
        };
        match name.to_ascii_lowercase().as_str() {
            "lang" if !value.is_empty() => self.langs.push(value.to_lowercase()),
            "source" if !value.is_empty() => self.sources.push(fold(value)),
            "is" if !value.is_empty() => {
                let value = value.to_lowercase();
                if "bookmarked".starts_with(&value) {
                    self.states.bookmarked = true;
                } else if "unread".starts_with(&value) {
                    self.states.unread = true;
                } else if "read".starts_with(&value) {
                    self.states.read = true;
                } else {
                    self.impossible = true;
                    self.warnings.push(format!(
                        "{word} matches nothing: is: takes bookmarked, read or unread"
                    ));
                }
            }
            // Half typed: no constraint yet.
            "lang" | "source" | "is" => {}
            _ => return false,
        }
        true
    }

    /// The FTS5 `MATCH` expression of the words; `None` when no word must occur.
    pub fn expression(&self) -> Option<String> {
        if self.include.is_empty() {
            return None;
        }
        let include: Vec<String> = self.include.iter().map(Item::expression).collect();
        let mut expression = format!("({})", include.join(" AND "));
        if let Some(exclude) = self.exclusion() {
            expression = format!("{expression} NOT {exclude}");
        }
        Some(expression)
    }

    /// The FTS5 expression of the excluded words, if any.
    pub fn exclusion(&self) -> Option<String> {
        let exclude: Vec<String> = self.exclude.iter().map(Item::expression).collect();
        (!exclude.is_empty()).then(|| format!("({})", exclude.join(" OR ")))
    }

    /// The tokens a snippet marks, each with whether it matches as a prefix.
    pub fn marked_tokens(&self) -> Vec<(&str, bool)> {
        let mut marked = Vec::new();
        for item in &self.include {
            let last = item.tokens.len() - 1;
            for (at, token) in item.tokens.iter().enumerate() {
                marked.push((token.as_str(), item.prefix && at == last));
            }
        }
        marked
    }

    /// Whether an article with these fields passes the `lang:`, `source:` and `is:` terms.
    pub fn matches_fields(&self, lang: &str, source: &str, bookmarked: bool, read: bool) -> bool {
        let lang_ok = self.langs.is_empty()
            || (self.langs.iter()).any(|want| {
                lang.get(..want.len())
                    .is_some_and(|prefix| prefix.eq_ignore_ascii_case(want))
            });
        let source_ok =
            self.sources.is_empty() || self.sources.iter().any(|want| fold(source).contains(want));
        lang_ok
            && source_ok
            && !self.impossible
            && (!self.states.bookmarked || bookmarked)
            && (!self.states.unread || !read)
            && (!self.states.read || read)
    }

    /// Whether `is:` terms ask for marks (the caller then has to give them).
    pub fn asks_marks(&self) -> bool {
        self.states != States::default()
    }

    /// Whether the query asks for nothing at all (no words, no fields).
    pub fn is_empty(&self) -> bool {
        self.include.is_empty()
            && self.exclude.is_empty()
            && self.langs.is_empty()
            && self.sources.is_empty()
            && !self.asks_marks()
            && !self.impossible
    }

    /// What the parser could not use, one sentence each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expression(input: &str) -> Option<String> {
        SearchQuery::parse(input, false).expression()
    }

    #[test]
    fn words_are_folded_and_all_required() {
        assert_eq!(
            expression("Đại  sứ").as_deref(),
            Some(r#"("dai" AND "su")"#)
        );
        assert_eq!(expression("l'été").as_deref(), Some(r#"("l ete")"#));
    }

    #[test]
    fn phrases_exclusions_and_prefixes() {
        assert_eq!(
            expression(r#""đại sứ quán" -mỹ -"hà nội""#).as_deref(),
            Some(r#"("dai su quan") NOT ("my" OR "ha noi")"#)
        );
        let typed = SearchQuery::parse("dai su q", true).expression();
        assert_eq!(typed.as_deref(), Some(r#"("dai" AND "su" AND "q")"#));
        let typed = SearchQuery::parse("dai su qua", true).expression();
        assert_eq!(typed.as_deref(), Some(r#"("dai" AND "su" AND "qua"*)"#));
        // A space after the last word ends it.
        let typed = SearchQuery::parse("dai qua ", true).expression();
        assert_eq!(typed.as_deref(), Some(r#"("dai" AND "qua")"#));
        // A lone CJK character is a prefix of the bigrams it starts.
        assert_eq!(expression("京").as_deref(), Some(r#"("京"*)"#));
        assert_eq!(expression("北京市").as_deref(), Some(r#"("北京 京市")"#));
    }

    #[test]
    fn fields_filter_and_unknown_ones_are_text() {
        let query = SearchQuery::parse("lang:v source:vnex is:b mưa foo:bar", false);
        assert_eq!(
            query.expression().as_deref(),
            Some(r#"("mua" AND "foo bar")"#)
        );
        assert!(query.matches_fields("vi", "VnExpress", true, false));
        assert!(!query.matches_fields("en", "VnExpress", true, false));
        assert!(!query.matches_fields("vi", "Tuổi Trẻ", true, false));
        assert!(!query.matches_fields("vi", "VnExpress", false, false));
        let query = SearchQuery::parse("is:unred x", false);
        assert!(!query.matches_fields("vi", "", false, false));
        assert_eq!(query.warnings().len(), 1);
    }

    #[test]
    fn only_fields_or_exclusions_have_no_expression() {
        let query = SearchQuery::parse("lang:fa -foo", false);
        assert_eq!(query.expression(), None);
        assert_eq!(query.exclusion().as_deref(), Some(r#"("foo")"#));
        assert!(SearchQuery::parse("  lang: ", true).is_empty());
    }
}
