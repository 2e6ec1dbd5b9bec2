//! Feed articles as library rows: read from `lectern.db` (where `lectern fetch` and the
//! reload key keep them) beside the files, and their bodies read again on demand.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rusqlite::{Connection, OpenFlags};

use super::load::Loaded;
use super::read::Problem;
use super::{Entry, Origin, Warning, display_path};
use crate::article::{self, Article};
use crate::feed::store::{self, StoredArticle};
use crate::filter::SearchKey;

/// Opens the database for reading feed articles; `None` when there is no database yet (no
/// feed was ever fetched), which is not a problem.
fn open(database: &Path) -> Result<Option<Connection>, Warning> {
    if !database.exists() {
        return Ok(None);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(database, flags)
        .and_then(|connection| {
            connection.busy_timeout(crate::db::BUSY_TIMEOUT)?;
            Ok(connection)
        })
        .map_err(|error| warning(database, &error))?;
    Ok(Some(connection))
}

fn warning(database: &Path, error: &rusqlite::Error) -> Warning {
    Warning {
        path: display_path(database),
        problem: Problem::Io(format!("feed articles not read: {error}")),
    }
}

/// Whether an error only says that the feed tables are not there yet (a database from before
/// feeds, not yet brought up to date by the store): no feed articles, no warning.
fn no_feed_tables(error: &rusqlite::Error) -> bool {
    error.to_string().contains("no such table")
}

/// Every feed article in `database`, as loaded rows (parsed in parallel); a database that
/// cannot be read is one warning, and the files still load.
pub fn load(database: &Path) -> Vec<Loaded> {
    load_with(database, store::articles)
}

/// The feed articles of `database` with these `ids` (those just fetched), as loaded rows.
pub fn load_ids(database: &Path, ids: &[String]) -> Vec<Loaded> {
    load_with(database, |connection| {
        store::articles_by_id(connection, ids)
    })
}

fn load_with(
    database: &Path,
    query: impl FnOnce(&Connection) -> rusqlite::Result<Vec<StoredArticle>>,
) -> Vec<Loaded> {
    let stored = match open(database) {
        Ok(None) => return Vec::new(),
        Ok(Some(connection)) => query(&connection),
        Err(warning) => return vec![Loaded::Skipped(warning)],
    };
    match stored {
        Ok(stored) => stored.into_par_iter().map(row).collect(),
        Err(error) if no_feed_tables(&error) => Vec::new(),
        Err(error) => vec![Loaded::Skipped(warning(database, &error))],
    }
}

/// When the article was first seen, as the date of last resort.
fn first_seen(seconds: i64) -> Option<SystemTime> {
    let seconds = u64::try_from(seconds).ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// Parses a stored text; the article keeps the id it was stored under (made from the feed
/// and the entry, so its marks survive an update of its text) and is shown at its link.
fn parse(id: String, feed_url: &str, text: String, first_seen_at: i64) -> Article {
    // `article::parse`, not the file reader: a link ending in `.html` is not a page to
    // extract, and the text was decoded and made NFC when it was stored.
    let (mut article, _) = article::parse(text, String::new(), first_seen(first_seen_at));
    article.meta.path = match &article.meta.url {
        Some(url) => display_path(Path::new(url)),
        None => display_path(Path::new(&format!("{feed_url}#{id}"))),
    };
    article.meta.id = id;
    article
}

fn row(stored: StoredArticle) -> Loaded {
    let StoredArticle {
        id,
        feed_url,
        text,
        first_seen,
        ..
    } = stored;
    let article = parse(id, &feed_url, text, first_seen);
    let key = SearchKey::new(&article.meta.title, article.meta.source.as_deref());
    let entry = Entry {
        meta: article.meta,
        origin: Origin::Feed(feed_url.into()),
    };
    Loaded::Article(entry, key, Vec::new())
}

/// The tags of each feed subscribed in `subscriptions` (feeds.toml), by address; none when
/// there is no such file or it cannot be read (`lectern feed` and the reload key say why).
pub fn tags(subscriptions: Option<&Path>) -> HashMap<String, Vec<String>> {
    let feeds = subscriptions.and_then(|file| crate::feed::subscriptions::load(file).ok());
    (feeds.into_iter().flatten())
        .filter(|feed| !feed.tags.is_empty())
        .map(|feed| {
            (
                feed.url,
                feed.tags.iter().map(|tag| tag.to_lowercase()).collect(),
            )
        })
        .collect()
}

/// Reads a feed article's whole text again. A whole article that could not be fetched says
/// why in its details line, where the reader shows it.
///
/// # Errors
/// The database cannot be read, or the article was removed since it was listed.
pub fn read(database: &Path, entry: &Entry) -> Result<Article, Warning> {
    let gone = || Warning {
        path: entry.meta.path.clone(),
        problem: Problem::Io("no longer in the database (removed by retention?)".into()),
    };
    let connection = open(database)?.ok_or_else(gone)?;
    let id = &entry.meta.id;
    let found = store::article_text(&connection, id).map_err(|e| warning(database, &e))?;
    let text = found.ok_or_else(gone)?;
    let mut article = parse(id.clone(), "", text, 0);
    // The list's row keeps its own date and path: the same article must look the same.
    article.meta.path.clone_from(&entry.meta.path);
    article.meta.date.clone_from(&entry.meta.date);
    article.meta.date_source = entry.meta.date_source;
    if let Ok(Some((_, Some(reason)))) = store::article_raw(&connection, id) {
        article.meta.source = Some(match article.meta.source.take() {
            Some(source) => format!("{source} · summary only: {reason}"),
            None => format!("summary only: {reason}"),
        });
    }
    Ok(article)
}
