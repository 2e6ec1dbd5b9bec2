//! Command-line interface: argument definitions and the dispatch to each command.

mod add;
mod bookmarks;
mod check_terminal;
mod compare;
mod list;
mod search;
mod settings;
mod shell;
mod show;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum, ValueHint};

use crate::config::Config;
use crate::library::{Library, LoadOptions};
use crate::store::Store;
use crate::text::LayoutOptions;
use bookmarks::{BookmarkFormat, render_bookmarks};
pub use shell::{command, parse};
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
    match cli.command {
        None => return run_reader(&cli.paths, config),
        Some(Command::List(args)) => {
            let paths = if args.paths.is_empty() {
                cli.paths
            } else {
                args.paths
            };
            let library = load_library(&paths, &config)?;
            let order = match &args.filter {
                Some(query) => {
                    if crate::filter::bounded(query).1 {
                        eprintln!(
                            "lectern: the filter uses its first {} terms and {} characters",
                            crate::filter::MAX_TERMS,
                            crate::filter::MAX_QUERY_CHARS
                        );
                    }
                    for warning in crate::filter::Query::parse(query).warnings() {
                        eprintln!("lectern: filter: {warning}");
                    }
                    library.filter(&Store::open(&data_dir()?).0, query)
                }
                None => (0..library.entries.len()).collect(),
            };
            let format = match args.format {
                ListFormat::Auto if std::io::stdout().is_terminal() => ListFormat::Table,
                ListFormat::Auto => ListFormat::Tsv,
                format => format,
            };
            let layout = LayoutOptions {
                bidi: config.bidi,
                shaping: config.shaping,
                dir: crate::text::Dir::Ltr,
            };
            let width = args.width.map_or_else(terminal_width, usize::from);
            print(&list::render(&library, &order, format, layout, width))?;
            // The process ends here: freeing 10^5 entries one by one would only add a
            // twentieth to the command's time.
            std::mem::forget(library);
        }
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
                eprintln!("lectern: warning: {notice}");
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
                eprintln!("lectern: warning: {notice}");
            }
            let bookmarks = store.bookmarks();
            if bookmarks.is_empty() && format == BookmarkFormat::Md {
                eprintln!("lectern: no bookmarks yet (press b on an article to add one)");
            }
            print(&render_bookmarks(&bookmarks, format))?;
        }
        // Printed above, before the configuration was read.
        Some(Command::Completions { .. } | Command::Man) => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// Where bookmarks and read state live (`lectern.db`): `$XDG_DATA_HOME/lectern`.
///
/// # Errors
/// No home directory can be found.
pub fn data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern")
        .map(|dirs| dirs.data_dir().to_owned())
        .context("no home directory to keep bookmarks in (set HOME or XDG_DATA_HOME)")
}

/// Opens the interactive reader on `paths` (else the configured library, else the bundled one).
fn run_reader(paths: &[PathBuf], config: Config) -> anyhow::Result<ExitCode> {
    // A mistyped path (or command) is told first, then the lack of a terminal, both
    // before anything touches the terminal.
    let source = library_source(paths, &config)?;
    if !crate::tui::is_terminal() {
        eprintln!("lectern: not a terminal; use lectern list/show to print");
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
    let (store, notices) = Store::open(&data_dir()?);
    let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = crate::app::App::new(library, store, &notices, config, size);
    // What `R` reads again.
    app.rescan.source = source;
    if progress.is_some() {
        app.start_loading();
    }
    crate::tui::run(app, progress).context("terminal")?;
    Ok(ExitCode::SUCCESS)
}

/// The folders to load (the named paths, else the configured library) and how; `None` for
/// the bundled articles.
fn library_source(
    paths: &[PathBuf],
    config: &Config,
) -> anyhow::Result<Option<(Vec<PathBuf>, LoadOptions)>> {
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
/// articles, with the pages `lectern add` saved if there are any; `None` for the bundled
/// articles alone.
fn default_source(config: &Config) -> Option<(Vec<PathBuf>, LoadOptions)> {
    let dir = articles_dir().ok().filter(|dir| dir.is_dir())?;
    let options = LoadOptions {
        max_file_size: config.max_file_size,
        cache_dir: cache_dir(),
        bundled: true,
    };
    Some((vec![dir], options))
}

/// Where the index cache lives: `$XDG_CACHE_HOME/lectern`; none without a home directory.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "lectern").map(|dirs| dirs.cache_dir().to_owned())
}

/// Loads the named paths, else the configured library, else the bundled articles; warns on stderr.
fn load_library(paths: &[PathBuf], config: &Config) -> anyhow::Result<Library> {
    let library = match library_source(paths, config)? {
        Some((paths, options)) => Library::load(&paths, options),
        None => Library::bundled(),
    };
    let mut stderr = std::io::stderr().lock();
    for warning in &library.warnings {
        writeln!(stderr, "lectern: warning: {warning}").context("writing warnings")?;
    }
    Ok(library)
}

/// Where `show` and `compare` look ids up: the paths after the command, else those before
/// it, else the configured library.
fn lookup_paths<'a>(
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
fn terminal_width() -> usize {
    if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns))
    } else {
        80
    }
}
