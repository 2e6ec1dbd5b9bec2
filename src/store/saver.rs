//! The writer thread's side of the database: writing the waiting changes in one short
//! transaction, reopening a database that could not be written before, and polling for what
//! other processes changed (`PRAGMA data_version`, then the rows with a newer `seq`).

use std::path::PathBuf;

use rusqlite::Connection;

use super::notice::{Notice, StoreError};
use super::sql;
use super::state::Change;
use super::writer::Report;
use crate::db::{self, ReadOnly};

/// The connection, the changes waiting to be written, and how far other processes' changes
/// have been taken in.
#[derive(Debug)]
pub(crate) struct Saver {
    /// The data folder and the database path in it.
    dir: PathBuf,
    file: PathBuf,
    /// `None` when no database could be opened: every save tries again.
    connection: Option<Connection>,
    /// Why the connection only reads, when it does.
    read_only: Option<ReadOnly>,
    /// Changes not yet written, oldest first, and the number of the last one.
    waiting: Vec<Change>,
    through: u64,
    /// The change counter up to which rows have been taken in.
    seen: i64,
    /// `PRAGMA data_version` when rows were last read: while it stays, nobody else wrote.
    data_version: Option<i64>,
}

impl Saver {
    /// A saver on `connection` (if one was opened), whose marks were loaded at counter `seen`.
    pub(crate) fn new(
        dir: PathBuf,
        file: PathBuf,
        connection: Option<Connection>,
        read_only: Option<ReadOnly>,
        seen: i64,
    ) -> Self {
        let data_version = connection.as_ref().and_then(|c| data_version(c).ok());
        Self {
            dir,
            file,
            connection,
            read_only,
            waiting: Vec::new(),
            through: 0,
            seen,
            data_version,
        }
    }

    /// Queues a change for the next save.
    pub(crate) fn push(&mut self, number: u64, change: Change) {
        self.waiting.push(change);
        self.through = number;
    }

    /// Queues changes made at once for the next save.
    pub(crate) fn push_many(&mut self, number: u64, changes: Vec<Change>) {
        self.waiting.extend(changes);
        self.through = number;
    }

    /// Whether a save has something to do.
    pub(crate) fn has_work(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// Writes the waiting changes; on success they are in the database and reported saved.
    ///
    /// # Errors
    /// The database cannot be written (read-only, from a newer lectern, missing) or the write
    /// failed (disk full, another process's lock past the busy timeout); the changes keep waiting.
    pub(crate) fn save(&mut self, report: &mut dyn FnMut(Report)) -> Result<(), StoreError> {
        if !self.has_work() {
            return Ok(());
        }
        self.writable(report)?;
        let connection = self.connection.as_mut().ok_or(StoreError::Stopped)?;
        let supported = db::current_version(db::MIGRATIONS);
        let written = sql::write(connection, &self.waiting, supported).map_err(|source| {
            StoreError::Database {
                file: self.file.clone(),
                source,
            }
        })?;
        if let Err(found) = written {
            // A newer lectern migrated the database meanwhile: from now on it is only read.
            self.read_only = Some(ReadOnly::Newer { found, supported });
            let found = u64::try_from(found).unwrap_or(u64::MAX);
            report(Report::Notice(Notice::FutureVersion {
                file: self.file.clone(),
                found,
                supported: u64::try_from(supported).unwrap_or(0),
            }));
            return Err(StoreError::ReadOnly {
                file: self.file.clone(),
                found,
            });
        }
        report(Report::Saved {
            through: self.through,
        });
        self.waiting.clear();
        Ok(())
    }

    /// Reports the rows other processes changed since the last poll; nothing is read while
    /// `PRAGMA data_version` says nobody else wrote.
    pub(crate) fn poll(&mut self, report: &mut dyn FnMut(Report)) {
        let Some(connection) = self.connection.as_mut() else {
            return;
        };
        let version = data_version(connection).ok();
        if version.is_some() && version == self.data_version {
            return;
        }
        // A failed read is tried again at the next poll: the version is not taken.
        if let Ok((changes, now)) = sql::changes_since(connection, self.seen) {
            self.data_version = version;
            self.seen = now;
            if !changes.is_empty() {
                report(Report::Read(changes));
            }
        }
    }

    /// The connection, when it may write; reopens the database when it could not be written
    /// before (the folder may have become writable).
    fn writable(&mut self, report: &mut dyn FnMut(Report)) -> Result<(), StoreError> {
        match &self.read_only {
            Some(ReadOnly::Newer { found, .. }) => Err(StoreError::ReadOnly {
                file: self.file.clone(),
                found: u64::try_from(*found).unwrap_or(u64::MAX),
            }),
            None if self.connection.is_some() => Ok(()),
            _ => self.reopen(report),
        }
    }

    /// Opens the database again, telling what that found.
    fn reopen(&mut self, report: &mut dyn FnMut(Report)) -> Result<(), StoreError> {
        let (connection, info) = match db::open(&self.file) {
            Ok(opened) => opened,
            Err(db::DbError::Io { source, .. }) => {
                return Err(StoreError::NotWritable {
                    path: self.dir.clone(),
                    error: source.to_string(),
                });
            }
            Err(error) => return Err(StoreError::NoDatabase(error.to_string())),
        };
        if let Some(moved) = info.moved_aside {
            report(Report::Notice(Notice::MovedAside {
                file: self.file.clone(),
                backup: moved.backup,
                reason: moved.reason,
            }));
            // A new database: its counter starts again.
            self.seen = 0;
        }
        self.data_version = None;
        self.connection = Some(connection);
        self.read_only.clone_from(&info.read_only);
        match info.read_only {
            None => Ok(()),
            Some(ReadOnly::Newer { found, supported }) => {
                let found = u64::try_from(found).unwrap_or(u64::MAX);
                report(Report::Notice(Notice::FutureVersion {
                    file: self.file.clone(),
                    found,
                    supported: u64::try_from(supported).unwrap_or(0),
                }));
                Err(StoreError::ReadOnly {
                    file: self.file.clone(),
                    found,
                })
            }
            Some(ReadOnly::NotWritable { error }) => Err(StoreError::NotWritable {
                path: self.dir.clone(),
                error,
            }),
        }
    }
}

fn data_version(connection: &Connection) -> rusqlite::Result<i64> {
    connection.pragma_query_value(None, "data_version", |row| row.get(0))
}
