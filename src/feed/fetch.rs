//! Fetching feeds politely, on worker threads (no async): conditional GETs, at most
//! [`Options::per_host`] requests at a time per host and [`Options::jobs`] in all, waits the
//! server or the feed asks for, moves (301/308) and `410 Gone` remembered. Each result is
//! written by the calling thread in its own short transaction (safe beside a running reader),
//! and told through [`Event`]s as it comes, for the command line's progress bar or the reader's
//! status bar.

mod hosts;
mod one;
mod polite;
mod write;

use std::collections::HashMap;
use std::sync::mpsc;

use rusqlite::Connection;
use serde::Deserialize;

use crate::feed::Subscription;
use crate::feed::store::{self, FeedState};
use crate::net::{self, Client};
use hosts::{Hosts, host_of};
use one::{Clients, Done, Task};
use write::write;

pub use polite::http_date;

/// The `[feeds]` settings of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Requests at a time in all.
    pub jobs: usize,
    /// Requests at a time to one host.
    pub per_host: usize,
    /// Days after which a read, unbookmarked feed article is deleted.
    pub keep_read_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            jobs: 8,
            per_host: 2,
            keep_read_days: 90,
        }
    }
}

/// How to fetch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Limits and retention.
    pub settings: Settings,
    /// Timeouts.
    pub network: net::Settings,
    /// Fetch even the feeds that are not due or are gone.
    pub force: bool,
}

/// What happens, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A feed's request is about to go.
    Started {
        /// The feed's address.
        url: String,
    },
    /// A feed was fetched and stored (or answered 304: `new` and `updated` are 0).
    Done {
        /// The feed's address (the new one if it moved).
        url: String,
        /// Its title.
        title: Option<String>,
        /// Articles stored for the first time, by id, in the feed's order.
        new_ids: Vec<String>,
        /// Articles updated in place.
        updated: usize,
        /// It answered 304 Not Modified.
        not_modified: bool,
    },
    /// A feed was not asked for: not due yet, or gone.
    NotDue {
        /// The feed's address.
        url: String,
        /// When it is due, if a time was set.
        until: Option<i64>,
        /// It answered 410 Gone before.
        gone: bool,
    },
    /// A feed moved for good: the database now knows it by `to`.
    Moved {
        /// The old address.
        from: String,
        /// The new address.
        to: String,
    },
    /// A feed could not be fetched or stored; what was stored before is kept.
    Failed {
        /// The feed's address.
        url: String,
        /// Why, in one line.
        reason: String,
        /// It answered 410 Gone: it will not be fetched again unless forced.
        gone: bool,
    },
}

/// The totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Feeds fetched and stored (304 included).
    pub fetched: usize,
    /// Of those, the ones that answered 304.
    pub not_modified: usize,
    /// Feeds not asked for (not due, gone).
    pub not_due: usize,
    /// Feeds that failed.
    pub failed: usize,
    /// New articles.
    pub new: usize,
    /// Articles updated in place.
    pub updated: usize,
    /// Old read articles deleted by retention.
    pub removed: usize,
}

/// Fetches `feeds` (those due, or all with [`Options::force`]), storing into `connection`'s
/// database and telling `on_event` as results come; then applies retention.
///
/// # Errors
/// Reading the feeds' state from the database failed before anything was fetched. Failures
/// of single feeds (network, parse, a write) are events, not errors.
pub fn run(
    connection: &mut Connection,
    feeds: &[Subscription],
    options: &Options,
    mut on_event: impl FnMut(Event),
) -> rusqlite::Result<Report> {
    let now = store::now();
    let mut report = Report::default();
    let mut tasks = Vec::new();
    for subscription in feeds {
        let state = store::feed_state(connection, &subscription.url)?;
        let not_due = state.as_ref().filter(|state| {
            !options.force && (state.gone || state.next_due.is_some_and(|due| due > now))
        });
        if let Some(state) = not_due {
            report.not_due += 1;
            on_event(Event::NotDue {
                url: subscription.url.clone(),
                until: state.next_due,
                gone: state.gone,
            });
            continue;
        }
        tasks.push(Task {
            subscription: subscription.clone(),
            state,
        });
    }
    let clients = clients(&tasks, &options.network);
    let workers = options.settings.jobs.clamp(1, 64).min(tasks.len());
    let states: Vec<Option<FeedState>> = tasks.iter().map(|task| task.state.clone()).collect();
    let queue = Hosts::new(
        options.settings.per_host,
        tasks
            .into_iter()
            .enumerate()
            .map(|(n, task)| (host_of(&task.subscription.url), (n, task))),
    );
    let (sender, receiver) = mpsc::channel::<Message>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (sender, queue, clients) = (sender.clone(), &queue, &clients);
            scope.spawn(move || {
                while let Some(((n, task), slot)) = queue.next() {
                    let _ = sender.send(Message::Started(task.subscription.url.clone()));
                    let pair = &clients[&task.subscription.user_agent];
                    let done = one::fetch(&task, pair, queue, slot);
                    if sender
                        .send(Message::Done(n, task.subscription, Box::new(done)))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for message in receiver {
            match message {
                Message::Started(url) => on_event(Event::Started { url }),
                Message::Done(n, subscription, done) => {
                    let previous = states.get(n).cloned().flatten();
                    for event in write(connection, &subscription, previous, *done, &mut report) {
                        on_event(event);
                    }
                }
            }
        }
    });
    report.removed = store::retain(connection, options.settings.keep_read_days, store::now())?;
    Ok(report)
}

enum Message {
    Started(String),
    Done(usize, Subscription, Box<Done>),
}

/// One client pair per distinct `User-Agent`.
fn clients(tasks: &[Task], network: &net::Settings) -> HashMap<Option<String>, Clients> {
    let mut clients = HashMap::new();
    for task in tasks {
        let agent = &task.subscription.user_agent;
        clients.entry(agent.clone()).or_insert_with(|| Clients {
            feed: Client::not_following(network.clone(), agent.as_deref()),
            page: Client::with_user_agent(network.clone(), agent.as_deref()),
        });
    }
    clients
}
