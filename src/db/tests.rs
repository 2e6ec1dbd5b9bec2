//! Opening the database whatever lies at its path.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// A database with `rows` rows of 200 bytes, closed.
fn filled(path: &Path, rows: usize) {
    let (connection, _) = open(path).expect("open");
    connection
        .execute_batch("CREATE TABLE filler (x TEXT)")
        .expect("table");
    for n in 0..rows {
        connection
            .execute("INSERT INTO filler (x) VALUES (?1)", [format!("{n:0200}")])
            .expect("row");
    }
    connection
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
}

#[test]
fn a_new_database_is_private_in_wal_mode_and_migrated() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join(DB_FILE);
    let (connection, info) = open(&path).expect("open");
    assert!(info.created && info.moved_aside.is_none() && info.read_only.is_none());
    assert_eq!(mode(&path), 0o600);
    let journal: String = connection
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("mode");
    assert_eq!(journal, "wal");
    // Marks (1), the read log (2) and feeds (3).
    assert_eq!(schema::version(&connection).expect("version"), 3);
    drop(connection);
    let (_, again) = open(&path).expect("reopen");
    assert!(!again.created);
}

#[test]
fn a_mode_the_user_set_is_kept() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join(DB_FILE);
    drop(open(&path).expect("open"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let (connection, _) = open(&path).expect("reopen");
    connection
        .execute("UPDATE counter SET value = value + 1", [])
        .expect("write");
    drop(connection);
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn what_is_no_database_is_moved_aside_and_a_new_one_started() {
    for bytes in [
        &b"{\"version\": 1}"[..],
        &[0u8; 4096][..],
        b"SQLite format 3\0ab",
    ] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join(DB_FILE);
        fs::write(&path, bytes).expect("write");
        let (_, info) = open(&path).expect("open");
        let moved = info.moved_aside.expect("moved aside");
        assert_eq!(fs::read(&moved.backup).expect("kept"), bytes);
        assert!(
            moved
                .backup
                .to_string_lossy()
                .contains("lectern.db.broken-")
        );
        assert!(info.created);
    }
}

#[test]
fn a_truncated_database_is_moved_aside() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join(DB_FILE);
    filled(&path, 2_000);
    let size = fs::metadata(&path).expect("stat").len();
    let half = fs::read(&path).expect("read")[..usize::try_from(size / 2).expect("size")].to_vec();
    fs::write(&path, &half).expect("truncate");
    let (connection, info) = open(&path).expect("open");
    let moved = info.moved_aside.expect("moved aside");
    assert_eq!(fs::read(&moved.backup).expect("kept"), half);
    let tables: i64 = connection
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'filler'",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(tables, 0, "a new database");
}

#[test]
fn a_newer_database_is_opened_read_only_and_left_alone() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join(DB_FILE);
    let later = [MIGRATIONS, &["CREATE TABLE later (x INTEGER)"]].concat();
    drop(open_with(&path, &later).expect("a newer lectern"));
    let supported = current_version(MIGRATIONS);
    let before = fs::read(&path).expect("read");
    let (connection, info) = open(&path).expect("open");
    assert_eq!(
        info.read_only,
        Some(ReadOnly::Newer {
            found: supported + 1,
            supported
        })
    );
    assert!(
        connection
            .execute("UPDATE counter SET value = 7", [])
            .is_err()
    );
    drop(connection);
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn paths_that_are_no_file_are_refused_at_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = tmp.path().join(DB_FILE);
    fs::create_dir(&folder).expect("folder");
    let fifo = tmp.path().join("fifo.db");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()));
    let zero = tmp.path().join("zero.db");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
    for (path, what) in [
        (folder, "a directory"),
        (fifo, "a FIFO"),
        (zero, "a device"),
    ] {
        match open(&path) {
            Err(DbError::NotAFile { what: found, .. }) => assert_eq!(found, what),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
}

#[test]
fn a_symlinked_database_is_written_through_the_link() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let synced = tmp.path().join("synced");
    fs::create_dir(&synced).expect("folder");
    let target = synced.join("lectern.db");
    let link = tmp.path().join(DB_FILE);
    drop(open(&target).expect("create the target"));
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let (connection, info) = open(&link).expect("open");
    assert_eq!(info.file, fs::canonicalize(&target).expect("real"));
    connection
        .execute("UPDATE counter SET value = 41", [])
        .expect("write");
    drop(connection);
    assert!(fs::symlink_metadata(&link).expect("stat").is_symlink());
    let (direct, _) = open(&target).expect("open target");
    let value: i64 = direct
        .query_row("SELECT value FROM counter", [], |row| row.get(0))
        .expect("value");
    assert_eq!(value, 41);
}
