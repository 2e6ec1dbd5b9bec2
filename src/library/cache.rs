//! The index cache: each file's parsed metadata and search key, so that a second start
//! reads only the files that changed.
//!
//! One file per set of library folders, in `$XDG_CACHE_HOME/lectern/`. It is derived
//! data: anything wrong with it (missing, truncated, corrupt, another version) means it is
//! ignored and rebuilt, and deleting it loses nothing. Layout: a header, then frames of
//! records (`u32` length, `u64` xxh3 of the bytes, postcard bytes), then a zero length.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::article::Meta;
use crate::filter::{FOLD_VERSION, SearchKey};
use crate::text::{is_forbidden, sanitize_line};

/// Bump when `Meta`, `SearchKey`, [`Record`] or what parsing extracts from a file changes:
/// a cache of another format is rebuilt, never misread.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"LECTERN\x01";
/// A frame larger than this is corruption (a frame holds [`FRAME_RECORDS`] records).
const MAX_FRAME: usize = 256 << 20;
/// Records per frame: big enough to amortise the framing, small enough to stream.
pub const FRAME_RECORDS: usize = 2048;

/// When a file was last seen: a cached record is used only while both still hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since 1970 (negative before).
    pub modified: i128,
}

impl Stamp {
    /// The stamp of a file's metadata, if the system gives a modification time.
    pub fn of(metadata: &std::fs::Metadata) -> Option<Self> {
        let modified = metadata.modified().ok()?;
        let nanos = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).ok()?,
            Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
        };
        Some(Self {
            size: metadata.len(),
            modified: nanos,
        })
    }
}

/// One file as parsed when it was last read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Which of the library's folders it is under, and its path below it (raw bytes).
    pub place: Place,
    /// Size and modification time when it was read.
    pub stamp: Stamp,
    /// What the list shows (its `path` is rebuilt from `place` when read back).
    pub meta: Meta,
    /// The folded title and source.
    pub key: SearchKey,
    /// Invalid UTF-8 sequences replaced when it was decoded.
    pub replaced: usize,
    /// Front matter warnings.
    pub front_matter: Vec<String>,
}

/// Where a file lies: its library folder (by position) and its path below that folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    /// Index into the folders the library was loaded from.
    pub root: u16,
    /// The path below that folder, as bytes (paths need not be UTF-8).
    pub below: Vec<u8>,
}

impl Place {
    /// Where `path` lies among `roots` (the first that holds it), if any. Walked paths
    /// start with their root as given, so bytes are compared, not components (faster).
    pub fn of(path: &Path, roots: &[PathBuf]) -> Option<Self> {
        let path = path.as_os_str().as_bytes();
        roots.iter().enumerate().find_map(|(root, folder)| {
            let folder = folder.as_os_str().as_bytes();
            let folder = folder.strip_suffix(b"/").unwrap_or(folder);
            let rest = path.strip_prefix(folder)?;
            let below = match rest {
                [] => rest,
                [b'/', below @ ..] => below,
                _ => return None,
            };
            Some(Self {
                root: u16::try_from(root).ok()?,
                below: below.to_vec(),
            })
        })
    }
}

/// The cached records by place (their own `place` left empty), hashed with xxh3 (the default
/// `SipHash` was a visible part of a warm start) and boxed, so that the table stays small
/// while its records move one by one into the library.
pub type Records = HashMap<Place, Box<Record>, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// The cache file for a library made of `roots`, in the folder `dir`.
pub fn file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut names = Vec::new();
    for root in roots {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        names.extend_from_slice(root.as_os_str().as_bytes());
        names.push(0);
    }
    dir.join(format!("index-{:016x}.bin", xxh3_64(&names)))
}

fn header() -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&FOLD_VERSION.to_le_bytes());
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    header.push(u8::try_from(version.len()).unwrap_or(0));
    header.extend_from_slice(version);
    header
}

/// Every record of the cache file `file`, by place; empty when it is missing or unusable.
pub fn read(file: &Path) -> Records {
    let Ok(file) = File::open(file) else {
        return Records::default();
    };
    let records = read_from(BufReader::with_capacity(1 << 20, &file)).unwrap_or_default();
    if !records.is_empty() {
        // Its time says when it was last used, for `sweep`.
        let _ = file.set_modified(SystemTime::now());
    }
    records
}

