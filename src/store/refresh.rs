//! Taking in what the store's thread found: the marks when it opened the database, what
//! other windows saved, how the background saves went ([`Store::refresh`]).

use super::Store;
use super::notice::{Notice, StoreError};
use super::state::Change;
use super::writer::Report;

impl Store {
    /// Takes in what the store's thread found, and asks it to look for what other lectern
    /// windows saved. Cheap: nothing is read here, and the thread reads rows only when
    /// `PRAGMA data_version` says another process wrote; what they changed shows from the
    /// next call on. Meant to be called every 250 ms or so. Problems go to the notices
    /// ([`Store::take_notices`]).
    ///
    /// Returns whether a bookmark or read mark changed since the last call (the list may
    /// need filtering again).
    pub fn refresh(&mut self) -> bool {
        self.take_reports();
        self.writer.poll();
        std::mem::take(&mut self.marks_changed)
    }

    /// Acts on everything the writer has reported.
    pub(super) fn take_reports(&mut self) {
        while let Some(report) = self.writer.next_report() {
            self.take_report(report);
        }
    }

    /// Acts on one report of the writer.
    pub(super) fn take_report(&mut self, report: Report) {
        match report {
            Report::Loaded(state) => {
                self.state = *state;
                // Changes made before the marks came are newer than them.
                for (_, change) in &self.pending {
                    self.state.apply(change);
                }
                self.loaded = true;
                self.marks_changed = true;
            }
            Report::Saved { through } => {
                self.pending.retain(|(number, _)| *number > through);
            }
            Report::Read(changes) => self.take_in(&changes),
            // The writer's notice about the newer database says it all.
            Report::Failed(StoreError::ReadOnly { found, .. }) => {
                self.newer_format = Some(found);
            }
            Report::Failed(error) => self.notices.push(Notice::NotSaved {
                error: error.to_string(),
            }),
            Report::Notice(notice) => {
                // Told once, however many times the newer database is met.
                if let Notice::FutureVersion { found, .. } = notice
                    && self.newer_format.replace(found).is_some()
                {
                    return;
                }
                self.notices.push(notice);
            }
        }
    }

    /// Applies what other windows changed, then the changes of this one not yet saved
    /// (they are newer), and notes whether a mark shown changed.
    fn take_in(&mut self, changes: &[Change]) {
        let shown = |store: &Self, change: &Change| match change {
            Change::Bookmark(b) => store.state.is_bookmarked(&b.id),
            Change::Unbookmark(id) => store.state.is_bookmarked(id),
            Change::Read { id, .. } | Change::Unread(id) => store.state.is_read(id),
        };
        let before: Vec<bool> = changes.iter().map(|c| shown(self, c)).collect();
        for change in changes {
            self.state.apply(change);
        }
        for (_, change) in &self.pending {
            self.state.apply(change);
        }
        self.marks_changed |= changes
            .iter()
            .zip(before)
            .any(|(change, was)| shown(self, change) != was);
    }
}

#[cfg(test)]
mod tests {
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
        // A refresh asks the store's thread to look (a poll left by the last one may already
        // have); what it read shows from the next call on.
        assert!(refreshed(&mut second));
        assert!(second.is_bookmarked(A));
        assert!(!refreshed(&mut second), "no news the second time");
        // And the other way round, a read mark this time.
        second.set_read(B, true).expect("queued");
        second.flush().expect("saved");
        assert!(refreshed(&mut first));
        assert!(first.is_read(B) && first.is_bookmarked(A));
    }

    #[test]
    fn only_what_other_windows_changed_is_taken_in() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Store::open(tmp.path());
        let (mut second, _) = Store::open(tmp.path());
        first.toggle_bookmark(&meta(A)).expect("queued");
        first.flush().expect("saved");
        assert!(refreshed(&mut second));
        // Rows another window did not touch are not read again: a mark held in this
        // window's memory alone stays through refreshes, with or without news.
        mark_in_memory_only(&mut second, C);
        assert!(!refreshed(&mut second));
        first.toggle_bookmark(&meta(B)).expect("queued");
        first.flush().expect("saved");
        assert!(refreshed(&mut second), "B arrives");
        assert!(second.is_read(C) && second.is_bookmarked(B));
        // Nor does a window take its own writes for news.
        assert!(!refreshed(&mut first));
        // A removal elsewhere reaches it too.
        first.set_read(C, true).expect("queued");
        first.set_read(C, false).expect("queued");
        first.toggle_bookmark(&meta(A)).expect("queued");
        first.flush().expect("saved");
        assert!(refreshed(&mut second));
        assert!(!second.is_read(C) && !second.is_bookmarked(A) && second.is_bookmarked(B));
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
}
