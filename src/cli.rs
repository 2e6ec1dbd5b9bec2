//! Command-line interface: argument definitions and the dispatch to each command.

mod add;
mod bookmarks;
mod check_terminal;
mod compare;
mod feed;
mod feed_add;
mod feed_list;
mod fetch;
mod json;
mod list;
mod paths;
mod search;
mod settings;
mod shell;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum, ValueHint};

use crate::config::Config;
use crate::library::Library;
use crate::store::Store;
use bookmarks::{BookmarkFormat, render_bookmarks};
pub use paths::{articles_dir, cache_dir, data_dir};
use paths::{library_source, load_library, lookup_paths, terminal_width};
pub use shell::{command, parse, tell};
use shell::{print, print_with};

/// lectern: a keyboard-driven terminal reader for multilingual news.
///
/// With no paths and no `library` in the configuration, lectern opens its bundled sample articles.
#[derive(Debug, Parser)]
#[command(name = "lectern", version, about, long_about)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        value_hint = ValueHint::FilePath,
        help = "Configuration file [default: $XDG_CONFIG_HOME/lectern/config.toml]"
    )]
    pub config: Option<PathBuf>,
    /// Folders or files to read [default: the `library` setting, else the bundled articles]
    #[arg(value_name = "PATHS", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// A command to run instead of the interactive reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one row per article, in the order the reader lists them.
    List(ListArgs),
    /// Print an article laid out as the reader shows it, one screen row per line.
    Show(show::ShowArgs),
    /// Print two articles side by side as the comparison screen lays them out.
    Compare(compare::CompareArgs),
    /// Fetch web pages (or read saved ones) and save their articles into the library.
    Add(add::AddArgs),
    /// Manage the feeds you subscribe to (feeds.toml in the configuration folder): add, list,
    /// remove, import an OPML file, export as OPML.
    Feed(feed::FeedArgs),
    /// Print your bookmarks (title, source, language, path, id, when bookmarked), read from
    /// lectern.db in the data folder (~/.local/share/lectern), which keeps them and the read
    /// marks; never waits for another lectern window's write.
    Bookmarks {
        /// Output format: Markdown to paste, JSON to pipe.
        #[arg(long, value_enum, default_value_t = BookmarkFormat::Md)]
        format: BookmarkFormat,
    },
    /// Find the `bidi` and `shaping` settings your terminal needs: pick the sample that reads right.
    CheckTerminal(check_terminal::CheckArgs),
    /// Search the bodies and titles of the library: words folded as the filter folds them
    /// (`dai su` finds "Đại sứ"), `"a phrase"`, `-word`, lang:, source:, is:bookmarked, is:unread.
    /// Exit status 0 with hits, 1 with none, 2 for a usage error.
    Search(search::SearchArgs),
    /// Make the search index again from scratch (it is kept up to date by itself; this is for
    /// one that went wrong).
    Reindex {
        /// Folders or files to index [default: the `library` setting, else the bundled articles]
        #[arg(value_name = "PATHS", value_hint = ValueHint::AnyPath)]
        paths: Vec<PathBuf>,
    },
    /// Print a completion script for your shell (see the README for where to put it).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Fetch the subscribed feeds (feeds.toml) that are due into lectern.db: politely
    /// (conditional GET, Retry-After, ttl), at most 2 requests at a time per host.
    Fetch(fetch::FetchArgs),
    /// Print lectern's manual page (roff): `lectern man > ~/.local/share/man/man1/lectern.1`.
    Man,
}

/// Arguments of `lectern list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Folders or files to read [default: the `library` setting, else the bundled articles]
    #[arg(value_name = "PATHS", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Auto)]
    pub format: ListFormat,
    /// Cells per row of the table [default: the terminal's width, or 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// Only the articles that match, best first, as the reader's filter ranks them
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,
}

/// How `lectern list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table on a terminal, tab-separated rows in a pipe.
    Auto,
    /// Aligned columns laid out as the reader's list shows them, with a header row.
    Table,
    /// One row per article in logical order, fields separated by tabs, for grep and cut:
    /// id, lang, dir, date, source, words, title, path.
    Tsv,
    /// A JSON array of objects for programs.
    Json,
}