/// Cache files unused this long are removed when another is written, so that a folder
/// listed once (a download, a temporary folder) does not leave its index behind for ever.
const UNUSED: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Removes the cache files in `dir` not used for [`UNUSED`], and leftover temporary files.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with("index-") && name.ends_with(".bin");
        let temporary = name.starts_with(".tmp");
        let unused = (entry.metadata().and_then(|m| m.modified()).ok())
            .and_then(|time| time.elapsed().ok())
            .is_some_and(|age| age > UNUSED);
        if (ours || temporary) && unused {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

fn read_from(mut input: impl Read) -> io::Result<Records> {
    let expected = header();
    let mut found = vec![0; expected.len()];
    input.read_exact(&mut found)?;
    if found != expected {
        return Err(corrupt("another format"));
    }
    let mut records = Records::default();
    let mut frame = Vec::new();
    loop {
        let mut head = [0; 12];
        input.read_exact(&mut head[..4])?;
        let len = u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if len == 0 {
            return Ok(records);
        }
        if len > MAX_FRAME {
            return Err(corrupt("frame too large"));
        }
        input.read_exact(&mut head[4..])?;
        frame.resize(len, 0);
        input.read_exact(&mut frame)?;
        let mut sum = [0; 8];
        sum.copy_from_slice(&head[4..]);
        if xxh3_64(&frame) != u64::from_le_bytes(sum) {
            return Err(corrupt("checksum"));
        }
        let batch: Vec<Record> =
            postcard::from_bytes(&frame).map_err(|_| corrupt("undecodable frame"))?;
        records.extend(batch.into_iter().map(|mut r| {
            clean(&mut r.meta);
            // The place is the key; the record keeps an empty one until it is written again.
            (std::mem::take(&mut r.place), Box::new(r))
        }));
    }
}

/// Cached text is as untrusted as the files it came from (anyone may write the cache):
/// what holds a character that must never reach the terminal is sanitised again.
fn clean(meta: &mut Meta) {
    let clean_one = |text: &mut String| {
        if text.chars().any(is_forbidden) {
            *text = sanitize_line(text);
        }
    };
    for text in [&mut meta.id, &mut meta.title, &mut meta.lang] {
        clean_one(text);
    }
    for text in [&mut meta.source, &mut meta.url, &mut meta.date]
        .into_iter()
        .flatten()
    {
        clean_one(text);
    }
}

/// Writes a new cache file frame by frame, then puts it in place atomically.
pub struct Writer {
    file: BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Writer {
    /// Starts a cache file that will replace `target` when [`Writer::commit`]ted.
    ///
    /// # Errors
    /// The cache folder cannot be created or written.
    pub fn create(target: PathBuf) -> io::Result<Self> {
        let dir = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut file = BufWriter::new(tempfile::NamedTempFile::new_in(dir)?);
        file.write_all(&header())?;
        Ok(Self { file, target })
    }

    /// Appends one frame of records.
    ///
    /// # Errors
    /// The records cannot be encoded or written.
    pub fn frame(&mut self, records: &[Record]) -> io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let bytes = postcard::to_stdvec(records).map_err(|_| corrupt("unencodable record"))?;
        let len = u32::try_from(bytes.len())
            .ok()
            .filter(|&len| len as usize <= MAX_FRAME)
            .ok_or_else(|| corrupt("frame too large"))?;
        self.file.write_all(&len.to_le_bytes())?;
        self.file.write_all(&xxh3_64(&bytes).to_le_bytes())?;
        self.file.write_all(&bytes)
    }

    /// Ends the file and renames it over the old cache.
    ///
    /// # Errors
    /// Writing or renaming failed; the old cache is then left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.write_all(&0u32.to_le_bytes())?;
        let file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.persist(&self.target).map_err(|e| e.error)?;
        if let Some(dir) = self.target.parent() {
            sweep(dir);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Dir;

    fn record(n: u8) -> Record {
        Record {
            place: Place {
                root: 0,
                below: vec![b'a' + n, 0xff],
            },
            stamp: Stamp {
                size: 10,
                modified: -5,
            },
            meta: Meta {
                id: format!("{n:016x}"),
                path: String::new(),
                title: format!("Tiêu đề {n}"),
                source: Some("VnExpress".into()),
                url: None,
                date: Some("2024-05-01".into()),
                lang: "vi".into(),
                dir: Dir::Ltr,
                words: 120,
            },
            key: SearchKey::new(&format!("Tiêu đề {n}"), Some("VnExpress")),
            replaced: 1,
            front_matter: vec!["bad key".into()],
        }
    }

    fn write(dir: &Path, frames: &[&[Record]]) -> PathBuf {
        let target = dir.join("index.bin");
        let mut writer = Writer::create(target.clone()).expect("create");
        for frame in frames {
            writer.frame(frame).expect("frame");
        }
        writer.commit().expect("commit");
        target
    }

    #[test]
    fn records_come_back_as_written() {
        let dir = tempfile::tempdir().expect("dir");
        let records: Vec<Record> = (0..5).map(record).collect();
        let file = write(dir.path(), &[&records[..2], &records[2..]]);
        let read = read(&file);
        assert_eq!(read.len(), 5);
        for r in &records {
            let mut back = (**read.get(&r.place).expect("record")).clone();
            back.place = r.place.clone();
            assert_eq!(&back, r);
        }
    }

    #[test]
    fn any_damage_means_an_empty_cache() {
        let dir = tempfile::tempdir().expect("dir");
        let records: Vec<Record> = (0..3).map(record).collect();
        let file = write(dir.path(), &[&records]);
        let good = std::fs::read(&file).expect("read");
        let header = header().len();
        let mut cases = vec![
            ("truncated", good[..good.len() - 1].to_vec()),
            ("no end mark", good[..good.len() - 4].to_vec()),
            ("empty", Vec::new()),
            ("NULs", vec![0; good.len()]),
        ];
        let mut flipped = good.clone();
        flipped[header + 20] ^= 0x20;
        cases.push(("one bit in a record", flipped));
        let mut version = good.clone();
        version[8] ^= 1;
        cases.push(("another format", version));
        for (what, bytes) in cases {
            std::fs::write(&file, bytes).expect("write");
            assert!(read(&file).is_empty(), "{what}");
        }
        assert!(read(&dir.path().join("missing")).is_empty());
    }

    #[test]
    fn hostile_text_in_a_cache_is_sanitised_again() {
        let dir = tempfile::tempdir().expect("dir");
        let mut hostile = record(0);
        hostile.meta.title = "a\u{1b}]0;owned\u{7}b\u{202e}c".into();
        hostile.meta.source = Some("\u{9b}2Jx".into());
        let file = write(dir.path(), &[&[hostile.clone()]]);
        let meta = &read(&file)[&hostile.place].meta;
        assert_eq!(meta.title, "abc");
        assert_eq!(meta.source.as_deref(), Some("x"));
    }

    #[test]
    fn places_are_relative_to_the_first_root_holding_them() {
        let roots = [PathBuf::from("news"), PathBuf::from("/abs/more")];
        let place = Place::of(Path::new("/abs/more/x/y.txt"), &roots).expect("place");
        assert_eq!((place.root, place.below), (1, b"x/y.txt".to_vec()));
        assert_eq!(
            Place::of(Path::new("news"), &roots).map(|p| p.below),
            Some(Vec::new())
        );
        // A folder whose name merely starts like a root is not under it.
        assert_eq!(Place::of(Path::new("newsroom/a.txt"), &roots), None);
        let slash = [PathBuf::from("news/")];
        assert_eq!(
            Place::of(Path::new("news/a.txt"), &slash).map(|p| p.below),
            Some(b"a.txt".to_vec())
        );
        assert_eq!(Place::of(Path::new("elsewhere/z.txt"), &roots), None);
    }

    #[test]
    fn writing_sweeps_only_long_unused_cache_files() {
        let dir = tempfile::tempdir().expect("dir");
        let old = SystemTime::now() - UNUSED - Duration::from_secs(60);
        let names = ["index-old.bin", "index-recent.bin", ".tmpAbc", "notes.txt"];
        for name in names {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").expect("write");
            if name != "index-recent.bin" {
                File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_modified(old))
                    .expect("age");
            }
        }
        write(dir.path(), &[&[record(1)]]);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["index-recent.bin", "index.bin", "notes.txt"]);
    }
}
