//! Paths and disks that could make the store hang or lose a change: a database path that is a
//! folder, a FIFO or a link to `/dev/zero` is refused at once, and a full disk fails a save
//! without losing what was saved or the change itself.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lectern::store::{Notice, Store};
use tempfile::TempDir;

use crate::support::store::{A, B, bookmarked_ids, integrity, meta};

/// Opens the store with `make` having put something that is no file at the database path:
/// a notice naming it comes at once, saves fail with the path named, and it is left alone.
fn check_not_a_file(make: impl FnOnce(&Path), what: &str) {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("lectern.db");
    make(&file);
    let start = Instant::now();
    let (mut store, notices) = Store::open(tmp.path());
    assert!(
        matches!(notices.as_slice(), [Notice::Unreadable { .. }]),
        "{notices:?}"
    );
    let line = notices[0].to_string();
    assert!(
        line.contains(&file.display().to_string()) && line.contains(what),
        "{line}"
    );
    store.toggle_bookmark(&meta(A)).expect("queued");
    let error = store.flush().expect_err("not saved");
    assert!(
        error.to_string().contains(&file.display().to_string()),
        "{error}"
    );
    assert!(store.is_bookmarked(A));
    drop(store);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(fs::symlink_metadata(&file).is_ok(), "left where it was");
}

#[test]
fn a_database_path_that_is_a_folder_is_left_alone() {
    let mut keep = PathBuf::new();
    check_not_a_file(
        |file| {
            fs::create_dir(file).expect("make it a folder");
            keep = file.join("keep");
            fs::write(&keep, b"x").expect("content");
        },
        "a directory",
    );
}

#[test]
fn a_database_path_that_is_a_fifo_never_hangs() {
    check_not_a_file(
        |file| {
            let made = std::process::Command::new("mkfifo").arg(file).status();
            assert!(made.is_ok_and(|status| status.success()));
        },
        "a FIFO",
    );
}

#[test]
fn a_database_path_linked_to_dev_zero_never_reads_for_ever() {
    check_not_a_file(
        |file| std::os::unix::fs::symlink("/dev/zero", file).expect("link"),
        "a device",
    );
}

/// A tmpfs of `size` mounted on `dir`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts it, or says why not (not root, no mount namespace rights).
    fn mount(dir: &Path, size: &str) -> Result<Self, String> {
        fs::create_dir_all(dir).map_err(|error| error.to_string())?;
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|error| error.to_string())?;
        if output.status.success() {
            Ok(Self(dir.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the file system of `dir` up to the last byte with one file, and returns it.
fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    while file.write_all(&[0]).is_ok() {}
    let _ = file.sync_all();
    filler
}

#[test]
fn a_full_disk_fails_the_save_and_loses_nothing() {
    let tmp = TempDir::new().expect("temp dir");
    let mount = tmp.path().join("small");
    let tmpfs = match Tmpfs::mount(&mount, "1m") {
        Ok(tmpfs) => tmpfs,
        Err(reason) => {
            eprintln!("skipped: cannot mount a tmpfs to fill ({reason})");
            return;
        }
    };
    let dir = mount.join("data");
    let (mut store, _) = Store::open(&dir);
    store.toggle_bookmark(&meta(A)).expect("queued");
    store.flush().expect("saved while there is room");
    let filler = fill(&mount);

    // Thousands of new rows need new pages: there is no room for them.
    let ids: Vec<String> = (0..5_000).map(|n| format!("{n:016x}")).collect();
    store.set_read_many(&ids, true).expect("queued");
    store.toggle_bookmark(&meta(B)).expect("queued");
    let error = store.flush().expect_err("no room");
    assert!(error.to_string().contains("full"), "{error}");
    assert!(
        store.is_read(&ids[4_999]) && store.is_bookmarked(B),
        "kept in memory"
    );
    let notice = Notice::NotSaved {
        error: error.to_string(),
    };
    assert!(notice.to_string().contains("tried again"), "{notice}");
    // What was saved before is intact.
    assert_eq!(integrity(&dir), "ok");
    assert_eq!(bookmarked_ids(&dir), [A]);

    // Room again: the next flush saves everything that waited.
    fs::remove_file(filler).expect("make room");
    store.flush().expect("saved once there is room");
    drop(store);
    let (reopened, notices) = Store::open(&dir);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(reopened.is_bookmarked(A) && reopened.is_bookmarked(B));
    assert!(ids.iter().all(|id| reopened.is_read(id)));
    drop(reopened);
    drop(tmpfs);
}
