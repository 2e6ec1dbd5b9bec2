//! Bookmarks and read state: loading `state.json`, saving each change atomically under a lock, merging with other windows.
//!
//! A change shows at once and is handed to a thread that saves it (`saver` has the protocol:
//! lock, re-read and merge, write, fsync, rename, fsync the folder), so no keystroke waits for
//! the disk; changes made during a save go together into the next one. [`Store::flush`], and
//! dropping the store, wait until everything is on disk. A failed save keeps its changes and
//! retries them with the next one, so nothing the user did is dropped while the folder is
//! unwritable; the failure is told in the notices. [`Store::refresh`] takes in what other
//! windows saved.

mod disk;
mod inspect;
mod load;
mod notice;
mod refresh;
mod saver;
mod state;
mod time;
mod writer;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use inspect::{StateSummary, parse_state};
pub use notice::{Notice, StoreError};
pub use state::{Bookmark, FORMAT_VERSION};

use crate::article::{Marks, Meta};
use disk::Stamp;
use saver::Saver;
use state::{Change, State};
use writer::Writer;

/// Bookmarks and read marks, kept in `<dir>/state.json`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// What is shown: the file as last taken in, with the pending changes applied.
    state: State,
    /// Changes not yet known to be on disk, numbered in the order they were made.
    pending: Vec<(u64, Change)>,
    /// The number of the last change made.
    last_change: u64,
    /// The state file as last read or written by this process; `None` when unknown.
    seen: Option<Stamp>,
    /// `Some(version)` when the file on disk is from a newer lectern: never written.
    newer_format: Option<u64>,
    /// Notices raised by saves and refreshes, for the UI to show.
    notices: Vec<Notice>,
    /// Whether a mark changed by what was taken in since the last [`Store::refresh`].
    marks_changed: bool,
    /// Saves in the background.
    writer: Writer,
}

impl Store {
    /// Opens the store in `dir` (creating the folder if needed), sweeps temp files a killed
    /// save left behind, loads `state.json` and starts the thread that saves. Never fails:
    /// whatever goes wrong is told in the notices and the store works in memory.
    pub fn open(dir: &Path) -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let loaded = match fs::create_dir_all(dir) {
            Ok(()) => open_file(dir, &mut notices),
            Err(error) => {
                notices.push(Notice::NotWritable {
                    path: dir.to_path_buf(),
                    error: error.to_string(),
                });
                load::Loaded::default()
            }
        };
        // The saver starts from what was read, so its first save need not read it again.
        let known = loaded.seen.filter(|_| loaded.exact);
        let saver = Saver::new(dir.to_path_buf(), known, loaded.state.clone());
        let store = Self {
            dir: dir.to_path_buf(),
            state: loaded.state,
            pending: Vec::new(),
            last_change: 0,
            seen: loaded.seen,
            newer_format: loaded.newer_format,
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

    /// The state file, `<dir>/state.json`.
    pub fn state_file(&self) -> PathBuf {
        self.dir.join(disk::STATE_FILE)
    }

    /// Whether saves are refused because the state file is from a newer lectern.
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
    /// [`StoreError::ReadOnly`] when the state file is from a newer lectern: the change
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
    /// [`StoreError::ReadOnly`] when the state file is from a newer lectern: the change
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
    /// [`StoreError::ReadOnly`] when the state file is from a newer lectern: the change
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
    /// [`StoreError::ReadOnly`] when the state file is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn toggle_read(&mut self, id: &str) -> Result<bool, StoreError> {
        let read = !self.is_read(id);
        self.set_read(id, read)?;
        Ok(read)
    }

    /// Marks every article of `ids` read (or unread); returns how many changed. The changes
    /// go to the writer together, so they are saved as one.
    ///
    /// # Errors
    /// As [`Store::set_read`]: the changes still hold in memory.
    pub fn set_read_many(&mut self, ids: &[String], read: bool) -> Result<usize, StoreError> {
        let mut changed = 0;
        let mut refused = None;
        for id in ids {
            if self.is_read(id) == read {
                continue;
            }
            changed += 1;
            if let Err(error) = self.set_read(id, read) {
                refused.get_or_insert(error);
            }
        }
        refused.map_or(Ok(changed), Err)
    }

    /// Notices raised since the last call: a save that failed, a state file found corrupt
    /// and moved aside, or found to be from a newer lectern; the UI shows them in the status bar.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        self.take_reports();
        std::mem::take(&mut self.notices)
    }

    /// Waits until every change made so far is on disk (or its save failed; changes refused
    /// because the file is from a newer lectern are never saved), and takes in what the save
    /// and any re-read asked for found. Call before exiting; dropping the store saves too, but
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
            let file = self.state_file();
            return Err(StoreError::ReadOnly { file, found });
        }
        self.writer.change(self.last_change, change.clone());
        self.pending.push((self.last_change, change));
        Ok(())
    }
}

/// Takes the lock, sweeps leftover temp files and loads the state file; what goes wrong is
/// told in `notices`.
fn open_file(dir: &Path, notices: &mut Vec<Notice>) -> load::Loaded {
    let lock = match disk::lock(dir) {
        Ok(lock) => Some(lock),
        Err(error) => {
            notices.push(not_writable(error, dir));
            None
        }
    };
    if lock.is_some() {
        // Under the lock every temp file is a leftover: no live save can own one.
        let writable = disk::sweep_temp_files(dir).and_then(|_| disk::probe_writable(dir));
        if let Err(error) = writable {
            notices.push(Notice::NotWritable {
                path: dir.to_path_buf(),
                error: error.to_string(),
            });
        }
    }
    let (loaded, notice) = load::load(&dir.join(disk::STATE_FILE), lock.is_some());
    notices.extend(notice);
    loaded
}

/// A lock or probe error as an open-time notice naming the path that refused.
fn not_writable(error: StoreError, dir: &Path) -> Notice {
    match error {
        StoreError::Io { path, source, .. } => Notice::NotWritable {
            path,
            error: source.to_string(),
        },
        other => Notice::NotWritable {
            path: dir.to_path_buf(),
            error: other.to_string(),
        },
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
