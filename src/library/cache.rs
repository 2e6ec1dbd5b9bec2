//! The index cache: each file's parsed metadata and search key, so that a second start
//! reads only the files that changed.
//!
//! One file per set of library folders, in `$XDG_CACHE_HOME/lectern/`. It is derived
//! data: anything wrong with it (missing, truncated, corrupt, another version) means it is
//! ignored and rebuilt, and deleting it loses nothing. Layout: a header, the time the
//! files were stat'ed for it (`i128` nanoseconds, for the racy-timestamp rule) and its `u64` xxh3, then frames
//! (`u32` length, `u64` xxh3 of the bytes, the bytes), then a zero length. A frame holds
//! records, each a `u32` length and the postcard bytes of a [`Record`].
//!
//! A start keeps the file's bytes as read and decodes a record only when its file is
//! loaded: decoding all of them up front, one allocation per field, was a third of a warm
//! start, and kept a second copy of every title in memory while the list filled.

use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use crate::article::Meta;
use crate::filter::SearchKey;
use crate::text::{is_forbidden, is_invisible, sanitize_line};

mod header;
mod stored;
mod unfinished;
mod write;

pub use header::{file_for, libraries};
pub use stored::{Place, Span, Stamp, Stored, nanos};
pub use unfinished::{
    remove_all as remove_unfinished, remove_on_signals, sweep as sweep_unfinished,
};
pub use write::{Writer, copy_into, encode_into};

/// A frame larger than this is corruption (a frame holds one batch of records).
pub(super) const MAX_FRAME: usize = 256 << 20;

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

/// The records of the cache file `file` of the library made of `roots`; none when it is
/// missing, unusable or another library's.
pub fn read(file: &Path, roots: &[PathBuf]) -> Stored {
    // Once: making it canonicalises every root.
    let expected = header::header(roots);
    let Some(bytes) = read_bounded(file, &expected) else {
        return Stored::default();
    };
    let stored = stored::index(bytes, &expected).unwrap_or_default();
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
fn read_bounded(file: &Path, expected: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let (opened, metadata) = super::read::open_regular(file).ok()?;
    // Spans are 32-bit: a cache past 4 GiB (some 10^7 files) is simply not used.
    let size = u32::try_from(metadata.len()).ok()?;
    let mut reader = opened.take(u64::from(size));
    let mut bytes = vec![0; expected.len()];
    reader.read_exact(&mut bytes).ok()?;
    header::check(&bytes, expected).ok()?;
    reader.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

pub(super) fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

/// Cached text is as untrusted as the files it came from (anyone may write the cache):
/// what holds a character that must never reach the terminal is sanitised again.
pub(super) fn clean(meta: &mut Meta) {
    let clean_one = |text: &mut String| {
        if text.chars().any(|c| is_forbidden(c) || is_invisible(c)) {
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

    /// When the test caches were written: 2024-05-01, well after their records' files.
    const WRITTEN: i128 = 1_714_521_600_000_000_000;

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
        let mut writer = Writer::create(target.clone(), &[], WRITTEN).expect("create");
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
        flipped[header + 24 + 20] ^= 0x20;
        cases.push(("one bit in a record", flipped));
        let mut time = good.clone();
        time[header + 3] ^= 0x20;
        cases.push(("one bit in the time it was written", time));
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
    fn a_record_modified_within_two_seconds_of_the_writing_is_not_taken() {
        let dir = tempfile::tempdir().expect("dir");
        let second = 1_000_000_000;
        // Modified 3 s, exactly 2 s, 1 s before the writing, and at its very moment.
        let ages = [3 * second, 2 * second, second, 0];
        let parts: Vec<Parts> = (0..4u8)
            .map(|n| {
                let mut part = parts(n);
                part.stamp.modified = WRITTEN - ages[usize::from(n)];
                part
            })
            .collect();
        let file = write(dir.path(), &[&parts]);
        let mut stored = read(&file, &[]);
        let taken: Vec<bool> = (parts.iter())
            .map(|part| stored.take(&part.place).is_some())
            .collect();
        assert_eq!(taken, [true, false, false, false]);
    }
}
