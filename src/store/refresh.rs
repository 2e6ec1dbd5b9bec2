//! Taking in what other windows saved and what the background saves found: [`Store::refresh`].

use super::Store;
use super::disk::{self, Stamp};
use super::notice::{Notice, StoreError};
use super::state::State;
use super::writer::Report;

impl Store {
    /// Looks whether another lectern window saved since this process last read or wrote the
    /// state file, and takes in what the store's thread found. Cheap: one `stat`, nothing
    /// read here; when the file changed, the thread reads and parses it (a 10^5-mark file
    /// takes a tenth of a second or more) and what it holds shows from the next call on.
    /// Meant to be called every 250 ms or so. Problems go to the notices
    /// ([`Store::take_notices`]); a corrupt file is moved aside as at open, and the marks this
    /// window shows are written in its place.
    ///
    /// Returns whether a bookmark or read mark changed since the last call (the list may
    /// need filtering again).
    pub fn refresh(&mut self) -> bool {
        self.take_reports();
        self.look_at_file();
        std::mem::take(&mut self.marks_changed)
    }

    /// Acts on what the writer reported.
    pub(super) fn take_reports(&mut self) {
        while let Some(report) = self.writer.next_report() {
            match report {
                Report::Saved {
                    through,
                    stamp,
                    merged,
                } => {
                    self.pending.retain(|(number, _)| *number > through);
                    self.seen = stamp;
                    if let Some(on_disk) = merged {
                        self.take_in(on_disk);
                    }
                }
                Report::Read(on_disk) => self.take_in(on_disk),
                // The writer's notice about the newer file says it all.
                Report::Failed(StoreError::ReadOnly { found, .. }) => {
                    self.newer_format = Some(found);
                }
                Report::Failed(error) => self.notices.push(Notice::NotSaved {
                    error: error.to_string(),
                }),
                Report::Notice(notice) => {
                    // Told once, however many times the newer file is met.
                    if let Notice::FutureVersion { found, .. } = notice
                        && self.newer_format.replace(found).is_some()
                    {
                        continue;
                    }
                    self.notices.push(notice);
                }
            }
        }
    }

    /// Has the state file read again if its stamp changed since it was last read or written.
    fn look_at_file(&mut self) {
        let file = self.state_file();
        match disk::stamp(&file) {
            Ok(stamp) if Some(stamp) == self.seen => {}
            // No news: the window that moved a corrupt file aside writes the next one at once,
            // and a file deleted by hand is written again by the next save.
            Ok(Stamp::Absent) => self.seen = Some(Stamp::Absent),
            Ok(stamp) => {
                self.seen = Some(stamp);
                self.writer.reread();
            }
            Err(error) => {
                // Told once, when the file goes out of sight, not at every refresh.
                if self.seen.take().is_some() {
                    let error = error.to_string();
                    self.notices.push(Notice::Unreadable { file, error });
                }
            }
        }
    }

    /// Makes `on_disk`, with the changes not yet saved applied, the state shown.
    fn take_in(&mut self, mut on_disk: State) {
        for (_, change) in &self.pending {
            on_disk.apply(change);
        }
        self.marks_changed |= !on_disk.same_marks(&self.state);
        self.state = on_disk;
    }
}

#[cfg(test)]
mod tests {
    use super::super::state::Change;
    use super::*;
    use crate::article::Meta;

    const A: &str = "00000000000000aa";
    const B: &str = "00000000000000bb";
    const C: &str = "00000000000000cc";

    fn meta(id: &str) -> Meta {
        Meta {
            id: id.to_owned(),
            path: format!("/news/{id}.txt"),
            title: format!("Tin {id}"),
            lang: "vi".to_owned(),
            ..Meta::default()
        }
    }

    /// Refreshes, lets the store's thread read what changed, and refreshes again: what two
    /// ticks of the app's timer do. Whether either saw a mark change.
    fn refreshed(store: &mut Store) -> bool {
        let first = store.refresh();
        store.flush().expect("nothing failed");
        store.refresh() | first
    }

    /// Puts a mark in `store`'s memory only, as no file holds it: it stays through a refresh
    /// only if the refresh did not read the file.
    fn mark_in_memory_only(store: &mut Store, id: &str) {
        store.state.apply(&Change::Read {
            id: id.to_owned(),
            at: "2026-01-01T00:00:00Z".to_owned(),
        });
    }

