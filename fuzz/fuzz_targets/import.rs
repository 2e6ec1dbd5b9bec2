//! Fuzzes the one-time import of an old `state.json` into the database: any bytes as that file
//! in a fresh data folder give a store, never a panic. A file the state parser reads as current
//! is imported whole (every bookmark and read mark) and renamed `state.json.imported` with its
//! bytes; a newer one is left in place untouched; a corrupt one is moved aside with its bytes.
#![no_main]

use std::fs;

use lectern::store::{Notice, Store, parse_state};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let file = dir.join("state.json");
    fs::write(&file, data).expect("state file");
    let expected = parse_state(data);
    let (store, notices) = Store::open(dir);
    match expected {
        Ok(summary) if summary.resaved.is_some() => {
            assert!(notices.is_empty(), "{notices:?}");
            let mut got = store.bookmarks();
            let mut want = summary.bookmarks.clone();
            got.sort_by(|a, b| a.id.cmp(&b.id));
            want.sort_by(|a, b| a.id.cmp(&b.id));
            assert_eq!(got, want, "the bookmarks imported differ");
            for id in &summary.read {
                assert!(store.is_read(id), "{id} not marked read");
            }
            assert!(!file.exists(), "imported but left in place");
            let kept = fs::read(dir.join("state.json.imported")).expect("kept");
            assert_eq!(kept, data, "the imported file was changed");
        }
        Ok(_) => {
            assert!(
                matches!(notices.as_slice(), [Notice::NotImported { .. }]),
                "{notices:?}"
            );
            assert!(store.bookmarks().is_empty(), "a newer file was imported");
            assert_eq!(fs::read(&file).expect("left"), data, "a newer file was changed");
        }
        Err(_) => {
            let [Notice::MovedAside { backup, .. }] = notices.as_slice() else {
                panic!("{notices:?}");
            };
            assert_eq!(fs::read(backup).expect("kept"), data, "the backup differs");
            assert!(store.bookmarks().is_empty());
        }
    }
    drop(store);
});
