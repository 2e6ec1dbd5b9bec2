//! Bad state files and folders: corrupt, newer-format, unreadable and read-only cases keep the bytes and the app running.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;

use lectern::store::{Notice, Store, StoreError};
use tempfile::TempDir;

use crate::support::store::{A, B, C, meta, other_files, state_json};

/// Writes `bytes` as the state file, opens the store and checks the file was moved aside intact.
fn check_moved_aside(bytes: &[u8]) {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("state.json");
    fs::write(&file, bytes).expect("write bad file");
    let (mut store, notices) = Store::open(tmp.path());
    let [
        Notice::MovedAside {
            file: named,
            backup,
            ..
        },
    ] = notices.as_slice()
    else {
        panic!("expected one moved-aside notice for {bytes:?}, got {notices:?}");
    };
    assert_eq!(named, &file);
    assert!(backup.starts_with(tmp.path()));
    assert!(
        backup
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("state.json.broken-"))
    );
    assert_eq!(
        fs::read(backup).expect("backup exists"),
        bytes,
        "backup is byte for byte"
    );
    let line = notices[0].to_string();
    assert!(
        line.contains(&file.display().to_string()) && line.contains(&backup.display().to_string()),
        "{line}"
    );
    assert!(!line.contains('\n'));

    assert!(store.bookmarks().is_empty());
    assert!(
        store
            .toggle_bookmark(&meta(A))
            .expect("saves work afterwards")
    );
    store.flush().expect("saves work afterwards");
    assert!(state_json(tmp.path())["bookmarks"][A].is_object());
    assert_eq!(fs::read(backup).expect("backup kept"), bytes);
}

#[test]
fn an_empty_file_is_moved_aside() {
    check_moved_aside(b"");
}

#[test]
fn an_all_nul_file_is_moved_aside() {
    check_moved_aside(&[0; 4096]);
}

#[test]
fn truncated_json_is_moved_aside() {
    check_moved_aside(br#"{"version": 1, "bookmarks": {"00000000000000aa": {"title": "Tin"#);
}

#[test]
fn garbage_is_moved_aside() {
    check_moved_aside(b"\x89PNG\r\n\x1a\n\xff\xfe not a state file");
}

#[test]
fn a_file_corrupted_while_running_is_moved_aside_at_the_next_save() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    store.toggle_bookmark(&meta(A)).expect("saved");
    store.flush().expect("saved");
    fs::write(tmp.path().join("state.json"), b"{oops").expect("corrupt it");
    assert!(store.toggle_bookmark(&meta(B)).expect("saved"));
    store.flush().expect("saved");
    let notices = store.take_notices();
    let [Notice::MovedAside { backup, .. }] = notices.as_slice() else {
        panic!("expected one moved-aside notice, got {notices:?}");
    };
    assert_eq!(fs::read(backup).expect("backup"), b"{oops");
    // The last good state known in memory is carried over, with the new change.
    let (reopened, _) = Store::open(tmp.path());
    assert!(reopened.is_bookmarked(A) && reopened.is_bookmarked(B));
}

#[test]
fn a_newer_format_is_never_written() {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("state.json");
    let bytes = br#"{"version": 99, "bookmarks": {"00000000000000aa": {"title": "t", "lang": "en", "path": "p", "bookmarked_at": "2030-01-01T00:00:00Z"}}, "tags": {}}"#;
    fs::write(&file, bytes).expect("write");
    let (mut store, notices) = Store::open(tmp.path());
    assert!(
        matches!(
            notices.as_slice(),
            [Notice::FutureVersion { found: 99, .. }]
        ),
        "{notices:?}"
    );
    assert!(notices[0].to_string().contains(&file.display().to_string()));
    assert!(store.is_read_only() && store.is_bookmarked(A));

    let error = store
        .toggle_bookmark(&meta(B))
        .expect_err("saves are refused");
    assert!(matches!(error, StoreError::ReadOnly { found: 99, .. }));
    assert!(
        error.to_string().contains(&file.display().to_string()),
        "{error}"
    );
    assert!(
        store.is_bookmarked(B),
        "the change holds in memory for the session"
    );
    store.toggle_read(A).expect_err("refused too");
    assert!(store.is_read(A));
    assert_eq!(
        fs::read(&file).expect("file"),
        bytes,
        "untouched byte for byte"
    );
    assert_eq!(
        other_files(tmp.path()),
        Vec::<String>::new(),
        "no backup, no temp file"
    );
}

