//! The records of a cache file as read: where each file's record lies, decoded only when
//! its file is loaded.

use std::collections::HashMap;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use super::{MAX_FRAME, clean, corrupt, header};
use crate::article::Meta;
use crate::filter::SearchKey;

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
        Some(Self {
            size: metadata.len(),
            modified: nanos(metadata.modified().ok()?)?,
        })
    }
}

/// A time in nanoseconds since 1970 (negative before), as stamps and the header keep it.
pub fn nanos(time: SystemTime) -> Option<i128> {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|n| -n),
    }
}

/// How close to a cache's writing a file's modification time may be before its stamp is
/// not trusted: 2 s, the coarsest clock among common filesystems (FAT); ext2 with small
/// inodes and many network shares keep whole seconds.
pub const RACY: std::time::Duration = std::time::Duration::from_secs(2);

/// The start of a record's bytes: enough to find and check it without decoding the rest.
#[derive(Deserialize)]
pub(super) struct Head<'a> {
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
    pub(super) start: u32,
    pub(super) len: u32,
}

/// The records of a cache file, as the bytes read and where each place's record lies.
#[derive(Debug, Default)]
pub struct Stored {
    pub(super) bytes: Vec<u8>,
    /// When the loader that wrote the file began stat'ing files (see [`RACY`]).
    pub(super) written: i128,
    /// By a hash of the place (checked against the record's own when it is taken); xxh3,
    /// because the default `SipHash` was a visible part of a warm start.
    pub(super) spans: HashMap<u64, Span, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
}

fn place_hash(root: u16, below: &[u8]) -> u64 {
    xxh3_64_with_seed(below, u64::from(root))
}

impl Stored {
    /// Takes the record of `place` out of the table: its span and the stamp it was read with.
    /// A record whose file was modified too close to the cache's writing to trust its stamp
    /// (see [`RACY`]) is taken out and not given: the file is read again.
    pub fn take(&mut self, place: &Place) -> Option<(Span, Stamp)> {
        let span = self.spans.remove(&place_hash(place.root, &place.below))?;
        let head = self.head(span)?;
        (head.root == place.root && head.below == place.below && self.trusts(head.stamp))
            .then_some((span, head.stamp))
    }

    /// Git's racy-timestamp rule: a stamp proves a file unchanged only if its time is at
    /// least [`RACY`] older than the moment the files were stat'ed for the cache. Closer,
    /// the file may have been rewritten at the same size within the same tick of a coarse
    /// clock after it was read, and (size, time) would never tell.
    fn trusts(&self, stamp: Stamp) -> bool {
        stamp.modified
            < self
                .written
                .saturating_sub(RACY.as_nanos().try_into().unwrap_or(0))
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

/// Checks a cache file's bytes and finds where each record lies.
pub(super) fn index(bytes: Vec<u8>, expected: &[u8]) -> io::Result<Stored> {
    let header_len = header::check(&bytes, expected)?;
    // The time, then its checksum: a damaged time could make stale records look safe.
    let time = (bytes.get(header_len..header_len + 16)).ok_or_else(|| corrupt("truncated"))?;
    let sum = (bytes.get(header_len + 16..header_len + 24)).ok_or_else(|| corrupt("truncated"))?;
    if xxh3_64(time).to_le_bytes() != sum {
        return Err(corrupt("checksum"));
    }
    let written = <[u8; 16]>::try_from(time).map_or(0, i128::from_le_bytes);
    if u32::try_from(bytes.len()).is_err() {
        return Err(corrupt("too large"));
    }
    let mut spans = HashMap::default();
    let mut at = header_len + 24;
    loop {
        let len = read_u32(&bytes, at)? as usize;
        if len == 0 {
            return Ok(Stored {
                bytes,
                written,
                spans,
            });
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

#[cfg(test)]
mod tests {
    use super::*;

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
