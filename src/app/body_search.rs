//! Searching bodies from the list: a query that starts with `?` runs against the full-text
//! index instead of the titles. Hits come newest first as the query is typed and by relevance
//! once it is accepted; each shows a line of its text under its title, and opening one finds
//! the query's words in the reader. The index is brought up to date on a worker thread the
//! first time it is asked, with its progress in the status bar.

use std::collections::HashMap;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use rusqlite::Connection;
use xxhash_rust::xxh3::{Xxh3DefaultBuilder, xxh3_64};

use super::{App, Find, View};
use crate::library::{Library, LoadOptions};
use crate::search::{SearchQuery, Sort, drop_damaged, open_database, search, sync};
pub use snippets::Snippets;

mod snippets;

/// What starts a body search in the list's prompt.
pub const MARKER: char = '?';

/// Hits shown at most: a search is for reading, not for counting.
const MAX_HITS: usize = 200;

/// The body search's state: the index, its refresh, and the snippets of the hits shown.
#[derive(Default)]
pub struct BodySearch {
    conn: Option<Connection>,
    /// Indexing under way: articles done and to do, from the worker.
    indexing: Option<(Receiver<Indexed>, usize, usize)>,
    /// The line under each hit's title, cut on a worker thread.
    pub snippets: Snippets,
    /// The query's folded words, for the reader to find when a hit is opened.
    pub needles: Vec<String>,
    /// Library rows by a hash of their article id; `None` until a search needs it, and again
    /// whenever the library changes ([`BodySearch::library_changed`]).
    rows: Option<HashMap<u64, usize, Xxh3DefaultBuilder>>,
}

/// What the indexing worker says.
enum Indexed {
    Progress(usize, usize),
    /// How many articles were added, and why the index was made again if it was.
    Done(Result<(usize, Option<String>), String>),
}

impl BodySearch {
    /// Forgets the rows by id: the library gained, lost or reordered articles.
    pub fn library_changed(&mut self) {
        self.rows = None;
        self.snippets.clear();
    }

    /// The rows by id of `library`, made once for it rather than on every keystroke (10^5
    /// ids hashed each time).
    fn make_rows(&mut self, library: &Library) {
        self.rows.get_or_insert_with(|| {
            (library.entries.iter().enumerate())
                .map(|(row, entry)| (xxh3_64(entry.meta.id.as_bytes()), row))
                .collect()
        });
    }

    /// "indexing 1,200 / 5,000" while the index is brought up to date.
    pub fn progress(&self) -> Option<String> {
        let (_, done, total) = self.indexing.as_ref()?;
        Some(format!(
            "indexing {} / {}",
            crate::text::thousands(*done),
            crate::text::thousands(*total)
        ))
    }
}

/// The body query of a prompt's text, if it is one.
pub fn body_query(text: &str) -> Option<&str> {
    text.strip_prefix(MARKER)
}

/// Indexes the library read from `source` (the bundled articles for `None`) into the database
/// in `data`, on a thread of its own; `damaged` empties the index first (a search found it
/// damaged).
fn start_indexing(
    source: Option<(Vec<PathBuf>, LoadOptions)>,
    data: PathBuf,
    damaged: bool,
) -> Receiver<Indexed> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let library = match source {
            Some((paths, options)) => Library::load(&paths, options),
            None => Library::bundled(),
        };
        let result = open_database(&data).and_then(|mut conn| {
            if damaged {
                drop_damaged(&conn)?;
            }
            sync(&mut conn, &library, |done, total| {
                let _ = sender.send(Indexed::Progress(done, total));
            })
        });
        let result =
            (result.map(|report| (report.added, report.rebuilt))).map_err(|e| e.to_string());
        let _ = sender.send(Indexed::Done(result));
    });
    receiver
}

