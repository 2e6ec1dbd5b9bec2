//! SIGKILL in the middle of saves: the database always opens, passes `PRAGMA
//! integrity_check`, and holds the state just before or just after the interrupted change:
//! every change whose save returned before the kill is there.
//!
//! The test binary re-runs itself as the child (`crash_child`, selected by an environment
//! variable), so the product carries no test-only code path.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lectern::article::{Dir, Meta};
use lectern::store::Store;
use tempfile::TempDir;

use crate::support::store::{bookmarked_ids, integrity};

const CHILD_ENV: &str = "LECTERN_TEST_CRASH_CHILD_DIR";
const KILLS: usize = 200;
/// The kill lands this long after a save's announcement, at most; one save (a transaction
/// of a few kilobytes, no fsync in WAL mode with `synchronous=NORMAL`) takes about a tenth
/// of that, so kills land before, during and after the commit.
const KILL_SPREAD_MICROS: u64 = 1_500;
const IDS: [&str; 6] = [
    "0000000000000001",
    "0000000000000002",
    "0000000000000003",
    "0000000000000004",
    "0000000000000005",
    "0000000000000006",
];

fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        path: format!("/news/{id}.txt"),
        // A long title makes each save write kilobytes, not a handful of bytes.
        title: "Bão số 3 đổ bộ vào các tỉnh ven biển miền Trung ".repeat(40),
        source: Some("VnExpress".to_owned()),
        url: None,
        date: None,
        date_source: None,
        lang: "vi".to_owned(),
        dir: Dir::Ltr,
        words: 500,
    }
}

/// A small xorshift generator: enough to spread kill times, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn set_text(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(",")
}

fn parse_set(text: &str) -> BTreeSet<String> {
    text.split(',')
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The child: toggles bookmarks in a loop, announcing each save just before it starts.
#[test]
#[ignore = "child role of survives_sigkill_during_saves, which runs it"]
fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        eprintln!("crash_child only runs under survives_sigkill_during_saves");
        return;
    };
    let (mut store, notices) = Store::open(Path::new(&dir));
    let mut out = std::io::stdout().lock();
    for notice in notices {
        let _ = writeln!(out, "notice {notice}");
    }
    let mut random = Random(u64::from(std::process::id()) | 1);
    // Bounded, so a child whose parent died stops by itself.
    for n in 0..5_000 {
        let id = IDS[usize::try_from(random.below(IDS.len() as u64)).unwrap_or(0)];
        let before: BTreeSet<String> = store.bookmarks().into_iter().map(|b| b.id).collect();
        let mut after = before.clone();
        if !after.remove(id) {
            after.insert(id.to_owned());
        }
        let line = format!(
            "saving {n} before={} after={}",
            set_text(&before),
            set_text(&after)
        );
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return;
        }
        // Flushed at once: one save per change, each announced just before.
        if let Err(error) = store.toggle_bookmark(&meta(id)).and_then(|_| store.flush()) {
            let _ = writeln!(out, "error {error}");
            return;
        }
    }
}

/// What the database holds right after a kill, checked sound first.
fn bookmarks_on_disk(dir: &Path) -> BTreeSet<String> {
    if !dir.join("lectern.db").exists() {
        return BTreeSet::new();
    }
    let check = integrity(dir);
    assert_eq!(check, "ok", "database damaged by a kill");
    bookmarked_ids(dir).into_iter().collect()
}

#[test]
fn survives_sigkill_during_saves() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| u64::from(d.subsec_nanos()) ^ d.as_secs())
        | 1;
    eprintln!("seed {seed}");
    let mut random = Random(seed);
    let exe = std::env::current_exe().expect("test binary");
    let (mut kept_before, mut kept_after) = (0, 0);

    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "store_crash::crash_child",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD_ENV, dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn child");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut last = None;
        // Skip a few saves so that rounds start from different states.
        for _ in 0..=random.below(4) {
            next_announcement(&mut lines, &mut last, round);
        }
        kill_during_a_save(&mut child, &mut random);
        // The child may have finished that save and begun the next: the last announcement counts.
        for line in lines.map_while(Result::ok) {
            if line.starts_with("saving ") {
                last = Some(line);
            }
        }
        let last = last.expect("an announcement");
        let mut fields = last.split(' ').skip(2);
        let before = parse_set(
            fields
                .next()
                .and_then(|f| f.strip_prefix("before="))
                .expect("before"),
        );
        let after = parse_set(
            fields
                .next()
                .and_then(|f| f.strip_prefix("after="))
                .expect("after"),
        );

        let on_disk = bookmarks_on_disk(dir);
        assert!(
            on_disk == before || on_disk == after,
            "round {round}: {on_disk:?} is neither {before:?} nor {after:?}"
        );
        if on_disk == before {
            kept_before += 1;
        } else {
            kept_after += 1;
        }

        let (store, notices) = Store::open(dir);
        assert!(notices.is_empty(), "round {round}: {notices:?}");
        let reopened: BTreeSet<String> = store.bookmarks().into_iter().map(|b| b.id).collect();
        assert_eq!(reopened, on_disk);
    }
    eprintln!(
        "kills survived {KILLS}/{KILLS}, integrity_check ok {KILLS}/{KILLS}; the database held the state before the interrupted change {kept_before} times, after it {kept_after}"
    );
    // Evidence the kills landed on both sides of a commit, not only between saves.
    assert!(
        kept_before > 0 && kept_after > 0,
        "kills landed on one side of the commit only ({kept_before} before, {kept_after} after); the test proved little"
    );
}

/// The child's output, line by line.
type Lines = std::io::Lines<BufReader<ChildStdout>>;

/// Reads the child's output up to its next save announcement, kept in `last`.
fn next_announcement(lines: &mut Lines, last: &mut Option<String>, round: usize) {
    loop {
        let line = lines
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("round {round}: child ended early after {last:?}"));
        assert!(
            !line.starts_with("notice") && !line.starts_with("error"),
            "round {round}: {line}"
        );
        if line.starts_with("saving ") {
            *last = Some(line);
            return;
        }
    }
}

/// Kills the child at a random moment up to [`KILL_SPREAD_MICROS`] after its announcement.
fn kill_during_a_save(child: &mut Child, random: &mut Random) {
    // Spinning: a sleep this short oversleeps by tens of microseconds.
    let kill_at = Instant::now() + Duration::from_micros(random.below(KILL_SPREAD_MICROS + 1));
    while Instant::now() < kill_at {
        std::hint::spin_loop();
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
}
