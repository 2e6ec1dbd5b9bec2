//! The index cache: each file's parsed metadata and search key, so that a second start
//! reads only the files that changed.
//!
//! One file per set of library folders, in `$XDG_CACHE_HOME/lectern/`. It is derived
//! data: anything wrong with it (missing, truncated, corrupt, another version) means it is
//! ignored and rebuilt, and deleting it loses nothing. Layout: a header, then frames
//! (`u32` length, `u64` xxh3 of the bytes, the bytes), then a zero length. A frame holds
//! records, each a `u32` length and the postcard bytes of a [`Record`].
//!
//! A start keeps the file's bytes as read and decodes a record only when its file is
//! loaded: decoding all of them up front, one allocation per field, was a third of a warm
//! start, and kept a second copy of every title in memory while the list filled.

use std::collections::HashMap;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::article::Meta;
use crate::filter::SearchKey;
use crate::text::{is_forbidden, sanitize_line};

mod header;
mod write;

pub use header::{file_for, libraries};
pub use write::{Writer, copy_into, encode_into};

/// A frame larger than this is corruption (a frame holds one batch of records).
pub(super) const MAX_FRAME: usize = 256 << 20;

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

/// One file as parsed when it was last read, borrowed for writing.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// Which of the library's folders it is under, and its path below it.
    pub place: &'a Place,
    /// Size and modification time when it was read.
    pub stamp: Stamp,
    /// What the list shows (its `path` is rebuilt from the walk when read back).
    pub meta: &'a Meta,
    /// The folded title and source.
    pub key: &'a SearchKey,
    /// Invalid UTF-8 sequences replaced when it was decoded.
    pub replaced: usize,
    /// Front matter warnings.
    pub front_matter: &'a [String],
}

/// The start of a record's bytes: enough to find and check it without decoding the rest.
#[derive(Deserialize)]
struct Head<'a> {
    root: u16,
    below: &'a [u8],
    stamp: Stamp,
}

/// The rest of a record, decoded when its file is loaded.
#[derive(Debug, Deserialize)]
pub struct Cached {
    /// What the list shows; its `path` is empty.
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

/// Where a record lies in a cache file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

/// The records of a cache file, as the bytes read and where each place's record lies.
#[derive(Debug, Default)]
pub struct Stored {
    bytes: Vec<u8>,
    /// By a hash of the place (checked against the record's own when it is taken); xxh3,
    /// because the default `SipHash` was a visible part of a warm start.
    spans: HashMap<u64, Span, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
}

fn place_hash(root: u16, below: &[u8]) -> u64 {
    xxh3_64_with_seed(below, u64::from(root))
}

impl Stored {
    /// Takes the record of `place` out of the table: its span and the stamp it was read with.
    pub fn take(&mut self, place: &Place) -> Option<(Span, Stamp)> {
        let span = self.spans.remove(&place_hash(place.root, &place.below))?;
        let head = self.head(span)?;
        (head.root == place.root && head.below == place.below).then_some((span, head.stamp))
    }

    /// Whether records were left untaken (their files went away), emptying the table.
    pub fn any_left(&mut self) -> bool {
        let left = !self.spans.is_empty();
        self.spans = HashMap::default();
        left
    }

    /// The encoded record at `span`, to copy into a new cache unchanged.
    pub fn bytes(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        self.bytes
            .get(start..start + span.len as usize)
            .unwrap_or(&[])
    }

    fn head(&self, span: Span) -> Option<Head<'_>> {
        postcard::take_from_bytes(self.bytes(span))
            .ok()
            .map(|(head, _)| head)
    }

    /// Decodes the record at `span`, its text sanitised again.
    pub fn record(&self, span: Span) -> Option<Cached> {
        let (_, rest) = postcard::take_from_bytes::<Head<'_>>(self.bytes(span)).ok()?;
        let mut cached: Cached = postcard::from_bytes(rest).ok()?;
        clean(&mut cached.meta);
        Some(cached)
    }
}

