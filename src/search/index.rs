//! The search index in `SQLite`: an FTS5 table of folded tokens and a table of the documents.
//!
//! `search_text` is contentless (the text stays in the articles; `contentless_delete=1`
//! lets a changed article leave), with a title and a body column, tokenized by FTS5's
//! `ascii` tokenizer over the space-separated tokens of [`super::tokens`]. `search_docs`
//! maps each FTS rowid to the article: its id (a hash of its content, so a known id is an
//! unchanged article), path, date, language, source and title. The rowid is the date as
//! `YYYYMMDD × 10^7` plus a counter, so the newest hits come first by reading the index
//! backwards, without sorting.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Statement, params};

use super::SearchError;
use super::tokens::index_text;

/// The database file in the data folder.
pub const DATABASE_FILE: &str = "lectern.db";

/// Changes whenever the tokens would differ (the fold or the tokenizer changed): an index
/// of another version is dropped and rebuilt.
const INDEX_VERSION: i64 = 100 * crate::filter::FOLD_VERSION as i64 + 2;

/// Rowids per day: the counter of articles dated the same day stays below this.
const PER_DAY: i64 = 10_000_000;

/// Opens (or creates) `<data dir>/lectern.db`, the one database of bookmarks, read marks and
/// the search index, with the search tables. It is opened as [`crate::db::open`] opens it for
/// the store (WAL, busy timeout, checks, moving a broken file aside); the search tables are
/// derived data with a version of their own, rebuilt empty when the tokens change, so they
/// are not among the database's migrations.
///
/// # Errors
/// The folder cannot be created, or the database cannot be opened or set up.
pub fn open_database(data_dir: &Path) -> Result<Connection, SearchError> {
    std::fs::create_dir_all(data_dir).map_err(|error| SearchError::Folder(error.to_string()))?;
    let (conn, _) = crate::db::open(&data_dir.join(DATABASE_FILE))?;
    create_schema(&conn)?;
    Ok(conn)
}

/// Empties the index, made again from scratch: the next [`super::sync`] reads every article.
/// For an index that went wrong (`lectern reindex`).
///
/// # Errors
/// `SQLite` refused (a read-only or damaged database).
pub fn clear(conn: &Connection) -> Result<(), SearchError> {
    // Without its version, the tables are dropped and made again as for new tokens.
    conn.execute("DELETE FROM search_meta WHERE key = 'version'", [])?;
    create_schema(conn)
}

/// The file the index last saw the article `id` in, if it has it.
pub fn path_of(conn: &Connection, id: &str) -> Option<String> {
    conn.query_row("SELECT path FROM search_docs WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .ok()
}

/// Creates the search tables if they are missing, and rebuilds them empty if they were
/// made by another version of the tokens.
///
/// # Errors
/// `SQLite` refused (a read-only or damaged database).
pub fn create_schema(conn: &Connection) -> Result<(), SearchError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS search_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);",
    )?;
    let version: Option<i64> = conn
        .query_row(
            "SELECT value FROM search_meta WHERE key = 'version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    if version != Some(INDEX_VERSION) {
        conn.execute_batch("DROP TABLE IF EXISTS search_text; DROP TABLE IF EXISTS search_docs;")?;
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS search_docs(
             rowid INTEGER PRIMARY KEY,
             id TEXT NOT NULL UNIQUE,
             path TEXT NOT NULL,
             date TEXT,
             lang TEXT NOT NULL,
             source TEXT,
             title TEXT NOT NULL
         );
         CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
             title, body, content='', contentless_delete=1, tokenize='ascii'
         );",
    )?;
    if version != Some(INDEX_VERSION) {
        // The title weighs five times the body in relevance.
        conn.execute(
            "INSERT INTO search_text(search_text, rank) VALUES('rank', 'bm25(5.0, 1.0)')",
            [],
        )?;
        conn.execute(
            "INSERT OR REPLACE INTO search_meta(key, value) VALUES('version', ?1)",
            [INDEX_VERSION],
        )?;
    }
    Ok(())
}

/// What the index keeps of an article besides its text.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// The article id.
    pub id: &'a str,
    /// Its file (or `bundled:NAME`).
    pub path: &'a str,
    /// Its date, `YYYY-MM-DD...`.
    pub date: Option<&'a str>,
    /// Its language code.
    pub lang: &'a str,
    /// Its source.
    pub source: Option<&'a str>,
    /// Its title.
    pub title: &'a str,
}

/// An article's tokens, made ready off the writing thread.
#[derive(Debug, Default)]
pub struct Tokens {
    /// The title's tokens, space-separated.
    pub title: String,
    /// The body's tokens, space-separated.
    pub body: String,
}

impl Tokens {
    /// Folds and tokenizes a title and the paragraphs of a body.
    pub fn of<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> Self {
        let mut folded = String::new();
        let mut tokens = Self::default();
        index_text(title, &mut folded, &mut tokens.title);
        for paragraph in paragraphs {
            index_text(paragraph, &mut folded, &mut tokens.body);
        }
        tokens
    }
}

