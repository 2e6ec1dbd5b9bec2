//! The reload key: fetch the subscribed feeds on a worker thread, with progress in the status
//! bar and new articles joining the list as each feed arrives, then read the library again.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use super::{App, Message};
use crate::feed::fetch::{self, Event, Options, Report};
use crate::feed::{Subscription, subscriptions};
use crate::library::{LoadOptions, Loaded, load_feed_articles};
use crate::text::sanitize::sanitize_line;

/// What the fetching thread tells the app.
#[derive(Debug)]
pub enum Fetched {
    /// A feed was dealt with (fetched, not due, failed or moved).
    Event(Event),
    /// The articles a feed brought, read back from the database.
    Articles(Vec<Loaded>),
    /// The run is over: its totals, or why it could not start.
    Finished(Result<Report, String>),
}

/// A fetch under way.
#[derive(Debug)]
pub struct Fetching {
    receiver: Receiver<Fetched>,
    /// Feeds in the run.
    pub feeds: usize,
    /// Feeds dealt with so far.
    pub done: usize,
    /// New articles so far.
    pub new: usize,
    /// The feeds that failed, each as "URL: reason".
    pub failed: Vec<String>,
}

/// Fetches `feeds` into `database`, telling `sender` as it goes; a feed that moved for good
/// gets its new address written into feeds.toml.
fn run(
    feeds: &[Subscription],
    options: &Options,
    (database, file): (&Path, Option<&Path>),
    sender: &Sender<Fetched>,
) {
    let opened = crate::db::open(database).map_err(|error| error.to_string());
    let report = opened.and_then(|(mut connection, _)| {
        fetch::run(&mut connection, feeds, options, |event| {
            if let Event::Done { new_ids, .. } = &event
                && !new_ids.is_empty()
            {
                let _ = sender.send(Fetched::Articles(load_feed_articles(database, new_ids)));
            }
            if let (Event::Moved { from, to }, Some(file)) = (&event, file) {
                // The database knows the new address already; the file should too.
                let _ = subscriptions::set_url(file, from, to);
            }
            let _ = sender.send(Fetched::Event(event));
        })
        .map_err(|error| error.to_string())
    });
    let _ = sender.send(Fetched::Finished(report));
}

impl App {
    /// The reload key: fetches the feeds (when the library shows feed articles and there are
    /// subscriptions), then reads the library again; folders only otherwise.
    pub(super) fn reload(&mut self) {
        if self.fetching.is_some() {
            return self.info("the feeds are being fetched already".to_owned());
        }
        let shows_feeds = (self.rescan.source.as_ref()).is_none_or(|(_, o)| o.database.is_some());
        let file = self.rescan.feeds.clone();
        let feeds = match file.as_deref().map(subscriptions::load) {
            Some(Ok(feeds)) if shows_feeds && !feeds.is_empty() => feeds,
            Some(Err(error)) if shows_feeds => {
                return self.error(sanitize_line(&format!("feeds not fetched: {error:#}")));
            }
            _ => return self.rescan(),
        };
        let database = self.store.db_file();
        let options = Options {
            settings: self.config.feeds.clone(),
            network: self.config.network.clone(),
            force: false,
        };
        let (sender, receiver) = mpsc::channel();
        let count = feeds.len();
        let spawned = std::thread::Builder::new()
            .name("lectern-fetch".into())
            .spawn(move || run(&feeds, &options, (&database, file.as_deref()), &sender));
        if let Err(error) = spawned {
            return self.error(format!("feeds not fetched: {error}"));
        }
        self.fetching = Some(Fetching {
            receiver,
            feeds: count,
            done: 0,
            new: 0,
            failed: Vec::new(),
        });
        self.show_fetching();
    }

    /// Takes in what the fetching thread sent since the last look; the articles of every
    /// feed that arrived join the list at once, in one merge.
    pub(super) fn take_fetched(&mut self) {
        let mut arrived = Vec::new();
        let finished = loop {
            let Some(fetching) = &mut self.fetching else {
                return;
            };
            let fetched = match fetching.receiver.try_recv() {
                Ok(fetched) => fetched,
                Err(TryRecvError::Empty) => break None,
                Err(TryRecvError::Disconnected) => Fetched::Finished(Err("stopped".into())),
            };
            match fetched {
                Fetched::Event(event) => match event {
                    Event::Done { .. } | Event::NotDue { .. } => fetching.done += 1,
                    Event::Failed { reason, .. } => {
                        fetching.done += 1;
                        fetching.failed.push(sanitize_line(&reason));
                    }
                    Event::Started { .. } | Event::Moved { .. } => {}
                },
                Fetched::Articles(loaded) => {
                    fetching.new += loaded.len();
                    arrived.extend(loaded);
                }
                Fetched::Finished(report) => break Some(report),
            }
        };
        self.add_fetched(arrived);
        match finished {
            Some(report) => self.finish_fetching(report),
            None => self.show_fetching(),
        }
    }

    fn show_fetching(&mut self) {
        if let Some(f) = &self.fetching {
            let failed = match f.failed.len() {
                0 => String::new(),
                n => format!(" · {n} failed"),
            };
            let text = format!(
                "fetching feeds {} / {} · {} new{failed}",
                f.done, f.feeds, f.new
            );
            self.info(text);
        }
    }

    /// New articles join the list in its order, the selection staying on its article.
    fn add_fetched(&mut self, loaded: Vec<Loaded>) {
        if loaded.is_empty() || self.loading.is_some() {
            // A library still loading reads them from the database itself.
            return;
        }
        let keep = self.selected_entry().map(|e| e.meta.id.clone());
        let count = self.library.entries.len();
        self.library.merge(loaded);
        if self.library.entries.len() != count {
            self.body.library_changed();
            self.rows_moved(keep);
        }
    }

    fn finish_fetching(&mut self, report: Result<Report, String>) {
        let Some(fetching) = self.fetching.take() else {
            return;
        };
        if self.rescan.source.is_none() {
            // The bundled articles alone until now: from here on, with the feed articles.
            let options = LoadOptions {
                max_file_size: self.config.max_file_size,
                bundled: true,
                database: Some(self.store.db_file()),
                subscriptions: self.rescan.feeds.clone(),
                ..LoadOptions::default()
            };
            self.rescan.source = Some((Vec::new(), options));
        }
        match report {
            Err(error) => self.error(sanitize_line(&format!("feeds not fetched: {error}"))),
            Ok(report) => {
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                let (new, fetched) = (report.new, report.fetched);
                let mut text = format!(
                    "{new} new article{} from {fetched} feed{}",
                    plural(new),
                    plural(fetched)
                );
                if let Some(first) = fetching.failed.first() {
                    text = format!("{text}; {} failed: {first}", fetching.failed.len());
                }
                let said = Message {
                    text,
                    error: !fetching.failed.is_empty(),
                };
                self.message = Some(said.clone());
                self.rescan();
                self.rescan.then_say = Some(said.clone());
                // Shown now too, not only once the library is read again.
                self.message = Some(said);
            }
        }
    }
}
