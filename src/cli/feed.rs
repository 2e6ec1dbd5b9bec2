//! `lectern feed`: the subscriptions in `feeds.toml` — add, list, remove, import and export.
//! `add` and `list` fetch and read the database (`feed_add`, `feed_list`); the rest only edit
//! or read the file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Subcommand, ValueHint};

use super::shell::print;
use crate::config::Config;
use crate::feed::{opml, subscriptions};

/// Arguments of `lectern feed`.
#[derive(Debug, clap::Args)]
pub struct FeedArgs {
    /// What to do with the subscriptions.
    #[command(subcommand)]
    pub command: FeedCommand,
}

/// The `lectern feed` subcommands.
#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed, or to the feed a web page names (autodiscovery); fetched once to
    /// check it and learn its title.
    Add(super::feed_add::FeedAddArgs),
    /// List the subscriptions with their articles, unread counts, last fetch and errors.
    List(super::feed_list::FeedListArgs),
    /// Unsubscribe: by URL, else by title (case-insensitive). Its articles stay unless --purge.
    Remove {
        /// The feed's URL or title.
        #[arg(value_name = "URL_OR_TITLE")]
        url_or_title: String,
        /// Also delete its articles (bookmarked ones always stay).
        #[arg(long)]
        purge: bool,
    },
    /// Subscribe to every feed of an OPML file (other readers' exports): says how many were
    /// added, already there, or skipped.
    Import {
        /// The OPML file.
        #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
        file: PathBuf,
    },
    /// Print the subscriptions as OPML 2.0 (titles, URLs, tags as categories).
    Export,
}

/// The subscriptions file: `$XDG_CONFIG_HOME/lectern/feeds.toml`.
fn feeds_file() -> anyhow::Result<PathBuf> {
    subscriptions::default_file().context("no home folder to keep feeds.toml in")
}

/// Runs `lectern feed`.
///
/// # Errors
/// A bad subscriptions or OPML file, or a failure to write.
pub fn run(args: &FeedArgs, config: &Config) -> anyhow::Result<ExitCode> {
    match &args.command {
        FeedCommand::Add(args) => super::feed_add::run(args, config),
        FeedCommand::List(args) => {
            super::feed_list::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        FeedCommand::Remove {
            url_or_title,
            purge,
        } => remove(&feeds_file()?, url_or_title, *purge),
        FeedCommand::Import { file } => import(&feeds_file()?, file),
        FeedCommand::Export => {
            let feeds = subscriptions::load(&feeds_file()?)?;
            for (url, tag) in opml::split_tags(&feeds) {
                eprintln!(
                    "lectern: {}: the tag {:?} is exported as several (an OPML category splits at ',' and '/')",
                    crate::text::sanitize_line(url),
                    crate::text::sanitize_line(tag)
                );
            }
            print(&opml::export(&feeds, &site_urls()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The site of each fetched feed (for OPML's `htmlUrl`), as the database remembers it; none
/// when there is no database to read.
fn site_urls() -> impl Fn(&str) -> Option<String> {
    let database = super::paths::feed_database().filter(|file| file.is_file());
    let connection = database.and_then(|file| {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        rusqlite::Connection::open_with_flags(file, flags).ok()
    });
    move |url| {
        let connection = connection.as_ref()?;
        crate::feed::store::feed_state(connection, url)
            .ok()??
            .site_url
    }
}

/// `lectern feed remove`.
fn remove(path: &Path, url_or_title: &str, purge: bool) -> anyhow::Result<ExitCode> {
    let Some(removed) = subscriptions::remove(path, url_or_title)? else {
        eprintln!(
            "lectern: no feed in {} has the URL or title {url_or_title:?}",
            path.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let name = removed.title.as_deref().unwrap_or(&removed.url);
    let name = crate::text::sanitize_line(name);
    if purge {
        let mut connection = super::fetch::open_database()?;
        let deleted = crate::feed::store::purge(&mut connection, &removed.url)
            .with_context(|| format!("removed {name}, but its articles were not deleted"))?;
        print(&format!(
            "removed {name} ({}) and {deleted} of its articles; bookmarked ones stay\n",
            crate::text::sanitize_line(&removed.url)
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    print(&format!(
        "removed {name} ({}); its articles stay\n",
        crate::text::sanitize_line(&removed.url)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `lectern feed import`.
fn import(path: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let imported = opml::import(&text).with_context(|| file.display().to_string())?;
    let (mut added, mut there) = (0, 0);
    for feed in &imported.feeds {
        if subscriptions::add(path, feed)? {
            added += 1;
        } else {
            there += 1;
        }
    }
    for warning in &imported.warnings {
        eprintln!(
            "lectern: {}: {}",
            file.display(),
            crate::text::sanitize_line(warning)
        );
    }
    print(&format!(
        "{added} added, {there} already there, {} skipped\n",
        imported.warnings.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}
