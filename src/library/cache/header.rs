//! The cache file's header: its format, the fold and lectern versions that made it, and the
//! library folders it belongs to, so that a cache copied from another library is refused and
//! `lectern show ID` can find which libraries were listed.

use std::io::{self, Read};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use crate::filter::FOLD_VERSION;

/// Bump when `Meta`, `SearchKey`, [`super::Record`], this header or what parsing extracts
/// from a file changes: a cache of another format is rebuilt, never misread.
const FORMAT: u32 = 7;
const MAGIC: &[u8; 8] = b"LECTERN\x01";
/// A header longer than this is no header (some 4,000 folders of 256 bytes).
const MAX_HEADER: u64 = 1 << 20;

/// The folders as the cache records them: canonical when they exist, so `./news` and
/// `/home/me/news` are one library.
fn canonical_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    (roots.iter())
        .map(|root| std::fs::canonicalize(root).unwrap_or_else(|_| root.clone()))
        .collect()
}

/// The cache file for a library made of `roots`, in the folder `dir`.
pub fn file_for(dir: &Path, roots: &[PathBuf]) -> PathBuf {
    let mut names = Vec::new();
    for root in canonical_roots(roots) {
        names.extend_from_slice(root.as_os_str().as_bytes());
        names.push(0);
    }
    dir.join(format!("index-{:016x}.bin", xxh3_64(&names)))
}

/// The part of the header that says which build wrote the file.
fn preamble() -> Vec<u8> {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&FOLD_VERSION.to_le_bytes());
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    header.push(u8::try_from(version.len()).unwrap_or(0));
    header.extend_from_slice(version);
    header
}

/// The header of the cache of the library made of `roots`: the preamble, then the number of
/// folders and each one's length and bytes.
pub(super) fn header(roots: &[PathBuf]) -> Vec<u8> {
    let mut header = preamble();
    let roots = canonical_roots(roots);
    header.extend_from_slice(&u32::try_from(roots.len()).unwrap_or(0).to_le_bytes());
    for root in roots {
        let bytes = root.as_os_str().as_bytes();
        header.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(0).to_le_bytes());
        header.extend_from_slice(bytes);
    }
    header
}

/// The library folders a cache file was written for; `None` when it is no cache of this
/// build. Reads the header alone, at most [`MAX_HEADER`] bytes, whatever the file's size.
fn recorded_roots(file: &Path) -> Option<Vec<PathBuf>> {
    let mut bytes = Vec::new();
    // A FIFO or device in the cache folder is not read (it could block or never end).
    let (opened, _) = crate::library::read::open_regular(file).ok()?;
    opened.take(MAX_HEADER).read_to_end(&mut bytes).ok()?;
    let mut at = bytes.strip_prefix(preamble().as_slice())?;
    let next_u32 = |at: &mut &[u8]| -> Option<usize> {
        let (four, rest) = at.split_first_chunk::<4>()?;
        *at = rest;
        usize::try_from(u32::from_le_bytes(*four)).ok()
    };
    let count = next_u32(&mut at)?;
    let mut roots = Vec::new();
    for _ in 0..count {
        let len = next_u32(&mut at)?;
        let (root, rest) = (at.get(..len)?, at.get(len..)?);
        roots.push(PathBuf::from(std::ffi::OsString::from_vec(root.to_vec())));
        at = rest;
    }
    Some(roots)
}

/// Every library with a cache in `dir`, by its folders, most recently used first.
pub fn libraries(dir: &Path) -> Vec<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, Vec<PathBuf>)> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("index-") && name.ends_with(".bin")
        })
        .filter_map(|entry| {
            let used = entry.metadata().ok()?.modified().ok()?;
            Some((used, recorded_roots(&entry.path())?))
        })
        .collect();
    found.sort_by_key(|(used, _)| std::cmp::Reverse(*used));
    found.into_iter().map(|(_, roots)| roots).collect()
}

/// Whether `bytes` start with `expected`, the [`header`] of this library; the header's
/// length, or an error naming what differs. The expected header is made once by the caller:
/// making it canonicalises every root.
pub(super) fn check(bytes: &[u8], expected: &[u8]) -> io::Result<usize> {
    if !bytes.starts_with(&preamble()) {
        return Err(super::corrupt("another format"));
    }
    if !bytes.starts_with(expected) {
        return Err(super::corrupt("another library's cache"));
    }
    Ok(expected.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_its_folders_and_only_them() {
        let dir = tempfile::tempdir().expect("dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).expect("a");
        let roots = vec![a.clone(), b.clone()];
        let file = dir.path().join("index.bin");
        let mut bytes = header(&roots);
        bytes.extend_from_slice(&[0; 4]);
        std::fs::write(&file, &bytes).expect("write");
        // `a` exists and is recorded canonical; `b` does not and is kept as given.
        let recorded = recorded_roots(&file).expect("a header");
        assert_eq!(recorded, [std::fs::canonicalize(&a).expect("a"), b.clone()]);
        assert!(check(&bytes, &header(&roots)).is_ok());
        let error = check(&bytes, &header(&[b])).expect_err("another library");
        assert_eq!(error.to_string(), "another library's cache");
        assert!(recorded_roots(&dir.path().join("missing")).is_none());
        std::fs::write(&file, b"LECTERN\x01 garbage").expect("write");
        assert!(recorded_roots(&file).is_none());
    }
}
