//! The one-time import of an old `state.json`: its bookmarks and read marks go into the
//! database in one transaction, then the file is renamed `state.json.imported` (never deleted).

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rusqlite::Connection;

use super::notice::Notice;
use super::sql;
use super::state::{self, Change, Parsed, State};
use crate::db::{self, time::compact_utc};

/// The old state file's name inside the data folder.
pub(crate) const STATE_FILE: &str = "state.json";
/// A state file larger than this is not read (10^6 marks take about 80 MB).
const MAX_STATE_BYTES: u64 = 512 << 20;

/// Imports `<dir>/state.json` if there is one; what goes wrong is told in `notices`, and the
/// file is then left where it is (a corrupt one is moved aside as before).
pub(crate) fn import(dir: &Path, connection: &mut Connection, notices: &mut Vec<Notice>) {
    let file = dir.join(STATE_FILE);
    let not_imported = |reason: String| Notice::NotImported {
        file: file.clone(),
        reason,
    };
    let bytes = match read(&file) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return,
        Err(error) => return notices.push(not_imported(error.to_string())),
    };
    let old = match state::parse(&bytes) {
        Parsed::Current(old) => old,
        Parsed::Future { version, .. } => {
            let reason = format!("it is from a newer lectern, format {version}");
            return notices.push(not_imported(reason));
        }
        Parsed::Corrupt(reason) => {
            return notices.push(match move_aside(&file, "broken") {
                Ok(backup) => Notice::MovedAside {
                    file,
                    backup,
                    reason,
                },
                Err(error) => Notice::CorruptKept {
                    file,
                    reason,
                    error: error.to_string(),
                },
            });
        }
    };
    match sql::write(
        connection,
        &changes(&old),
        db::current_version(db::MIGRATIONS),
    ) {
        Ok(Ok(())) => {}
        Ok(Err(found)) => {
            let reason = format!("the database became version {found} meanwhile");
            return notices.push(not_imported(reason));
        }
        Err(error) => return notices.push(not_imported(error.to_string())),
    }
    // Another window importing at the same moment may have renamed it first: nothing lost,
    // the rows are the same.
    match move_aside(&file, "imported") {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            let reason = format!("imported, but not renamed: {error}");
            notices.push(not_imported(reason));
        }
        _ => {}
    }
}

/// The file's bytes, `None` when there is none; anything but a regular file (through links)
/// is refused without being opened.
fn read(file: &Path) -> io::Result<Option<Vec<u8>>> {
    let metadata = match fs::metadata(file) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    if !metadata.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    crate::regular_file::open(file)?
        .0
        .take(MAX_STATE_BYTES)
        .read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// The old state as changes to write: every bookmark and read mark, with its time.
fn changes(old: &State) -> Vec<Change> {
    let bookmarks = old.bookmarks().into_iter().map(Change::Bookmark);
    let read = old.read_marks().map(|(id, at)| Change::Read {
        id: id.to_owned(),
        at: at.to_owned(),
    });
    bookmarks.chain(read).collect()
}

/// Renames `file` to `<name>.<what>`, or `<name>.<what>-<time>` when that is taken.
fn move_aside(file: &Path, what: &str) -> io::Result<PathBuf> {
    let plain = file.with_file_name(format!("{STATE_FILE}.{what}"));
    let target = if fs::symlink_metadata(&plain).is_err() {
        plain
    } else {
        let stamp = compact_utc(SystemTime::now());
        file.with_file_name(format!("{STATE_FILE}.{what}-{stamp}"))
    };
    if fs::symlink_metadata(&target).is_ok() {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, "backup taken"));
    }
    fs::rename(file, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const OLD: &str = r#"{"version": 1,
        "bookmarks": {"00000000000000aa": {"title": "Đại sứ", "source": "VnExpress", "lang": "vi",
            "path": "/n/a.txt", "bookmarked_at": "2026-01-02T00:00:00Z"}},
        "read": {"00000000000000bb": {"read_at": "2026-01-03T00:00:00Z"}}}"#;

    #[test]
    fn an_old_state_file_is_imported_once_and_kept() {
        let tmp = tempfile::tempdir().expect("temp dir");
        fs::write(tmp.path().join(STATE_FILE), OLD).expect("old file");
        let (store, notices) = Store::open(tmp.path());
        assert!(notices.is_empty(), "{notices:?}");
        let bookmarks = store.bookmarks();
        assert_eq!(bookmarks.len(), 1);
        assert_eq!(bookmarks[0].title, "Đại sứ");
        assert_eq!(bookmarks[0].bookmarked_at, "2026-01-02T00:00:00Z");
        assert!(store.is_read("00000000000000bb"));
        assert!(!tmp.path().join(STATE_FILE).exists());
        let kept = tmp.path().join("state.json.imported");
        assert_eq!(fs::read_to_string(&kept).expect("kept"), OLD);
        drop(store);
        // A second old file later (a restored backup) is imported too, renamed beside the first.
        fs::write(tmp.path().join(STATE_FILE), OLD.replace("bb", "cc")).expect("again");
        let (store, _) = Store::open(tmp.path());
        assert!(store.is_read("00000000000000bb") && store.is_read("00000000000000cc"));
        assert_eq!(fs::read_to_string(&kept).expect("first kept"), OLD);
    }

    #[test]
    fn a_corrupt_or_newer_state_file_is_not_imported() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join(STATE_FILE);
        fs::write(&file, r#"{"version": 9}"#).expect("newer");
        let (store, notices) = Store::open(tmp.path());
        assert!(
            matches!(notices.as_slice(), [Notice::NotImported { .. }]),
            "{notices:?}"
        );
        assert!(store.bookmarks().is_empty());
        drop(store);
        assert_eq!(
            fs::read_to_string(&file).expect("left"),
            r#"{"version": 9}"#
        );
        fs::write(&file, b"{\"version\": 1, \"bookm").expect("corrupt");
        let (_, notices) = Store::open(tmp.path());
        let [Notice::MovedAside { backup, .. }] = notices.as_slice() else {
            panic!("{notices:?}");
        };
        assert_eq!(fs::read(backup).expect("kept"), b"{\"version\": 1, \"bookm");
    }
}
