//! Reading the state file at open: what it holds, or what is wrong with it.

use std::path::Path;
use std::time::SystemTime;

use super::FORMAT_VERSION;
use super::disk::{self, Stamp};
use super::notice::Notice;
use super::state::{self, Parsed, State};

/// What opening found.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The marks to start with (empty when the file is missing or unusable).
    pub(crate) state: State,
    /// The file as read; `None` when not even a `stat` worked.
    pub(crate) seen: Option<Stamp>,
    /// `Some(version)` when the file is from a newer lectern.
    pub(crate) newer_format: Option<u64>,
    /// Whether `state` is exactly what the file at `seen` holds (or its absence means), so a
    /// save may start from it without reading the file again.
    pub(crate) exact: bool,
}

/// Loads `file`; moves an unusable one aside when the lock is held (`locked`).
pub(crate) fn load(file: &Path, locked: bool) -> (Loaded, Option<Notice>) {
    let mut loaded = Loaded::default();
    let bytes = match disk::read(file) {
        Ok((stamp, bytes)) => {
            loaded.seen = Some(stamp);
            bytes
        }
        Err(error) => {
            // The stamp keeps refreshes from telling the same failure again.
            loaded.seen = disk::stamp(file).ok();
            let error = error.to_string();
            let file = file.to_path_buf();
            return (loaded, Some(Notice::Unreadable { file, error }));
        }
    };
    let Some(bytes) = bytes else {
        loaded.exact = true;
        return (loaded, None);
    };
    let file = file.to_path_buf();
    let notice = match state::parse(&bytes) {
        Parsed::Current(state) => {
            loaded.state = state;
            loaded.exact = true;
            None
        }
        Parsed::Future { version, readable } => {
            loaded.state = readable;
            loaded.newer_format = Some(version);
            Some(Notice::FutureVersion {
                file,
                found: version,
                supported: FORMAT_VERSION,
            })
        }
        // Without the lock another window may be rewriting it: leave it for the first save.
        Parsed::Corrupt(reason) if !locked => Some(Notice::CorruptKept {
            file,
            reason,
            error: "the lock could not be taken".to_owned(),
        }),
        Parsed::Corrupt(reason) => Some(match disk::move_aside(&file, SystemTime::now()) {
            Ok(backup) => {
                loaded.seen = Some(Stamp::Absent);
                loaded.exact = true;
                Notice::MovedAside {
                    file,
                    backup,
                    reason,
                }
            }
            Err(error) => Notice::CorruptKept {
                file,
                reason,
                error: error.to_string(),
            },
        }),
    };
    (loaded, notice)
}
