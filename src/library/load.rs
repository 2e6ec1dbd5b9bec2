//! Loading a library on a background thread: walk the folders, then read each file (or
//! take it from the index cache) in parallel, and send the results in batches.
//!
//! The interface never waits for this: it draws its first frame at once and adds each
//! batch as it arrives. `lectern list` simply waits for [`Progress::Done`].

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};

use rayon::prelude::*;

use super::cache::{self, FRAME_RECORDS, Place, Record, Stamp};
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
    let run = move || load(&roots, &options, &sender);
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

/// A file the walk found, with its cached record if the cache has one for its place.
struct Found {
    path: PathBuf,
    place: Option<Place>,
    /// Boxed: most files have none on a first start, and an inline record would triple
    /// the size of the list of files in flight.
    cached: Option<Box<Record>>,
}

fn load(roots: &[PathBuf], options: &LoadOptions, sender: &Sender<Progress>) {
    let cache_file = (options.cache_dir.as_deref()).map(|dir| cache::file_for(dir, roots));
    // Read the cache while the walk runs: both mostly wait on the disk.
    let (mut cached, (files, warnings)) = std::thread::scope(|scope| {
        let reading = scope.spawn(|| cache_file.as_deref().map(cache::read).unwrap_or_default());
        let walked = walk(roots);
        (reading.join().unwrap_or_default(), walked)
    });
    let files: Vec<Found> = files
        .into_iter()
        .map(|path| {
            let place = Place::of(&path, roots);
            let cached = place.as_ref().and_then(|place| cached.remove(place));
            Found {
                path,
                place,
                cached,
            }
        })
        .collect();
    // Records left over are files that went away: the cache must be rewritten without them.
    let stale = !cached.is_empty();
    drop(cached);
    let _ = sender.send(Progress::Found {
        files: files.len(),
        warnings,
    });
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
            Ok(stat) => found.cached.as_ref().map(|r| r.stamp) != stat.stamp,
            Err(_) => found.cached.is_some(),
        });
    let writer = (cache_file.filter(|_| changed))
        .and_then(|file| cache::Writer::create(file).ok())
        .map(Mutex::new);
    let failed = std::sync::atomic::AtomicBool::new(false);
    stamped.into_par_iter().chunks(BATCH).for_each(|chunk| {
        let mut batch = Vec::with_capacity(chunk.len());
        let mut records = Vec::new();
        for (found, checked) in chunk {
            let (loaded, record) = load_one(found, checked, options, writer.is_some());
            batch.push(loaded);
            records.extend(record);
        }
        if let Some(writer) = &writer {
            for frame in records.chunks(FRAME_RECORDS) {
                let mut writer = writer
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if writer.frame(frame).is_err() {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
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
/// Returns what to send, and (when `keep`) the record to cache.
fn load_one(
    found: Found,
    checked: Checked,
    options: &LoadOptions,
    keep: bool,
) -> (Loaded, Option<Record>) {
    let display = display_path(&found.path);
    let stat = match checked {
        Ok(checked) => checked,
        Err(problem) => return (skipped(display, problem), None),
    };
    let stamp = stat.stamp;
    if let Some(record) = found.cached.filter(|r| Some(r.stamp) == stamp) {
        let record = *record;
        let mut problems = Vec::new();
        if record.replaced > 0 {
            problems.push(Problem::Replaced(record.replaced));
        }
        let notes = record.front_matter.iter().cloned();
        problems.extend(notes.map(Problem::FrontMatter));
        let (mut meta, key, record) = if keep {
            let meta = record.meta.clone();
            let key = record.key.clone();
            let mut record = record;
            record.place = found.place.unwrap_or_default();
            (meta, key, Some(record))
        } else {
            (record.meta, record.key, None)
        };
        meta.path = display;
        let entry = Entry {
            origin: origin(found.path, &meta.path),
            meta,
        };
        return (Loaded::Article(entry, key, problems), record);
    }
    let parsed = read::read_checked(&found.path, stat.size, options.max_file_size)
        .and_then(|bytes| read::parse_bytes(bytes, display.clone(), stat.modified));
    let (article, problems) = match parsed {
        Ok(parsed) => parsed,
        Err(problem) => return (skipped(display, problem), None),
    };
    let key = SearchKey::new(&article.meta.title, article.meta.source.as_deref());
    let record = match (found.place, stamp) {
        (Some(place), Some(stamp)) if keep => Some(Record {
            place,
            stamp,
            meta: article.meta.clone(),
            key: key.clone(),
            replaced: (problems.iter())
                .find_map(|p| match p {
                    Problem::Replaced(n) => Some(*n),
                    _ => None,
                })
                .unwrap_or(0),
            front_matter: (problems.iter())
                .filter_map(|p| match p {
                    Problem::FrontMatter(text) => Some(text.clone()),
                    _ => None,
                })
                .collect(),
        }),
        _ => None,
    };
    let entry = Entry {
        origin: origin(found.path, &article.meta.path),
        meta: article.meta,
    };
    (Loaded::Article(entry, key, problems), record)
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
