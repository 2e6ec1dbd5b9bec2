//! Bookmarks and read state, kept in the database (`<data dir>/lectern.db`, see [`crate::db`]).
//!
//! A change shows at once and is handed to a thread that writes it in a short transaction
//! (`writer`, `saver`, `sql`), so no keystroke waits for the disk; changes made during a write
//! go together into the next one. [`Store::flush`], and dropping the store, wait until
//! everything is written. A failed write (disk full, another process's lock past the busy
//! timeout, a read-only folder) keeps its changes and retries them with the next change,
//! every 2 s, and at flush; the failure is told in the notices. [`Store::refresh`] takes in
//! what other windows saved. An old `state.json` is imported once (`import`).

mod import;
mod inspect;
mod notice;
mod open;
mod refresh;
mod saver;
mod sql;
mod state;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use inspect::{StateSummary, parse_state};
pub use notice::{Notice, StoreError};
pub use state::{Bookmark, FORMAT_VERSION};

use crate::article::{Marks, Meta};
use crate::db::{self, ReadOnly, time};
use saver::Saver;
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
    /// Saves in the background.
    writer: Writer,
}

impl Store {
    /// Opens the store in `dir` (creating the folder if needed), opens the database (see
    /// [`db::open`]), imports an old `state.json` once, loads the marks and starts the thread
    /// that saves. Never fails: whatever goes wrong is told in the notices and the store works
    /// in memory.
    pub fn open(dir: &Path) -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let file = dir.join(db::DB_FILE);
        let opened = match fs::create_dir_all(dir) {
            Ok(()) => open::open_database(dir, &file, &mut notices),
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
        let saver = Saver::new(dir.to_path_buf(), file, connection, read_only, seen);
        let store = Self {
            dir: dir.to_path_buf(),
            state,
            pending: Vec::new(),
            last_change: 0,
            newer_format,
            notices: Vec::new(),
            marks_changed: false,
            writer: Writer::start(saver),
        };
        (store, notices)
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

    /// Bookmarks the article, or removes its bookmark, and has it saved. Returns whether it
    /// is now bookmarked.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] when the database is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn toggle_bookmark(&mut self, meta: &Meta) -> Result<bool, StoreError> {
        let bookmarked = !self.is_bookmarked(&meta.id);
        self.set_bookmarked(meta, bookmarked)?;
        Ok(bookmarked)
    }

    /// Bookmarks the article or removes its bookmark, and has it saved if that changes anything.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] when the database is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn set_bookmarked(&mut self, meta: &Meta, bookmarked: bool) -> Result<(), StoreError> {
        if self.is_bookmarked(&meta.id) == bookmarked {
            return Ok(());
        }
        let change = if bookmarked {
            Change::Bookmark(Bookmark {
                id: meta.id.clone(),
                title: meta.title.clone(),
                source: meta.source.clone(),
                date: meta.date.clone(),
                lang: meta.lang.clone(),
                path: meta.path.clone(),
                bookmarked_at: time::rfc3339_utc(SystemTime::now()),
            })
        } else {
            Change::Unbookmark(meta.id.clone())
        };
        self.change(change)
    }

    /// Marks the article read or unread, and has it saved if that changes anything.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] when the database is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn set_read(&mut self, id: &str, read: bool) -> Result<(), StoreError> {
        if self.is_read(id) == read {
            return Ok(());
        }
        let change = if read {
            Change::Read {
                id: id.to_owned(),
                at: time::rfc3339_utc(SystemTime::now()),
            }
        } else {
            Change::Unread(id.to_owned())
        };
        self.change(change)
    }

    /// Flips the read mark and has it saved. Returns whether it is now read.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] when the database is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn toggle_read(&mut self, id: &str) -> Result<bool, StoreError> {
        let read = !self.is_read(id);
        self.set_read(id, read)?;
        Ok(read)
    }

    /// Marks every article of `ids` read (or unread); returns how many changed. The changes
    /// go to the writer in one message, so they are saved in one transaction.
    ///
    /// # Errors
    /// As [`Store::set_read`]: the changes still hold in memory.
    pub fn set_read_many(&mut self, ids: &[String], read: bool) -> Result<usize, StoreError> {
        let at = time::rfc3339_utc(SystemTime::now());
        let mut changes = Vec::new();
        for id in ids {
            if self.is_read(id) == read {
                continue;
            }
            let change = if read {
                Change::Read {
                    id: id.clone(),
                    at: at.clone(),
                }
            } else {
                Change::Unread(id.clone())
            };
            // Applied at once, so an id given twice counts once.
            self.state.apply(&change);
            changes.push(change);
        }
        let count = changes.len();
        if count == 0 {
            return Ok(0);
        }
        self.last_change += 1;
        let number = self.last_change;
        let refused = self.newer_format.map(|found| StoreError::ReadOnly {
            file: self.db_file(),
            found,
        });
        if refused.is_none() {
            self.writer.change_many(number, changes.clone());
        }
        self.pending
            .extend(changes.into_iter().map(|change| (number, change)));
        refused.map_or(Ok(count), Err)
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

    /// Applies a change in memory and hands it to the writer.
    fn change(&mut self, change: Change) -> Result<(), StoreError> {
        self.state.apply(&change);
        self.last_change += 1;
        if let Some(found) = self.newer_format {
            self.pending.push((self.last_change, change));
            let file = self.db_file();
            return Err(StoreError::ReadOnly { file, found });
        }
        self.writer.change(self.last_change, change.clone());
        self.pending.push((self.last_change, change));
        Ok(())
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
