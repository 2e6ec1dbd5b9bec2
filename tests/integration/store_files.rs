//! The store against real files: atomic saves, round trips, merging two windows, sweeping leftover temp files.

use std::fs;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use lectern::store::Store;
use tempfile::TempDir;

use crate::support::store::{A, B, C, meta, other_files, state_json};

#[test]
fn a_save_leaves_one_valid_file_and_no_temp_file() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().join("lectern");
    let (mut store, notices) = Store::open(&dir);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(store.toggle_bookmark(&meta(A)).expect("saved"));
    store.flush().expect("saved");
    let json = state_json(&dir);
    assert_eq!(json["version"], 1);
    assert_eq!(json["bookmarks"][A]["title"], "Tin tức 00000000000000aa");
    assert_eq!(json["bookmarks"][A]["source"], "Tuổi Trẻ");
    assert_eq!(other_files(&dir), Vec::<String>::new());
}

#[test]
fn toggles_round_trip_through_the_file() {
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
    assert!(
        second.is_bookmarked(A),
        "the save refreshed the second window"
    );
    first.set_read(C, true).expect("saved");
    first.flush().expect("saved");
    // Removing in one window while the other still shows it: the removal wins, B stays.
    assert!(!second.toggle_bookmark(&meta(A)).expect("saved"));
    second.flush().expect("saved");

    let (merged, _) = Store::open(tmp.path());
    assert!(!merged.is_bookmarked(A) && merged.is_bookmarked(B) && merged.is_read(C));
}

#[test]
fn leftover_temp_files_are_swept_at_open() {
    let tmp = TempDir::new().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    store.toggle_bookmark(&meta(A)).expect("saved");
    store.flush().expect("saved");
    fs::write(
        tmp.path().join("state.json.tmp-4242-0"),
        b"{\"version\": 1, \"book",
    )
    .expect("leftover");
    fs::write(tmp.path().join("state.json.tmp-1-7"), b"").expect("leftover");
    fs::write(tmp.path().join("notes.txt"), b"mine").expect("unrelated file");
    let (reopened, notices) = Store::open(tmp.path());
    assert!(notices.is_empty(), "{notices:?}");
    assert!(reopened.is_bookmarked(A));
    assert_eq!(other_files(tmp.path()), ["notes.txt"]);
}

#[test]
fn a_live_writers_temp_file_is_not_swept() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().to_path_buf();
    // Play a writer in the middle of a save: lock held, temp file written.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("state.lock"))
        .expect("lock file");
    lock.lock().expect("lock");
    let live_temp = dir.join("state.json.tmp-77-0");
    fs::write(&live_temp, b"in progress").expect("temp");
    let (sender, receiver) = mpsc::channel();
    let opener_dir = dir.clone();
    let opener = thread::spawn(move || {
        let opened = Store::open(&opener_dir);
        sender.send(()).expect("send");
        opened
    });
    assert!(
        receiver.recv_timeout(Duration::from_millis(300)).is_err(),
        "open waits for the lock"
    );
    assert!(
        live_temp.exists(),
        "not swept while the writer holds the lock"
    );
    lock.unlock().expect("unlock");
    receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("open finishes once the lock is free");
    let (_, notices) = opener.join().expect("no panic");
    assert!(notices.is_empty(), "{notices:?}");
    assert!(!live_temp.exists(), "swept once the writer is gone");
}
