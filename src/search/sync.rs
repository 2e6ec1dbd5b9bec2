//! Bringing the index up to date with a loaded library: new articles in, gone ones out.
//!
//! An article id is a hash of its content, so an indexed id is an unchanged article: only
//! articles with new ids are read (their bodies, in parallel) and tokenized. An indexed
//! article that is not in the library leaves the index when its file is gone or its path
//! now holds other content; one that is merely outside the folders loaded this time stays
//! (searching one folder and then another does not rebuild the index each time). An index
//! `SQLite` finds damaged is emptied and made again ([`drop_damaged`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use rusqlite::Connection;

use super::SearchError;
use super::index::{Doc, Indexer, Tokens, clear, create_schema};
use crate::library::{Entry, Library};

/// Articles read and tokenized at once, between two rounds of writing.
const CHUNK: usize = 256;

/// What [`sync`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Articles indexed.
    pub added: usize,
    /// Articles that left the index.
    pub removed: usize,
    /// Articles whose path changed.
    pub moved: usize,
    /// Articles that could not be read again, as `path: problem`.
    pub failed: Vec<String>,
    /// Why the index was found damaged, when it was, and so made again from scratch.
    pub rebuilt: Option<String>,
}

/// Indexes the library's new articles and drops the gone ones, in one transaction;
/// `progress` hears how many of the new articles are done, and how many there are.
///
/// An index `SQLite` finds damaged on the way is emptied ([`drop_damaged`]) and made
/// again, and the report says why ([`SyncReport::rebuilt`]).
///
/// # Errors
/// `SQLite` refused (a read-only or full disk, damage outside the index); nothing is
/// changed then.
pub fn sync(
    conn: &mut Connection,
    library: &Library,
    mut progress: impl FnMut(usize, usize),
) -> Result<SyncReport, SearchError> {
    match sync_once(conn, library, &mut progress) {
        Err(error) if error.is_damage() => {
            drop_damaged(conn)?;
            let mut report = sync_once(conn, library, &mut progress)?;
            report.rebuilt = Some(error.to_string());
            Ok(report)
        }
        other => other,
    }
}

fn sync_once(
    conn: &mut Connection,
    library: &Library,
    progress: &mut impl FnMut(usize, usize),
) -> Result<SyncReport, SearchError> {
    let mut indexed: HashMap<String, (i64, String)> = HashMap::new();
    {
        let mut statement = conn.prepare("SELECT id, rowid, path FROM search_docs")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            indexed.insert(row.get(0)?, (row.get(1)?, row.get(2)?));
        }
    }
    let mut report = SyncReport::default();
    let mut new: Vec<&Entry> = Vec::new();
    let mut moved: Vec<(i64, &str)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::with_capacity(library.entries.len());
    let paths: HashSet<&str> = (library.entries.iter())
        .map(|entry| entry.meta.path.as_str())
        .collect();
    for entry in &library.entries {
        seen.insert(&entry.meta.id);
        match indexed.get(&entry.meta.id) {
            Some((rowid, path)) if *path != entry.meta.path => {
                moved.push((*rowid, &entry.meta.path));
            }
            Some(_) => {}
            None => new.push(entry),
        }
    }
    let gone: Vec<i64> = (indexed.iter())
        .filter(|(id, (_, path))| {
            !seen.contains(id.as_str())
                && (paths.contains(path.as_str()) || !Path::new(path).exists())
        })
        .map(|(_, (rowid, _))| *rowid)
        .collect();
    let tx = conn.transaction()?;
    {
        let mut writer = Indexer::new(&tx)?;
        for &rowid in &gone {
            writer.remove(rowid)?;
        }
        let mut update = tx.prepare("UPDATE search_docs SET path = ?2 WHERE rowid = ?1")?;
        for &(rowid, path) in &moved {
            update.execute(rusqlite::params![rowid, path])?;
        }
        let total = new.len();
        progress(0, total);
        let tokens = |entry: &&Entry| {
            (library.read(entry))
                .map(|article| {
                    let paragraphs = article.paragraphs.iter().map(String::as_str);
                    Tokens::of(&article.meta.title, paragraphs)
                })
                .map_err(|warning| warning.to_string())
        };
        report.failed = add_all(
            &mut writer,
            &new,
            |entry| doc_of(entry),
            tokens,
            |done| {
                progress(done, total);
            },
        )?;
        report.added = total - report.failed.len();
    }
    tx.commit()?;
    report.removed = gone.len();
    report.moved = moved.len();
    Ok(report)
}

