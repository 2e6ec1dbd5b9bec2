//! An index `SQLite` found damaged: emptied, to be made again from the articles.

use rusqlite::Connection;

use super::SearchError;
use super::index::{clear, create_schema};

/// Empties an index `SQLite` found damaged, for [`super::sync`] to fill again: its tables
/// dropped, or, when they cannot be (dropping reads every page of a table, and a damaged
/// one stops it), taken out of the schema and their pages given back by `VACUUM`. The
/// other tables (marks, feeds) are checked at every open and left as they are.
///
/// # Errors
/// `SQLite` refused (a read-only database, or damage outside the index).
pub fn drop_damaged(conn: &Connection) -> Result<(), SearchError> {
    if clear(conn).is_ok() {
        return Ok(());
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
