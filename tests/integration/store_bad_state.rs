//! Bad databases and folders: corrupt, truncated, newer and read-only cases keep the bytes
//! and the app running.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use lectern::store::{Notice, Store, StoreError};
use tempfile::TempDir;

use crate::support::store::{A, B, C, bookmarked_ids, database, meta, other_files};

/// Writes `bytes` as the database, opens the store and checks the file was moved aside intact.
fn check_moved_aside(bytes: &[u8]) {
    let tmp = TempDir::new().expect("temp dir");
    let file = tmp.path().join("lectern.db");
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
            .is_some_and(|name| name.to_string_lossy().starts_with("lectern.db.broken-"))
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
    assert_eq!(bookmarked_ids(tmp.path()), [A]);
    assert_eq!(fs::read(backup).expect("backup kept"), bytes);
}

#[test]
fn an_all_nul_file_is_moved_aside() {
    check_moved_aside(&[0; 4096]);
}

#[test]
fn an_old_json_state_under_the_database_name_is_moved_aside() {
    check_moved_aside(br#"{"version": 1, "bookmarks": {"00000000000000aa": {"title": "Tin"#);
}

#[test]
fn garbage_is_moved_aside() {
    check_moved_aside(b"\x89PNG\r\n\x1a\n\xff\xfe not a database");
}

#[test]
fn a_truncated_database_is_moved_aside() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    let ids: Vec<String> = (0..3_000).map(|n| format!("{n:016x}")).collect();
    store.set_read_many(&ids, true).expect("saved");
    store.flush().expect("saved");
    drop(store);
    // Everything in the main file, none in the log, then cut in half.
    database(tmp.path())
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    let whole = fs::read(tmp.path().join("lectern.db")).expect("read");
    check_moved_aside_in(tmp.path(), &whole[..whole.len() / 2]);
}

/// [`check_moved_aside`] in a folder that already holds other files of the database.
fn check_moved_aside_in(dir: &Path, bytes: &[u8]) {
    let file = dir.join("lectern.db");
    fs::write(&file, bytes).expect("write bad file");
    let (store, notices) = Store::open(dir);
    let [Notice::MovedAside { backup, .. }] = notices.as_slice() else {
        panic!("expected one moved-aside notice, got {notices:?}");
    };
    assert_eq!(fs::read(backup).expect("backup"), bytes);
    assert!(!store.is_read(&format!("{:016x}", 1)), "a new database");
}

/// The schema version of a newer lectern: one migration more than this one's.
const NEWER: u64 = lectern::db::MIGRATIONS.len() as u64 + 1;

/// A database made by a newer lectern (one more migration), with bookmark A.
fn newer_database(dir: &Path) -> PathBuf {
    let file = dir.join("lectern.db");
    let migrations: Vec<&str> = lectern::db::MIGRATIONS
        .iter()
        .copied()
        .chain(["CREATE TABLE tags (id TEXT)"])
        .collect();
    let (connection, _) = lectern::db::open_with(&file, &migrations).expect("newer lectern");
    connection
        .execute(
            "INSERT INTO bookmarks VALUES (?1, 1, 't', NULL, NULL, 'en', 'p', '2030-01-01T00:00:00Z', 1)",
            [A],
        )
        .expect("bookmark");
    connection
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    file
}

#[test]
fn a_newer_database_is_never_written() {
    let tmp = TempDir::new().expect("temp dir");
    let file = newer_database(tmp.path());
    let bytes = fs::read(&file).expect("read");
    let (mut store, notices) = Store::open(tmp.path());
    assert!(
        matches!(
            notices.as_slice(),
            [Notice::FutureVersion { found: NEWER, .. }]
        ),
        "{notices:?}"
    );
    assert!(notices[0].to_string().contains(&file.display().to_string()));
    assert!(store.is_read_only() && store.is_bookmarked(A));

    let error = store
        .toggle_bookmark(&meta(B))
        .expect_err("saves are refused");
    assert!(matches!(error, StoreError::ReadOnly { found: NEWER, .. }));
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
    store.flush().expect("nothing to save");
    drop(store);
    assert_eq!(
        fs::read(&file).expect("file"),
        bytes,
        "untouched byte for byte"
    );
    assert_eq!(other_files(tmp.path()), Vec::<String>::new(), "no backup");
}

#[test]
fn a_database_migrated_by_a_newer_lectern_meanwhile_stops_saves() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    store.toggle_bookmark(&meta(A)).expect("saved");
    store.flush().expect("saved");
    database(tmp.path())
        .pragma_update(None, "user_version", NEWER.cast_signed())
        .expect("a newer lectern migrates");
    // Saves run in the background: the refusal comes from the flush.
    store.toggle_bookmark(&meta(B)).expect("queued");
    assert!(matches!(
        store.flush(),
        Err(StoreError::ReadOnly { found: NEWER, .. })
    ));
    assert!(matches!(
        store.take_notices().as_slice(),
        [Notice::FutureVersion { found: NEWER, .. }]
    ));
    assert!(store.is_read_only());
    assert_eq!(bookmarked_ids(tmp.path()), [A]);
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
        drop(store);
        let before = fs::read(dir.join("lectern.db")).expect("database");
        make_read_only(&dir);

        let (mut store, notices) = Store::open(&dir);
        assert!(store.is_bookmarked(A), "still loads");
        let start = Instant::now();
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
            fs::read(dir.join("lectern.db")).expect("database"),
            before,
            "file untouched"
        );
        assert!(start.elapsed() < Duration::from_secs(2), "no waiting");

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
fn a_read_only_folder_without_a_database_says_so() {
    thread::spawn(|| {
        let tmp = TempDir::new().expect("temp dir");
        make_read_only(tmp.path());
        let (mut store, notices) = Store::open(tmp.path());
        assert!(
            matches!(notices.as_slice(), [Notice::NotWritable { path, .. }] if path == tmp.path()),
            "{notices:?}"
        );
        assert!(!tmp.path().join("lectern.db").exists());
        store.toggle_bookmark(&meta(A)).expect("queued");
        assert!(store.flush().is_err());
        assert!(store.is_bookmarked(A));
        make_writable(tmp.path());
    })
    .join()
    .expect("no failure");
}
