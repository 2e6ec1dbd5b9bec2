//! What the store tells the user: notices about the database and the old state file (one
//! status-bar line each), and save errors.

use std::fmt;
use std::path::PathBuf;

/// Something about where marks are kept that the user should know; `Display` is one
/// status-bar line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The file was unusable; it was renamed to `backup`, byte for byte, and a new one started.
    MovedAside {
        /// The database (or old state) file.
        file: PathBuf,
        /// Where its bytes are now.
        backup: PathBuf,
        /// Why it could not be used ("not a database", "not valid JSON: ...").
        reason: String,
    },
    /// The file is unusable and could not be moved aside either; it is left as it is.
    CorruptKept {
        /// The file.
        file: PathBuf,
        /// Why it could not be used.
        reason: String,
        /// Why it was not moved aside.
        error: String,
    },
    /// The database comes from a newer lectern: shown, never written.
    FutureVersion {
        /// The database file.
        file: PathBuf,
        /// The schema version it declares.
        found: u64,
        /// The newest version this build knows.
        supported: u64,
    },
    /// The database could not be opened (its path is a folder, a FIFO, a device, ...); it is
    /// left as it is and marks last for this session only.
    Unreadable {
        /// The database path.
        file: PathBuf,
        /// The reason.
        error: String,
    },
    /// The data folder or the database cannot be written: changes last for this session
    /// unless it becomes writable (every save tries again).
    NotWritable {
        /// The folder or file that refused.
        path: PathBuf,
        /// The system's reason.
        error: String,
    },
    /// An old `state.json` was not imported; it is left as it is.
    NotImported {
        /// The old state file.
        file: PathBuf,
        /// Why.
        reason: String,
    },
    /// A save in the background failed; its changes hold in memory and are saved with the
    /// next change, the next retry (every 2 s) or flush.
    NotSaved {
        /// The [`StoreError`], as text.
        error: String,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MovedAside {
                file,
                backup,
                reason,
            } => write!(
                f,
                "{} was unusable ({reason}); moved it aside to {}",
                file.display(),
                backup.display()
            ),
            Self::CorruptKept {
                file,
                reason,
                error,
            } => write!(
                f,
                "{} is unusable ({reason}) and could not be moved aside ({error}); changes will not be saved",
                file.display()
            ),
            Self::FutureVersion {
                file,
                found,
                supported,
            } => write!(
                f,
                "database {} is from a newer lectern (version {found}, this one knows {supported}); read-only, changes will not be saved",
                file.display()
            ),
            Self::Unreadable { file, error } => write!(
                f,
                "cannot open database {} ({error}); changes will not be saved",
                file.display()
            ),
            Self::NotWritable { path, error } => write!(
                f,
                "cannot write {} ({error}); bookmarks and read marks will last this session only",
                path.display()
            ),
            Self::NotImported { file, reason } => write!(
                f,
                "did not import {} ({reason}); left as it is",
                file.display()
            ),
            Self::NotSaved { error } => {
                write!(f, "{error} (kept; tried again shortly)")
            }
        }
    }
}

/// Why a change was not saved. The change is still applied in memory and is retried with the
/// next save.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database is from a newer lectern; this one never writes it.
    #[error(
        "not saved: {} is from a newer lectern (version {found}); this one only reads it",
        file.display()
    )]
    ReadOnly {
        /// The database file.
        file: PathBuf,
        /// The schema version it declares.
        found: u64,
    },
    /// The data folder or the database file cannot be written.
    #[error("not saved: cannot write {}: {error}", path.display())]
    NotWritable {
        /// The folder or file.
        path: PathBuf,
        /// The system's reason.
        error: String,
    },
    /// No database could be opened.
    #[error("not saved: {0}")]
    NoDatabase(String),
    /// SQLite refused the write (the disk is full, another process held its lock past the
    /// busy timeout, ...).
    #[error("not saved: {}: {source}", file.display())]
    Database {
        /// The database file.
        file: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The thread that saves is gone (it panicked): nothing more can be saved.
    #[error("not saved: the thread that saves has stopped")]
    Stopped,
}
