//! `lectern feed list`: each subscription with what the database knows of it (articles,
//! unread, last fetch, last status or error, when it may be fetched next), and the
//! database's size. Feeds that keep failing or are gone are shown as such.

use std::fmt::Write as _;

use crate::feed::Subscription;
use crate::feed::store::FeedRow;
use crate::text::sanitize::sanitize_line;

/// How `lectern feed list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedListFormat {
    /// One block of lines per feed, for people.
    Table,
    /// A JSON object (`feeds`, `database_bytes`) for programs.
    Json,
}

/// Arguments of `lectern feed list`.
#[derive(Debug, clap::Args)]
pub struct FeedListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FeedListFormat::Table)]
    pub format: FeedListFormat,
}

/// One subscription and its row of the database, if it was ever fetched.
#[derive(Debug, serde::Serialize)]
struct Listed<'a> {
    url: &'a str,
    title: Option<&'a str>,
    tags: &'a [String],
    articles: i64,
    unread: i64,
    last_fetched: Option<i64>,
    last_status: Option<u16>,
    last_error: Option<&'a str>,
    failures: u32,
    next_due: Option<i64>,
    gone: bool,
}

/// The listing of `subscriptions` with their `rows` (from [`crate::feed::store::summary`])
/// and the database's size in bytes, in `format`.
pub fn render(
    subscriptions: &[Subscription],
    rows: &[FeedRow],
    database_bytes: u64,
    format: FeedListFormat,
) -> String {
    let listed: Vec<Listed<'_>> = subscriptions
        .iter()
        .map(|subscription| {
            let row = rows.iter().find(|row| row.state.url == subscription.url);
            let state = row.map(|row| &row.state);
            Listed {
                url: &subscription.url,
                title: subscription
                    .title
                    .as_deref()
                    .or_else(|| state.and_then(|s| s.title.as_deref())),
                tags: &subscription.tags,
                articles: row.map_or(0, |row| row.articles),
                unread: row.map_or(0, |row| row.unread),
                last_fetched: state.and_then(|s| s.last_fetched),
                last_status: state.and_then(|s| s.last_status),
                last_error: state.and_then(|s| s.last_error.as_deref()),
                failures: state.map_or(0, |s| s.failures),
                next_due: state.and_then(|s| s.next_due),
                gone: state.is_some_and(|s| s.gone),
            }
        })
        .collect();
    match format {
        FeedListFormat::Json => {
            let value = serde_json::json!({ "feeds": listed, "database_bytes": database_bytes });
            format!("{}\n", super::json::json(&value))
        }
        FeedListFormat::Table => table(&listed, database_bytes),
    }
}

fn table(listed: &[Listed<'_>], database_bytes: u64) -> String {
    let mut out = String::new();
    for feed in listed {
        let title = feed.title.unwrap_or("(no title yet)");
        let _ = writeln!(out, "{}", sanitize_line(title));
        let _ = writeln!(out, "  {}", sanitize_line(feed.url));
        if !feed.tags.is_empty() {
            let _ = writeln!(out, "  tags: {}", sanitize_line(&feed.tags.join(", ")));
        }
        let _ = writeln!(out, "  {} articles, {} unread", feed.articles, feed.unread);
        let fetched = feed.last_fetched.map_or_else(|| "never".to_owned(), when);
        let status = match (feed.gone, feed.last_status, feed.last_error) {
            (true, _, _) => "GONE (HTTP 410): not fetched unless forced".to_owned(),
            (false, _, Some(error)) => format!(
                "FAILING ({} in a row): {}",
                feed.failures,
                sanitize_line(error)
            ),
            (false, Some(status), None) => format!("HTTP {status}"),
            (false, None, None) => "-".to_owned(),
        };
        let _ = writeln!(out, "  last fetched: {fetched}; {status}");
        if let Some(due) = feed.next_due {
            let _ = writeln!(out, "  next fetch allowed: {}", when(due));
        }
    }
    let _ = writeln!(
        out,
        "{} feed{}; database {:.1} MiB",
        listed.len(),
        if listed.len() == 1 { "" } else { "s" },
        f64::from(u32::try_from(database_bytes / 1024).unwrap_or(u32::MAX)) / 1024.0
    );
    out
}

/// A time as `YYYY-MM-DD HH:MM UTC`.
fn when(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).map_or_else(
        || seconds.to_string(),
        |date| date.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// Runs `lectern feed list`.
///
/// # Errors
/// feeds.toml or the database cannot be read, or stdout cannot be written.
pub fn run(args: &FeedListArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    let file = crate::feed::subscriptions::default_file().context("no configuration folder")?;
    let subscriptions = crate::feed::subscriptions::load(&file)?;
    let connection = super::fetch::open_database()?;
    let rows = crate::feed::store::summary(&connection)?;
    let path = super::data_dir()?.join(crate::db::DB_FILE);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len())
        + std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len());
    super::print(&render(&subscriptions, &rows, size, args.format))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::store::FeedState;

    #[test]
    fn feeds_show_counts_status_and_failures() {
        let subscriptions = vec![
            Subscription {
                url: "https://a.example/feed".to_owned(),
                tags: vec!["world".to_owned()],
                ..Subscription::default()
            },
            Subscription {
                url: "https://b.example/feed".to_owned(),
                title: Some("B".to_owned()),
                ..Subscription::default()
            },
        ];
        let rows = vec![FeedRow {
            state: FeedState {
                url: "https://a.example/feed".to_owned(),
                title: Some("A News".to_owned()),
                last_fetched: Some(86_400),
                last_status: Some(503),
                last_error: Some("https://a.example/feed: HTTP 503".to_owned()),
                failures: 2,
                next_due: Some(86_400 + 3600),
                ..FeedState::default()
            },
            articles: 5,
            unread: 3,
        }];
        let text = render(
            &subscriptions,
            &rows,
            2 * 1024 * 1024,
            FeedListFormat::Table,
        );
        assert_eq!(
            text,
            "A News\n  https://a.example/feed\n  tags: world\n  5 articles, 3 unread\n  \
             last fetched: 1970-01-02 00:00 UTC; FAILING (2 in a row): https://a.example/feed: HTTP 503\n  \
             next fetch allowed: 1970-01-02 01:00 UTC\n\
             B\n  https://b.example/feed\n  0 articles, 0 unread\n  last fetched: never; -\n\
             2 feeds; database 2.0 MiB\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render(&subscriptions, &rows, 7, FeedListFormat::Json))
                .expect("json");
        assert_eq!(json["database_bytes"], 7);
        assert_eq!(json["feeds"][0]["unread"], 3);
        assert_eq!(json["feeds"][1]["title"], "B");
        assert_eq!(json["feeds"][1]["last_fetched"], serde_json::Value::Null);
    }
}
