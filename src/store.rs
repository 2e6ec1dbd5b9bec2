//! Bookmarks and read state: loading `state.json`, saving each change atomically under a lock, merging with other windows.
//!
//! Every mutation is saved at once: lock `state.lock`, re-read `state.json`, apply the
//! change to what is on disk (so two windows lose nothing), write a temp file, fsync,
//! rename over `state.json`, fsync the folder, unlock, and take the merged result as the
//! new in-memory state. A failed save leaves the change in memory and retries it with
//! the next save, so nothing the user did is dropped while the folder is unwritable.

mod disk;
mod inspect;
mod notice;
mod refresh;
mod state;
mod time;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use inspect::{StateSummary, parse_state};
pub use notice::{Notice, StoreError};
pub use state::{Bookmark, FORMAT_VERSION};

use crate::article::{Marks, Meta};
use state::{Change, Parsed, State};

/// Bookmarks and read marks, kept in `<dir>/state.json`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    state: State,
    /// Changes made in memory that are not yet on disk (a save failed or is refused).
    pending: Vec<Change>,
    /// `Some(version)` when the file on disk is from a newer lectern: never written.
    newer_format: Option<u64>,
    /// Notices raised during saves, for the UI to show.
    notices: Vec<Notice>,
    /// The state file as this process last read or wrote it, for [`Store::refresh`].
    seen: Option<refresh::Stamp>,
}

impl Store {
    /// Opens the store in `dir` (creating the folder if needed), sweeps temp files a killed
    /// save left behind, and loads `state.json`. Never fails: whatever goes wrong is told in
    /// the notices and the store works in memory.
    pub fn open(dir: &Path) -> (Self, Vec<Notice>) {
        let mut store = Self {
            dir: dir.to_path_buf(),
            state: State::default(),
            pending: Vec::new(),
            newer_format: None,
            notices: Vec::new(),
            seen: None,
        };
        let mut notices = Vec::new();
        if let Err(error) = fs::create_dir_all(dir) {
            notices.push(Notice::NotWritable {
                path: dir.to_path_buf(),
                error: error.to_string(),
            });
            return (store, notices);
        }
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
        notices.extend(store.load(lock.is_some()));
        store.seen = store.stamp();
        drop(lock);
        (store, notices)
    }

    /// Loads `state.json` at open; moves an unusable one aside when the lock is held.
    fn load(&mut self, locked: bool) -> Option<Notice> {
        let file = self.state_file();
        let bytes = match disk::read(&file) {
            Ok(bytes) => bytes?,
            Err(error) => {
                let error = error.to_string();
                return Some(Notice::Unreadable { file, error });
            }
        };
        match state::parse(&bytes) {
            Parsed::Current(state) => {
                self.state = state;
                None
            }
            Parsed::Future { version, readable } => {
                self.state = readable;
                self.newer_format = Some(version);
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
                Ok(backup) => Notice::MovedAside {
                    file,
                    backup,
                    reason,
                },
                Err(error) => Notice::CorruptKept {
                    file,
                    reason,
                    error: error.to_string(),
                },
            }),
        }
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

    /// Bookmarks the article, or removes its bookmark, and saves. Returns whether it is now bookmarked.
    ///
    /// # Errors
    /// When the change could not be saved; it still holds in memory and is retried with
    /// the next save, and the error says why (for the status bar).
    pub fn toggle_bookmark(&mut self, meta: &Meta) -> Result<bool, StoreError> {
        let bookmarked = !self.is_bookmarked(&meta.id);
        self.set_bookmarked(meta, bookmarked)?;
        Ok(bookmarked)
    }

    /// Bookmarks the article or removes its bookmark, and saves if that changes anything.
    ///
    /// # Errors
    /// When the change could not be saved; it still holds in memory and is retried with
    /// the next save, and the error says why (for the status bar).
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

    /// Marks the article read or unread, and saves if that changes anything.
    ///
    /// # Errors
    /// When the change could not be saved; it still holds in memory and is retried with
    /// the next save, and the error says why (for the status bar).
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

    /// Flips the read mark and saves. Returns whether it is now read.
    ///
    /// # Errors
    /// When the change could not be saved; it still holds in memory and is retried with
    /// the next save, and the error says why (for the status bar).
    pub fn toggle_read(&mut self, id: &str) -> Result<bool, StoreError> {
        let read = !self.is_read(id);
        self.set_read(id, read)?;
        Ok(read)
    }

    /// Marks every article of `ids` read (or unread) with one save; returns how many changed.
    ///
    /// # Errors
    /// When the changes could not be saved; they still hold in memory and are retried with
    /// the next save.
    pub fn set_read_many(&mut self, ids: &[String], read: bool) -> Result<usize, StoreError> {
        let at = time::rfc3339_utc(SystemTime::now());
        let mut changed = 0;
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
            self.state.apply(&change);
            self.pending.push(change);
            changed += 1;
        }
        if changed > 0 {
            self.save()?;
        }
        Ok(changed)
    }

    /// Notices raised by saves since the last call (a state file found corrupt and moved
    /// aside, or found to be from a newer lectern); the UI shows them in the status bar.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Applies a change in memory, queues it and saves everything queued.
    fn change(&mut self, change: Change) -> Result<(), StoreError> {
        self.state.apply(&change);
        self.pending.push(change);
        self.save()
    }

    /// The save protocol described at the top of this file.
    fn save(&mut self) -> Result<(), StoreError> {
        let file = self.state_file();
        if let Some(found) = self.newer_format {
            return Err(StoreError::ReadOnly { file, found });
        }
        let _lock = disk::lock(&self.dir)?;
        let bytes = disk::read(&file).map_err(|error| StoreError::io("read", &file, error))?;
        let mut merged = match bytes.as_deref().map(state::parse) {
            None => State::default(),
            Some(Parsed::Current(on_disk)) => on_disk,
            Some(Parsed::Future { version, .. }) => {
                self.newer_format = Some(version);
                self.notices.push(Notice::FutureVersion {
                    file: file.clone(),
                    found: version,
                    supported: FORMAT_VERSION,
                });
                return Err(StoreError::ReadOnly {
                    file,
                    found: version,
                });
            }
            Some(Parsed::Corrupt(reason)) => {
                let backup = disk::move_aside(&file, SystemTime::now()).map_err(|source| {
                    StoreError::CorruptKept {
                        file: file.clone(),
                        reason: reason.clone(),
                        source,
                    }
                })?;
                self.notices.push(Notice::MovedAside {
                    file: file.clone(),
                    backup,
                    reason,
                });
                // The last good state we know is ours: carry it over rather than start empty.
                self.state.clone()
            }
        };
        for change in &self.pending {
            merged.apply(change);
        }
        disk::write_atomically(&self.dir, &state::to_bytes(&merged)?)?;
        self.seen = self.stamp();
        self.state = merged;
        self.pending.clear();
        Ok(())
    }
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
