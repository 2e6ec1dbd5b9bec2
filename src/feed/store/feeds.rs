//! The `feeds` table: per feed, what polite fetching remembers between runs (validators,
//! when it is next due, the last status or error, consecutive failures, gone), and the
//! counts `lectern feed list` shows.

use rusqlite::{Connection, OptionalExtension, Row, params};

/// What lectern remembers of one feed between fetches.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FeedState {
    /// The feed's address (after permanent redirects).
    pub url: String,
    /// Its own title, from the last parse.
    pub title: Option<String>,
    /// The site it is for.
    pub site_url: Option<String>,
    /// The last `ETag`, for `If-None-Match`.
    pub etag: Option<String>,
    /// The last `Last-Modified`, for `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// When it was last asked for (seconds since the Unix epoch).
    pub last_fetched: Option<i64>,
    /// The last HTTP status, or none when no answer came.
    pub last_status: Option<u16>,
    /// The last failure in words, cleared by a success.
    pub last_error: Option<String>,
    /// Failures in a row.
    pub failures: u32,
    /// Not to be fetched before this time (seconds since the Unix epoch), unless forced.
    pub next_due: Option<i64>,
    /// It answered 410 Gone: not fetched again unless forced.
    pub gone: bool,
}

/// A feed with its article counts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FeedRow {
    /// What is remembered of it.
    #[serde(flatten)]
    pub state: FeedState,
    /// Its stored articles.
    pub articles: i64,
    /// Those not marked read.
    pub unread: i64,
}

const COLUMNS: &str = "url, title, site_url, etag, last_modified, last_fetched, last_status,
    last_error, failures, next_due, gone";

fn from_row(row: &Row<'_>) -> rusqlite::Result<FeedState> {
    Ok(FeedState {
        url: row.get(0)?,
        title: row.get(1)?,
        site_url: row.get(2)?,
        etag: row.get(3)?,
        last_modified: row.get(4)?,
        last_fetched: row.get(5)?,
        last_status: row.get(6)?,
        last_error: row.get(7)?,
        failures: row.get(8)?,
        next_due: row.get(9)?,
        gone: row.get(10)?,
    })
}

/// What is remembered of the feed at `url`, if it was ever fetched.
///
/// # Errors
/// SQLite failed.
pub fn feed_state(connection: &Connection, url: &str) -> rusqlite::Result<Option<FeedState>> {
    connection
        .prepare_cached(&format!("SELECT {COLUMNS} FROM feeds WHERE url = ?1"))?
        .query_row([url], from_row)
        .optional()
}

/// Writes `state` (inserting or replacing its row).
///
/// # Errors
/// SQLite failed.
pub fn record(connection: &Connection, state: &FeedState) -> rusqlite::Result<()> {
    connection
        .prepare_cached(&format!(
            "INSERT OR REPLACE INTO feeds ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ))?
        .execute(params![
            state.url,
            state.title,
            state.site_url,
            state.etag,
            state.last_modified,
            state.last_fetched,
            state.last_status,
            state.last_error,
            state.failures,
            state.next_due,
            state.gone,
        ])?;
    Ok(())
}

/// A feed moved for good (301/308): its row and its articles now belong to `new`. The
/// articles keep their ids (made from the old address), so their marks stay.
///
/// # Errors
/// SQLite failed (nothing is changed).
pub fn move_feed(connection: &mut Connection, old: &str, new: &str) -> rusqlite::Result<()> {
    let transaction = connection.transaction()?;
    transaction.execute("DELETE FROM feeds WHERE url = ?2 AND ?1 != ?2", [old, new])?;
    transaction.execute("UPDATE feeds SET url = ?2 WHERE url = ?1", [old, new])?;
    // An entry already stored under the new address stays there; the old copy goes.
    transaction.execute(
        "DELETE FROM feed_articles WHERE feed_url = ?1 AND item_key IN
           (SELECT item_key FROM feed_articles WHERE feed_url = ?2)",
        [old, new],
    )?;
    transaction.execute(
        "UPDATE feed_articles SET feed_url = ?2 WHERE feed_url = ?1",
        [old, new],
    )?;
    transaction.commit()
}

/// Deletes a feed's row and its articles, except the bookmarked ones; returns how many
/// articles went.
///
/// # Errors
/// SQLite failed.
pub fn purge(connection: &mut Connection, feed_url: &str) -> rusqlite::Result<usize> {
    let transaction = connection.transaction()?;
    let deleted = transaction.execute(
        "DELETE FROM feed_articles WHERE feed_url = ?1
           AND id NOT IN (SELECT id FROM bookmarks WHERE bookmarked = 1)",
        [feed_url],
    )?;
    transaction.execute("DELETE FROM feeds WHERE url = ?1", [feed_url])?;
    transaction.commit()?;
    Ok(deleted)
}

/// Every feed ever fetched with its counts of articles and unread articles, by address.
///
/// # Errors
/// SQLite failed.
pub fn summary(connection: &Connection) -> rusqlite::Result<Vec<FeedRow>> {
    let columns: String = COLUMNS
        .split(',')
        .map(|column| format!("f.{}", column.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut statement = connection.prepare_cached(&format!(
        "SELECT {columns}, count(a.id), count(a.id) - count(r.id)
         FROM feeds f
         LEFT JOIN feed_articles a ON a.feed_url = f.url
         LEFT JOIN read_marks r ON r.id = a.id AND r.read = 1
         GROUP BY f.url ORDER BY f.url"
    ))?;
    statement
        .query_map([], |row| {
            Ok(FeedRow {
                state: from_row(row)?,
                articles: row.get(11)?,
                unread: row.get(12)?,
            })
        })?
        .collect()
}
