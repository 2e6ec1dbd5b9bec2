//! Where things live: the data, cache and articles folders, and which paths a command reads.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;

use super::shell;
use crate::config::Config;
use crate::feed::subscriptions;
use crate::library::{Library, LoadOptions};

/// Where bookmarks and read state live (`lectern.db`): `$XDG_DATA_HOME/lectern`.
///
/// # Errors
/// No home directory can be found.
pub fn data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern")
        .map(|dirs| dirs.data_dir().to_owned())
        .context("no home directory to keep bookmarks in (set HOME or XDG_DATA_HOME)")
}

/// The folders to load (the named paths, else the configured library) and how; `None` for
/// the bundled articles.
pub(super) fn library_source(
    paths: &[PathBuf],
    config: &Config,
) -> anyhow::Result<Option<(Vec<PathBuf>, LoadOptions)>> {
    // Feed articles join the configured library, not folders named on the command line.
    let database = paths.is_empty().then(feed_database).flatten();
    let paths = if paths.is_empty() {
        &config.library
    } else {
        paths
    };
    if paths.is_empty() {
        return Ok(default_source(config));
    }
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(shell::no_such_path(path));
        }
    }
    // The same file named twice (`a.md ./a.md`) is one article, read once.
    let mut seen = std::collections::HashSet::new();
    let paths: Vec<PathBuf> = (paths.iter())
        .filter(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| (*path).clone())))
        .cloned()
        .collect();
    // Single files are read as they are: an index of one file would only litter the cache.
    let folders = paths.iter().any(|path| path.is_dir());
    let options = LoadOptions {
        max_file_size: config.max_file_size,
        cache_dir: cache_dir().filter(|_| folders),
        bundled: false,
        subscriptions: database
            .as_ref()
            .and_then(|_| subscriptions::default_file()),
        database,
    };
    Ok(Some((paths, options)))
}

/// The folder `lectern add` saves to when the configuration names no library:
/// `$XDG_DATA_HOME/lectern/articles`.
///
/// # Errors
/// No home directory can be found.
pub fn articles_dir() -> anyhow::Result<PathBuf> {
    Ok(data_dir()?.join("articles"))
}

/// The library when neither the command line nor the configuration names one: the bundled
/// articles, with the pages `lectern add` saved and the fetched feed articles if there are
/// any; `None` for the bundled articles alone.
pub(super) fn default_source(config: &Config) -> Option<(Vec<PathBuf>, LoadOptions)> {
    let saved: Vec<PathBuf> = articles_dir()
        .ok()
        .filter(|dir| dir.is_dir())
        .into_iter()
        .collect();
    let database = feed_database().filter(|database| database.is_file());
    if saved.is_empty() && database.is_none() {
        return None;
    }
    let options = LoadOptions {
        max_file_size: config.max_file_size,
        cache_dir: cache_dir().filter(|_| !saved.is_empty()),
        bundled: true,
        subscriptions: database
            .as_ref()
            .and_then(|_| subscriptions::default_file()),
        database,
    };
    Some((saved, options))
}

/// The database whose feed articles join the library: `$XDG_DATA_HOME/lectern/lectern.db`.
pub fn feed_database() -> Option<PathBuf> {
    data_dir().ok().map(|dir| dir.join(crate::db::DB_FILE))
}

/// Where the index cache lives: `$XDG_CACHE_HOME/lectern`; none without a home directory.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern").map(|dirs| dirs.cache_dir().to_owned())
}

/// Loads the named paths, else the configured library, else the bundled articles; warns on stderr.
pub(super) fn load_library(paths: &[PathBuf], config: &Config) -> anyhow::Result<Library> {
    let library = match library_source(paths, config)? {
        Some((paths, options)) => Library::load(&paths, options),
        None => Library::bundled(),
    };
    for warning in &library.warnings {
        shell::tell(&format!("warning: {warning}"));
    }
    Ok(library)
}

/// Where `show` and `compare` look ids up: the paths after the command, else those before
/// it, else the configured library.
pub(super) fn lookup_paths<'a>(
    after: &'a [PathBuf],
    before: &'a [PathBuf],
    config: &'a Config,
) -> &'a [PathBuf] {
    [after, before]
        .into_iter()
        .find(|paths| !paths.is_empty())
        .unwrap_or(&config.library)
}

/// The terminal's width when printing to one, else 80.
pub(super) fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns))
    } else {
        80
    }
}