/// Adds `items` to the index: tokenized in parallel (by `tokens`), a chunk at a time, on
/// other threads while the chunk before is written here, so that folding overlaps with
/// FTS5's inserts. `progress` hears how many are done; returns the failures of `tokens`.
///
/// # Errors
/// `SQLite` refused; the items after the failure are not added.
pub fn add_all<T, D, K>(
    writer: &mut Indexer<'_>,
    items: &[T],
    doc: D,
    tokens: K,
    mut progress: impl FnMut(usize),
) -> Result<Vec<String>, SearchError>
where
    T: Sync,
    D: Fn(&T) -> Doc<'_>,
    K: Fn(&T) -> Result<Tokens, String> + Sync,
{
    std::thread::scope(|scope| {
        // Two chunks ahead at most: memory stays bounded whatever the library's size.
        let (sender, receiver) = std::sync::mpsc::sync_channel(2);
        let tokens = &tokens;
        scope.spawn(move || {
            for chunk in items.chunks(CHUNK) {
                let made: Vec<Result<Tokens, String>> = chunk.par_iter().map(tokens).collect();
                if sender.send(made).is_err() {
                    break;
                }
            }
        });
        let mut failed = Vec::new();
        let mut done = 0;
        for (chunk, made) in items.chunks(CHUNK).zip(receiver) {
            for (item, made) in chunk.iter().zip(made) {
                match made {
                    Ok(made) => {
                        writer.add(&doc(item), &made)?;
                    }
                    Err(problem) => failed.push(problem),
                }
            }
            done += chunk.len();
            progress(done);
        }
        Ok(failed)
    })
}

/// What the index keeps of a library entry.
pub fn doc_of(entry: &Entry) -> Doc<'_> {
    let meta = &entry.meta;
    Doc {
        id: &meta.id,
        path: &meta.path,
        date: meta.date.as_deref(),
        lang: &meta.lang,
        source: meta.source.as_deref(),
        title: &meta.title,
    }
}

/// Empties an index `SQLite` found damaged, for [`super::sync`] to fill again: its tables
/// dropped, or, when they cannot be (dropping reads every page of a table, and a damaged
/// one stops it), taken out of the schema and their pages given back by `VACUUM`. The
/// other tables (marks, feeds) are checked at every open and left as they are.
///
/// # Errors
/// `SQLite` refused (a read-only database, or damage outside the index).
pub fn drop_damaged(conn: &Connection) -> Result<(), SearchError> {
    match clear(conn) {
        Err(error) if error.is_damage() => {}
        other => return other,
    }
    conn.pragma_update(None, "writable_schema", true)?;
    let cut = conn.execute(
        "DELETE FROM sqlite_schema WHERE substr(tbl_name, 1, length(?1)) = ?1",
        [crate::db::INDEX_PREFIX],
    );
    conn.pragma_update(None, "writable_schema", false)?;
    cut?;
    conn.execute_batch("VACUUM")?;
    create_schema(conn)
}

impl SearchError {
    /// Whether `SQLite` found the index damaged: it is derived from the articles, so it is
    /// made again ([`drop_damaged`], then [`sync`]).
    pub fn is_damage(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        matches!(self, Self::Database(error)
            if matches!(error.sqlite_error_code(), Some(DatabaseCorrupt | NotADatabase)))
    }
}

#[cfg(test)]
mod tests;