/// Adds and removes documents with prepared statements (inside the caller's transaction).
pub struct Indexer<'c> {
    insert_doc: Statement<'c>,
    insert_text: Statement<'c>,
    delete_doc: Statement<'c>,
    delete_text: Statement<'c>,
    last_of_day: Statement<'c>,
    next_of_day: HashMap<i64, i64>,
}

impl<'c> Indexer<'c> {
    /// Prepares the statements.
    ///
    /// # Errors
    /// `SQLite` refused.
    pub fn new(conn: &'c Connection) -> Result<Self, SearchError> {
        Ok(Self {
            insert_doc: conn.prepare(
                "INSERT INTO search_docs(rowid, id, path, date, lang, source, title)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            insert_text: conn
                .prepare("INSERT INTO search_text(rowid, title, body) VALUES (?1, ?2, ?3)")?,
            delete_doc: conn.prepare("DELETE FROM search_docs WHERE rowid = ?1")?,
            delete_text: conn.prepare("DELETE FROM search_text WHERE rowid = ?1")?,
            last_of_day: conn
                .prepare("SELECT max(rowid) FROM search_docs WHERE rowid >= ?1 AND rowid < ?2")?,
            next_of_day: HashMap::new(),
        })
    }

    /// Adds one article; returns its rowid.
    ///
    /// # Errors
    /// `SQLite` refused (the id is already indexed, the disk is full).
    pub fn add(&mut self, doc: &Doc<'_>, tokens: &Tokens) -> Result<i64, SearchError> {
        let day = day_number(doc.date);
        let next = if let Some(&next) = self.next_of_day.get(&day) {
            next
        } else {
            let base = day * PER_DAY;
            let last: Option<i64> = self
                .last_of_day
                .query_row([base, base + PER_DAY], |row| row.get(0))?;
            last.map_or(base, |last| last + 1)
        };
        if next >= (day + 1) * PER_DAY {
            return Err(SearchError::DayFull(day));
        }
        self.next_of_day.insert(day, next + 1);
        self.insert_doc.execute(params![
            next, doc.id, doc.path, doc.date, doc.lang, doc.source, doc.title
        ])?;
        self.insert_text
            .execute(params![next, tokens.title, tokens.body])?;
        Ok(next)
    }

    /// Removes one article by rowid.
    ///
    /// # Errors
    /// `SQLite` refused.
    pub fn remove(&mut self, rowid: i64) -> Result<(), SearchError> {
        self.delete_text.execute([rowid])?;
        self.delete_doc.execute([rowid])?;
        Ok(())
    }
}

/// `YYYYMMDD` of a date that starts `YYYY-MM-DD`; 0 (oldest) for none or another form.
fn day_number(date: Option<&str>) -> i64 {
    let Some(date) = date.and_then(|date| date.get(..10)) else {
        return 0;
    };
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 8 || date.as_bytes()[4] != b'-' || date.as_bytes()[7] != b'-' {
        return 0;
    }
    digits.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(id: &'a str, date: Option<&'a str>) -> Doc<'a> {
        Doc {
            id,
            path: id,
            date,
            lang: "en",
            source: None,
            title: "t",
        }
    }

    #[test]
    #[allow(clippy::many_single_char_names)] // a to e: the articles in order
    fn rowids_order_by_date_then_arrival() {
        let conn = Connection::open_in_memory().unwrap();
        create_schema(&conn).unwrap();
        let mut indexer = Indexer::new(&conn).unwrap();
        let tokens = Tokens::of("t", ["b"]);
        let a = indexer.add(&doc("a", Some("2024-05-01")), &tokens).unwrap();
        let b = indexer
            .add(&doc("b", Some("2024-05-01T10:00")), &tokens)
            .unwrap();
        let c = indexer.add(&doc("c", None), &tokens).unwrap();
        let d = indexer.add(&doc("d", Some("2023-12-31")), &tokens).unwrap();
        assert_eq!(
            (a, b, c, d),
            (
                202_405_010_000_000,
                202_405_010_000_001,
                0,
                202_312_310_000_000
            )
        );
        indexer.remove(b).unwrap();
        drop(indexer);
        // A new indexer continues after the last rowid of the day.
        let mut indexer = Indexer::new(&conn).unwrap();
        let e = indexer.add(&doc("e", Some("2024-05-01")), &tokens).unwrap();
        assert_eq!(e, 202_405_010_000_001);
    }

    #[test]
    fn dates_of_other_forms_sort_last() {
        assert_eq!(day_number(Some("2024-05-01")), 20_240_501);
        assert_eq!(day_number(Some("2024/05/01")), 0);
        assert_eq!(day_number(Some("2024")), 0);
        assert_eq!(day_number(None), 0);
    }
}
