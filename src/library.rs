//! The library: every article under the given paths (or the bundled ones), loaded in parallel.

mod bundled;
mod read;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

pub use bundled::BUNDLED;
pub use read::Problem;

use crate::article::{Article, Meta};
use crate::filter::SearchKey;
use crate::text::sanitize::sanitize_line;

/// Extensions read when walking folders; a file named on the command line is read whatever it is.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Where an article's text lives, to read its body again on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// One of [`BUNDLED`], by index.
    Bundled(usize),
}

/// One article of the library: what the list shows and what the filter searches.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Title, source, date, language and the rest.
    pub meta: Meta,
    /// The folded search key, built once at load.
    pub key: SearchKey,
    /// Where to read the body from.
    pub origin: Origin,
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

/// Limits on what is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: 8 * 1024 * 1024,
        }
    }
}

/// The loaded articles in list order (newest first, then by title) and the warnings.
#[derive(Debug, Default)]
pub struct Library {
    /// The articles.
    pub entries: Vec<Entry>,
    /// Every skipped or damaged file, one each.
    pub warnings: Vec<Warning>,
    options: LoadOptions,
}

fn display_path(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

impl Library {
    /// The bundled sample articles.
    pub fn bundled() -> Self {
        let mut results = Vec::new();
        for (index, (name, bytes)) in BUNDLED.iter().enumerate() {
            let path = bundled::bundled_path(name);
            results.push(match read::parse_bytes(bytes, path.clone(), None) {
                Ok((article, problems)) => {
                    Loaded::Article(entry(article, Origin::Bundled(index)), problems)
                }
                Err(problem) => Loaded::Skipped(Warning { path, problem }),
            });
        }
        Self::assemble(results, LoadOptions::default())
    }

    /// Every `.txt` and `.md` file under `paths`, recursively, read in parallel.
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Self {
        let Some((first, rest)) = paths.split_first() else {
            return Self::assemble(Vec::new(), options);
        };
        let mut builder = WalkBuilder::new(first);
        for path in rest {
            builder.add(path);
        }
        // Read what is there: no .gitignore rules, but skip hidden files and folders (.git).
        builder
            .standard_filters(false)
            .hidden(true)
            .follow_links(true);
        let results = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            Box::new(|found| {
                if let Some(loaded) = visit(found, options) {
                    results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(loaded);
                }
                WalkState::Continue
            })
        });
        Self::assemble(
            results
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            options,
        )
    }

    fn assemble(results: Vec<Loaded>, options: LoadOptions) -> Self {
        let mut entries = Vec::new();
        let mut warnings = Vec::new();
        for loaded in results {
            match loaded {
                Loaded::Article(entry, problems) => {
                    let path = &entry.meta.path;
                    warnings.extend(problems.into_iter().map(|problem| Warning {
                        path: path.clone(),
                        problem,
                    }));
                    entries.push(entry);
                }
                Loaded::Skipped(warning) => warnings.push(warning),
            }
        }
        // Identical content at two paths is one article: keep the first path in name order.
        entries.sort_by(|a, b| a.meta.path.cmp(&b.meta.path));
        let mut seen: HashMap<String, String> = HashMap::new();
        entries.retain(|e| {
            if let Some(first) = seen.get(&e.meta.id) {
                let problem = Problem::Duplicate(first.clone());
                warnings.push(Warning {
                    path: e.meta.path.clone(),
                    problem,
                });
                return false;
            }
            seen.insert(e.meta.id.clone(), e.meta.path.clone());
            true
        });
        entries.sort_by(|a, b| list_order(&a.meta, &b.meta));
        warnings.sort_by(|a, b| a.path.cmp(&b.path));
        Self {
            entries,
            warnings,
            options,
        }
    }

    /// Reads an entry's whole article (clean paragraphs and raw text) again from its origin.
    ///
    /// # Errors
    /// The file changed into something unreadable since it was listed.
    pub fn read(&self, entry: &Entry) -> Result<Article, Warning> {
        let warning = |problem| Warning {
            path: entry.meta.path.clone(),
            problem,
        };
        let (bytes, modified) = match &entry.origin {
            Origin::Bundled(index) => {
                let bytes = BUNDLED.get(*index).map_or(&[][..], |(_, bytes)| *bytes);
                (bytes.to_vec(), None)
            }
            Origin::File(path) => {
                read::read_bytes(path, self.options.max_file_size).map_err(warning)?
            }
        };
        read::parse_bytes(&bytes, entry.meta.path.clone(), modified)
            .map(|(article, _)| article)
            .map_err(warning)
    }
}

/// Newest first, then by title; undated articles (only bundled ones have no file date) last, in
/// file-name order, which for numbered files is their own order. Ties end on the path.
pub fn list_order(a: &Meta, b: &Meta) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Greater, Less};
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => y
            .cmp(x)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => a.path.cmp(&b.path),
    }
}

enum Loaded {
    Article(Entry, Vec<Problem>),
    Skipped(Warning),
}

fn entry(article: Article, origin: Origin) -> Entry {
    let key = SearchKey::new(&article.meta.title, article.meta.source.as_deref());
    Entry {
        meta: article.meta,
        key,
        origin,
    }
}

/// One walked path: an article, a warning, or nothing (folders, other extensions).
fn visit(found: Result<ignore::DirEntry, ignore::Error>, options: LoadOptions) -> Option<Loaded> {
    let found = match found {
        Ok(found) => found,
        Err(error) => return Some(Loaded::Skipped(walk_warning(&error))),
    };
    let path = found.path();
    let named = found.depth() == 0;
    let wanted = named
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
    let file_type = found.file_type()?;
    if !wanted || file_type.is_dir() {
        return None;
    }
    let display = display_path(path);
    if !file_type.is_file() {
        let problem = Problem::NotRegular(read::kind_name(file_type));
        return Some(Loaded::Skipped(Warning {
            path: display,
            problem,
        }));
    }
    let loaded = read::read_bytes(path, options.max_file_size)
        .and_then(|(bytes, modified)| read::parse_bytes(&bytes, display.clone(), modified));
    Some(match loaded {
        Ok((article, problems)) => {
            Loaded::Article(entry(article, Origin::File(path.to_owned())), problems)
        }
        Err(problem) => Loaded::Skipped(Warning {
            path: display,
            problem,
        }),
    })
}

/// Turns a walk error (a loop, a vanished file, no permission) into a warning with its path.
fn walk_warning(error: &ignore::Error) -> Warning {
    let mut path = None;
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| display_path(p));
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            ignore::Error::Loop { child, .. } => {
                let path = path.unwrap_or_else(|| display_path(child));
                return Warning {
                    path,
                    problem: Problem::SymlinkLoop,
                };
            }
            _ => break,
        }
    }
    let reason = inner
        .io_error()
        .map_or_else(|| inner.to_string(), ToString::to_string);
    Warning {
        path: path.unwrap_or_else(|| "?".to_owned()),
        problem: Problem::Io(reason),
    }
}