    #[test]
    fn another_windows_bookmark_shows_after_a_refresh() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Store::open(tmp.path());
        let (mut second, _) = Store::open(tmp.path());
        assert!(!refreshed(&mut second), "nothing saved yet");
        first.toggle_bookmark(&meta(A)).expect("queued");
        first.flush().expect("saved");
        assert!(!second.is_bookmarked(A));
        // The first call only looks; the store's thread reads, and the next call shows it.
        assert!(!second.refresh());
        second.flush().expect("read");
        assert!(second.refresh());
        assert!(second.is_bookmarked(A));
        assert!(!refreshed(&mut second), "no news the second time");
        // And the other way round, a read mark this time.
        second.set_read(B, true).expect("queued");
        second.flush().expect("saved");
        assert!(refreshed(&mut first));
        assert!(first.is_read(B) && first.is_bookmarked(A));
    }

    #[test]
    fn an_unchanged_file_is_not_read_again() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Store::open(tmp.path());
        let (mut second, _) = Store::open(tmp.path());
        first.toggle_bookmark(&meta(A)).expect("queued");
        first.flush().expect("saved");
        assert!(refreshed(&mut second));
        // The stamp says nothing changed: the file is not read, so the mark held in
        // memory alone survives.
        mark_in_memory_only(&mut second, C);
        assert!(!refreshed(&mut second));
        assert!(second.is_read(C));
        // Nor is a file this window wrote itself read back.
        mark_in_memory_only(&mut first, C);
        first.toggle_bookmark(&meta(B)).expect("queued");
        first.flush().expect("saved");
        assert!(!refreshed(&mut first));
        assert!(first.is_read(C) && first.is_bookmarked(B));
        // Once another window saves, the file is read: the memory-only mark goes.
        assert!(refreshed(&mut second), "B arrives");
        assert!(!second.is_read(C), "the file was read this time");
    }

    #[test]
    fn changes_not_yet_saved_survive_a_refresh() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Store::open(tmp.path());
        let (mut second, _) = Store::open(tmp.path());
        // Saved or not yet when the refresh comes, C must show either way.
        second.set_read(C, true).expect("queued");
        first.toggle_bookmark(&meta(A)).expect("queued");
        first.flush().expect("saved");
        refreshed(&mut second);
        assert!(second.is_read(C) && second.is_bookmarked(A));
        second.flush().expect("saved");
        let (third, _) = Store::open(tmp.path());
        assert!(third.is_read(C) && third.is_bookmarked(A));
    }

    #[test]
    fn a_corrupt_file_from_elsewhere_is_moved_aside_and_the_marks_written_again() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("state.json");
        let (mut store, _) = Store::open(tmp.path());
        store.toggle_bookmark(&meta(A)).expect("queued");
        store.flush().expect("saved");
        std::fs::write(&file, b"{\"version\": 1, \"bookm").expect("someone breaks it");
        assert!(!refreshed(&mut store), "the marks shown stay");
        let notices = store.take_notices();
        let [Notice::MovedAside { backup, .. }] = notices.as_slice() else {
            panic!("expected one moved-aside notice, got {notices:?}");
        };
        assert_eq!(
            std::fs::read(backup).expect("backup"),
            b"{\"version\": 1, \"bookm"
        );
        assert!(store.is_bookmarked(A));
        let (reopened, notices) = Store::open(tmp.path());
        assert!(notices.is_empty(), "{notices:?}");
        assert!(reopened.is_bookmarked(A));
        assert!(!refreshed(&mut store));
        assert!(store.take_notices().is_empty(), "told once");
    }

    #[test]
    fn a_newer_format_from_elsewhere_makes_this_window_read_only() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("state.json");
        let (mut store, _) = Store::open(tmp.path());
        let newer = br#"{"version": 3, "bookmarks": {"00000000000000bb": {"title": "t", "lang": "en", "path": "p", "bookmarked_at": "x"}}}"#;
        std::fs::write(&file, newer).expect("a newer lectern writes");
        assert!(refreshed(&mut store), "its bookmark shows");
        assert!(store.is_bookmarked(B) && store.is_read_only());
        assert!(matches!(
            store.take_notices().as_slice(),
            [Notice::FutureVersion { found: 3, .. }]
        ));
        assert!(matches!(
            store.set_read(A, true),
            Err(StoreError::ReadOnly { found: 3, .. })
        ));
        store.flush().expect("nothing to save");
        assert_eq!(std::fs::read(&file).expect("file"), newer);
    }
}
