//! What `state.json` holds: the data model, how the file's bytes are classified and parsed, and how one change applies.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The format version this build writes and fully understands.
pub const FORMAT_VERSION: u64 = 1;

/// One bookmarked article, as listed by `lectern bookmarks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// The article's id (16 hex digits, `Meta::id`).
    pub id: String,
    /// The headline when it was bookmarked.
    pub title: String,
    /// The outlet, when known.
    pub source: Option<String>,
    /// ISO 639-1 language code, `und` when unknown.
    pub lang: String,
    /// Where the article was read from (`Meta::path`).
    pub path: String,
    /// When it was bookmarked, RFC 3339 UTC (`2026-04-22T10:15:00Z`).
    pub bookmarked_at: String,
}

/// A bookmark as stored under its id (the id is the map key, not repeated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BookmarkRecord {
    title: String,
    #[serde(default)]
    source: Option<String>,
    lang: String,
    path: String,
    bookmarked_at: String,
}

/// A read mark as stored under its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ReadRecord {
    read_at: String,
}

/// The whole file. Unknown top-level fields are kept so a rewrite never drops them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct State {
    #[serde(default)]
    bookmarks: BTreeMap<String, BookmarkRecord>,
    #[serde(default)]
    read: BTreeMap<String, ReadRecord>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// One user action, stated as the value it sets (not a flip), so that replaying it
/// over a file another window changed meanwhile does what the user saw and asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    Bookmark(Bookmark),
    Unbookmark(String),
    Read { id: String, at: String },
    Unread(String),
}

/// What a state file's bytes turned out to be.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// A file this build understands.
    Current(State),
    /// A file from a newer lectern; `readable` holds what could be read of it, for display only.
    Future { version: u64, readable: State },
    /// Not a state file: the reason, for the notice.
    Corrupt(String),
}

/// Classifies and parses the bytes of a state file.
pub(crate) fn parse(bytes: &[u8]) -> Parsed {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Parsed::Corrupt("empty file".to_owned());
    }
    if bytes.iter().all(|&byte| byte == 0) {
        return Parsed::Corrupt(format!("{} NUL bytes", bytes.len()));
    }
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => return Parsed::Corrupt(format!("not valid JSON: {error}")),
    };
    let Some(object) = value.as_object() else {
        return Parsed::Corrupt("not a JSON object".to_owned());
    };
    let version = match object.get("version").map(Value::as_u64) {
        Some(Some(version)) if version >= 1 => version,
        Some(_) => return Parsed::Corrupt("invalid format version".to_owned()),
        None => return Parsed::Corrupt("no format version".to_owned()),
    };
    let state = serde_json::from_value::<State>(value);
    if version > FORMAT_VERSION {
        let readable = state.unwrap_or_default();
        return Parsed::Future { version, readable };
    }
    match state {
        Ok(mut state) => {
            state.extra.remove("version");
            Parsed::Current(state)
        }
        Err(error) => Parsed::Corrupt(format!("unexpected content: {error}")),
    }
}

