//! What opening the database tells besides the connection ([`OpenInfo`]), and why it failed ([`DbError`]).

use std::io;
use std::path::PathBuf;

/// What opening found, besides the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInfo {
    /// The file opened: the link's target when the path is a symlink, so writes go through it.
    pub file: PathBuf,
    /// Whether the file was created by this open.
    pub created: bool,
    /// An unusable file found at the path and moved aside before a new one was created.
    pub moved_aside: Option<MovedAside>,
    /// Why the connection is read-only, when it is.
    pub read_only: Option<ReadOnly>,
}

/// An unusable database moved aside, bytes kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedAside {
    /// Where its bytes are now (`lectern.db.broken-<time>`).
    pub backup: PathBuf,
    /// Why it could not be used ("not a database", "database disk image is malformed", ...).
    pub reason: String,
}

/// Why a database was opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// It comes from a newer lectern (its schema version is above this build's): never written.
    Newer {
        /// Its `user_version`.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file or its folder cannot be written.
    NotWritable {
        /// The system's reason.
        error: String,
    },
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The path is a directory, FIFO, device, or a link to one: never opened, so nothing can
    /// hang or read for ever.
    #[error("{} is {what}, not a database file", path.display())]
    NotAFile {
        /// The database path.
        path: PathBuf,
        /// What it is instead.
        what: String,
    },
    /// A file-system step failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done ("create", "read", ...).
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// The file is unusable and could not be moved aside, so it was left as it is.
    #[error("{} is unusable ({reason}) and could not be moved aside: {source}", path.display())]
    CorruptKept {
        /// The database file.
        path: PathBuf,
        /// Why it is unusable.
        reason: String,
        /// Why it was not moved aside.
        source: io::Error,
    },
    /// Even a new file at the path turned out unusable (nothing was moved aside twice).
    #[error("{} is unusable: {reason}", path.display())]
    Unusable {
        /// The database file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// SQLite refused (a lock held past the busy timeout, a full disk, ...).
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
}
