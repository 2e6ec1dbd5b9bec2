//! Loading a library on a background thread: walk the folders, then read each file (or
//! take it from the index cache) in parallel, and send the results in batches.
//!
//! The interface never waits for this: it draws its first frame at once and adds each
//! batch as it arrives. `lectern list` simply waits for [`Progress::Done`].

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};

use rayon::prelude::*;

use super::cache::{self, Place, Record, Span, Stamp, Stored};
use super::feeds;
use super::read::{self, Problem};
use super::walk::walk;
use super::{Entry, LoadOptions, Origin, Warning, display_path};
use crate::filter::SearchKey;

/// Files per batch sent to the interface: small enough for a smooth progress count,
/// large enough that a batch costs the interface one cheap update.
const BATCH: usize = 512;

/// What the loader tells the interface, in this order: `Found`, `Batch`es, `Done`.
#[derive(Debug)]
pub enum Progress {
    /// The walk is over: this many files will be read, and these paths were refused by it.
    Found {
        /// Files to read.
        files: usize,
        /// Symlink loops, unreadable folders and other walk errors.
        warnings: Vec<Warning>,
    },
    /// Some files, read.
    Batch(Vec<Loaded>),
    /// Every file was read.
    Done,
}

/// One file, read: an article (with its search key) or the reason it was skipped.
// Nearly every value is an article: boxing it would only add an allocation per file.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Loaded {
    /// An article, and what was wrong with it without stopping it.
    Article(Entry, SearchKey, Vec<Problem>),
    /// A skipped file.
    Skipped(Warning),
}

/// Starts loading `roots` on a thread of its own; the receiver yields its [`Progress`].
pub fn spawn(roots: Vec<PathBuf>, options: LoadOptions) -> Receiver<Progress> {
    let (sender, receiver) = mpsc::channel();
    let run = move || load(&roots, &options, &sender, std::time::SystemTime::now());
    if let Err(error) = std::thread::Builder::new()
        .name("lectern-load".into())
        .spawn(run)
    {
        // No thread to be had: the library is empty, and the user is told why.
        let (sender, receiver) = mpsc::channel();
        let warning = Warning {
            path: "?".into(),
            problem: Problem::Io(format!("cannot start loading: {error}")),
        };
        let _ = sender.send(Progress::Found {
            files: 0,
            warnings: vec![warning],
        });
        let _ = sender.send(Progress::Done);
        return receiver;
    }
    receiver
}

/// What loading needs of a file's metadata (kept small: there is one per file in flight).
struct Stat {
    size: u64,
    stamp: Option<Stamp>,
    modified: Option<std::time::SystemTime>,
}

/// A file's metadata, or why it cannot be read.
type Checked = Result<Stat, Problem>;

/// A file the walk found, with where its cached record lies if the cache has one for its
/// place, and the stamp that record was made with.
struct Found {
    path: PathBuf,
    place: Option<Place>,
    cached: Option<(Span, Stamp)>,
}