#[test]
fn a_newer_format_written_by_another_window_stops_saves() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    store.toggle_bookmark(&meta(A)).expect("saved");
    store.flush().expect("saved");
    let newer = br#"{"version": 2, "bookmarks": {}}"#;
    fs::write(tmp.path().join("state.json"), newer).expect("newer lectern writes");
    // Saves run in the background: the refusal comes from the flush.
    store.toggle_bookmark(&meta(B)).expect("queued");
    assert!(matches!(
        store.flush(),
        Err(StoreError::ReadOnly { found: 2, .. })
    ));
    assert!(matches!(
        store.take_notices().as_slice(),
        [Notice::FutureVersion { found: 2, .. }]
    ));
    assert!(store.is_read_only());
    assert_eq!(
        fs::read(tmp.path().join("state.json")).expect("file"),
        newer
    );
}

#[test]
fn an_unreadable_state_file_is_left_alone() {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("state.json");
    // A folder in its place cannot be read, even by root.
    fs::create_dir(&file).expect("make it a folder");
    fs::write(file.join("keep"), b"x").expect("content");
    let (mut store, notices) = Store::open(tmp.path());
    assert!(
        matches!(notices.as_slice(), [Notice::Unreadable { .. }]),
        "{notices:?}"
    );
    assert!(notices[0].to_string().contains(&file.display().to_string()));
    store.toggle_bookmark(&meta(A)).expect("queued");
    let error = store.flush().expect_err("not saved");
    assert!(
        error.to_string().contains(&file.display().to_string()),
        "{error}"
    );
    assert!(store.is_bookmarked(A));
    assert_eq!(fs::read(file.join("keep")).expect("untouched"), b"x");
}

/// Makes `dir` read-only and checks that a write into it now fails. Root ignores the
/// mode bits through `CAP_DAC_OVERRIDE`, so drop that from this thread's effective set
/// (capabilities are per thread on Linux); if even that does not help, the test fails.
fn make_read_only(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    if fs::write(dir.join("probe"), b"").is_ok() {
        fs::remove_file(dir.join("probe")).expect("remove probe");
        caps::drop(
            None,
            caps::CapSet::Effective,
            caps::Capability::CAP_DAC_OVERRIDE,
        )
        .expect("drop CAP_DAC_OVERRIDE");
    }
    assert!(
        fs::write(dir.join("probe"), b"").is_err(),
        "the folder must refuse writes for this test to mean anything"
    );
}

fn make_writable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn a_read_only_folder_keeps_changes_in_memory_and_retries_them() {
    // Its own thread, so the dropped capability never leaks into another test.
    thread::spawn(|| {
        let tmp = TempDir::new().expect("temp dir");
        let dir: PathBuf = tmp.path().join("data");
        let (mut store, _) = Store::open(&dir);
        store.toggle_bookmark(&meta(A)).expect("saved");
        store.flush().expect("saved");
        let before = fs::read(dir.join("state.json")).expect("state");
        make_read_only(&dir);

        let (mut store, notices) = Store::open(&dir);
        assert!(store.is_bookmarked(A), "still loads");
        assert!(
            matches!(notices.as_slice(), [Notice::NotWritable { path, .. }] if path == &dir),
            "{notices:?}"
        );
        assert!(notices[0].to_string().contains(&dir.display().to_string()));
        store.toggle_bookmark(&meta(B)).expect("queued");
        let error = store.flush().expect_err("cannot save");
        assert!(
            error.to_string().contains(&dir.display().to_string()),
            "{error}"
        );
        assert!(error.to_string().contains("ermission denied"), "{error}");
        assert!(
            store.is_bookmarked(A) && store.is_bookmarked(B),
            "in-memory state kept"
        );
        assert_eq!(
            fs::read(dir.join("state.json")).expect("state"),
            before,
            "file untouched"
        );

        make_writable(&dir);
        store.set_read(C, true).expect("queued");
        store.flush().expect("saves work again");
        let (reopened, _) = Store::open(&dir);
        assert!(
            reopened.is_bookmarked(A) && reopened.is_bookmarked(B) && reopened.is_read(C),
            "the failed change was retried"
        );
    })
    .join()
    .expect("no failure");
}

#[test]
fn a_read_only_folder_without_a_lock_file_says_so() {
    thread::spawn(|| {
        let tmp = TempDir::new().expect("temp dir");
        make_read_only(tmp.path());
        let (mut store, notices) = Store::open(tmp.path());
        let lock = tmp.path().join("state.lock");
        assert!(
            matches!(notices.as_slice(), [Notice::NotWritable { path, .. }] if path == &lock),
            "{notices:?}"
        );
        store.toggle_bookmark(&meta(A)).expect("queued");
        assert!(store.flush().is_err());
        assert!(store.is_bookmarked(A));
        make_writable(tmp.path());
    })
    .join()
    .expect("no failure");
}
