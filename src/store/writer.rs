//! Saving on a thread of its own, so that a keystroke never waits for the database: the store
//! hands each change over and goes on; changes that arrive during a write are written together
//! by the next one. A write that failed is tried again with the next change, every
//! [`RETRY_EVERY`], and at flush. The thread also polls for other processes' changes, so
//! reading them never holds up the caller either. The database side is in [`Saver`].

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Notice;
use super::notice::StoreError;
use super::saver::Saver;
use super::state::{Change, State};

/// How often a failed write is tried again while nothing else happens.
pub(crate) const RETRY_EVERY: Duration = Duration::from_secs(2);

/// What the store asks of the writer.
#[derive(Debug)]
pub(crate) enum Request {
    /// Save this change, numbered in the order they were made, with whatever else is waiting.
    Change(u64, Change),
    /// Save these changes, made at once under one number, with whatever else is waiting.
    Changes(u64, Vec<Change>),
    /// Look for what other processes changed.
    Poll,
    /// Save everything waiting, and answer how it went.
    Flush(Sender<Result<(), StoreError>>),
}

/// What the writer tells the store, in the order it happened.
#[derive(Debug)]
pub(crate) enum Report {
    /// The marks, read when the thread opened the database (before anything else it reports).
    Loaded(Box<State>),
    /// The changes numbered up to `through` are in the database.
    Saved { through: u64 },
    /// What other processes changed, as changes to apply.
    Read(Vec<Change>),
    /// A save failed; its changes wait for the next one.
    Failed(StoreError),
    /// Something to show (a database moved aside, a newer version found).
    Notice(Notice),
}

/// How the writer gets its saver, on its own thread when it has one: given what to report.
pub(crate) type Opening = Box<dyn FnOnce(&mut dyn FnMut(Report)) -> Saver + Send>;

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
        /// In a mutex only so that the store is `Sync`: a connection is not.
        saver: Mutex<Box<Saver>>,
        reports: VecDeque<Report>,
    },
}

impl Writer {
    /// Starts the thread that saves with the saver `open` makes there.
    pub(crate) fn start(open: Opening) -> Self {
        let (requests, inbox) = mpsc::channel();
        let (outbox, reports) = mpsc::channel();
        // `open` is handed over once the thread runs: if it cannot start, it runs here.
        let (handover, handed) = mpsc::channel::<Opening>();
        let started = std::thread::Builder::new()
            .name("lectern-store".to_owned())
            .spawn(move || {
                if let Ok(open) = handed.recv() {
                    // Sending fails only once the store is gone: nobody left to tell.
                    let saver = open(&mut |report| drop(outbox.send(report)));
                    run(saver, &inbox, &outbox);
                }
            });
        if let Ok(thread) = started {
            let _ = handover.send(open);
            Self::Thread {
                requests: Some(requests),
                reports: Mutex::new(reports),
                thread: Some(thread),
            }
        } else {
            let mut reports = VecDeque::new();
            let saver = open(&mut |report| reports.push_back(report));
            Self::Inline {
                saver: Mutex::new(Box::new(saver)),
                reports,
            }
        }
    }

    /// Hands a change over to be saved.
    pub(crate) fn change(&mut self, number: u64, change: Change) {
        self.send(Request::Change(number, change));
    }

    /// Hands changes made at once over to be saved together.
    pub(crate) fn change_many(&mut self, number: u64, changes: Vec<Change>) {
        self.send(Request::Changes(number, changes));
    }

    /// Asks for other processes' changes, without waiting.
    pub(crate) fn poll(&mut self) {
        self.send(Request::Poll);
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
                let saver = saver.get_mut().unwrap_or_else(PoisonError::into_inner);
                let mut report = |r| reports.push_back(r);
                let outcome = match request {
                    Request::Change(number, change) => {
                        saver.push(number, change);
                        saver.save(&mut report)
                    }
                    Request::Changes(number, changes) => {
                        saver.push_many(number, changes);
                        saver.save(&mut report)
                    }
                    Request::Poll => {
                        saver.poll(&mut report);
                        Ok(())
                    }
                    Request::Flush(_) => Ok(()),
                };
                if let Err(error) = outcome {
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
            Self::Inline { saver, reports } => saver
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner)
                .save(&mut |r| reports.push_back(r)),
        }
    }

    /// The next report, waiting for it at most `timeout` (`None`: as long as it takes); `None`
    /// when none came, or none can come any more.
    pub(crate) fn wait_for_report(&mut self, timeout: Option<Duration>) -> Option<Report> {
        match self {
            Self::Thread { reports, .. } => {
                let reports = reports.get_mut().unwrap_or_else(PoisonError::into_inner);
                match timeout {
                    Some(timeout) => reports.recv_timeout(timeout).ok(),
                    None => reports.recv().ok(),
                }
            }
            Self::Inline { reports, .. } => reports.pop_front(),
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
                let saver = saver.get_mut().unwrap_or_else(PoisonError::into_inner);
                let _ = saver.save(&mut |_| {});
            }
        }
    }
}

/// The thread: waits for requests (while a failed write waits, no longer than its next retry,
/// [`RETRY_EVERY`] after the failure), takes in all that have arrived, saves once when there
/// is a change, a flush or a retry due, polls if asked, reports; when the store is dropped,
/// tries once more to save what failed before, and ends.
fn run(mut saver: Saver, inbox: &Receiver<Request>, outbox: &Sender<Report>) {
    let mut report = |r| {
        // Sending fails only once the store is gone: nobody left to tell.
        let _ = outbox.send(r);
    };
    // When a failed write is tried again; polls alone do not bring it forward.
    let mut retry_at: Option<Instant> = None;
    loop {
        let first = match retry_at.filter(|_| saver.has_work()) {
            Some(at) => match inbox.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(request) => Some(request),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match inbox.recv() {
                Ok(request) => Some(request),
                Err(_) => break,
            },
        };
        let (mut flush, mut poll, mut new_work) = (None, false, false);
        for request in first.into_iter().chain(inbox.try_iter()) {
            match request {
                Request::Change(number, change) => {
                    saver.push(number, change);
                    new_work = true;
                }
                Request::Changes(number, changes) => {
                    saver.push_many(number, changes);
                    new_work = true;
                }
                Request::Poll => poll = true,
                Request::Flush(answer) => flush = Some(answer),
            }
        }
        let due = retry_at.is_none_or(|at| Instant::now() >= at);
        let outcome = if new_work || flush.is_some() || due {
            saver.save(&mut report)
        } else {
            Ok(())
        };
        retry_at = match &outcome {
            Err(_) => Some(Instant::now() + RETRY_EVERY),
            Ok(()) if saver.has_work() => retry_at,
            Ok(()) => None,
        };
        if poll {
            saver.poll(&mut report);
        }
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
mod tests;