/// Runs the command line.
///
/// # Errors
/// A bad configuration, a path that does not exist, or a failure to write the output.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Before the configuration is read: a broken config must not keep these from working.
    if shell::print_without_config(cli.command.as_ref())? {
        return Ok(ExitCode::SUCCESS);
    }
    let config = Config::load(cli.config.as_deref())?;
    if cli.command.is_some() {
        // The interactive reader handles these signals itself; the other commands end on
        // them at once, and must not leave a half-written cache behind.
        crate::library::remove_on_signals();
    }
    match cli.command {
        None => return run_reader(&cli.paths, config),
        Some(Command::List(args)) => list::run(args, cli.paths, &config)?,
        Some(Command::Show(args)) => {
            let paths = lookup_paths(&args.paths, &cli.paths, &config);
            let article = show::find(&args.article, paths, &config)?;
            let width = args.width.map_or_else(terminal_width, usize::from);
            print_with(|out| show::render(&article, &args, &config, width, out))?;
        }
        Some(Command::Compare(args)) => {
            let paths = lookup_paths(&args.paths, &cli.paths, &config);
            let left = show::find(&args.left, paths, &config)?;
            let right = show::find(&args.right, paths, &config)?;
            let width = args.width.map_or_else(terminal_width, usize::from);
            print(&compare::render([left, right], &args, &config, width))?;
        }
        Some(Command::Add(args)) => return add::run(&args, &config),
        Some(Command::Fetch(args)) => return fetch::run(&args, &config),
        Some(Command::Feed(args)) => return feed::run(&args, &config),
        Some(Command::CheckTerminal(args)) => {
            return check_terminal::run(&args, cli.config.as_deref(), &config);
        }
        Some(Command::Search(args)) => {
            let paths = if args.paths.is_empty() {
                &cli.paths
            } else {
                &args.paths
            };
            let library = load_library(paths, &config)?;
            let (store, notices) = Store::open(&data_dir()?);
            for notice in notices {
                shell::tell(&format!("warning: {notice}"));
            }
            let code = search::run(&args, &library, &store)?;
            std::mem::forget(library);
            return Ok(code);
        }
        Some(Command::Reindex { paths }) => {
            let paths = if paths.is_empty() { cli.paths } else { paths };
            return search::reindex(&load_library(&paths, &config)?);
        }
        Some(Command::Bookmarks { format }) => {
            let (store, notices) = Store::open(&data_dir()?);
            for notice in notices {
                shell::tell(&format!("warning: {notice}"));
            }
            let bookmarks = store.bookmarks();
            if bookmarks.is_empty() && format == BookmarkFormat::Md {
                shell::tell("no bookmarks yet (press b on an article to add one)");
            }
            print(&render_bookmarks(&bookmarks, format))?;
        }
        // Printed above, before the configuration was read.
        Some(Command::Completions { .. } | Command::Man) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// How long the reader's start waits for the read marks before its first frame: long enough
/// for some 10^4 marks, so that most libraries show them at once; a larger set (10^6 marks
/// take over a second) comes a moment later.
const MARKS_WAIT: Duration = Duration::from_millis(20);

/// Opens the interactive reader on `paths` (else the configured library, else the bundled one).
fn run_reader(paths: &[PathBuf], config: Config) -> anyhow::Result<ExitCode> {
    // A mistyped path (or command) is told first, then the lack of a terminal, both
    // before anything touches the terminal.
    let source = library_source(paths, &config)?;
    if !crate::tui::is_terminal() {
        shell::tell("not a terminal; use lectern list/show to print");
        return Ok(ExitCode::from(2));
    }
    // The first frame comes at once: a folder loads in the background.
    let (library, progress) = match &source {
        Some((paths, options)) => {
            let (library, progress) = Library::start(paths, options.clone());
            (library, Some(progress))
        }
        None => (Library::bundled(), None),
    };
    let (store, notices) = Store::open_in_background(&data_dir()?, MARKS_WAIT);
    let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = crate::app::App::new(library, store, &notices, config, size);
    // What `R` reads again.
    app.rescan.source = source;
    app.rescan.feeds = crate::feed::subscriptions::default_file();
    if progress.is_some() {
        app.start_loading();
    }
    crate::tui::run(app, progress).context("terminal")?;
    Ok(ExitCode::SUCCESS)
}
