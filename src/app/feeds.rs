//! The feeds box over the list: each subscription with its articles, unread ones, last fetch
//! and last error, as `lectern feed list` shows them; `open` shows that feed's articles in the
//! list (a `feed:` filter the person can read and edit).

use super::{App, View, links_box, reader};
use crate::action::Action;
use crate::feed::store::{self, FeedRow};
use crate::feed::subscriptions;
use crate::text::sanitize::sanitize_line;

/// One subscription as the box shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLine {
    /// Its name: the title given in feeds.toml, else the feed's own, else its address.
    pub name: String,
    /// Its address.
    pub url: String,
    /// Articles stored, and those not read.
    pub articles: i64,
    /// Articles not read.
    pub unread: i64,
    /// What its last fetch came to: `ok 2026-12-01`, `never fetched`, `FAILING (3): reason`,
    /// `GONE`.
    pub status: String,
    /// Whether the status reports a failure.
    pub failing: bool,
}

/// The feeds box: its lines, the selection and the first line shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedsBox {
    /// The subscriptions, in feeds.toml's order.
    pub lines: Vec<FeedLine>,
    /// The selected line.
    pub selected: usize,
    /// The first line shown.
    pub scroll: usize,
}

/// The line of a subscription named `name` at `url`, from what the database remembers.
fn line(name: Option<String>, url: &str, row: Option<&FeedRow>) -> FeedLine {
    let state = row.map(|row| &row.state);
    let name = (name.or_else(|| state.and_then(|s| s.title.clone())))
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| url.to_owned());
    let (status, failing) = match state {
        None
        | Some(store::FeedState {
            last_fetched: None, ..
        }) => ("never fetched".into(), false),
        Some(state) if state.gone => ("GONE (HTTP 410)".into(), true),
        Some(state) if state.failures > 0 => {
            let reason = state.last_error.as_deref().unwrap_or("failed");
            (format!("FAILING ({}): {reason}", state.failures), true)
        }
        Some(state) => {
            let day = state.last_fetched.and_then(crate::feed::article::day);
            (format!("ok {}", day.unwrap_or_default()), false)
        }
    };
    FeedLine {
        name: sanitize_line(&name),
        url: sanitize_line(url),
        articles: row.map_or(0, |row| row.articles),
        unread: row.map_or(0, |row| row.unread),
        status: sanitize_line(&status),
        failing,
    }
}

impl App {
    /// Opens the feeds box over the list, or closes it.
    pub(super) fn show_feeds(&mut self) {
        if self.feeds.take().is_some() || !matches!(self.view, View::List) {
            return;
        }
        let Some(file) = self.rescan.feeds.clone() else {
            return self.info("no feeds here: the library was named on the command line".into());
        };
        let subscribed = match subscriptions::load(&file) {
            Ok(subscribed) => subscribed,
            Err(error) => return self.error(sanitize_line(&format!("{error:#}"))),
        };
        if subscribed.is_empty() {
            return self.info("no feeds yet: add one with `lectern feed add URL`".into());
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let rows = rusqlite::Connection::open_with_flags(self.store.db_file(), flags)
            .and_then(|connection| store::summary(&connection))
            .unwrap_or_default();
        let lines = (subscribed.into_iter())
            .map(|feed| {
                let row = rows.iter().find(|row| row.state.url == feed.url);
                line(feed.title, &feed.url, row)
            })
            .collect();
        self.feeds = Some(FeedsBox {
            lines,
            ..FeedsBox::default()
        });
    }

    /// An action while the feeds box is open.
    pub(super) fn update_feeds(&mut self, action: &Action) {
        let Some(feeds) = &mut self.feeds else { return };
        let count = feeds.lines.len();
        let rows = usize::from(links_box(self.size, count).height.saturating_sub(3));
        match action {
            Action::Back | Action::ShowFeeds => self.feeds = None,
            Action::Open => {
                let name = feeds.lines.get(feeds.selected).map(|l| l.name.clone());
                self.feeds = None;
                if let Some(name) = name {
                    self.show_feed_articles(&name);
                }
            }
            action if action.is_movement() => {
                feeds.selected =
                    reader::moved(feeds.selected, action, rows, count.saturating_sub(1));
                if feeds.selected < feeds.scroll {
                    feeds.scroll = feeds.selected;
                } else if rows > 0 && feeds.selected >= feeds.scroll + rows {
                    feeds.scroll = feeds.selected + 1 - rows;
                }
            }
            _ => {}
        }
    }

    /// Filters the list to the articles of the feed named `name`: `feed:` and its letters.
    fn show_feed_articles(&mut self, name: &str) {
        let letters: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        self.list.prompt.clear();
        self.list.prompt.insert(&format!("feed:{letters}"));
        self.list.filter.reset();
        self.refilter(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::store::FeedState;

    fn row(state: FeedState) -> FeedRow {
        FeedRow {
            state,
            articles: 12,
            unread: 5,
        }
    }

    #[test]
    fn a_line_says_how_the_last_fetch_went() {
        let never = line(Some("Daily".into()), "https://a.example/rss", None);
        assert_eq!(
            (never.name.as_str(), never.status.as_str()),
            ("Daily", "never fetched")
        );
        let fetched = FeedState {
            url: "https://a.example/rss".into(),
            title: Some("Its own title".into()),
            last_fetched: Some(1_764_583_200), // 2025-12-01 10:00 UTC
            ..FeedState::default()
        };
        let ok = line(None, "https://a.example/rss", Some(&row(fetched.clone())));
        assert_eq!(ok.name, "Its own title");
        assert_eq!((ok.articles, ok.unread), (12, 5));
        assert_eq!((ok.status.as_str(), ok.failing), ("ok 2025-12-01", false));
        let failing = FeedState {
            failures: 3,
            last_error: Some("HTTP 503\x1b[31m".into()),
            ..fetched.clone()
        };
        let failing = line(None, "u", Some(&row(failing)));
        assert!(failing.failing);
        assert!(
            failing.status.starts_with("FAILING (3): HTTP 503"),
            "{}",
            failing.status
        );
        assert!(!failing.status.contains('\x1b'));
        let gone = line(
            None,
            "u",
            Some(&row(FeedState {
                gone: true,
                ..fetched
            })),
        );
        assert_eq!(gone.status, "GONE (HTTP 410)");
    }
}