impl App {
    /// Runs the body query `text` (without its marker): newest first while it is typed,
    /// by relevance when `ranked`.
    pub(super) fn body_refilter(&mut self, text: &str, ranked: bool) {
        let query = SearchQuery::parse(text, !ranked);
        if self.body.conn.is_none() {
            match open_database(self.store.dir()) {
                Ok(conn) => self.body.conn = Some(conn),
                Err(error) => return self.error(format!("body search: {error}")),
            }
            self.start_indexing(false);
        }
        self.body.snippets.clear();
        self.body.needles = (query.marked_tokens().into_iter())
            .map(|(token, _)| token.to_owned())
            .collect();
        self.list.visible.clear();
        if query.is_empty() {
            return;
        }
        let shown = self.list_rows().max(1) * 2;
        self.body.make_rows(&self.library);
        let (Some(conn), Some(rows)) = (&self.body.conn, &self.body.rows) else {
            return;
        };
        let library = &self.library;
        // The id's row, checked: a hash alone could name another article.
        let row_of = |id: &str| {
            (rows.get(&xxh3_64(id.as_bytes())).copied())
                .filter(|&row| library.entries.get(row).is_some_and(|e| e.meta.id == id))
        };
        let sort = if ranked { Sort::Relevance } else { Sort::Date };
        let keep = |id: &str| row_of(id).is_some();
        let hits = match search(conn, &query, sort, MAX_HITS, keep, &self.store) {
            Ok(hits) => hits,
            Err(error) if error.is_damage() && self.body.indexing.is_none() => {
                self.start_indexing(true);
                return self.error(format!("body search: {error}: making the index again"));
            }
            Err(error) => return self.error(format!("body search: {error}")),
        };
        let indices: Vec<usize> = hits.iter().filter_map(|hit| row_of(&hit.id)).collect();
        // Lines for the hits a screen can show, cut on the worker: each reads its article.
        let articles = (indices.iter().take(shown))
            .map(|&index| (index, library.entries[index].clone()))
            .collect();
        self.body.snippets.ask(&query, articles, library.options());
        self.list.visible = indices;
        self.list.select(0, self.list_rows());
    }

    /// Brings the index up to date on a thread of its own (emptied first when `damaged`).
    fn start_indexing(&mut self, damaged: bool) {
        let (source, data) = (self.rescan.source.clone(), self.store.dir().to_owned());
        self.body.indexing = Some((start_indexing(source, data, damaged), 0, 0));
    }

    /// Takes in the indexing worker's news; when it is done, the query runs again.
    pub(super) fn tick_indexing(&mut self) {
        let mut finished = None;
        if let Some((receiver, done, total)) = &mut self.body.indexing {
            loop {
                match receiver.try_recv() {
                    Ok(Indexed::Progress(d, t)) => (*done, *total) = (d, t),
                    Ok(Indexed::Done(result)) => finished = Some(result),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished = Some(Err("the indexing thread stopped".to_owned()));
                    }
                }
                if finished.is_some() {
                    break;
                }
            }
        }
        let Some(result) = finished else { return };
        self.body.indexing = None;
        match result {
            Ok((added, Some(why))) => self.error(format!(
                "body search: {why}: the index was made again ({} indexed)",
                crate::text::counted(added, "article")
            )),
            Ok((0, None)) => {}
            Ok((added, None)) => self.info(format!(
                "indexed {}",
                crate::text::counted(added, "article")
            )),
            Err(error) => self.error(format!("body search index: {error}")),
        }
        if body_query(self.list.query()).is_some() {
            let editing = self.list.editing;
            self.refilter(editing);
        }
    }

    /// Takes in the lines of the hits that the worker has cut; returns whether any came.
    pub fn take_snippets(&mut self) -> bool {
        self.body.snippets.take()
    }

    /// Whether lines of the hits shown are still being cut (the event loop looks again soon).
    pub fn cutting_snippets(&self) -> bool {
        self.body.snippets.is_waiting()
    }

    /// After opening an article from a body search: its words found, the first one shown.
    pub(super) fn find_search_words(&mut self) {
        if body_query(self.list.query()).is_none() || self.body.needles.is_empty() {
            return;
        }
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        reader.find = Some(Find::over(reader.texts(), &self.body.needles));
        self.show_current_match();
    }
}
