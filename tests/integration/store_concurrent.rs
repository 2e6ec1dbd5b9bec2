//! Two lectern processes bookmarking at the same time lose no update.
//!
//! The test binary re-runs itself twice as the child (`concurrent_child`, selected by an
//! environment variable), so the product carries no test-only code path.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use lectern::article::{Dir, Meta};
use lectern::store::Store;
use tempfile::TempDir;

const DIR_ENV: &str = "LECTERN_TEST_CONCURRENT_DIR";
const WHO_ENV: &str = "LECTERN_TEST_CONCURRENT_WHO";
const PER_PROCESS: u64 = 1_000;

fn id(who: u64, n: u64) -> String {
    format!("{who:02x}{n:014x}")
}

fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        path: format!("/news/{id}.txt"),
        title: format!("الحكومة تعلن {id}"),
        source: None,
        url: None,
        date: None,
        date_source: None,
        lang: "ar".to_owned(),
        dir: Dir::Rtl,
        words: 300,
    }
}

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The child: waits for "go", then bookmarks its own 1000 articles one save at a time.
#[test]
#[ignore = "child role of two_processes_lose_no_update, which runs it"]
fn concurrent_child() {
    let (Some(dir), Some(who)) = (std::env::var_os(DIR_ENV), std::env::var(WHO_ENV).ok()) else {
        eprintln!("concurrent_child only runs under two_processes_lose_no_update");
        return;
    };
    let who: u64 = who.parse().expect("who is a number");
    let (mut store, notices) = Store::open(Path::new(&dir));
    assert!(notices.is_empty(), "{notices:?}");
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).expect("go");
    println!("start {}", now_nanos());
    for n in 0..PER_PROCESS {
        let bookmarked = store.toggle_bookmark(&meta(&id(who, n))).expect("saved");
        assert!(bookmarked, "{} was new", id(who, n));
        // Flushed at once, so each change is a save of its own, racing the other process.
        store.flush().expect("saved");
    }
    println!("end {}", now_nanos());
}

/// Reads the child's `start` and `end` times.
fn span(output: &[u8]) -> (u128, u128) {
    let mut start = None;
    let mut end = None;
    for line in BufReader::new(output).lines().map_while(Result::ok) {
        if let Some(t) = line.strip_prefix("start ") {
            start = t.parse().ok();
        } else if let Some(t) = line.strip_prefix("end ") {
            end = t.parse().ok();
        }
    }
    (start.expect("start time"), end.expect("end time"))
}

#[test]
fn two_processes_lose_no_update() {
    let tmp = TempDir::new().expect("temp dir");
    let exe = std::env::current_exe().expect("test binary");
    let mut children: Vec<_> = (0..2u64)
        .map(|who| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "store_concurrent::concurrent_child",
                    "--ignored",
                    "--nocapture",
                ])
                .env(DIR_ENV, tmp.path())
                .env(WHO_ENV, who.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn child")
        })
        .collect();
    for child in &mut children {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"go\n")
            .expect("send go");
    }
    let spans: Vec<(u128, u128)> = children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().expect("child output");
            assert!(
                output.status.success(),
                "child failed: {}",
                String::from_utf8_lossy(&output.stdout)
            );
            span(&output.stdout)
        })
        .collect();
    // The two runs overlapped in time, or this test proved nothing about concurrency.
    let latest_start = spans.iter().map(|s| s.0).max().expect("two");
    let earliest_end = spans.iter().map(|s| s.1).min().expect("two");
    assert!(
        latest_start < earliest_end,
        "the processes did not overlap: {spans:?}"
    );

    let (store, notices) = Store::open(tmp.path());
    assert!(notices.is_empty(), "{notices:?}");
    let kept = (0..2)
        .flat_map(|who| (0..PER_PROCESS).map(move |n| id(who, n)))
        .filter(|id| store.is_bookmarked(id))
        .count();
    eprintln!("updates kept {kept}/{}", 2 * PER_PROCESS);
    assert_eq!(kept, 2_000);
    assert_eq!(store.bookmarks().len(), 2_000);
    assert_eq!(crate::support::store::integrity(tmp.path()), "ok");
}
