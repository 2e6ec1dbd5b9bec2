//! Changes to `feeds.toml` as a person would make them: `toml_edit` keeps their comments, order
//! and other keys; the file is replaced atomically (a temporary file renamed over it), through
//! a symlink to the file it names, with its mode kept.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::{FullText, Subscription};

/// What a new `feeds.toml` starts with.
const HEADER: &str = "\
# lectern's subscriptions: one [[feed]] table per feed (every key: feeds.example.toml).
# `lectern feed add`, `remove` and `import` edit this file and keep your comments.
";

/// The file's path through any symlink, and its document (empty when it is missing).
fn open(path: &Path) -> anyhow::Result<(PathBuf, DocumentMut)> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => bail!("{}: {error}", path.display()),
    };
    let doc = text.parse::<DocumentMut>().map_err(|error| {
        anyhow::anyhow!(
            "{}: not changed, it is not valid TOML: {}",
            path.display(),
            error.message()
        )
    })?;
    Ok((path, doc))
}

/// The `[[feed]]` tables; an error names the file when `feed` is something else.
fn feeds<'a>(path: &Path, doc: &'a mut DocumentMut) -> anyhow::Result<&'a mut ArrayOfTables> {
    let item = doc
        .entry("feed")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut().with_context(|| {
        format!(
            "{}: not changed, `feed` is not a list of [[feed]] tables",
            path.display()
        )
    })
}

/// Writes `doc` over `path` atomically.
fn write(path: &Path, doc: &DocumentMut) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_owned(),
        _ => PathBuf::from("."),
    };
    let io = |what: &Path| format!("{}", what.display());
    std::fs::create_dir_all(&folder).with_context(|| io(&folder))?;
    let mut file = tempfile::NamedTempFile::new_in(&folder).with_context(|| io(&folder))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        file.as_file()
            .set_permissions(metadata.permissions())
            .with_context(|| io(path))?;
    }
    file.write_all(doc.to_string().as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| io(path))?;
    file.persist(path)
        .map_err(|e| e.error)
        .with_context(|| io(path))?;
    Ok(())
}

/// A `[[feed]]` table's subscription; `None` when it is not valid.
fn subscription(table: &Table) -> Option<Subscription> {
    toml::from_str(&table.to_string()).ok()
}

/// A table for `feed`, keys in the documented order, defaults left out.
fn table(feed: &Subscription) -> Table {
    let mut table = Table::new();
    table.insert("url", value(feed.url.as_str()));
    for (key, field) in [
        ("title", &feed.title),
        ("lang", &feed.lang),
        ("user_agent", &feed.user_agent),
    ] {
        if let Some(field) = field {
            table.insert(key, value(field.as_str()));
        }
    }
    match feed.full_text {
        FullText::Auto => {}
        FullText::Always => drop(table.insert("full_text", value("always"))),
        FullText::Never => drop(table.insert("full_text", value("never"))),
    }
    if !feed.tags.is_empty() {
        let tags: toml_edit::Array = feed.tags.iter().map(String::as_str).collect();
        table.insert("tags", value(tags));
    }
    table
}

/// Adds `feed` at the end of the file at `path` (created, with its folder, when missing).
///
/// Returns `false`, changing nothing, when a feed with the same URL is already there.
///
/// # Errors
/// The file is not valid, or cannot be read or written.
pub fn add(path: &Path, feed: &Subscription) -> anyhow::Result<bool> {
    let (path, mut doc) = open(path)?;
    let new_file = doc.to_string().trim().is_empty();
    // A file of comments alone keeps them at the end of the document: they go before the
    // first feed instead, where their owner wrote them.
    let comments = doc.trailing().as_str().unwrap_or_default().to_owned();
    let feeds = feeds(&path, &mut doc)?;
    if feeds
        .iter()
        .any(|t| t.get("url").and_then(Item::as_str) == Some(feed.url.as_str()))
    {
        return Ok(false);
    }
    let first = feeds.is_empty();
    let mut table = table(feed);
    if new_file {
        table.decor_mut().set_prefix(HEADER);
    } else if first && !comments.trim().is_empty() {
        table
            .decor_mut()
            .set_prefix(format!("{}\n\n", comments.trim_end()));
    }
    feeds.push(table);
    if first && !new_file {
        doc.set_trailing("");
    }
    write(&path, &doc)?;
    Ok(true)
}

/// Removes the feed whose URL is `url_or_title`, else whose title it is (case-insensitively),
/// and returns it; `None` when no feed matches.
///
/// # Errors
/// Several feeds have that title (the message lists their URLs), or the file is not valid,
/// or cannot be read or written.
pub fn remove(path: &Path, url_or_title: &str) -> anyhow::Result<Option<Subscription>> {
    let (path, mut doc) = open(path)?;
    let feeds = feeds(&path, &mut doc)?;
    let url = |t: &Table| t.get("url").and_then(Item::as_str).map(str::to_owned);
    let wanted = url_or_title.trim();
    let by_url: Vec<usize> = (0..feeds.len())
        .filter(|&i| feeds.get(i).and_then(url).as_deref() == Some(wanted))
        .collect();
    let matches = if by_url.is_empty() {
        let wanted = wanted.to_lowercase();
        (0..feeds.len())
            .filter(|&i| {
                feeds
                    .get(i)
                    .and_then(|t| t.get("title").and_then(Item::as_str))
                    .is_some_and(|title| title.trim().to_lowercase() == wanted)
            })
            .collect()
    } else {
        by_url
    };
    match matches.as_slice() {
        [] => Ok(None),
        [index] => {
            let removed = feeds.get(*index).and_then(subscription);
            feeds.remove(*index);
            write(&path, &doc)?;
            Ok(removed)
        }
        several => {
            let urls: Vec<String> = several
                .iter()
                .filter_map(|&i| feeds.get(i).and_then(url))
                .collect();
            bail!(
                "{} feeds are titled {url_or_title:?}; remove one by its URL: {}",
                urls.len(),
                urls.join(", ")
            )
        }
    }
}

/// Changes the URL of the feed at `old` to `new` (after a permanent redirect), its comments
/// and other keys kept.
///
/// # Errors
/// No feed has the URL `old`, or the file is not valid, or cannot be read or written.
pub fn set_url(path: &Path, old: &str, new: &str) -> anyhow::Result<()> {
    let (path, mut doc) = open(path)?;
    let feeds = feeds(&path, &mut doc)?;
    let Some(table) = feeds
        .iter_mut()
        .find(|t| t.get("url").and_then(Item::as_str) == Some(old))
    else {
        bail!("{}: no feed has the URL {old}", path.display());
    };
    let decor = table
        .get("url")
        .and_then(Item::as_value)
        .map(|v| v.decor().clone());
    table.insert("url", value(new));
    if let (Some(decor), Some(url)) = (decor, table.get_mut("url").and_then(Item::as_value_mut)) {
        *url.decor_mut() = decor;
    }
    write(&path, &doc)
}
