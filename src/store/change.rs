//! Changing the marks: each change shows at once and goes to the store's thread to be saved.
//! A change made before the marks have arrived (the reader opens the store in the background)
//! first waits for them, so a toggle acts on what the database holds.

use std::time::SystemTime;

use super::Store;
use super::notice::StoreError;
use super::state::{Bookmark, Change};
use crate::article::Meta;
use crate::db::time;

impl Store {
    /// Bookmarks the article, or removes its bookmark, and has it saved. Returns whether it
    /// is now bookmarked.
    ///
    /// # Errors
    /// [`StoreError::ReadOnly`] when the database is from a newer lectern: the change
    /// holds in memory only. Failures of the save itself, which runs in the background,
    /// come as notices (and from [`Store::flush`]).
    pub fn toggle_bookmark(&mut self, meta: &Meta) -> Result<bool, StoreError> {
        self.wait_for_marks();
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
        self.wait_for_marks();
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
        self.wait_for_marks();
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
        self.wait_for_marks();
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
        self.wait_for_marks();
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
