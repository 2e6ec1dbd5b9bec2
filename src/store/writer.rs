//! Saving on a thread of its own, so that a keystroke never waits for the lock, the write and
//! two fsyncs: the store hands each change over and goes on; changes that arrive during a save
//! are saved together by the next one. The thread also reads the file again when another
//! window changed it, so parsing a large file never holds up the caller either. The save
//! protocol itself is in [`Saver`].

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

use super::notice::{Notice, StoreError};
use super::saver::Saver;
use super::state::{Change, State};

/// What the store asks of the writer.
#[derive(Debug)]
pub(crate) enum Request {
    /// Save this change, numbered in the order they were made, with whatever else is waiting.
    Change(u64, Change),
    /// The state file changed: read it again.
    Reread,
    /// Save everything waiting, and answer how it went.
    Flush(Sender<Result<(), StoreError>>),
}

/// What the writer tells the store, in the order it happened.
#[derive(Debug)]
pub(crate) enum Report {
    /// The changes numbered up to `through` are on disk. `stamp` is the file as written
    /// (`None` if it could not be taken); `merged` is what the file holds when that is more
    /// than the store's own state with its changes (another window saved meanwhile).
    Saved {
        through: u64,
        stamp: Option<super::disk::Stamp>,
        merged: Option<State>,
    },
    /// What the state file holds, read again because another window changed it.
    Read(State),
    /// A save failed; its changes wait for the next one.
    Failed(StoreError),
    /// Something to show (a corrupt file moved aside, a newer format found).
    Notice(Notice),
}

/// The store's end of the writer: a thread, or the calling thread when no thread could be started.
#[derive(Debug)]
pub(crate) enum Writer {
    Thread {
        requests: Option<Sender<Request>>,
        /// In a mutex only so that the store is `Sync` (the filter reads it from several threads).
        reports: Mutex<Receiver<Report>>,
        thread: Option<JoinHandle<()>>,
    },
    Inline {
        saver: Box<Saver>,
        reports: VecDeque<Report>,
    },
}

impl Writer {
    /// Starts the thread that saves with `saver`.
    pub(crate) fn start(saver: Saver) -> Self {
        let (requests, inbox) = mpsc::channel();
        let (outbox, reports) = mpsc::channel();
        // The saver is handed over once the thread runs: if it cannot start, it saves here.
        let (handover, handed) = mpsc::channel::<Saver>();
        let started = std::thread::Builder::new()
            .name("lectern-store".to_owned())
            .spawn(move || {
                if let Ok(saver) = handed.recv() {
                    run(saver, &inbox, &outbox);
                }
            });
        match started {
            Ok(thread) => {
                let _ = handover.send(saver);
                Self::Thread {
                    requests: Some(requests),
                    reports: Mutex::new(reports),
                    thread: Some(thread),
                }
            }
            Err(_) => Self::Inline {
                saver: Box::new(saver),
                reports: VecDeque::new(),
            },
        }
    }

    /// Hands a change over to be saved.
    pub(crate) fn change(&mut self, number: u64, change: Change) {
        self.send(Request::Change(number, change));
    }

    /// Asks for the state file to be read again (it changed), without waiting.
    pub(crate) fn reread(&mut self) {
        self.send(Request::Reread);
    }

    fn send(&mut self, request: Request) {
        match self {
            Self::Thread { requests, .. } => {
                // A send fails only when the thread is gone; the next flush says so.
                if let Some(requests) = requests {
                    let _ = requests.send(request);
                }
            }
            Self::Inline { saver, reports } => {
                let mut report = |r| reports.push_back(r);
                let saved = match request {
                    Request::Change(number, change) => {
                        saver.push(number, change);
                        saver.save(&mut report)
                    }
                    Request::Reread => saver.reread(&mut report),
                    Request::Flush(_) => Ok(()),
                };
                if let Err(error) = saved {
                    reports.push_back(Report::Failed(error));
                }
            }
        }
    }

    /// Saves everything handed over so far, and waits for it.
    ///
    /// # Errors
    /// Why the save failed; the changes still wait for the next save.
    pub(crate) fn flush(&mut self) -> Result<(), StoreError> {
        match self {
            Self::Thread { requests, .. } => {
                let (answer, answered) = mpsc::channel();
                requests
                    .as_ref()
                    .ok_or(StoreError::Stopped)?
                    .send(Request::Flush(answer))
                    .map_err(|_| StoreError::Stopped)?;
                answered.recv().map_err(|_| StoreError::Stopped)?
            }
            Self::Inline { saver, reports } => saver.save(&mut |r| reports.push_back(r)),
        }
    }

