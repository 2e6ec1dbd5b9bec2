//! The database file before SQLite sees it: what the path is (refusing anything that could
//! hang or read for ever), creating a new file private to the user, a quick look at the
//! header, and moving an unusable file aside.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::time::compact_utc;
use crate::regular_file::{OTHER_KIND, kind_name};

/// Every SQLite database file starts with these 16 bytes.
const HEADER: &[u8; 16] = b"SQLite format 3\0";
/// The smallest database file: its header alone is 100 bytes.
const MIN_SIZE: u64 = 100;

/// What the database path turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file yet.
    Absent,
    /// A regular file at this path (the target, when the path is a symlink to one).
    File(PathBuf),
}

/// Looks at `path` without opening it: a regular file (directly or through symlinks) is
/// found at its real path; nothing is fine too.
///
/// # Errors
/// The path is a directory, FIFO, socket or device, or a link to one, or a dangling link
/// (creating a file there would replace the link): the reason, as text.
pub(crate) fn find(path: &Path) -> Result<Found, String> {
    let link = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Found::Absent),
        Err(error) => return Err(error.to_string()),
    };
    let metadata = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err("a symlink to nothing".to_owned());
            }
            Err(error) => return Err(error.to_string()),
        }
    } else {
        link
    };
    let kind = metadata.file_type();
    if kind.is_file() {
        let real = fs::canonicalize(path).map_err(|error| error.to_string())?;
        return Ok(Found::File(real));
    }
    // Named as the library names them; a kind with no name of its own is said plainly.
    let name = kind_name(kind);
    Err(if name == OTHER_KIND {
        "not a regular file".to_owned()
    } else {
        format!("a {name}")
    })
}

/// Creates an empty file at `path` readable by the user alone (reading history is private);
/// SQLite writes the database into it. An existing file is left as it is.
pub(crate) fn create_private(path: &Path) -> io::Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(drop),
    }
}

/// Why the file at `path` is no database, judged from its size and first bytes; `None`
/// when it may be one (SQLite's own checks follow). An empty file is a new database.
pub(crate) fn not_a_database(path: &Path) -> io::Result<Option<String>> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size == 0 {
        return Ok(None);
    }
    let mut head = Vec::with_capacity(HEADER.len());
    file.take(HEADER.len() as u64).read_to_end(&mut head)?;
    if head != HEADER {
        return Ok(Some("not a database".to_owned()));
    }
    if size < MIN_SIZE {
        return Ok(Some(format!("truncated to {size} bytes")));
    }
    Ok(None)
}

/// Renames an unusable database to `<name>.broken-<UTC time>` (with `-2`, `-3`, ... if that
/// exists), keeping its bytes, and returns the new path. Its write-ahead log goes with it
/// (applied to a new database it would corrupt it); the shared-memory index is removed.
pub(crate) fn move_aside(file: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let backup = free_backup_name(file, now)?;
    fs::rename(file, &backup)?;
    let beside = |suffix: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let wal = beside("-wal");
    if fs::symlink_metadata(&wal).is_ok() {
        let mut moved = backup.as_os_str().to_owned();
        moved.push("-wal");
        fs::rename(&wal, PathBuf::from(moved))?;
    }
    match fs::remove_file(beside("-shm")) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(backup),
    }
}

/// `<name>.broken-<time>`, or with `-2`, `-3`, ... the first name not taken.
fn free_backup_name(file: &Path, now: SystemTime) -> io::Result<PathBuf> {
    let name = file
        .file_name()
        .map_or_else(|| "lectern.db".into(), |name| name.to_string_lossy());
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
            return Ok(backup);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many backups with the same time",
    ))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn what_a_path_is() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("lectern.db");
        assert_eq!(find(&file), Ok(Found::Absent));
        fs::write(&file, b"").expect("file");
        let real = fs::canonicalize(&file).expect("real path");
        assert_eq!(find(&file), Ok(Found::File(real.clone())));
        let link = tmp.path().join("link.db");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        assert_eq!(find(&link), Ok(Found::File(real)));
        assert_eq!(find(tmp.path()), Err("a directory".to_owned()));
        let zero = tmp.path().join("zero.db");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
        assert_eq!(find(&zero), Err("a device".to_owned()));
        let dangling = tmp.path().join("dangling.db");
        std::os::unix::fs::symlink(tmp.path().join("none"), &dangling).expect("link");
        assert_eq!(find(&dangling), Err("a symlink to nothing".to_owned()));
    }

    #[test]
    fn a_new_file_is_private_and_an_old_one_kept() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("lectern.db");
        create_private(&file).expect("created");
        let mode = |path: &Path| fs::metadata(path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).expect("chmod");
        fs::write(&file, b"kept").expect("write");
        create_private(&file).expect("left alone");
        assert_eq!(mode(&file), 0o640);
        assert_eq!(fs::read(&file).expect("read"), b"kept");
    }

    #[test]
    fn headers_tell_what_is_no_database() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("lectern.db");
        let check = |bytes: &[u8]| {
            fs::write(&file, bytes).expect("write");
            not_a_database(&file).expect("read")
        };
        assert_eq!(check(b""), None);
        assert_eq!(
            check(b"{\"version\": 1}"),
            Some("not a database".to_owned())
        );
        assert_eq!(check(&[0; 4096]), Some("not a database".to_owned()));
        assert_eq!(
            check(b"SQLite format 3\0abc"),
            Some("truncated to 19 bytes".to_owned())
        );
        let mut whole = HEADER.to_vec();
        whole.resize(4096, 0);
        assert_eq!(check(&whole), None);
    }

    #[test]
    fn moving_aside_takes_the_log_and_never_overwrites() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("lectern.db");
        let now = SystemTime::UNIX_EPOCH;
        fs::write(&file, b"one").expect("write");
        fs::write(tmp.path().join("lectern.db-wal"), b"log").expect("write");
        fs::write(tmp.path().join("lectern.db-shm"), b"index").expect("write");
        let first = move_aside(&file, now).expect("moved");
        assert_eq!(first, tmp.path().join("lectern.db.broken-19700101T000000Z"));
        assert_eq!(fs::read(&first).expect("kept"), b"one");
        let wal = tmp.path().join("lectern.db.broken-19700101T000000Z-wal");
        assert_eq!(fs::read(wal).expect("log kept"), b"log");
        assert!(!tmp.path().join("lectern.db-shm").exists());
        fs::write(&file, b"two").expect("write");
        let second = move_aside(&file, now).expect("moved");
        assert_eq!(
            second,
            tmp.path().join("lectern.db.broken-19700101T000000Z-2")
        );
        assert_eq!(fs::read(&first).expect("first kept"), b"one");
    }
}
