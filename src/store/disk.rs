//! The file-system protocol: the lock on `state.lock`, atomic replacement of `state.json`, the
//! stamp that tells whether it changed, temp-file sweeping, backups.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::notice::StoreError;
use super::time::compact_utc;

/// The state file's name inside the data folder.
pub(crate) const STATE_FILE: &str = "state.json";
/// The lock file's name. The lock is never taken on the state file itself:
/// a rename puts a new inode under the name and the lock would stay on the old one.
pub(crate) const LOCK_FILE: &str = "state.lock";
/// Every temp file starts with this; anything so named that is seen under the lock is a leftover.
const TEMP_PREFIX: &str = "state.json.tmp-";

/// Makes temp names unique within this process; the pid makes them unique between processes.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The exclusive lock on `state.lock`, released when dropped (closing the file releases it too).
#[derive(Debug)]
pub(crate) struct LockGuard {
    file: File,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Failing to unlock is harmless: closing the descriptor right after releases the lock.
        let _ = self.file.unlock();
    }
}

/// Takes the exclusive lock, waiting for another lectern's save (a few milliseconds) to finish.
pub(crate) fn lock(dir: &Path) -> Result<LockGuard, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|error| StoreError::io("open", &path, error))?;
    file.lock()
        .map_err(|error| StoreError::io("lock", &path, error))?;
    Ok(LockGuard { file })
}

/// What one `stat` of the state file says about its bytes. Every save puts a new file (a new
/// inode) under the name and sets its times, so an unchanged stamp means the bytes are those
/// already read; a changed one, that they may differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// There is no state file.
    Absent,
    /// The file's identity, size, and modification and status-change times (seconds, nanoseconds).
    Present {
        device: u64,
        inode: u64,
        size: u64,
        modified: (i64, i64),
        changed: (i64, i64),
    },
}

impl Stamp {
    fn of(metadata: &Metadata) -> Self {
        Self::Present {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.size(),
            modified: (metadata.mtime(), metadata.mtime_nsec()),
            changed: (metadata.ctime(), metadata.ctime_nsec()),
        }
    }
}

/// The state file's stamp: one `stat`, nothing read.
pub(crate) fn stamp(path: &Path) -> io::Result<Stamp> {
    match fs::metadata(path) {
        Ok(metadata) => Ok(Stamp::of(&metadata)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Stamp::Absent),
        Err(error) => Err(error),
    }
}

/// The state file's bytes, `None` when there is no file yet, with the stamp of exactly those
/// bytes (taken on the open file, so a save landing meanwhile cannot pair new bytes with an
/// old stamp).
pub(crate) fn read(path: &Path) -> io::Result<(Stamp, Option<Vec<u8>>)> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok((Stamp::Absent, None)),
        Err(error) => return Err(error),
    };
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok((Stamp::of(&metadata), Some(bytes)))
}

/// Replaces `dir/STATE_FILE` with `bytes` so that a crash at any instant leaves either
/// the old file or the new one: temp file in the same folder, fsync, rename, fsync the folder.
/// Call with the lock held.
pub(crate) fn write_atomically(dir: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = dir.join(STATE_FILE);
    let (temp_path, mut temp) =
        create_temp(dir).map_err(|error| StoreError::io("create a temp file in", dir, error))?;
    let written = temp
        .write_all(bytes)
        .and_then(|()| temp.sync_all())
        .map_err(|error| StoreError::io("write", &temp_path, error));
    drop(temp);
    let renamed = written.and_then(|()| {
        fs::rename(&temp_path, &target).map_err(|error| StoreError::io("replace", &target, error))
    });
    if let Err(error) = renamed {
        // Best effort: a temp file left here is swept at the next start anyway.
        let _ = fs::remove_file(&temp_path);
        return Err(error);
    }
    // The rename is durable only once the folder's entry is on disk.
    File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|error| StoreError::io("sync", dir, error))
}

/// Creates a fresh temp file next to the state file.
fn create_temp(dir: &Path) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut attempt = 0;
    loop {
        let count = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{TEMP_PREFIX}{pid}-{count}"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            // A leftover with this name from an earlier process with the same pid: try the next.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Removes the temp files a killed writer left behind. Call with the lock held,
/// so a live writer's temp file is never taken for a leftover. Returns how many were removed.
pub(crate) fn sweep_temp_files(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let is_temp = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(TEMP_PREFIX));
        if is_temp && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Checks that the folder takes new files by creating and removing a temp file. Call with the lock held.
pub(crate) fn probe_writable(dir: &Path) -> io::Result<()> {
    let (path, file) = create_temp(dir)?;
    drop(file);
    fs::remove_file(path)
}

/// Renames an unusable state file to `<name>.broken-<UTC time>` (with `-2`, `-3`, ... if
/// that exists), keeping its bytes, and returns the new path. Call with the lock held.
pub(crate) fn move_aside(file: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let name = file
        .file_name()
        .map_or_else(|| STATE_FILE.into(), |name| name.to_string_lossy());
    let stamp = compact_utc(now);
    for n in 1..1_000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let backup = file.with_file_name(format!("{name}.broken-{stamp}{suffix}"));
        // `symlink_metadata` so that even a dangling link counts as taken: rename would replace it.
        if fs::symlink_metadata(&backup).is_err() {
            fs::rename(file, &backup)?;
            return Ok(backup);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many backups with the same time",
    ))
}
