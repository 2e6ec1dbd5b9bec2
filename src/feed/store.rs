//! Feed articles and feed state in `lectern.db` (tables `feed_articles` and `feeds`, see
//! migration 2 in [`crate::db`]): ingesting a parsed feed in one transaction, listing the
//! articles for the library, retention, and what `lectern feed list` shows.

mod feeds;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use xxhash_rust::xxh3::xxh3_64;

pub use feeds::{FeedRow, FeedState, feed_state, move_feed, purge, record, summary};

use super::Parsed;

/// What one entry is stored as, besides what its [`super::Item`] says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The lectern article text (front matter and paragraphs).
    pub text: String,
    /// The feed's own summary or content, kept when the whole article was fetched.
    pub raw: Option<String>,
    /// Why fetching the whole article failed, when it did.
    pub extract_error: Option<String>,
}

/// What an ingest changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Entries not seen before.
    pub new: usize,
    /// Entries seen before whose text or title changed (updated in place, same id).
    pub updated: usize,
    /// The ids of the new entries, in the feed's order.
    pub new_ids: Vec<String>,
}

/// A stored feed article, for the library's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// The lectern article id (16 lowercase hex digits).
    pub id: String,
    /// The feed it came from.
    pub feed_url: String,
    /// The lectern article text.
    pub text: String,
    /// When lectern first stored it (seconds since the Unix epoch).
    pub first_seen: i64,
    /// The entry's date, if it gave one.
    pub published: Option<i64>,
}

/// The lectern article id of an entry: 16 lowercase hex digits of xxh3 of the feed's URL,
/// a newline and the entry's key. Stable across fetches, so marks keyed by id stay.
pub fn article_id(feed_url: &str, item_key: &str) -> String {
    format!(
        "{:016x}",
        xxh3_64(format!("{feed_url}\n{item_key}").as_bytes())
    )
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Stores `parsed`'s items with their `entries` (same order, same length) in one transaction:
/// a new entry is inserted; one already stored for this feed (same key) keeps its id and
/// gets the new text, title and dates when they changed.
///
/// # Errors
/// SQLite failed (the transaction is rolled back: nothing is half stored).
pub fn ingest(
    connection: &mut Connection,
    feed_url: &str,
    parsed: &Parsed,
    entries: &[Entry],
) -> rusqlite::Result<Ingested> {
    let now = now();
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut ingested = Ingested::default();
    {
        let mut find = transaction.prepare_cached(
            "SELECT id, title, text, url, published FROM feed_articles
             WHERE feed_url = ?1 AND item_key = ?2",
        )?;
        let mut insert = transaction.prepare_cached(
            "INSERT INTO feed_articles (id, feed_url, item_key, title, url, published,
                 first_seen, updated, text, raw, extract_error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (id) DO NOTHING",
        )?;
        let mut update = transaction.prepare_cached(
            "UPDATE feed_articles SET title = ?2, url = ?3, published = ?4, updated = ?5,
                 text = ?6, raw = ?7, extract_error = ?8 WHERE id = ?1",
        )?;
        for (item, entry) in parsed.items.iter().zip(entries) {
            type Found = (String, String, String, Option<String>, Option<i64>);
            let found: Option<Found> = find
                .query_row(params![feed_url, item.key], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })
                .optional()?;
            match found {
                None => {
                    let id = article_id(feed_url, &item.key);
                    let inserted = insert.execute(params![
                        id,
                        feed_url,
                        item.key,
                        item.title,
                        item.link,
                        item.published,
                        now,
                        item.updated,
                        entry.text,
                        entry.raw,
                        entry.extract_error,
                    ])?;
                    if inserted > 0 {
                        ingested.new += 1;
                        ingested.new_ids.push(id);
                    }
                }
                Some((id, title, text, url, published)) => {
                    let same = title == item.title
                        && text == entry.text
                        && url == item.link
                        && published == item.published;
                    if !same {
                        update.execute(params![
                            id,
                            item.title,
                            item.link,
                            item.published,
                            item.updated,
                            entry.text,
                            entry.raw,
                            entry.extract_error,
                        ])?;
                        ingested.updated += 1;
                    }
                }
            }
        }
    }
    transaction.commit()?;
    Ok(ingested)
}

/// Every stored feed article, newest first (by its date, else when first seen), in one query.
///
/// # Errors
/// SQLite failed.
pub fn articles(connection: &Connection) -> rusqlite::Result<Vec<StoredArticle>> {
    let mut statement = connection.prepare_cached(&format!(
        "SELECT {STORED} FROM feed_articles ORDER BY coalesce(published, first_seen) DESC, id"
    ))?;
    statement.query_map([], stored)?.collect()
}

/// The stored feed articles with these ids, in that order (ids not stored are left out).
///
/// # Errors
/// SQLite failed.
pub fn articles_by_id(
    connection: &Connection,
    ids: &[String],
) -> rusqlite::Result<Vec<StoredArticle>> {
    let mut statement =
        connection.prepare_cached(&format!("SELECT {STORED} FROM feed_articles WHERE id = ?1"))?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.extend(statement.query_row([id], stored).optional()?);
    }
    Ok(found)
}

/// The columns [`stored`] reads, in its order.
const STORED: &str = "id, feed_url, text, first_seen, published";

fn stored(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    Ok(StoredArticle {
        id: row.get(0)?,
        feed_url: row.get(1)?,
        text: row.get(2)?,
        first_seen: row.get(3)?,
        published: row.get(4)?,
    })
}

/// The text of the feed article with this id.
///
/// # Errors
/// SQLite failed.
pub fn article_text(connection: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    connection
        .prepare_cached("SELECT text FROM feed_articles WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()
}

/// The extraction error and the feed's own text of the article with this id, for the
/// reader's header ("whole article not fetched: …").
///
/// # Errors
/// SQLite failed.
pub fn article_raw(
    connection: &Connection,
    id: &str,
) -> rusqlite::Result<Option<(Option<String>, Option<String>)>> {
    connection
        .prepare_cached("SELECT raw, extract_error FROM feed_articles WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()
}

/// Deletes the feed articles first seen more than `max_age_days` before `now` that are read
/// and not bookmarked; returns how many went.
///
/// # Errors
/// SQLite failed.
pub fn retain(connection: &Connection, max_age_days: u32, now: i64) -> rusqlite::Result<usize> {
    let cutoff = now - i64::from(max_age_days) * 86_400;
    connection.execute(
        "DELETE FROM feed_articles WHERE first_seen < ?1
           AND id IN (SELECT id FROM read_marks WHERE read = 1)
           AND id NOT IN (SELECT id FROM bookmarks WHERE bookmarked = 1)",
        [cutoff],
    )
}

#[cfg(test)]
mod tests;
