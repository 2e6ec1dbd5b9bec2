//! `lectern fetch`: fetches the subscribed feeds (those due, or all with `--force`) into
//! lectern.db, with a progress bar on a terminal, one line per failed feed, and a summary.
//! Safe beside a running reader: the database is in WAL mode and every write is short.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use rusqlite::Connection;

use crate::config::Config;
use crate::feed::fetch::{self, Event, Options};
use crate::feed::{Subscription, subscriptions};
use crate::text::sanitize::sanitize_line;

/// Arguments of `lectern fetch`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints one line per feed that failed (`lectern: URL: reason`) and a summary. \
    Exits with 0 when every feed was fetched or was not due, 1 when some failed."
)]
pub struct FetchArgs {
    /// Feeds to fetch, by address or title [default: every subscription of feeds.toml]
    #[arg(value_name = "FEED")]
    pub feeds: Vec<String>,
    /// Requests at a time in all [default: the `[feeds] jobs` setting, 8]
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
    /// Fetch even feeds that are not due yet (Retry-After, ttl, max-age) or are gone
    #[arg(long)]
    pub force: bool,
}

/// Runs `lectern fetch`.
///
/// # Errors
/// feeds.toml cannot be read, or the database cannot be opened for writing.
pub fn run(args: &FetchArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let file = subscriptions::default_file().context("no configuration folder")?;
    let all = subscriptions::load(&file)?;
    let mut chosen = Vec::new();
    for wanted in &args.feeds {
        let Some(found) = find(&all, wanted) else {
            eprintln!(
                "lectern: no feed in {} has the address or title {}",
                file.display(),
                sanitize_line(wanted)
            );
            return Ok(ExitCode::from(2));
        };
        chosen.push(found.clone());
    }
    if args.feeds.is_empty() {
        chosen = all;
    }
    if chosen.is_empty() {
        eprintln!(
            "lectern: no feeds in {}: add one with `lectern feed add URL`",
            file.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut connection = open_database()?;
    let mut options = Options {
        settings: config.feeds.clone(),
        network: config.network.clone(),
        force: args.force,
    };
    if let Some(jobs) = args.jobs {
        options.settings.jobs = usize::from(jobs);
    }
    let bar = progress_bar(chosen.len());
    let mut failed = false;
    let report = fetch::run(&mut connection, &chosen, &options, |event| match event {
        Event::Started { url } => bar.set_message(sanitize_line(&url)),
        Event::Done { .. } => bar.inc(1),
        Event::NotDue { url, gone, .. } => {
            if gone {
                bar.suspend(|| {
                    eprintln!(
                        "lectern: {}: gone (HTTP 410), skipped; --force fetches it",
                        sanitize_line(&url)
                    );
                });
            }
            bar.inc(1);
        }
        Event::Moved { from, to } => bar.suspend(|| moved(&file, &from, &to)),
        Event::Failed { reason, .. } => {
            failed = true;
            bar.suspend(|| eprintln!("lectern: {}", sanitize_line(&reason)));
            bar.inc(1);
        }
    })?;
    bar.finish_and_clear();
    let fetched = report.fetched;
    let mut summary = format!(
        "{} new article{} from {fetched} feed{}",
        report.new,
        plural(report.new),
        plural(fetched)
    );
    for (count, what) in [
        (report.updated, "updated"),
        (report.not_modified, "unchanged (304)"),
        (report.not_due, "not due"),
        (report.failed, "failed"),
        (report.removed, "old read articles removed"),
    ] {
        if count > 0 {
            let _ = write!(summary, ", {count} {what}");
        }
    }
    println!("{summary}");
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The subscription whose address is `wanted`, else whose title is (ignoring case).
pub fn find<'a>(all: &'a [Subscription], wanted: &str) -> Option<&'a Subscription> {
    all.iter().find(|s| s.url == wanted).or_else(|| {
        all.iter().find(|s| {
            s.title
                .as_deref()
                .is_some_and(|title| title.to_lowercase() == wanted.to_lowercase())
        })
    })
}

/// lectern.db in the data folder, for writing.
///
/// # Errors
/// The folder or database cannot be made or opened, or it is read-only.
pub fn open_database() -> anyhow::Result<Connection> {
    let dir = super::data_dir()?;
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    let (connection, info) = crate::db::open(&dir.join(crate::db::DB_FILE))?;
    if let Some(moved) = &info.moved_aside {
        eprintln!(
            "lectern: warning: {} was unusable ({}); moved to {}",
            info.file.display(),
            moved.reason,
            moved.backup.display()
        );
    }
    match &info.read_only {
        Some(crate::db::ReadOnly::Newer { found, supported }) => anyhow::bail!(
            "{}: made by a newer lectern (version {found}, this one knows {supported}); not written",
            info.file.display()
        ),
        Some(crate::db::ReadOnly::NotWritable { error }) => {
            anyhow::bail!("{}: cannot be written: {error}", info.file.display())
        }
        None => {}
    }
    Ok(connection)
}

/// A bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(feeds: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(u64::try_from(feeds).unwrap_or(u64::MAX));
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// Tells of a move and writes the new address into feeds.toml.
fn moved(file: &Path, old: &str, new: &str) {
    let (from, to) = (sanitize_line(old), sanitize_line(new));
    match subscriptions::set_url(file, old, new) {
        Ok(()) => eprintln!(
            "lectern: {from} moved for good to {to}; {} updated",
            file.display()
        ),
        Err(error) => eprintln!("lectern: {from} moved for good to {to}; {error:#}"),
    }
}