/// The file's bytes: pretty JSON (people read and diff it), `version` first, maps sorted by id.
pub(crate) fn to_bytes(state: &State) -> serde_json::Result<Vec<u8>> {
    let file = StateFileOut {
        version: FORMAT_VERSION,
        extra: &state.extra,
        bookmarks: &state.bookmarks,
        read: &state.read,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The file as written, borrowing the state.
#[derive(Serialize)]
struct StateFileOut<'a> {
    version: u64,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
    bookmarks: &'a BTreeMap<String, BookmarkRecord>,
    read: &'a BTreeMap<String, ReadRecord>,
}

impl State {
    /// Applies one change. Setting what is already set keeps the older timestamp.
    pub(crate) fn apply(&mut self, change: &Change) {
        match change {
            Change::Bookmark(bookmark) => {
                self.bookmarks
                    .entry(bookmark.id.clone())
                    .or_insert_with(|| BookmarkRecord {
                        title: bookmark.title.clone(),
                        source: bookmark.source.clone(),
                        lang: bookmark.lang.clone(),
                        path: bookmark.path.clone(),
                        bookmarked_at: bookmark.bookmarked_at.clone(),
                    });
            }
            Change::Unbookmark(id) => {
                self.bookmarks.remove(id);
            }
            Change::Read { id, at } => {
                self.read.entry(id.clone()).or_insert_with(|| ReadRecord {
                    read_at: at.clone(),
                });
            }
            Change::Unread(id) => {
                self.read.remove(id);
            }
        }
    }

    /// Whether the article with this id is bookmarked.
    pub(crate) fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.contains_key(id)
    }

    /// Whether the article with this id is marked read.
    pub(crate) fn is_read(&self, id: &str) -> bool {
        self.read.contains_key(id)
    }

    /// Ids of the articles marked read, sorted.
    pub(crate) fn read_ids(&self) -> Vec<String> {
        self.read.keys().cloned().collect()
    }

    /// All bookmarks, oldest first; ties (same second) by id so the order is stable.
    pub(crate) fn bookmarks(&self) -> Vec<Bookmark> {
        let mut list: Vec<Bookmark> = self
            .bookmarks
            .iter()
            .map(|(id, record)| Bookmark {
                id: id.clone(),
                title: record.title.clone(),
                source: record.source.clone(),
                lang: record.lang.clone(),
                path: record.path.clone(),
                bookmarked_at: record.bookmarked_at.clone(),
            })
            .collect();
        list.sort_by(|a, b| (&a.bookmarked_at, &a.id).cmp(&(&b.bookmarked_at, &b.id)));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(id: &str, at: &str) -> Change {
        Change::Bookmark(Bookmark {
            id: id.to_owned(),
            title: format!("title {id}"),
            source: None,
            lang: "en".to_owned(),
            path: format!("/news/{id}.txt"),
            bookmarked_at: at.to_owned(),
        })
    }

    fn current(bytes: &[u8]) -> State {
        match parse(bytes) {
            Parsed::Current(state) => state,
            other => panic!("expected a current state, got {other:?}"),
        }
    }

    #[test]
    fn written_bytes_parse_back_to_the_same_state() {
        let mut state = State::default();
        state.apply(&mark("00000000000000aa", "2026-01-02T00:00:00Z"));
        state.apply(&Change::Read {
            id: "00000000000000bb".to_owned(),
            at: "2026-01-03T00:00:00Z".to_owned(),
        });
        let bytes = to_bytes(&state).expect("encodes");
        assert_eq!(current(&bytes), state);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with("{\n  \"version\": 1,"), "{text}");
    }

    #[test]
    fn unknown_fields_survive_a_rewrite() {
        let state = current(br#"{"version":1,"bookmarks":{},"read":{},"colour":"teal"}"#);
        let text = String::from_utf8(to_bytes(&state).expect("encodes")).expect("UTF-8");
        assert!(text.contains("\"colour\": \"teal\""), "{text}");
        assert_eq!(text.matches("\"version\"").count(), 1, "{text}");
    }

    #[test]
    fn setting_is_idempotent_and_unsetting_removes() {
        let mut state = State::default();
        state.apply(&mark("00000000000000aa", "2026-01-02T00:00:00Z"));
        state.apply(&mark("00000000000000aa", "2027-01-01T00:00:00Z"));
        let list = state.bookmarks();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].bookmarked_at, "2026-01-02T00:00:00Z");
        state.apply(&Change::Unbookmark("00000000000000aa".to_owned()));
        assert!(!state.is_bookmarked("00000000000000aa"));
    }

    #[test]
    fn bookmarks_are_sorted_by_time_then_id() {
        let mut state = State::default();
        state.apply(&mark("00000000000000cc", "2026-03-01T00:00:00Z"));
        state.apply(&mark("00000000000000bb", "2026-01-01T00:00:00Z"));
        state.apply(&mark("00000000000000aa", "2026-03-01T00:00:00Z"));
        let ids: Vec<String> = state.bookmarks().into_iter().map(|b| b.id).collect();
        assert_eq!(
            ids,
            ["00000000000000bb", "00000000000000aa", "00000000000000cc"]
        );
    }

    #[test]
    fn unusable_files_are_classified_with_a_reason() {
        let cases: [(&[u8], &str); 8] = [
            (b"", "empty file"),
            (b" \n", "empty file"),
            (&[0; 64], "64 NUL bytes"),
            (br#"{"version":1,"bookm"#, "not valid JSON"),
            (b"\x89PNG garbage", "not valid JSON"),
            (b"[1,2]", "not a JSON object"),
            (br#"{"bookmarks":{}}"#, "no format version"),
            (br#"{"version":1,"bookmarks":[]}"#, "unexpected content"),
        ];
        for (bytes, expected) in cases {
            match parse(bytes) {
                Parsed::Corrupt(reason) => assert!(reason.starts_with(expected), "{reason}"),
                other => panic!("{bytes:?} gave {other:?}"),
            }
        }
        assert!(matches!(parse(br#"{"version":0}"#), Parsed::Corrupt(_)));
        assert!(matches!(parse(br#"{"version":"1"}"#), Parsed::Corrupt(_)));
    }

    #[test]
    fn a_newer_format_is_recognised_and_read_as_far_as_possible() {
        let bytes = br#"{"version":7,"bookmarks":{"00000000000000aa":{"title":"t","lang":"en","path":"p","bookmarked_at":"x"}},"read":{}}"#;
        match parse(bytes) {
            Parsed::Future { version, readable } => {
                assert_eq!(version, 7);
                assert!(readable.is_bookmarked("00000000000000aa"));
            }
            other => panic!("expected a future version, got {other:?}"),
        }
        assert!(matches!(
            parse(br#"{"version":2,"shape":"new"}"#),
            Parsed::Future { version: 2, .. }
        ));
    }
}