/// The records of the cache file `file` of the library made of `roots`; none when it is
/// missing, unusable or another library's.
pub fn read(file: &Path, roots: &[PathBuf]) -> Stored {
    let Some(bytes) = read_bounded(file, roots) else {
        return Stored::default();
    };
    let stored = index(bytes, roots).unwrap_or_default();
    if !stored.spans.is_empty() {
        // Its time says when it was last used, for `sweep`.
        let _ = (super::read::open_regular(file)).map(|(f, _)| f.set_modified(SystemTime::now()));
    }
    stored
}

/// The bytes of a cache file, read safely: a FIFO, a device or a link to `/dev/zero` in its
/// place is not read at all; the header is checked before anything else is read; and no more
/// is read than the size the opened file had (a file that grows meanwhile is cut there, and
/// its checksums refuse it).
fn read_bounded(file: &Path, roots: &[PathBuf]) -> Option<Vec<u8>> {
    use std::io::Read;
    let (opened, metadata) = super::read::open_regular(file).ok()?;
    // Spans are 32-bit: a cache past 4 GiB (some 10^7 files) is simply not used.
    let size = u32::try_from(metadata.len()).ok()?;
    let mut reader = opened.take(u64::from(size));
    let mut bytes = vec![0; header::header(roots).len()];
    reader.read_exact(&mut bytes).ok()?;
    header::check(&bytes, roots).ok()?;
    reader.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

pub(super) fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Checks a cache file's bytes and finds where each record lies.
fn index(bytes: Vec<u8>, roots: &[PathBuf]) -> io::Result<Stored> {
    let header_len = header::check(&bytes, roots)?;
    if u32::try_from(bytes.len()).is_err() {
        return Err(corrupt("too large"));
    }
    let mut spans = HashMap::default();
    let mut at = header_len;
    loop {
        let len = read_u32(&bytes, at)? as usize;
        if len == 0 {
            return Ok(Stored { bytes, spans });
        }
        if len > MAX_FRAME {
            return Err(corrupt("frame too large"));
        }
        let sum = bytes
            .get(at + 4..at + 12)
            .ok_or_else(|| corrupt("truncated"))?;
        let frame = (bytes.get(at + 12..at + 12 + len)).ok_or_else(|| corrupt("truncated"))?;
        if xxh3_64(frame).to_le_bytes() != sum {
            return Err(corrupt("checksum"));
        }
        let mut inner = 0;
        while inner < len {
            let record_len = read_u32(frame, inner)? as usize;
            let start = at + 12 + inner + 4;
            let record = (bytes.get(start..start + record_len)).ok_or_else(|| corrupt("record"))?;
            let (head, _) = postcard::take_from_bytes::<Head<'_>>(record)
                .map_err(|_| corrupt("undecodable record"))?;
            // Both fit: the whole file is under 4 GiB.
            let span = Span {
                start: u32::try_from(start).unwrap_or(0),
                len: u32::try_from(record_len).unwrap_or(0),
            };
            spans.insert(place_hash(head.root, head.below), span);
            inner += 4 + record_len;
        }
        at += 12 + len;
    }
}

fn read_u32(bytes: &[u8], at: usize) -> io::Result<u32> {
    let four = bytes.get(at..at + 4).ok_or_else(|| corrupt("truncated"))?;
    Ok(u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Dir;

    /// A record's parts, owned (what [`Record`] borrows).
    struct Parts {
        place: Place,
        stamp: Stamp,
        meta: Meta,
        key: SearchKey,
        replaced: usize,
        front_matter: Vec<String>,
    }

    impl Parts {
        fn record(&self) -> Record<'_> {
            Record {
                place: &self.place,
                stamp: self.stamp,
                meta: &self.meta,
                key: &self.key,
                replaced: self.replaced,
                front_matter: &self.front_matter,
            }
        }
    }

    fn parts(n: u8) -> Parts {
        Parts {
            place: Place {
                root: u16::from(n % 2),
                below: vec![b'a' + n, 0xff],
            },
            stamp: Stamp {
                size: 10 + u64::from(n),
                modified: -5,
            },
            meta: Meta {
                id: format!("{n:016x}"),
                path: String::new(),
                title: format!("Tiêu đề {n}"),
                source: Some("VnExpress".into()),
                url: None,
                date: Some("2024-05-01".into()),
                date_source: Some(crate::article::DateSource::Text),
                lang: "vi".into(),
                dir: Dir::Ltr,
                words: 120,
            },
            key: SearchKey::new(&format!("Tiêu đề {n}"), Some("VnExpress")),
            replaced: 1,
            front_matter: vec!["bad key".into()],
        }
    }

    fn write(dir: &Path, frames: &[&[Parts]]) -> PathBuf {
        let target = dir.join("index.bin");
        let mut writer = Writer::create(target.clone(), &[]).expect("create");
        for parts in frames {
            let mut frame = Vec::new();
            for part in *parts {
                encode_into(&mut frame, &part.record()).expect("encode");
            }
            writer.frame(&frame).expect("frame");
        }
        writer.commit().expect("commit");
        target
    }

    #[test]
    fn records_come_back_as_written() {
        let dir = tempfile::tempdir().expect("dir");
        let parts: Vec<Parts> = (0..5).map(parts).collect();
        let file = write(dir.path(), &[&parts[..2], &parts[2..]]);
        let mut stored = read(&file, &[]);
        for part in &parts {
            let (span, stamp) = stored.take(&part.place).expect("record");
            assert_eq!(stamp, part.stamp);
            let cached = stored.record(span).expect("decoded");
            assert_eq!(cached.meta, part.meta);
            assert_eq!(cached.key, part.key);
            assert_eq!(cached.replaced, part.replaced);
            assert_eq!(cached.front_matter, part.front_matter);
            // Copied bytes are the record as encoded afresh.
            let mut copied = Vec::new();
            copy_into(&mut copied, stored.bytes(span)).expect("copy");
            let mut encoded = Vec::new();
            encode_into(&mut encoded, &part.record()).expect("encode");
            assert_eq!(copied, encoded);
            // Taken once: a second take finds nothing.
            assert_eq!(stored.take(&part.place), None);
        }
        assert!(!stored.any_left());
    }

    #[test]
    fn only_the_exact_place_takes_a_record() {
        let dir = tempfile::tempdir().expect("dir");
        let parts: Vec<Parts> = (0..3).map(parts).collect();
        let file = write(dir.path(), &[&parts]);
        let mut stored = read(&file, &[]);
        let mut other_root = parts[0].place.clone();
        other_root.root += 1;
        assert_eq!(stored.take(&other_root), None);
        let mut other_path = parts[1].place.clone();
        other_path.below.push(b'x');
        assert_eq!(stored.take(&other_path), None);
        assert!(stored.take(&parts[2].place).is_some());
        // Records 0 and 1 were never taken: their files went away.
        assert!(stored.any_left());
        assert!(!stored.any_left(), "the table is emptied");
    }

    #[test]
    fn any_damage_means_an_empty_cache() {
        let dir = tempfile::tempdir().expect("dir");
        let parts: Vec<Parts> = (0..3).map(parts).collect();
        let file = write(dir.path(), &[&parts]);
        let good = std::fs::read(&file).expect("read");
        let header = header::header(&[]).len();
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
            let mut stored = read(&file, &[]);
            assert!(!stored.any_left(), "{what}");
        }
        assert!(!read(&dir.path().join("missing"), &[]).any_left());
    }

    #[test]
    fn hostile_text_in_a_cache_is_sanitised_again() {
        let dir = tempfile::tempdir().expect("dir");
        let mut hostile = parts(0);
        hostile.meta.title = "a\u{1b}]0;owned\u{7}b\u{202e}c".into();
        hostile.meta.source = Some("\u{9b}2Jx".into());
        let file = write(dir.path(), &[&[hostile]]);
        let mut stored = read(&file, &[]);
        let (span, _) = stored.take(&parts(0).place).expect("record");
        let meta = stored.record(span).expect("decoded").meta;
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
}
