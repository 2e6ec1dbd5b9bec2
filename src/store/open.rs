//! Opening the database for the store: what it found as notices, and the import of an old state file.

use std::path::Path;

use super::import;
use super::notice::Notice;
use crate::db::{self, DbError, ReadOnly};

/// Opens the database and imports an old state file; `None` when no database could be
/// opened. What goes wrong is told in `notices`.
pub(super) fn open_database(
    dir: &Path,
    file: &Path,
    notices: &mut Vec<Notice>,
) -> Option<(rusqlite::Connection, Option<ReadOnly>)> {
    let (mut connection, info) = match db::open(file) {
        Ok(opened) => opened,
        Err(error) => {
            notices.push(open_failed(dir, file, error));
            return None;
        }
    };
    if let Some(moved) = info.moved_aside {
        notices.push(Notice::MovedAside {
            file: file.to_path_buf(),
            backup: moved.backup,
            reason: moved.reason,
        });
    }
    match &info.read_only {
        None => import::import(dir, &mut connection, notices),
        Some(ReadOnly::Newer { found, supported }) => notices.push(Notice::FutureVersion {
            file: file.to_path_buf(),
            found: u64::try_from(*found).unwrap_or(u64::MAX),
            supported: u64::try_from(*supported).unwrap_or(0),
        }),
        Some(ReadOnly::NotWritable { error }) => notices.push(Notice::NotWritable {
            path: dir.to_path_buf(),
            error: error.clone(),
        }),
    }
    Some((connection, info.read_only))
}

/// An open failure as a notice naming the path that refused.
fn open_failed(dir: &Path, file: &Path, error: DbError) -> Notice {
    match error {
        DbError::Io { source, .. } => Notice::NotWritable {
            path: dir.to_path_buf(),
            error: source.to_string(),
        },
        DbError::CorruptKept { reason, source, .. } => Notice::CorruptKept {
            file: file.to_path_buf(),
            reason,
            error: source.to_string(),
        },
        other => Notice::Unreadable {
            file: file.to_path_buf(),
            error: other.to_string(),
        },
    }
}
