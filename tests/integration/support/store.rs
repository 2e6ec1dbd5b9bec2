//! Shared by the store tests: a bookmarkable article's metadata, three ids, what a data
//! folder holds, and a look into the database from outside the store.

use std::fs;
use std::path::Path;

use lectern::article::{Dir, Meta};

pub fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        path: format!("/news/{id}.txt"),
        title: format!("Tin tức {id}"),
        source: Some("Tuổi Trẻ".to_owned()),
        url: None,
        date: Some("2026-04-20".to_owned()),
        date_source: Some(lectern::article::DateSource::Text),
        lang: "vi".to_owned(),
        dir: Dir::Ltr,
        words: 120,
    }
}

pub const A: &str = "00000000000000aa";
pub const B: &str = "00000000000000bb";
pub const C: &str = "00000000000000cc";

/// The database's file names: the file, its write-ahead log and its shared-memory index.
pub const DB_FILES: [&str; 3] = ["lectern.db", "lectern.db-wal", "lectern.db-shm"];

/// Names in the folder other than the database's files, sorted.
pub fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !DB_FILES.contains(&name.as_str()))
        .collect();
    names.sort();
    names
}

/// The database in `dir`, opened as another process would (no migration, no checks).
pub fn database(dir: &Path) -> rusqlite::Connection {
    let connection = rusqlite::Connection::open(dir.join("lectern.db")).expect("database opens");
    connection
        .busy_timeout(std::time::Duration::from_secs(3))
        .expect("timeout");
    connection
}

/// Overwrites the first page of `table` in the database in `dir` with bytes no page holds,
/// after moving everything from the write-ahead log into the file.
pub fn damage_table(dir: &Path, table: &str) {
    use std::io::{Seek, SeekFrom, Write};
    let db = database(dir);
    db.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    let (root, size): (u32, u32) = db
        .query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)
             FROM sqlite_schema WHERE name = ?1",
            [table],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("the table's first page");
    drop(db);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(dir.join("lectern.db"))
        .expect("database file");
    file.seek(SeekFrom::Start(u64::from(root - 1) * u64::from(size)))
        .expect("seek");
    file.write_all(&vec![0xA5; size as usize]).expect("write");
}

/// `PRAGMA integrity_check` of the database in `dir`: `"ok"` when sound.
pub fn integrity(dir: &Path) -> String {
    database(dir)
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check runs")
}

/// The ids bookmarked in the database in `dir`, sorted.
pub fn bookmarked_ids(dir: &Path) -> Vec<String> {
    let connection = database(dir);
    let mut query = connection
        .prepare("SELECT id FROM bookmarks WHERE bookmarked = 1 ORDER BY id")
        .expect("query");
    query
        .query_map([], |row| row.get(0))
        .expect("rows")
        .map(|id| id.expect("id"))
        .collect()
}
