//! Finding the article `lectern show` is asked for: a file, or an id in the library, in
//! the search index's or the bookmarks' memory, or in a library the index cache knows.

use std::path::PathBuf;

use anyhow::bail;

use crate::article::Article;
use crate::config::Config;
use crate::library::{Library, LoadOptions, cached_libraries};

/// Finds the article: a file, or an id (or `bundled:` path) in the library of `library_paths`.
pub fn find(wanted: &str, library_paths: &[PathBuf], config: &Config) -> anyhow::Result<Article> {
    let options = LoadOptions {
        max_file_size: config.max_file_size,
        cache_dir: super::super::cache_dir(),
        bundled: false,
        // An id may be a feed article's.
        database: super::super::paths::feed_database(),
        subscriptions: None,
    };
    let path = PathBuf::from(wanted);
    if path.is_dir() {
        let shown = crate::text::sanitize_line(wanted);
        bail!("{shown} is a folder, not an article; to see its articles: lectern list {shown}");
    }
    if path.is_file() {
        return Library::read_file(&path, &options).map_err(|warning| anyhow::anyhow!("{warning}"));
    }
    let library = if path.exists() {
        Library::load(
            &[path],
            LoadOptions {
                cache_dir: None,
                database: None,
                ..options.clone()
            },
        )
    } else if library_paths.is_empty() {
        match super::super::paths::default_source(config) {
            Some((paths, options)) => Library::load(&paths, options),
            None => Library::bundled(),
        }
    } else {
        Library::load(library_paths, options.clone())
    };
    let entry = if PathBuf::from(wanted).exists() {
        if let Some(warning) = library.warnings.iter().find(|w| w.problem.skipped()) {
            bail!("{warning}");
        }
        library.entries.first()
    } else {
        library
            .entries
            .iter()
            .find(|e| e.meta.id == wanted || e.meta.path == wanted)
    };
    let Some(entry) = entry else {
        return elsewhere(wanted, &options);
    };
    library
        .read(entry)
        .map_err(|warning| anyhow::anyhow!("{warning}"))
}

/// An id that is not in the library asked for: the file lectern last saw it in, as the
/// search index or a bookmark remembers it (so an id from `lectern search` or from a list
/// of another folder still works), if that file still holds that article; else the other
/// libraries the index cache knows (every folder `lectern list` or the reader opened).
fn elsewhere(wanted: &str, options: &LoadOptions) -> anyhow::Result<Article> {
    let shown = crate::text::sanitize_line(wanted);
    for path in remembered_paths(wanted) {
        let path = PathBuf::from(path);
        if !path.is_file() {
            continue;
        }
        match Library::read_file(&path, options) {
            Ok(article) if article.meta.id == wanted => return Ok(article),
            _ => bail!(
                "{shown}: that article was in {}, which has changed since",
                crate::text::sanitize_line(&path.display().to_string())
            ),
        }
    }
    let cached = (options.cache_dir.as_deref()).map_or_else(Vec::new, cached_libraries);
    for roots in cached {
        // A library whose folders are gone is not loaded (loading would only warn).
        if !roots.iter().all(|root| root.exists()) {
            continue;
        }
        // Feed articles were looked through already.
        let options = LoadOptions {
            database: None,
            ..options.clone()
        };
        let library = Library::load(&roots, options);
        if let Some(entry) = library.entries.iter().find(|e| e.meta.id == wanted) {
            return library
                .read(entry)
                .map_err(|warning| anyhow::anyhow!("{warning}"));
        }
    }
    bail!("{shown}: no such file, and no article with that id")
}

/// Where the search index and the bookmarks last saw the article `wanted`. Only a database
/// that exists is asked: looking an id up creates nothing.
fn remembered_paths(wanted: &str) -> Vec<String> {
    let Some(data) = super::super::data_dir()
        .ok()
        .filter(|data| data.join(crate::search::DATABASE_FILE).is_file())
    else {
        return Vec::new();
    };
    let mut paths: Vec<String> = Vec::new();
    if let Ok(conn) = crate::search::open_database(&data) {
        paths.extend(crate::search::path_of(&conn, wanted));
    }
    let (store, _) = crate::store::Store::open(&data);
    paths.extend(
        (store.bookmarks().into_iter())
            .filter(|b| b.id == wanted)
            .map(|b| b.path),
    );
    paths
}
