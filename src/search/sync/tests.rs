use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use rusqlite::Connection;

use super::drop_damaged;
use crate::article::NoMarks;
use crate::library::Library;
use crate::search::{DATABASE_FILE, SearchQuery, Sort, open_database, search, sync};

/// The bundled articles indexed, beside a table of the user's, everything in the main file;
/// how many of them say "Đại sứ".
fn indexed(dir: &Path) -> usize {
    let mut conn = open_database(dir).unwrap();
    conn.execute_batch("CREATE TABLE kept(x TEXT); INSERT INTO kept VALUES('mine');")
        .unwrap();
    let report = sync(&mut conn, &Library::bundled(), |_, _| {}).unwrap();
    assert_eq!((report.added, report.rebuilt), (5, None));
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    let found = hits(&conn, "Đại sứ").unwrap();
    assert!(found > 0);
    found
}

/// Overwrites the first page of `table` with bytes no page of a database holds.
fn damage(dir: &Path, table: &str) {
    let file = dir.join(DATABASE_FILE);
    let conn = Connection::open(&file).unwrap();
    let root: u32 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [table],
            |row| row.get(0),
        )
        .unwrap();
    let size: u32 = conn
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .unwrap();
    drop(conn);
    let mut file = OpenOptions::new().write(true).open(file).unwrap();
    file.seek(SeekFrom::Start(u64::from(root - 1) * u64::from(size)))
        .unwrap();
    file.write_all(&vec![0xA5; usize::try_from(size).unwrap()])
        .unwrap();
}

fn kept(conn: &Connection) -> String {
    conn.query_row("SELECT x FROM kept", [], |row| row.get(0))
        .unwrap()
}

fn hits(conn: &Connection, words: &str) -> Result<usize, crate::search::SearchError> {
    let query = SearchQuery::parse(words, false);
    search(conn, &query, Sort::Date, 10, |_| true, &NoMarks).map(|hits| hits.len())
}

#[test]
fn a_damaged_index_is_cut_out_and_made_again_and_the_rest_kept() {
    let dir = tempfile::tempdir().unwrap();
    let found = indexed(dir.path());
    damage(dir.path(), "search_text_data");
    // Opening checks the user's tables only: the file stays where it is.
    let (conn, info) = crate::db::open(&dir.path().join(DATABASE_FILE)).unwrap();
    assert_eq!(info.moved_aside, None);
    assert_eq!(kept(&conn), "mine");
    let error = hits(&conn, "Đại sứ").unwrap_err();
    assert!(error.is_damage(), "{error}");
    drop_damaged(&conn).unwrap();
    let whole: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(whole, "ok", "no page of the old index is left over");
    assert_eq!(kept(&conn), "mine");
    assert_eq!(hits(&conn, "Đại sứ").unwrap(), 0, "emptied");
    drop(conn);
    let mut conn = open_database(dir.path()).unwrap();
    sync(&mut conn, &Library::bundled(), |_, _| {}).unwrap();
    assert_eq!(hits(&conn, "Đại sứ").unwrap(), found);
}

#[test]
fn sync_makes_a_damaged_index_again_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let found = indexed(dir.path());
    damage(dir.path(), "search_docs");
    let mut conn = open_database(dir.path()).unwrap();
    let report = sync(&mut conn, &Library::bundled(), |_, _| {}).unwrap();
    assert_eq!(report.added, 5);
    let why = report.rebuilt.expect("rebuilt");
    assert!(why.contains("malformed"), "{why}");
    assert_eq!(hits(&conn, "Đại sứ").unwrap(), found);
    assert_eq!(kept(&conn), "mine");
}
