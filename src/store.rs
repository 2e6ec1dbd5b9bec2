//! Bookmarks and read state, kept in the database (`<data dir>/lectern.db`, see [`crate::db`]).
//!
//! A change shows at once and is handed to a thread that writes it in a short transaction
//! (`writer`, `saver`, `sql`), so no keystroke waits for the disk; changes made during a write
//! go together into the next one. [`Store::flush`], and dropping the store, wait until
//! everything is written. A failed write (disk full, another process's lock past the busy
//! timeout, a read-only folder) keeps its changes and retries them with the next change,
//! every 2 s, and at flush; the failure is told in the notices. [`Store::refresh`] takes in
//! what other windows saved. An old `state.json` is imported once (`import`).

mod change;
mod import;
mod inspect;
mod notice;
mod open;
mod refresh;
mod saver;
mod sql;
mod state;
mod writer;

use std::path::{Path, PathBuf};

pub use inspect::{StateSummary, parse_state};
pub use notice::{Notice, StoreError};
pub use state::{Bookmark, FORMAT_VERSION};

use crate::article::Marks;
use crate::db;
use state::{Change, State};
use writer::Writer;

/// Bookmarks and read marks, kept in `<dir>/lectern.db`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// What is shown: the database as last taken in, with the pending changes applied.
    state: State,
    /// Changes not yet known to be written, numbered in the order they were made.
    pending: Vec<(u64, Change)>,
    /// The number of the last change made.
    last_change: u64,
    /// `Some(version)` when the database is from a newer lectern: never written.
    newer_format: Option<u64>,
    /// Notices raised by saves and refreshes, for the UI to show.
    notices: Vec<Notice>,
    /// Whether a mark changed by what was taken in since the last [`Store::refresh`].
    marks_changed: bool,
    /// Whether the marks have been read from the database (or found not to be there).
    loaded: bool,
    /// Saves in the background.
    writer: Writer,
}

impl Store {
    /// Opens the store in `dir` (creating the folder if needed), opens the database (see
    /// [`db::open`]), imports an old `state.json` once, loads the marks and starts the thread
    /// that saves. Never fails: whatever goes wrong is told in the notices and the store works
    /// in memory. [`Store::open_in_background`] does the same without holding up the caller.
    pub fn open(dir: &Path) -> (Self, Vec<Notice>) {
        let open::Opened {
            saver,
            state,
            notices,
            newer_format,
        } = open::open(dir);
        let writer = Writer::start(Box::new(move |_| saver));
        let mut store = Self::with(dir, writer);
        store.state = state;
        store.newer_format = newer_format;
        store.loaded = true;
        (store, notices)
    }

    /// A store on `writer` with no marks yet.
    fn with(dir: &Path, writer: Writer) -> Self {
        Self {
            dir: dir.to_path_buf(),
            state: State::default(),
            pending: Vec::new(),
            last_change: 0,
            newer_format: None,
            notices: Vec::new(),
            marks_changed: false,
            loaded: false,
            writer,
        }
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database, `<dir>/lectern.db`.
    pub fn db_file(&self) -> PathBuf {
        self.dir.join(db::DB_FILE)
    }

    /// Whether saves are refused because the database is from a newer lectern.
    pub fn is_read_only(&self) -> bool {
        self.newer_format.is_some()
    }

    /// Whether the article with this id is bookmarked.
    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.state.is_bookmarked(id)
    }

    /// Whether the article with this id is marked read.
    pub fn is_read(&self, id: &str) -> bool {
        self.state.is_read(id)
    }

    /// All bookmarks, oldest first.
    pub fn bookmarks(&self) -> Vec<Bookmark> {
        self.state.bookmarks()
    }

    /// Notices raised since the last call: a save that failed, a database found corrupt and
    /// moved aside, or found to be from a newer lectern; the UI shows them in the status bar.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        self.take_reports();
        std::mem::take(&mut self.notices)
    }

    /// Waits until every change made so far is written (or its save failed; changes refused
    /// because the database is from a newer lectern are never saved), and takes in what the
    /// thread found. Call before exiting; dropping the store saves too, but
    /// cannot tell a failure.
    ///
    /// # Errors
    /// Why the save failed; the changes still hold in memory and are tried again with the
    /// next change or flush.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        let flushed = self.writer.flush();
        self.take_reports();
        if let Err(StoreError::ReadOnly { found, .. }) = &flushed {
            self.newer_format = Some(*found);
        }
        flushed
    }
}

impl Marks for Store {
    fn is_bookmarked(&self, id: &str) -> bool {
        Store::is_bookmarked(self, id)
    }

    fn is_read(&self, id: &str) -> bool {
        Store::is_read(self, id)
    }
}
