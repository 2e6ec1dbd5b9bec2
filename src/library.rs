//! The library: every article under the given paths (or the bundled ones), loaded in parallel.

mod bundled;
mod cache;
mod feeds;
mod load;
mod order;
mod read;
pub mod save;
mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

pub use bundled::BUNDLED;
pub use cache::libraries as cached_libraries;
pub use cache::{remove_on_signals, remove_unfinished};
pub use feeds::load_ids as load_feed_articles;
pub use load::{Loaded, Progress};
pub use order::list_order;
pub use read::Problem;

use crate::article::{Article, Marks, Meta};
use crate::filter::{Fields, SearchIndex};
use crate::text::sanitize::sanitize_line;

/// Extensions read when walking folders; a file named on the command line is read whatever it is.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Where an article's text lives, to read its body again on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk: its path, or `None` when that is exactly `meta.path` (nearly always;
    /// a second copy of every path would cost a library of 10^6 files tens of megabytes).
    File(Option<PathBuf>),
    /// One of [`BUNDLED`], by index.
    Bundled(usize),
    /// A feed article kept in the database, by its id (`meta.id`); the feed's address, for
    /// `tag:` (shared by the feed's articles).
    Feed(std::sync::Arc<str>),
}

/// One article of the library: what the list shows. Its search key is the same row of
/// [`Library::index`].
#[derive(Debug, Clone)]
pub struct Entry {
    /// Title, source, date, language and the rest.
    pub meta: Meta,
    /// Where to read the body from.
    pub origin: Origin,
}

impl Entry {
    /// The file the article was read from; `None` for a bundled article.
    pub fn file(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(Some(path)) => Some(path),
            Origin::File(None) => Some(Path::new(&self.meta.path)),
            Origin::Bundled(_) | Origin::Feed(_) => None,
        }
    }
}

/// A file that was skipped, or loaded with a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, as shown to people (control characters made visible).
    pub path: String,
    /// What was wrong.
    pub problem: Problem,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Limits on what is read, and where the index cache lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// The folder of the index cache (`$XDG_CACHE_HOME/lectern`); `None` reads every file.
    pub cache_dir: Option<PathBuf>,
    /// Whether the bundled sample articles come too (the default library: them and the
    /// folder `lectern add` saves to).
    pub bundled: bool,
    /// The database whose feed articles come too (`lectern.db`, for the default or
    /// configured library); `None` for folders named on the command line.
    pub database: Option<PathBuf>,
    /// The subscriptions (feeds.toml), for the feeds' tags.
    pub subscriptions: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: 8 * 1024 * 1024,
            cache_dir: None,
            bundled: false,
            database: None,
            subscriptions: None,
        }
    }
}

/// The loaded articles and the warnings. Rows come in as files are read; once loading is
/// done ([`Library::finish`]) they are in list order (newest first, then by title).
#[derive(Debug, Default)]
pub struct Library {
    /// The articles.
    pub entries: Vec<Entry>,
    /// The folded search keys, row `i` being `entries[i]`'s.
    pub index: SearchIndex,
    /// Every skipped or damaged file, one each.
    pub warnings: Vec<Warning>,
    /// The tags of each subscribed feed, by address (from feeds.toml), for `tag:`.
    pub feed_tags: HashMap<String, Vec<String>>,
    options: LoadOptions,
}

