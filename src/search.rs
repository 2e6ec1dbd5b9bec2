//! Full-text search of article bodies with `SQLite` FTS5, over lectern's own folded text.
//!
//! FTS5's tokenizers fold neither đ nor Arabic-script letter variants, split Arabic and
//! Hebrew words at vowel marks and take CJK runs whole; so [`tokens`] folds text exactly as
//! the title filter does and hands FTS5 plain space-separated tokens (CJK as overlapping
//! bigrams). [`index`] keeps the FTS5 table and the documents, [`sync`] brings them up to
//! date with a loaded library, [`SearchQuery`] parses what the user typed, [`search()`]
//! runs it, and [`snippet()`] cuts a line of the article's own text around the first hit,
//! mapped back through the fold's offset map.
//!
//! ```
//! use lectern::search::{Doc, Indexer, SearchQuery, Sort, Tokens, create_schema, search, snippet};
//! # struct NoMarks;
//! # impl lectern::article::Marks for NoMarks {
//! #     fn is_bookmarked(&self, _: &str) -> bool { false }
//! #     fn is_read(&self, _: &str) -> bool { false }
//! # }
//! let conn = rusqlite::Connection::open_in_memory().unwrap();
//! create_schema(&conn).unwrap();
//! let body = ["Đại sứ quán mở cửa."];
//! let doc = Doc { id: "a1", path: "a.txt", date: Some("2024-05-01"), lang: "vi", source: None, title: "Tin" };
//! Indexer::new(&conn).unwrap().add(&doc, &Tokens::of(doc.title, body)).unwrap();
//! let query = SearchQuery::parse("dai su", false);
//! let hits = search(&conn, &query, Sort::Date, 10, |_| true, &NoMarks).unwrap();
//! assert_eq!(hits[0].id, "a1");
//! let line = snippet(body, &query);
//! assert_eq!(&line.text[line.ranges[0].clone()], "Đại");
//! ```

pub mod index;
mod query;
mod run;
mod snippet;
pub mod sync;
pub mod tokens;

use thiserror::Error;

pub use index::{
    DATABASE_FILE, Doc, Indexer, Tokens, clear, create_schema, open_database, path_of,
};
pub use query::{MIN_PREFIX_CHARS, SearchQuery};
pub use run::{Found, Hit, Sort, search, with_snippets};
pub use snippet::{SNIPPET_CHARS, Snippet, snippet};
pub use sync::{SyncReport, add_all, drop_damaged, sync};

/// Why searching failed.
#[derive(Debug, Error)]
pub enum SearchError {
    /// `SQLite` refused.
    #[error("search index: {0}")]
    Database(#[from] rusqlite::Error),
    /// The data folder could not be created.
    #[error("search index: cannot create the data folder: {0}")]
    Folder(String),
    /// The database could not be opened (see [`crate::db::open`]).
    #[error("search index: {0}")]
    Open(#[from] crate::db::DbError),
    /// More articles of one day than rowids can count.
    #[error("search index: too many articles dated {0}")]
    DayFull(i64),
}
