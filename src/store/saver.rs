//! The save protocol: lock `state.lock`, re-read `state.json` unless it is still the file this
//! saver last wrote or read, apply the waiting changes to what is on disk (so two windows lose
//! nothing), write a temp file, fsync, rename over `state.json`, fsync the folder, unlock.
//! Also reading the file again when another window changed it.

use std::mem;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::FORMAT_VERSION;
use super::disk::{self, Stamp};
use super::notice::{Notice, StoreError};
use super::state::{self, Change, Parsed, State};
use super::writer::Report;

/// The changes waiting to be saved, and what this saver knows of the file.
///
/// `last_good` with the waiting changes applied is always what the store shows, apart from
/// the store's newest changes still on their way here.
#[derive(Debug)]
pub(crate) struct Saver {
    dir: PathBuf,
    /// Changes not yet on disk, oldest first, and the number of the last one.
    waiting: Vec<Change>,
    through: u64,
    /// The file's stamp while it holds exactly `last_good`; `None` when unknown. While the
    /// file keeps this stamp, a save need not read and parse it.
    known: Option<Stamp>,
    /// The last state known to be good: the start of the next save when the file is unchanged,
    /// and what is carried over when the file turns out corrupt.
    last_good: State,
    /// Whether the file was found corrupt: the next save moves it aside and writes
    /// `last_good` in its place, even with no change waiting.
    repair: bool,
}

impl Saver {
    /// A saver for `dir`, whose state file had stamp `known` when it held `state`.
    pub(crate) fn new(dir: PathBuf, known: Option<Stamp>, state: State) -> Self {
        Self {
            dir,
            waiting: Vec::new(),
            through: 0,
            known,
            last_good: state,
            repair: false,
        }
    }

    /// Queues a change for the next save.
    pub(crate) fn push(&mut self, number: u64, change: Change) {
        self.waiting.push(change);
        self.through = number;
    }

    /// Whether a save has something to do.
    pub(crate) fn has_work(&self) -> bool {
        !self.waiting.is_empty() || self.repair
    }

    /// Reads the file again if it changed since this saver last wrote or read it, and reports
    /// what it holds. A corrupt file is moved aside, and the last good state written in its
    /// place, by a save right away.
    ///
    /// # Errors
    /// That save failed.
    pub(crate) fn reread(&mut self, report: &mut dyn FnMut(Report)) -> Result<(), StoreError> {
        let file = self.dir.join(disk::STATE_FILE);
        if self.known.is_some() && disk::stamp(&file).ok() == self.known {
            return Ok(());
        }
        let (stamp, bytes) = match disk::read(&file) {
            Ok(read) => read,
            Err(error) => {
                let error = error.to_string();
                report(Report::Notice(Notice::Unreadable { file, error }));
                return Ok(());
            }
        };
        if self.known == Some(stamp) {
            return Ok(());
        }
        // No file is no news: the window that moved a corrupt one aside writes the next at
        // once, and one deleted by hand is written again by the next save.
        let Some(bytes) = bytes else { return Ok(()) };
        match state::parse(&bytes) {
            Parsed::Current(on_disk) => {
                report(Report::Read(on_disk.clone()));
                self.known = Some(stamp);
                self.last_good = on_disk;
                Ok(())
            }
            Parsed::Future { version, readable } => {
                report(Report::Notice(future(&file, version)));
                report(Report::Read(readable));
                Ok(())
            }
            Parsed::Corrupt(_) => {
                self.repair = true;
                self.save(report)
            }
        }
    }

    /// Saves the waiting changes; on success they are on disk and reported as saved.
    ///
    /// # Errors
    /// A step of the protocol failed, or the file is from a newer lectern; the changes
    /// keep waiting.
    pub(crate) fn save(&mut self, report: &mut dyn FnMut(Report)) -> Result<(), StoreError> {
        if !self.has_work() {
            return Ok(());
        }
        let file = self.dir.join(disk::STATE_FILE);
        let _lock = disk::lock(&self.dir)?;
        let stamp = disk::stamp(&file).map_err(|error| StoreError::io("read", &file, error))?;
        let unchanged = self.known == Some(stamp);
        let mut merged = if unchanged {
            mem::take(&mut self.last_good)
        } else {
            self.read_base(&file, report)?
        };
        for change in &self.waiting {
            merged.apply(change);
        }
        let written = state::to_bytes(&merged)
            .map_err(StoreError::from)
            .and_then(|bytes| disk::write_atomically(&self.dir, &bytes));
        if let Err(error) = written {
            // Still the best state known; the next save reads the file again.
            self.last_good = merged;
            self.known = None;
            return Err(error);
        }
        let stamp = disk::stamp(&file).ok();
        report(Report::Saved {
            through: self.through,
            stamp,
            merged: (!unchanged).then(|| merged.clone()),
        });
        self.known = stamp;
        self.last_good = merged;
        self.waiting.clear();
        self.repair = false;
        Ok(())
    }

    /// What the file holds, to apply the changes to: the file as it is, or, when it is
    /// corrupt (or gone after being found corrupt), the last good state, the file moved aside
    /// first.
    fn read_base(
        &mut self,
        file: &Path,
        report: &mut dyn FnMut(Report),
    ) -> Result<State, StoreError> {
        let (_, bytes) = disk::read(file).map_err(|error| StoreError::io("read", file, error))?;
        match bytes.as_deref().map(state::parse) {
            None if self.repair => Ok(self.last_good.clone()),
            None => Ok(State::default()),
            Some(Parsed::Current(on_disk)) => Ok(on_disk),
            Some(Parsed::Future { version, .. }) => {
                report(Report::Notice(future(file, version)));
                Err(StoreError::ReadOnly {
                    file: file.to_path_buf(),
                    found: version,
                })
            }
            Some(Parsed::Corrupt(reason)) => {
                let backup = disk::move_aside(file, SystemTime::now()).map_err(|source| {
                    StoreError::CorruptKept {
                        file: file.to_path_buf(),
                        reason: reason.clone(),
                        source,
                    }
                })?;
                report(Report::Notice(Notice::MovedAside {
                    file: file.to_path_buf(),
                    backup,
                    reason,
                }));
                // The last good state we know is ours: carry it over rather than start empty.
                Ok(self.last_good.clone())
            }
        }
    }
}

/// The notice for a file from a newer lectern.
fn future(file: &Path, version: u64) -> Notice {
    Notice::FutureVersion {
        file: file.to_path_buf(),
        found: version,
        supported: FORMAT_VERSION,
    }
}
