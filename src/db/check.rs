//! The check on every open: `PRAGMA quick_check` of the tables lectern keeps, not of the
//! search index, which it can make again.

use rusqlite::Connection;

/// The tables whose names start with this are the search index (derived from the articles).
pub const INDEX_PREFIX: &str = "search_";

/// The first problem `PRAGMA quick_check` finds in a table the user's data lives in (marks,
/// feeds, fetched articles), or `None`.
///
/// A whole-file check reads every page: 0.2 s for the 207 MB of a library of 10^5 articles
/// and 2 s for 10^6 with the file in the page cache, 3 and 8 s without, at every open (the
/// interface opens the file two or three times). The search index is most of the file and
/// is derived, so it is left out here: damage there shows when it is read, and
/// [`crate::search`] then makes it again.
///
/// # Errors
/// `SQLite` refused: the schema itself cannot be read (a damaged or foreign file), busy.
pub fn kept_tables(connection: &Connection) -> rusqlite::Result<Option<String>> {
    let names: Vec<String> = connection
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND substr(name, 1, length(?1)) <> ?1 AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )?
        .query_map([INDEX_PREFIX], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names {
        let pragma = format!("PRAGMA quick_check('{}')", name.replace('\'', "''"));
        let check: String = connection.query_row(&pragma, [], |row| row.get(0))?;
        if check != "ok" {
            return Ok(Some(format!("quick_check of {name}: {check}")));
        }
    }
    Ok(None)
}
