//! Taking in what another lectern window saved: [`Store::refresh`], one `stat` when nothing
//! changed.

use std::fs;
use std::time::SystemTime;

use super::Store;
use super::state::{self, Parsed};

/// What identifies one version of the state file: a rename over it gives a new inode, and a
/// write in place a new size or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Store {
    /// The state file's stamp now (`None` when there is no file).
    pub(super) fn stamp(&self) -> Option<Stamp> {
        let meta = fs::metadata(self.state_file()).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }

    /// Takes in what another window saved since this process last read or wrote the state
    /// file, keeping this window's unsaved changes on top. Costs one `stat` when the file did
    /// not change; meant to be called a few times a second. A file that cannot be used is
    /// left for the next save, which moves it aside as at open. Returns whether a bookmark or
    /// read mark changed.
    pub fn refresh(&mut self) -> bool {
        let now = self.stamp();
        if now == self.seen {
            return false;
        }
        self.seen = now;
        let Ok(Some(bytes)) = super::disk::read(&self.state_file()) else {
            return false;
        };
        let Parsed::Current(mut on_disk) = state::parse(&bytes) else {
            return false;
        };
        for change in &self.pending {
            on_disk.apply(change);
        }
        let changed = on_disk != self.state;
        self.state = on_disk;
        changed
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn a_change_saved_by_another_window_is_taken_in_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut mine, _) = Store::open(dir.path());
        let (mut theirs, _) = Store::open(dir.path());
        assert!(!mine.refresh(), "nothing changed yet");
        theirs.set_read("a1", true).unwrap();
        assert!(mine.refresh());
        assert!(mine.is_read("a1"));
        assert!(!mine.refresh(), "the same file is not taken in twice");
        // My own save is not news to me, and theirs is kept when I save.
        mine.set_read("b2", true).unwrap();
        assert!(!mine.refresh());
        assert!(theirs.refresh());
        assert!(theirs.is_read("a1") && theirs.is_read("b2"));
    }

    #[test]
    fn an_unusable_file_changes_nothing_here() {
        let dir = tempfile::tempdir().unwrap();
        let (mut mine, _) = Store::open(dir.path());
        mine.set_read("a1", true).unwrap();
        std::fs::write(mine.state_file(), b"{ not json").unwrap();
        assert!(!mine.refresh());
        assert!(mine.is_read("a1"));
    }
}
