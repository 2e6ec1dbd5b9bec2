//! A feed's result into the database, on the calling thread, each in short transactions:
//! the move, the articles, then the feed's state (validators, when next due, the failure).
//! A failure changes only the state: no article stored before is touched.

use rusqlite::Connection;

use crate::feed::Subscription;
use crate::feed::store::{self, FeedState};

use super::one::{Done, Outcome};
use super::{Event, Report, polite};

/// Stores `done` for `subscription` (known before as `previous`) and says what happened.
pub fn write(
    connection: &mut Connection,
    subscription: &Subscription,
    previous: Option<FeedState>,
    done: Done,
    report: &mut Report,
) -> Vec<Event> {
    let now = store::now();
    let mut state = previous.unwrap_or_else(|| FeedState {
        url: subscription.url.clone(),
        ..FeedState::default()
    });
    let mut moved = None;
    if let Some(to) = done.moved_to.filter(|to| *to != subscription.url) {
        match store::move_feed(connection, &subscription.url, &to) {
            Ok(()) => {
                state.url.clone_from(&to);
                moved = Some(to);
            }
            Err(error) => {
                let reason = format!("{}: moved to {to}, not recorded: {error}", subscription.url);
                return vec![failed(report, &subscription.url, &reason)];
            }
        }
    }
    state.last_fetched = Some(now);
    let event = match done.outcome {
        Outcome::Fetched {
            response,
            parsed,
            entries,
        } => match store::ingest(connection, &state.url, &parsed, &entries) {
            Ok(ingested) => {
                state.last_status = Some(response.status);
                state.etag.clone_from(&response.etag);
                state.last_modified.clone_from(&response.last_modified);
                state.title.clone_from(&parsed.title);
                state.site_url.clone_from(&parsed.link);
                succeeded(
                    &mut state,
                    polite::next_due(now, &response, parsed.ttl_minutes),
                );
                report.fetched += 1;
                report.new += ingested.new;
                report.updated += ingested.updated;
                Event::Done {
                    url: state.url.clone(),
                    title: parsed.title,
                    new_ids: ingested.new_ids,
                    updated: ingested.updated,
                    not_modified: false,
                }
            }
            Err(error) => {
                let reason = format!("{}: not stored: {error}", state.url);
                return vec![failed(report, &state.url, &reason)];
            }
        },
        Outcome::NotModified(response) => {
            state.last_status = Some(304);
            // A 304 may carry new validators; one without keeps the old.
            if response.etag.is_some() {
                state.etag.clone_from(&response.etag);
            }
            if response.last_modified.is_some() {
                state.last_modified.clone_from(&response.last_modified);
            }
            succeeded(&mut state, polite::next_due(now, &response, None));
            report.fetched += 1;
            report.not_modified += 1;
            Event::Done {
                url: state.url.clone(),
                title: state.title.clone(),
                new_ids: Vec::new(),
                updated: 0,
                not_modified: true,
            }
        }
        Outcome::Failed {
            status,
            reason,
            response,
        } => {
            report.failed += 1;
            let retry_after = response.as_ref().and_then(|r| r.retry_after.as_deref());
            failure(&mut state, now, status, retry_after, reason)
        }
    };
    if let Err(error) = store::record(connection, &state)
        && !matches!(event, Event::Failed { .. })
    {
        report.fetched = report.fetched.saturating_sub(1);
        let reason = format!("{}: state not stored: {error}", state.url);
        return vec![failed(report, &state.url, &reason)];
    }
    // The move is told first: the command line rewrites feeds.toml on it.
    let moved = moved.map(|to| Event::Moved {
        from: subscription.url.clone(),
        to,
    });
    moved.into_iter().chain([event]).collect()
}

/// A feed that answered: no failure remembered, due when the feed or server said.
fn succeeded(state: &mut FeedState, next_due: Option<i64>) {
    state.next_due = next_due;
    state.last_error = None;
    state.failures = 0;
    state.gone = false;
}

/// A failure remembered in `state`: the status, one more failure, gone on 410, the wait
/// asked for on 429/503.
fn failure(
    state: &mut FeedState,
    now: i64,
    status: Option<u16>,
    retry_after: Option<&str>,
    reason: String,
) -> Event {
    state.last_status = status;
    state.failures = state.failures.saturating_add(1);
    state.gone = status == Some(410);
    state.next_due = match status {
        Some(429 | 503) => Some(polite::retry_at(now, retry_after)),
        _ => None,
    };
    let reason = if state.gone {
        format!("{reason}: the feed is gone; not fetched again unless forced (--force)")
    } else if let Some(due) = state.next_due {
        format!("{reason}: not asked again for {} s", due - now)
    } else {
        reason
    };
    state.last_error = Some(reason.clone());
    Event::Failed {
        url: state.url.clone(),
        reason,
        gone: state.gone,
    }
}

fn failed(report: &mut Report, url: &str, reason: &str) -> Event {
    report.failed += 1;
    Event::Failed {
        url: url.to_owned(),
        reason: reason.to_owned(),
        gone: false,
    }
}
