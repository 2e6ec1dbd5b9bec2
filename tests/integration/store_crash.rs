//! SIGKILL in the middle of saves: the state file always parses and holds the state just
//! before or just after the interrupted change, and the next open leaves no temp file.
//!
//! The test binary re-runs itself as the child (`crash_child`, selected by an environment
//! variable), so the product carries no test-only code path.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lectern::article::{Dir, Meta};
use lectern::store::Store;
use tempfile::TempDir;

const CHILD_ENV: &str = "LECTERN_TEST_CRASH_CHILD_DIR";
const KILLS: usize = 200;
/// Announcements to try per round before killing without a handshake.
const HANDSHAKE_TRIES: usize = 20;
/// How long to watch for the temp file after one announcement.
const TEMP_FILE_BOUND: Duration = Duration::from_millis(20);
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

/// What the state file holds right after a kill: `None` when there is no file yet.
fn bookmarks_on_disk(dir: &Path) -> Option<BTreeSet<String>> {
    let bytes = match fs::read(dir.join("state.json")) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => panic!("cannot read the state file: {error}"),
    };
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!(
            "state file corrupt after a kill: {error}: {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    let bookmarks = value["bookmarks"]
        .as_object()
        .expect("bookmarks is an object");
    Some(bookmarks.keys().cloned().collect())
}

fn temp_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .expect("list folder")
        .filter(|entry| {
            entry.as_ref().is_ok_and(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("state.json.tmp-")
            })
        })
        .count()
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
    let (mut kept_before, mut kept_after, mut temp_left) = (0, 0, 0);
    let (mut handshakes, mut kills_mid_save) = (0, 0);

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
        let handshake =
            kill_during_a_save(&mut child, dir, &mut lines, &mut last, &mut random, round);
        handshakes += usize::from(handshake);
        // A dead child renames nothing: a temp file still there was there at the kill.
        let temp_at_kill = temp_files(dir);
        kills_mid_save += usize::from(temp_at_kill > 0);
        // The child may have finished that save and begun the next: the last announcement counts.
        for line in lines.map_while(Result::ok) {
            if line.starts_with("saving ") {
                last = Some(line);
            }
        }
        let last = last.expect("a handshake");
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

        let on_disk = bookmarks_on_disk(dir).unwrap_or_default();
        assert!(
            on_disk == before || on_disk == after,
            "round {round}: {on_disk:?} is neither {before:?} nor {after:?}"
        );
        if on_disk == before {
            kept_before += 1;
        } else {
            kept_after += 1;
        }
        temp_left += temp_at_kill;

        let (store, notices) = Store::open(dir);
        assert!(notices.is_empty(), "round {round}: {notices:?}");
        let reopened: BTreeSet<String> = store.bookmarks().into_iter().map(|b| b.id).collect();
        assert_eq!(reopened, on_disk);
        assert_eq!(
            temp_files(dir),
            0,
            "round {round}: the open swept the temp files"
        );
    }
    eprintln!(
        "kills survived {KILLS}/{KILLS}, corrupt 0; file held the state before the change {kept_before} times, after {kept_after}; temp files left by kills and swept: {temp_left}"
    );
    eprintln!(
        "handshake (temp file seen) before {handshakes}/{KILLS} kills; kills that landed with a temp file present: {kills_mid_save}/{KILLS}"
    );
    // Evidence the kills landed inside saves, not only between them.
    assert!(
        kills_mid_save * 2 >= KILLS,
        "only {kills_mid_save} of {KILLS} kills landed during a save; the test proved little"
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

/// Waits for proof that a save is under way, then kills the child at a random moment of it;
/// returns whether the proof came.
///
/// The proof: after an announcement, the save's temp file appearing in the folder (it exists
/// from its creation to the rename). When it does not show within the bound (the save may be
/// over already), on to the next announcement; after [`HANDSHAKE_TRIES`], kill anyway.
fn kill_during_a_save(
    child: &mut Child,
    dir: &Path,
    lines: &mut Lines,
    last: &mut Option<String>,
    random: &mut Random,
    round: usize,
) -> bool {
    let mut proven = false;
    for _ in 0..HANDSHAKE_TRIES {
        if appears(dir, TEMP_FILE_BOUND) {
            proven = true;
            break;
        }
        next_announcement(lines, last, round);
    }
    // 0 to 300 µs later, spinning: a sleep this short oversleeps by tens of microseconds.
    let kill_at = Instant::now() + Duration::from_micros(random.below(301));
    while Instant::now() < kill_at {
        std::hint::spin_loop();
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    proven
}

/// Whether a save's temp file shows in `dir` within `bound`, polling as fast as possible.
fn appears(dir: &Path, bound: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < bound {
        if temp_files(dir) > 0 {
            return true;
        }
    }
    false
}