/// Loads `roots`; `began` is taken before any file is stat'ed, and the new cache records it
/// for the racy-timestamp rule (see [`Stored::take`]).
fn load(
    roots: &[PathBuf],
    options: &LoadOptions,
    sender: &Sender<Progress>,
    began: std::time::SystemTime,
) {
    if let Some(dir) = &options.cache_dir {
        cache::sweep_unfinished(dir, began);
    }
    let cache_file = (options.cache_dir.as_deref()).map(|dir| cache::file_for(dir, roots));
    // Read the cache while the walk runs: both mostly wait on the disk.
    let (mut stored, (files, warnings), feed_articles) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| {
            (cache_file.as_deref()).map_or_else(Default::default, |file| cache::read(file, roots))
        });
        let feeding = scope.spawn(|| options.database.as_deref().map(feeds::load));
        let walked = walk(roots);
        let feed_articles = feeding.join().ok().flatten().unwrap_or_default();
        (reading.join().unwrap_or_default(), walked, feed_articles)
    });
    let files: Vec<Found> = files
        .into_iter()
        .map(|path| {
            let place = Place::of(&path, roots);
            let cached = place.as_ref().and_then(|place| stored.take(place));
            Found {
                path,
                place,
                cached,
            }
        })
        .collect();
    // Records left over are files that went away: the cache must be rewritten without them.
    let stale = stored.any_left();
    let _ = sender.send(Progress::Found {
        files: files.len() + feed_articles.len(),
        warnings,
    });
    if !feed_articles.is_empty() {
        let _ = sender.send(Progress::Batch(feed_articles));
    }
    let stamped: Vec<(Found, Checked)> = files
        .into_par_iter()
        .map(|found| {
            let checked = read::check(&found.path, options.max_file_size).map(|metadata| Stat {
                size: metadata.len(),
                stamp: Stamp::of(&metadata),
                modified: metadata.modified().ok(),
            });
            (found, checked)
        })
        .collect();
    let changed = stale
        || stamped.iter().any(|(found, checked)| match checked {
            Ok(stat) => found.cached.map(|(_, stamp)| stamp) != stat.stamp,
            Err(_) => found.cached.is_some(),
        });
    let writer = (cache_file.filter(|_| changed))
        .and_then(|file| cache::Writer::create(file, roots, cache::nanos(began)?).ok())
        .map(Mutex::new);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let keep = writer.is_some();
    stamped.into_par_iter().chunks(BATCH).for_each(|chunk| {
        let mut batch = Vec::with_capacity(chunk.len());
        let mut frame = Vec::new();
        for (found, checked) in chunk {
            let frame = keep.then_some(&mut frame);
            let (loaded, fine) = load_one(found, checked, &stored, options, frame);
            if !fine {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            batch.push(loaded);
        }
        if let Some(writer) = &writer {
            let mut writer = writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if writer.frame(&frame).is_err() {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let _ = sender.send(Progress::Batch(batch));
    });
    if let Some(writer) = writer
        && !failed.into_inner()
    {
        // The cache is derived data: failing to save it costs time on the next start, no more.
        let _ = writer
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .commit();
    }
    let _ = sender.send(Progress::Done);
}

/// Reads one file, or takes it from its cached record when size and time still match.
/// Returns what to send, and `false` only when its record, due in `frame` for the new cache,
/// could not be encoded (the new cache is then not committed). A file with no place or no
/// stamp is simply left out of the cache.
fn load_one(
    found: Found,
    checked: Checked,
    stored: &Stored,
    options: &LoadOptions,
    frame: Option<&mut Vec<u8>>,
) -> (Loaded, bool) {
    let display = display_path(&found.path);
    let stat = match checked {
        Ok(checked) => checked,
        Err(problem) => return (skipped(display, problem), true),
    };
    let stamp = stat.stamp;
    let hit = (found.cached).filter(|&(_, cached)| Some(cached) == stamp);
    if let Some(cached) = hit.and_then(|(span, _)| Some((span, stored.record(span)?))) {
        let (span, cached) = cached;
        let mut problems = Vec::new();
        if cached.replaced > 0 {
            problems.push(Problem::Replaced(cached.replaced));
        }
        problems.extend(cached.front_matter.into_iter().map(Problem::FrontMatter));
        // Unchanged: its bytes go into the new cache as they are.
        let fine = frame.is_none_or(|frame| cache::copy_into(frame, stored.bytes(span)).is_ok());
        let mut meta = cached.meta;
        meta.path = display;
        let entry = Entry {
            origin: origin(found.path, &meta.path),
            meta,
        };
        return (Loaded::Article(entry, cached.key, problems), fine);
    }
    let parsed = read::read_checked(&found.path, stat.size, options.max_file_size)
        .and_then(|bytes| read::parse_bytes(bytes, display.clone(), stat.modified));
    let (article, problems) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => return (skipped(display, problem), true),
    };
    let key = SearchKey::new(&article.meta.title, article.meta.source.as_deref());
    let mut fine = true;
    if let (Some(frame), Some(place), Some(stamp)) = (frame, &found.place, stamp) {
        let front_matter: Vec<String> = (problems.iter())
            .filter_map(|p| match p {
                // A page's remark is kept with them: both are shown as they are.
                Problem::FrontMatter(text) | Problem::Page(text) => Some(text.clone()),
                _ => None,
            })
            .collect();
        let record = Record {
            place,
            stamp,
            meta: &article.meta,
            key: &key,
            replaced: (problems.iter())
                .find_map(|p| match p {
                    Problem::Replaced(n) => Some(*n),
                    _ => None,
                })
                .unwrap_or(0),
            front_matter: &front_matter,
        };
        fine = cache::encode_into(frame, &record).is_ok();
    }
    let entry = Entry {
        origin: origin(found.path, &article.meta.path),
        meta: article.meta,
    };
    (Loaded::Article(entry, key, problems), fine)
}

/// The origin of a file shown as `shown`: no second copy of the path when they agree.
fn origin(path: PathBuf, shown: &str) -> Origin {
    if path.as_os_str().to_str() == Some(shown) {
        Origin::File(None)
    } else {
        Origin::File(Some(path))
    }
}

fn skipped(path: String, problem: Problem) -> Loaded {
    Loaded::Skipped(Warning { path, problem })
}

#[cfg(test)]
mod tests;