fn display_path(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

impl Library {
    /// The bundled sample articles.
    pub fn bundled() -> Self {
        let mut library = Self::default();
        library.absorb(bundled::loaded());
        library.finish();
        library
    }

    /// Every `.txt`, `.md` and `.html` file under `paths`, recursively, read in parallel (or taken from
    /// the index cache); returns when all are read.
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Self {
        let (mut library, progress) = Self::start(paths, options);
        for step in progress {
            if library.apply(step) {
                break;
            }
        }
        library
    }

    /// Starts loading `paths` in the background: an empty library, and the progress to
    /// [`Library::apply`] to it as it arrives.
    pub fn start(paths: &[PathBuf], options: LoadOptions) -> (Self, Receiver<Progress>) {
        let progress = load::spawn(walk::distinct_roots(paths), options.clone());
        let mut library = Self {
            feed_tags: feeds::tags(options.subscriptions.as_deref()),
            options,
            ..Self::default()
        };
        if library.options.bundled {
            library.absorb(bundled::loaded());
        }
        (library, progress)
    }

    /// Takes in one step of loading; returns whether loading is done (the library is then
    /// in list order, and rows may have moved).
    pub fn apply(&mut self, progress: Progress) -> bool {
        match progress {
            Progress::Found { files, warnings } => {
                // Room for every row at once: growing by doubling would leave up to half the
                // list's memory unused at the end.
                self.entries.reserve_exact(files);
                self.index.reserve(files);
                self.warnings.extend(warnings);
            }
            Progress::Batch(loaded) => self.absorb(loaded),
            Progress::Done => {
                self.finish();
                return true;
            }
        }
        false
    }

    /// Appends read files: articles as new rows, the rest as warnings.
    pub fn absorb(&mut self, loaded: Vec<Loaded>) {
        self.entries.reserve(loaded.len());
        for loaded in loaded {
            match loaded {
                Loaded::Article(entry, key, problems) => {
                    let path = &entry.meta.path;
                    self.warnings
                        .extend(problems.into_iter().map(|problem| Warning {
                            path: path.clone(),
                            problem,
                        }));
                    self.index.push(&key);
                    self.entries.push(entry);
                }
                Loaded::Skipped(warning) => self.warnings.push(warning),
            }
        }
    }

    /// What the filter's `lang:` and `is:` terms see of a row: its language, and its
    /// bookmark and read state in `marks` (the store).
    pub fn fields<'a>(
        &'a self,
        marks: &'a (impl Marks + Sync),
    ) -> impl Fn(usize) -> Fields<'a> + Sync + 'a {
        move |row| {
            self.entries
                .get(row)
                .map_or_else(Fields::default, |e| Fields {
                    tags: match &e.origin {
                        Origin::Feed(url) => self.feed_tags.get(&**url).map_or(&[], Vec::as_slice),
                        _ => &[],
                    },
                    lang: &e.meta.lang,
                    source: (self.index.full(row).split_once('\n'))
                        .map_or("", |(_, source)| source),
                    bookmarked: marks.is_bookmarked(&e.meta.id),
                    read: marks.is_read(&e.meta.id),
                })
        }
    }

    /// The rows that match `query`, best first, exactly as the interactive filter ranks them.
    pub fn filter(&self, marks: &(impl Marks + Sync), query: &str) -> Vec<usize> {
        let hits = crate::filter::filter(query, &self.index, self.fields(marks));
        hits.iter().map(|hit| hit.index as usize).collect()
    }

    /// Reads one file as an article, as loading would, without a library around it: `lectern
    /// show FILE` parses the file once, not once to list it and again to read it.
    ///
    /// # Errors
    /// The file is skipped (not a regular file, too large, unreadable, binary, empty).
    pub fn read_file(path: &Path, options: &LoadOptions) -> Result<Article, Warning> {
        let shown = display_path(path);
        let warning = |problem| Warning {
            path: shown.clone(),
            problem,
        };
        let (bytes, modified) = read::read_bytes(path, options.max_file_size).map_err(warning)?;
        read::parse_bytes(bytes, shown.clone(), modified)
            .map(|(article, _)| article)
            .map_err(warning)
    }

    /// What limits reading, and where fetched articles are kept.
    pub fn options(&self) -> &LoadOptions {
        &self.options
    }

    /// Reads an entry's whole article (clean paragraphs and raw text) again from its origin.
    ///
    /// # Errors
    /// The file changed into something unreadable since it was listed.
    pub fn read(&self, entry: &Entry) -> Result<Article, Warning> {
        Self::read_entry(entry, &self.options)
    }

    /// [`Library::read`] away from the library: on another thread, with its `options`.
    ///
    /// # Errors
    /// The file changed into something unreadable since it was listed.
    pub fn read_entry(entry: &Entry, options: &LoadOptions) -> Result<Article, Warning> {
        let warning = |problem| Warning {
            path: entry.meta.path.clone(),
            problem,
        };
        let (bytes, modified) = match &entry.origin {
            Origin::Bundled(index) => {
                let bytes = BUNDLED.get(*index).map_or(&[][..], |(_, bytes)| *bytes);
                (bytes.to_vec(), None)
            }
            Origin::Feed(_) => {
                let database = options.database.as_deref().unwrap_or(Path::new(""));
                return feeds::read(database, entry);
            }
            Origin::File(_) => {
                let path = entry.file().unwrap_or(Path::new(""));
                read::read_bytes(path, options.max_file_size).map_err(warning)?
            }
        };
        read::parse_bytes(bytes, entry.meta.path.clone(), modified)
            .map(|(article, _)| article)
            .map_err(warning)
    }
}
