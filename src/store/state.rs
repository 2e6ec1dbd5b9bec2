//! The marks in memory (what the database holds, and what an old `state.json` held) and how one
//! change applies; `file` reads and writes the bytes of `state.json`, for its import.

mod file;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

pub(crate) use file::{Parsed, parse, to_bytes};

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
    /// The article's date (`Meta::date`), when known.
    pub date: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    lang: String,
    path: String,
    bookmarked_at: String,
}

/// A read mark as stored under its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ReadRecord {
    read_at: String,
}

/// Read marks by article id. A hash map: marking 10^4 articles read among 10^6 marks spent
/// 14–17 ms in a B-tree's string comparisons; the order is only needed when listing them.
pub(crate) type ReadMap = HashMap<String, ReadRecord, Xxh3DefaultBuilder>;

/// The whole file. Unknown top-level fields are kept so a rewrite never drops them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct State {
    #[serde(default)]
    bookmarks: BTreeMap<String, BookmarkRecord>,
    #[serde(default)]
    read: ReadMap,
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
                        date: bookmark.date.clone(),
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

    /// Every read mark: the article's id and when it was marked, in no particular order.
    pub(crate) fn read_marks(&self) -> impl Iterator<Item = (&str, &str)> {
        self.read
            .iter()
            .map(|(id, record)| (id.as_str(), record.read_at.as_str()))
    }

    /// Ids of the articles marked read, sorted.
    pub(crate) fn read_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.read.keys().cloned().collect();
        ids.sort_unstable();
        ids
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
                date: record.date.clone(),
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
            date: None,
            lang: "en".to_owned(),
            path: format!("/news/{id}.txt"),
            bookmarked_at: at.to_owned(),
        })
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
}