    /// The next report, if one is waiting.
    pub(crate) fn next_report(&mut self) -> Option<Report> {
        match self {
            Self::Thread { reports, .. } => reports
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner)
                .try_recv()
                .ok(),
            Self::Inline { reports, .. } => reports.pop_front(),
        }
    }
}

impl Drop for Writer {
    /// Saves what is still waiting: the thread saves all it was handed, then ends.
    fn drop(&mut self) {
        match self {
            Self::Thread {
                requests, thread, ..
            } => {
                requests.take();
                if let Some(thread) = thread.take() {
                    let _ = thread.join();
                }
            }
            Self::Inline { saver, .. } => {
                let _ = saver.save(&mut |_| {});
            }
        }
    }
}

/// The thread: waits for requests, takes in all that have arrived, saves once, reports; when
/// the store is dropped, tries once more to save what failed before, and ends.
fn run(mut saver: Saver, inbox: &Receiver<Request>, outbox: &Sender<Report>) {
    let mut report = |r| {
        // Sending fails only once the store is gone: nobody left to tell.
        let _ = outbox.send(r);
    };
    while let Ok(first) = inbox.recv() {
        let (mut flush, mut reread) = (None, false);
        for request in std::iter::once(first).chain(inbox.try_iter()) {
            match request {
                Request::Change(number, change) => saver.push(number, change),
                Request::Reread => reread = true,
                Request::Flush(answer) => flush = Some(answer),
            }
        }
        // A save reads the file anyway when another window changed it; one that fails
        // (a read-only folder) must not keep what other windows saved from showing.
        let outcome = if saver.has_work() {
            let outcome = saver.save(&mut report);
            if outcome.is_err() && reread {
                let _ = saver.reread(&mut report);
            }
            outcome
        } else if reread {
            saver.reread(&mut report)
        } else {
            Ok(())
        };
        match (flush, outcome) {
            (Some(answer), outcome) => {
                let _ = answer.send(outcome);
            }
            (None, Err(error)) => report(Report::Failed(error)),
            (None, Ok(())) => {}
        }
    }
    let _ = saver.save(&mut |_| {});
}

#[cfg(test)]
mod tests {
    use crate::article::Meta;
    use crate::store::Store;

    fn on_disk(dir: &std::path::Path) -> serde_json::Value {
        let bytes = std::fs::read(dir.join("state.json")).expect("state file");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    fn id(n: usize) -> String {
        format!("{n:016x}")
    }

    #[test]
    fn a_flushed_change_is_on_disk() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut store, _) = Store::open(tmp.path());
        let meta = Meta {
            id: id(1),
            title: "Đà Nẵng".to_owned(),
            ..Meta::default()
        };
        store.toggle_bookmark(&meta).expect("queued");
        store.set_read(&id(2), true).expect("queued");
        store.flush().expect("saved");
        let json = on_disk(tmp.path());
        assert_eq!(json["bookmarks"][id(1)]["title"], "Đà Nẵng");
        assert!(json["read"][id(2)]["read_at"].is_string());
        assert!(store.take_notices().is_empty());
    }

    #[test]
    fn dropping_the_store_saves_every_change() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut store, _) = Store::open(tmp.path());
        // Many changes, dropped at once: most are still waiting for the thread then.
        for n in 0..500 {
            store.set_read(&id(n), true).expect("queued");
        }
        drop(store);
        let json = on_disk(tmp.path());
        let read = json["read"].as_object().expect("read marks");
        assert_eq!(read.len(), 500);
        assert!((0..500).all(|n| read.contains_key(&id(n))));
    }

    #[test]
    fn a_failed_save_is_told_and_retried() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let (mut store, _) = Store::open(tmp.path());
        // A folder where the state file should be: every save fails, whoever runs it.
        std::fs::create_dir(tmp.path().join("state.json")).expect("block the file");
        store.set_read(&id(1), true).expect("queued");
        let error = store.flush().expect_err("cannot save");
        assert!(error.to_string().starts_with("not saved: "), "{error}");
        store.set_read(&id(2), true).expect("queued");
        // Without a flush the failure comes as a notice, once the thread has tried.
        let notice = (0..2_000)
            .find_map(|_| {
                std::thread::sleep(std::time::Duration::from_millis(5));
                store.take_notices().pop()
            })
            .expect("a notice within 10 s");
        assert!(
            notice
                .to_string()
                .contains("tried again with the next change"),
            "{notice}"
        );
        std::fs::remove_dir(tmp.path().join("state.json")).expect("unblock");
        store.flush().expect("saved at last");
        let json = on_disk(tmp.path());
        assert!(json["read"][id(1)].is_object() && json["read"][id(2)].is_object());
    }
}
