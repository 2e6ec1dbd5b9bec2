//! One feed, on a worker thread: the conditional GET, redirects followed by hand (a 301/308
//! is a move to record, a 302/307 is not), the parse, and the whole articles of entries that
//! are only summaries. Nothing here touches the database: the result goes back to the
//! thread that writes.

use std::collections::HashSet;

use crate::feed::store::{Entry, FeedState};
use crate::feed::{FullText, Parsed, Subscription, article};
use crate::html::{self, Served};
use crate::library::save;
use crate::net::{Client, FetchError, MAX_REDIRECTS, Response, shown_url};

use super::hosts::{Hosts, host_of};

/// A feed to fetch.
#[derive(Debug, Clone)]
pub struct Task {
    /// The subscription.
    pub subscription: Subscription,
    /// What was remembered of it, if it was fetched before.
    pub state: Option<FeedState>,
}

/// The two clients of one `User-Agent`.
#[derive(Debug, Clone)]
pub struct Clients {
    /// For feeds: redirects by hand.
    pub feed: Client,
    /// For entries' pages: redirects followed.
    pub page: Client,
}

/// What came of one feed.
#[derive(Debug)]
pub enum Outcome {
    /// A feed was read: its items and their texts (same order).
    Fetched {
        /// The response (its body dropped).
        response: Response,
        /// The feed.
        parsed: Parsed,
        /// Each item's stored form.
        entries: Vec<Entry>,
    },
    /// 304: nothing new.
    NotModified(Response),
    /// No feed: a status, a timeout, a body that is no feed.
    Failed {
        /// The status, when the server answered.
        status: Option<u16>,
        /// Why, in words, starting with the address.
        reason: String,
        /// The response, for `Retry-After` on 429/503.
        response: Option<Response>,
    },
}

/// One feed's result, for the writing thread.
#[derive(Debug)]
pub struct Done {
    /// Where it moved for good (301/308), if it did.
    pub moved_to: Option<String>,
    /// What came of it.
    pub outcome: Outcome,
}

/// Fetches `task`'s feed; `slot` is its host's place, held for the feed's request only.
pub fn fetch<S>(
    task: &Task,
    clients: &Clients,
    hosts: &Hosts<S>,
    slot: super::hosts::Slot<'_, S>,
) -> Done {
    let mut headers = Vec::new();
    if let Some(state) = &task.state {
        if let Some(etag) = &state.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(modified) = &state.last_modified {
            headers.push(("If-Modified-Since", modified.as_str()));
        }
    }
    let mut url = task.subscription.url.clone();
    let mut moved_to = None;
    let mut permanent = true;
    let mut slot = Some(slot);
    let mut hops = 0;
    let result = loop {
        let held = slot.take().unwrap_or_else(|| hosts.acquire(&host_of(&url)));
        let response = match clients.feed.get(&url, &headers) {
            Ok(response) => response,
            Err(error) => break Err((None, error.to_string(), None)),
        };
        drop(held);
        if !matches!(response.status, 301 | 302 | 303 | 307 | 308) {
            break Ok(response);
        }
        hops += 1;
        if hops > MAX_REDIRECTS {
            let reason = format!(
                "{}: too many redirects (more than {MAX_REDIRECTS})",
                shown_url(&task.subscription.url)
            );
            break Err((Some(response.status), reason, None));
        }
        let Some(next) = response
            .location
            .as_deref()
            .and_then(|location| html::resolve_link(location, Some(&url)))
        else {
            let reason = format!(
                "{}: HTTP {} without a usable Location",
                shown_url(&url),
                response.status
            );
            break Err((Some(response.status), reason, None));
        };
        permanent &= matches!(response.status, 301 | 308);
        if permanent {
            moved_to = Some(next.clone());
        }
        url = next;
    };
    let outcome = match result {
        Err((status, reason, response)) => Outcome::Failed {
            status,
            reason,
            response,
        },
        Ok(response) if response.status == 304 => Outcome::NotModified(response),
        Ok(response) if !response.is_success() => Outcome::Failed {
            status: Some(response.status),
            reason: response.status_error().to_string(),
            response: Some(response),
        },
        Ok(mut response) => {
            let body = std::mem::take(&mut response.body);
            let feed_url = moved_to.as_deref().unwrap_or(&task.subscription.url);
            match crate::feed::parse(&body, response.content_type.as_deref(), feed_url) {
                Ok(parsed) => {
                    let entries = entries(&parsed, &task.subscription, &url, &clients.page, hosts);
                    Outcome::Fetched {
                        response,
                        parsed,
                        entries,
                    }
                }
                Err(error) => Outcome::Failed {
                    status: Some(response.status),
                    reason: format!("{}: {error}", shown_url(&url)),
                    response: None,
                },
            }
        }
    };
    Done { moved_to, outcome }
}

/// Each item's stored form: its own text, or the whole article from its link when the
/// subscription asks for it (`always`, or `auto` and [`article::is_summary`]).
fn entries<S>(
    parsed: &Parsed,
    subscription: &Subscription,
    feed_url: &str,
    page: &Client,
    hosts: &Hosts<S>,
) -> Vec<Entry> {
    // Hosts whose page timed out: the feed's other pages there are not asked for, or a feed
    // of a hundred entries on a stalled site would take a hundred timeouts.
    let mut stalled: HashSet<String> = HashSet::new();
    parsed
        .items
        .iter()
        .map(|item| {
            let own = article::text(item, parsed, Some(subscription), feed_url);
            let wanted = match subscription.full_text {
                FullText::Always => true,
                FullText::Auto => article::is_summary(item),
                FullText::Never => false,
            };
            // A relative link is the feed's publisher's error, but a common one.
            let link = item
                .link
                .as_deref()
                .filter(|_| wanted)
                .and_then(|link| html::resolve_link(link, Some(feed_url)));
            let Some(link) = link else {
                return Entry {
                    text: own,
                    raw: None,
                    extract_error: None,
                };
            };
            let raw = article::body(item).map(str::to_owned);
            let host = host_of(&link);
            let fetched = if stalled.contains(&host) {
                Err(format!(
                    "{link}: not fetched: an earlier page of {host} timed out"
                ))
            } else {
                whole_article(&link, page, hosts).map_err(|(reason, timed_out)| {
                    if timed_out {
                        stalled.insert(host);
                    }
                    reason
                })
            };
            match fetched {
                Ok(text) => Entry {
                    text,
                    raw,
                    extract_error: None,
                },
                Err(reason) => Entry {
                    text: own,
                    raw,
                    extract_error: Some(reason),
                },
            }
        })
        .collect()
}

/// The article at `link` as lectern text, fetched within its host's limit; or why not, and
/// whether it timed out.
fn whole_article<S>(link: &str, page: &Client, hosts: &Hosts<S>) -> Result<String, (String, bool)> {
    let slot = hosts.acquire(&host_of(link));
    let response = page.get(link, &[]).map_err(|error| {
        (
            error.to_string(),
            matches!(error, FetchError::Timeout { .. }),
        )
    })?;
    drop(slot);
    if !response.is_success() {
        return Err((response.status_error().to_string(), false));
    }
    let page = html::read_served(
        &response.body,
        Served {
            content_type: response.content_type.as_deref(),
            url: Some(&response.url),
        },
    );
    save::page_text(page).map_err(|error| (format!("{link}: {error}"), false))
}
