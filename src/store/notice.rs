//! What the store tells the user: notices about the state file (one status-bar line each) and save errors.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Something about the state file the user should know; `Display` is one status-bar line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The state file could not be parsed; it was renamed to `backup`, byte for byte. At open
    /// the store then starts empty; during a save it keeps what it had in memory.
    MovedAside {
        /// The state file.
        file: PathBuf,
        /// Where its bytes are now.
        backup: PathBuf,
        /// Why it could not be used ("empty file", "not valid JSON: ...").
        reason: String,
    },
    /// The state file could not be parsed and could not be moved aside either; it is left as it is.
    CorruptKept {
        /// The state file.
        file: PathBuf,
        /// Why it could not be used.
        reason: String,
        /// Why it was not moved aside.
        error: String,
    },
    /// The state file comes from a newer lectern: shown, never written.
    FutureVersion {
        /// The state file.
        file: PathBuf,
        /// The format version it declares.
        found: u64,
        /// The newest format this build knows.
        supported: u64,
    },
    /// The state file exists but could not be read; it is left as it is.
    Unreadable {
        /// The state file.
        file: PathBuf,
        /// The system's reason.
        error: String,
    },
    /// The data folder or its lock file cannot be written: changes last for this session only.
    NotWritable {
        /// The folder or file that refused.
        path: PathBuf,
        /// The system's reason.
        error: String,
    },
    /// A save in the background failed; its changes hold in memory and are saved with the
    /// next change or flush.
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
                "state file {} was unusable ({reason}); moved it aside to {}",
                file.display(),
                backup.display()
            ),
            Self::CorruptKept {
                file,
                reason,
                error,
            } => write!(
                f,
                "state file {} is unusable ({reason}) and could not be moved aside ({error}); changes will not be saved",
                file.display()
            ),
            Self::FutureVersion {
                file,
                found,
                supported,
            } => write!(
                f,
                "state file {} is from a newer lectern (format {found}, this one knows {supported}); read-only, changes will not be saved",
                file.display()
            ),
            Self::Unreadable { file, error } => write!(
                f,
                "cannot read state file {} ({error}); changes will not be saved",
                file.display()
            ),
            Self::NotWritable { path, error } => write!(
                f,
                "cannot write {} ({error}); bookmarks and read marks will last this session only",
                path.display()
            ),
            Self::NotSaved { error } => {
                write!(f, "{error} (kept; tried again with the next change)")
            }
        }
    }
}

/// Why a change was not saved. The change is still applied in memory and is retried with the next save.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The state file is from a newer lectern; this one never overwrites it.
    #[error(
        "not saved: {} is from a newer lectern (format {found}); this one only reads it",
        file.display()
    )]
    ReadOnly {
        /// The state file.
        file: PathBuf,
        /// The format version it declares.
        found: u64,
    },
    /// A file-system step failed.
    #[error("not saved: cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done ("lock", "read", "write", "replace", ...).
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// The state file on disk is unusable and could not be moved aside, so it was not overwritten.
    #[error("not saved: {} is unusable ({reason}) and could not be moved aside: {source}", file.display())]
    CorruptKept {
        /// The state file.
        file: PathBuf,
        /// Why it could not be used.
        reason: String,
        /// Why it was not moved aside.
        source: io::Error,
    },
    /// The thread that saves is gone (it panicked): nothing more can be saved.
    #[error("not saved: the thread that saves has stopped")]
    Stopped,
    /// The state could not be turned into JSON (not expected: it holds only strings).
    #[error("not saved: cannot encode the state: {0}")]
    Encode(#[from] serde_json::Error),
}

impl StoreError {
    /// Wraps an I/O error with what was being done and to which path.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
