//! The store against a real database: what a save writes, round trips, two windows, file
//! modes, a symlinked database, and another process holding the write lock.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use lectern::store::{Notice, Store};
use tempfile::TempDir;

use crate::support::store::{A, B, C, bookmarked_ids, database, integrity, meta, other_files};

fn mode(path: &std::path::Path) -> u32 {
    fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

#[test]
fn a_save_writes_the_row_and_nothing_else() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().join("lectern");
    let (mut store, notices) = Store::open(&dir);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(store.toggle_bookmark(&meta(A)).expect("saved"));
    store.flush().expect("saved");
    let (title, source, date, lang): (String, String, String, String) = database(&dir)
        .query_row(
            "SELECT title, source, date, lang FROM bookmarks WHERE id = ?1 AND bookmarked = 1",
            [A],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .expect("the row");
    assert_eq!(
        (
            title.as_str(),
            source.as_str(),
            date.as_str(),
            lang.as_str()
        ),
        ("Tin tức 00000000000000aa", "Tuổi Trẻ", "2026-04-20", "vi")
    );
    assert_eq!(integrity(&dir), "ok");
    assert_eq!(other_files(&dir), Vec::<String>::new());
    // Reading history is private: the database and its log are the user's alone.
    assert_eq!(mode(&store.db_file()), 0o600);
    assert_eq!(mode(&dir.join("lectern.db-wal")), 0o600);
}

#[test]
fn toggles_round_trip_through_the_database() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    assert!(store.toggle_bookmark(&meta(A)).expect("saved"));
    assert!(store.toggle_bookmark(&meta(B)).expect("saved"));
    assert!(store.toggle_read(A).expect("saved"));
    store.set_read(C, true).expect("saved");
    store.flush().expect("saved");

    let (mut reopened, notices) = Store::open(tmp.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert!(reopened.is_bookmarked(A) && reopened.is_bookmarked(B));
    assert!(reopened.is_read(A) && reopened.is_read(C) && !reopened.is_read(B));
    let bookmark = &reopened.bookmarks()[0];
    assert_eq!(bookmark.path, "/news/00000000000000aa.txt");
    assert_eq!(bookmark.lang, "vi");
    // RFC 3339 UTC with whole seconds: 2026-04-22T10:15:00Z.
    let at = bookmark.bookmarked_at.as_bytes();
    assert_eq!(at.len(), 20, "{}", bookmark.bookmarked_at);
    assert_eq!(
        (at[4], at[7], at[10], at[13], at[16], at[19]),
        (b'-', b'-', b'T', b':', b':', b'Z')
    );

    assert!(!reopened.toggle_bookmark(&meta(A)).expect("saved"));
    assert!(!reopened.toggle_read(C).expect("saved"));
    reopened.flush().expect("saved");
    let (third, _) = Store::open(tmp.path());
    assert!(!third.is_bookmarked(A) && third.is_bookmarked(B));
    assert!(third.is_read(A) && !third.is_read(C));
}

#[test]
fn two_windows_opened_before_each_others_changes_keep_both() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut first, _) = Store::open(tmp.path());
    let (mut second, _) = Store::open(tmp.path());
    assert!(first.toggle_bookmark(&meta(A)).expect("saved"));
    first.flush().expect("saved");
    // The second window never saw A; its save must not drop it.
    assert!(second.toggle_bookmark(&meta(B)).expect("saved"));
    second.flush().expect("saved");
    first.set_read(C, true).expect("saved");
    first.flush().expect("saved");
    // Removing in one window while the other never showed it: the removal wins, B stays.
    second.refresh();
    second.flush().expect("polled");
    assert!(second.refresh(), "A and C arrive");
    assert!(second.is_bookmarked(A) && second.is_read(C));
    assert!(!second.toggle_bookmark(&meta(A)).expect("saved"));
    second.flush().expect("saved");

    let (merged, _) = Store::open(tmp.path());
    assert!(!merged.is_bookmarked(A) && merged.is_bookmarked(B) && merged.is_read(C));
}

#[test]
fn a_mode_the_user_set_is_kept() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    store.set_read(A, true).expect("saved");
    store.flush().expect("saved");
    drop(store);
    let file = tmp.path().join("lectern.db");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).expect("chmod");
    let (mut store, _) = Store::open(tmp.path());
    store.set_read(B, true).expect("saved");
    store.flush().expect("saved");
    drop(store);
    assert_eq!(mode(&file), 0o640);
    assert!(Store::open(tmp.path()).0.is_read(B));
}

#[test]
fn a_symlinked_database_is_written_through_the_link() {
    let tmp = TempDir::new().expect("temp dir");
    let synced = tmp.path().join("dotfiles");
    let data = tmp.path().join("data");
    fs::create_dir_all(&synced).expect("synced folder");
    fs::create_dir_all(&data).expect("data folder");
    // The synced copy was made by a lectern elsewhere.
    let (mut elsewhere, _) = Store::open(&synced);
    elsewhere.toggle_bookmark(&meta(A)).expect("saved");
    elsewhere.flush().expect("saved");
    drop(elsewhere);
    let link = data.join("lectern.db");
    std::os::unix::fs::symlink(synced.join("lectern.db"), &link).expect("link");

    let (mut store, notices) = Store::open(&data);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(store.is_bookmarked(A));
    store.toggle_bookmark(&meta(B)).expect("saved");
    store.flush().expect("saved");
    drop(store);
    assert!(
        fs::symlink_metadata(&link).expect("stat").is_symlink(),
        "still a link"
    );
    assert_eq!(bookmarked_ids(&synced), [A, B], "written through the link");
}

#[test]
fn another_process_holding_the_write_lock_delays_only_the_save() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().to_path_buf();
    let (mut store, _) = Store::open(&dir);
    store.toggle_bookmark(&meta(A)).expect("saved");
    store.flush().expect("saved");
    let blocker = database(&dir);
    blocker.execute_batch("BEGIN EXCLUSIVE").expect("lock");

    // A change and the reads of the screen do not wait for the lock.
    let start = Instant::now();
    store.set_read(B, true).expect("queued");
    assert!(store.is_read(B) && store.is_bookmarked(A));
    store.refresh();
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
    // Nor does another window opening, nor `lectern bookmarks` reading.
    let (sender, receiver) = mpsc::channel();
    let opener_dir = dir.clone();
    thread::spawn(move || {
        let (other, notices) = Store::open(&opener_dir);
        let _ = sender.send((other.bookmarks().len(), notices));
    });
    let (count, notices) = receiver
        .recv_timeout(Duration::from_secs(2))
        .expect("open does not wait for the writer");
    assert_eq!(count, 1);
    assert!(notices.is_empty(), "{notices:?}");

    // The save waits out the busy timeout, fails, and says so.
    let notice = (0..400)
        .find_map(|_| {
            thread::sleep(Duration::from_millis(25));
            store.take_notices().pop()
        })
        .expect("a notice within 10 s");
    assert!(matches!(notice, Notice::NotSaved { .. }), "{notice:?}");
    assert!(notice.to_string().contains("locked"), "{notice}");
    assert!(store.is_read(B), "kept in memory");

    // Once the lock goes, the retry (every 2 s) saves it without another change.
    blocker.execute_batch("COMMIT").expect("unlock");
    let saved = (0..400).any(|_| {
        thread::sleep(Duration::from_millis(25));
        Store::open(&dir).0.is_read(B)
    });
    assert!(saved, "retried within 10 s");
    store.flush().expect("nothing left");
}
