//! The line under each body-search hit, cut on a worker thread. Each line needs its article's
//! text read again: milliseconds for a web page, and a screen shows dozens (the lines of 60
//! saved web pages took 0.16 s on both cores), more than the interface thread can spare while a
//! query is typed. The hits show at once and their lines follow in list order; a newer query
//! drops whatever the worker had not cut for an older one.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use rayon::prelude::*;

use crate::library::{Entry, Library, LoadOptions};
use crate::search::{SearchQuery, Snippet, snippet};

/// Articles read between two looks for a newer query: a few, read in parallel.
const BATCH: usize = 4;

/// The lines of the hits shown, and the worker that cuts them.
#[derive(Default)]
pub struct Snippets {
    /// The lines cut so far, by entry index.
    lines: HashMap<usize, Snippet>,
    /// The number of the newest request: lines of older ones are dropped.
    asked: u64,
    /// Lines of the newest request still to come.
    waiting: usize,
    worker: Option<Worker>,
}

/// The interface's end of the worker thread.
struct Worker {
    requests: Sender<Request>,
    lines: Receiver<Line>,
}

/// Lines wanted for `articles` (entry index and entry, in list order).
struct Request {
    number: u64,
    query: SearchQuery,
    articles: Vec<(usize, Entry)>,
    options: LoadOptions,
}

/// One line cut.
struct Line {
    number: u64,
    entry: usize,
    snippet: Snippet,
}

impl Snippets {
    /// The line under the hit of entry `entry`, once it is cut.
    pub fn get(&self, entry: usize) -> Option<&Snippet> {
        self.lines.get(&entry)
    }

    /// Forgets every line, and those still to come.
    pub fn clear(&mut self) {
        self.asked += 1;
        self.waiting = 0;
        self.lines.clear();
    }

    /// Asks for the lines of `articles` (entry index and entry, in list order) for `query`,
    /// instead of any asked before; `options` say how to read them.
    pub fn ask(
        &mut self,
        query: &SearchQuery,
        articles: Vec<(usize, Entry)>,
        options: &LoadOptions,
    ) {
        self.clear();
        if articles.is_empty() {
            return;
        }
        self.waiting = articles.len();
        let request = Request {
            number: self.asked,
            query: query.clone(),
            articles,
            options: options.clone(),
        };
        let worker = self.worker.get_or_insert_with(Worker::start);
        if let Err(refused) = worker.requests.send(request) {
            // The worker is gone (it could not start, or reading an article panicked).
            let worker = self.worker.insert(Worker::start());
            if worker.requests.send(refused.0).is_err() {
                self.waiting = 0;
            }
        }
    }

    /// Whether lines are still to come.
    pub fn is_waiting(&self) -> bool {
        self.waiting > 0
    }

    /// Takes in the lines that came; returns whether any of the newest request did.
    pub fn take(&mut self) -> bool {
        let mut any = false;
        while let Some(worker) = &self.worker {
            match worker.lines.try_recv() {
                Ok(line) if line.number == self.asked => {
                    self.lines.insert(line.entry, line.snippet);
                    self.waiting = self.waiting.saturating_sub(1);
                    any = true;
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.worker = None;
                    self.waiting = 0;
                }
            }
        }
        any
    }
}

impl Worker {
    /// Starts the thread; if it cannot start, its channels are closed and no line comes.
    fn start() -> Self {
        let (requests, inbox) = channel();
        let (outbox, lines) = channel();
        let _ = std::thread::Builder::new()
            .name("lectern-snippets".to_owned())
            .spawn(move || work(&inbox, &outbox));
        Self { requests, lines }
    }
}

/// The thread: cuts the lines of the newest request, a batch at a time, until the interface
/// is gone.
fn work(inbox: &Receiver<Request>, outbox: &Sender<Line>) {
    let mut newer = None;
    while let Some(request) = newer.take().or_else(|| inbox.recv().ok()) {
        // Only the newest request counts.
        let request = inbox.try_iter().last().unwrap_or(request);
        for batch in request.articles.chunks(BATCH) {
            newer = inbox.try_iter().last();
            if newer.is_some() {
                break;
            }
            let made: Vec<Line> = (batch.par_iter())
                .map(|(entry, article)| Line {
                    number: request.number,
                    entry: *entry,
                    snippet: cut(article, &request),
                })
                .collect();
            for line in made {
                if outbox.send(line).is_err() {
                    return;
                }
            }
        }
    }
}

/// The line of `article` for the request's query; empty when it cannot be read any more.
fn cut(article: &Entry, request: &Request) -> Snippet {
    Library::read_entry(article, &request.options).map_or_else(
        |_| Snippet::default(),
        |article| {
            snippet(
                article.paragraphs.iter().map(String::as_str),
                &request.query,
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(library: &Library, number: u64, entries: &[usize]) -> Request {
        Request {
            number,
            query: SearchQuery::parse("the", false),
            articles: (entries.iter())
                .map(|&index| (index, library.entries[index].clone()))
                .collect(),
            options: LoadOptions::default(),
        }
    }

    #[test]
    fn the_worker_cuts_only_the_newest_request() {
        let library = Library::bundled();
        let english = (library.entries.iter())
            .position(|entry| entry.meta.lang == "en")
            .expect("an English sample");
        let (requests, inbox) = channel();
        let (outbox, lines) = channel();
        requests
            .send(request(&library, 1, &[0, 1, 2]))
            .expect("sent");
        requests
            .send(request(&library, 2, &[english]))
            .expect("sent");
        drop(requests);
        work(&inbox, &outbox);
        drop(outbox);
        let cut: Vec<Line> = lines.iter().collect();
        assert_eq!(cut.len(), 1);
        assert_eq!((cut[0].number, cut[0].entry), (2, english));
        let snippet = &cut[0].snippet;
        let lit: Vec<&str> = (snippet.ranges.iter())
            .map(|range| &snippet.text[range.clone()])
            .collect();
        assert!(
            lit.first()
                .is_some_and(|word| word.eq_ignore_ascii_case("the")),
            "{snippet:?}"
        );
    }

    #[test]
    fn lines_of_an_older_request_are_dropped() {
        let (requests, _inbox) = channel();
        let (outbox, lines) = channel();
        let mut snippets = Snippets {
            asked: 2,
            waiting: 1,
            worker: Some(Worker { requests, lines }),
            ..Snippets::default()
        };
        let line = |number, entry| Line {
            number,
            entry,
            snippet: Snippet::default(),
        };
        outbox.send(line(1, 7)).expect("sent");
        outbox.send(line(2, 8)).expect("sent");
        assert!(snippets.take());
        assert!(snippets.get(7).is_none());
        assert!(snippets.get(8).is_some());
        assert!(!snippets.is_waiting());
    }
}
