//! Opening the database for the store: what it found as notices, the import of an old state
//! file, and the marks it holds; on the calling thread ([`Store::open`]) or on the store's own
//! ([`Store::open_in_background`]), which the reader uses so that its first frame never waits
//! for a million read marks.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use super::Store;
use super::import;
use super::notice::Notice;
use super::saver::Saver;
use super::sql;
use super::state::State;
use super::writer::{Report, Writer};
use crate::db::{self, DbError, ReadOnly};

/// What opening the store found.
pub(super) struct Opened {
    /// The writer's side of the database.
    pub saver: Saver,
    /// The marks it holds.
    pub state: State,
    /// What went wrong, or what was done (a database moved aside, a state file imported).
    pub notices: Vec<Notice>,
    /// `Some(version)` when the database is from a newer lectern.
    pub newer_format: Option<u64>,
}

impl Store {
    /// [`Store::open`] on the store's thread. The caller waits at most `wait` for the marks:
    /// until they arrive every article shows unread, they are taken in by
    /// [`Store::refresh`] (which then says a mark changed), and a change made meanwhile first
    /// waits for them. Returns the notices that came within `wait`; later ones come from
    /// [`Store::take_notices`].
    pub fn open_in_background(dir: &Path, wait: Duration) -> (Self, Vec<Notice>) {
        let owned = dir.to_path_buf();
        let writer = Writer::start(Box::new(move |report| {
            let opened = open(&owned);
            for notice in opened.notices {
                report(Report::Notice(notice));
            }
            report(Report::Loaded(Box::new(opened.state)));
            opened.saver
        }));
        let mut store = Self::with(dir, writer);
        store.take_marks_within(Some(wait));
        // Nothing shown has changed yet when the marks came before the first frame.
        store.marks_changed = false;
        let notices = std::mem::take(&mut store.notices);
        (store, notices)
    }

    /// Whether the marks have been read from the database (or found not to be there).
    pub fn marks_loaded(&self) -> bool {
        self.loaded
    }

    /// Takes in the marks if they are still on their way, waiting for them.
    pub fn wait_for_marks(&mut self) {
        self.take_marks_within(None);
    }

    /// Takes in the thread's reports until the marks are in, waiting at most `wait` (`None`:
    /// as long as it takes).
    fn take_marks_within(&mut self, wait: Option<Duration>) {
        let deadline = wait.map(|wait| Instant::now() + wait);
        while !self.loaded {
            let left = deadline.map(|at| at.saturating_duration_since(Instant::now()));
            match self.writer.wait_for_report(left) {
                Some(report) => self.take_report(report),
                None if deadline.is_some() => break,
                // The thread is gone: nothing more will come.
                None => self.loaded = true,
            }
        }
    }
}

/// Opens the store in `dir`: the folder made if needed, the database opened, an old state
/// file imported, the marks read. Never fails: what goes wrong is in the notices, and the
/// saver then has no database (each save tries to open it again).
pub(super) fn open(dir: &Path) -> Opened {
    let mut notices = Vec::new();
    let file = dir.join(db::DB_FILE);
    let opened = match fs::create_dir_all(dir) {
        Ok(()) => open_database(dir, &file, &mut notices),
        Err(error) => {
            notices.push(Notice::NotWritable {
                path: dir.to_path_buf(),
                error: error.to_string(),
            });
            None
        }
    };
    let (mut connection, read_only) = match opened {
        Some((connection, read_only)) => (Some(connection), read_only),
        None => (None, None),
    };
    let (state, seen) = match connection.as_mut().map(sql::load) {
        Some(Ok(loaded)) => loaded,
        Some(Err(error)) => {
            notices.push(Notice::Unreadable {
                file: file.clone(),
                error: error.to_string(),
            });
            (State::default(), 0)
        }
        None => (State::default(), 0),
    };
    let newer_format = match &read_only {
        Some(ReadOnly::Newer { found, .. }) => Some(u64::try_from(*found).unwrap_or(u64::MAX)),
        _ => None,
    };
    Opened {
        saver: Saver::new(dir.to_path_buf(), file, connection, read_only, seen),
        state,
        notices,
        newer_format,
    }
}

/// Opens the database and imports an old state file; `None` when no database could be
/// opened. What goes wrong is told in `notices`.
fn open_database(
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

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00000000000000aa";

    /// A store in `dir` whose database holds `A` read.
    fn saved_read(dir: &Path) {
        let (mut earlier, _) = Store::open(dir);
        earlier.set_read(A, true).expect("queued");
        earlier.flush().expect("saved");
    }

    #[test]
    fn marks_opened_in_the_background_come_and_say_they_changed_what_shows() {
        let tmp = tempfile::tempdir().expect("temp dir");
        saved_read(tmp.path());
        let (mut store, notices) = Store::open_in_background(tmp.path(), Duration::ZERO);
        assert!(notices.is_empty(), "{notices:?}");
        let early = store.marks_loaded();
        // The thread reported the marks before it took the flush.
        store.flush().expect("nothing to save");
        assert!(store.marks_loaded());
        assert!(store.is_read(A));
        assert_eq!(store.refresh(), !early, "a change only if they came late");
    }

    #[test]
    fn a_toggle_before_the_marks_arrive_acts_on_them() {
        let tmp = tempfile::tempdir().expect("temp dir");
        saved_read(tmp.path());
        let (mut store, _) = Store::open_in_background(tmp.path(), Duration::ZERO);
        assert!(!store.toggle_read(A).expect("queued"), "it was read");
        store.flush().expect("saved");
        drop(store);
        assert!(!Store::open(tmp.path()).0.is_read(A));
    }

    #[test]
    fn what_opening_found_within_the_wait_is_returned() {
        let tmp = tempfile::tempdir().expect("temp dir");
        fs::write(tmp.path().join(db::DB_FILE), vec![b'x'; 8192]).expect("garbage");
        let (store, notices) = Store::open_in_background(tmp.path(), Duration::from_secs(60));
        assert!(store.marks_loaded());
        assert!(
            matches!(notices.as_slice(), [Notice::MovedAside { .. }]),
            "{notices:?}"
        );
    }
}
