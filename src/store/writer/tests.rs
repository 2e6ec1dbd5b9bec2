//! Saving in the background: flushed and dropped changes are written, a failed write is told and retried.

use crate::article::Meta;
use crate::store::Store;

/// What a new store on `dir` loads.
fn on_disk(dir: &std::path::Path) -> Store {
    Store::open(dir).0
}

fn id(n: usize) -> String {
    format!("{n:016x}")
}

#[test]
fn a_flushed_change_is_on_disk() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    let meta = Meta {
        id: id(1),
        title: "Đà Nẵng".to_owned(),
        ..Meta::default()
    };
    store.toggle_bookmark(&meta).expect("queued");
    store.set_read(&id(2), true).expect("queued");
    store.flush().expect("saved");
    let reopened = on_disk(tmp.path());
    assert_eq!(reopened.bookmarks()[0].title, "Đà Nẵng");
    assert!(reopened.is_read(&id(2)));
    assert!(store.take_notices().is_empty());
}

#[test]
fn dropping_the_store_saves_every_change() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    // Many changes, dropped at once: most are still waiting for the thread then.
    for n in 0..500 {
        store.set_read(&id(n), true).expect("queued");
    }
    drop(store);
    let reopened = on_disk(tmp.path());
    assert!((0..500).all(|n| reopened.is_read(&id(n))));
    assert!(!reopened.is_read(&id(500)));
}

#[test]
fn a_failed_save_is_told_and_retried() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut store, _) = Store::open(tmp.path());
    // Another process holds the write lock past the busy timeout: every save fails.
    let blocker = rusqlite::Connection::open(tmp.path().join("lectern.db")).expect("open");
    blocker.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    store.set_read(&id(1), true).expect("queued");
    let error = store.flush().expect_err("cannot save");
    assert!(error.to_string().starts_with("not saved: "), "{error}");
    assert!(error.to_string().contains("locked"), "{error}");
    store.set_read(&id(2), true).expect("queued");
    // Without a flush the failure comes as a notice, once the thread has tried.
    let notice = (0..2_000)
        .find_map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            store.take_notices().pop()
        })
        .expect("a notice within 10 s");
    // Reads never wait for the writer.
    assert!(store.is_read(&id(1)) && store.is_read(&id(2)));
    assert!(
        notice.to_string().contains("tried again shortly"),
        "{notice}"
    );
    blocker.execute_batch("COMMIT").expect("unlock");
    // Retried within RETRY_EVERY without another change or a flush.
    std::thread::sleep(super::RETRY_EVERY + std::time::Duration::from_millis(500));
    let reopened = on_disk(tmp.path());
    assert!(reopened.is_read(&id(1)) && reopened.is_read(&id(2)));
    store.flush().expect("nothing left to save");
}
