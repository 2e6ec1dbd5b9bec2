//! The cost of a mark in the database: opening an article marks it read (`set_read`), which
//! has the store's thread write it in one `BEGIN IMMEDIATE` transaction of `lectern.db` (WAL,
//! `synchronous=NORMAL`). Measured with 10^4 and 10^5 read marks already stored (imported
//! from a `state.json` written directly, which also times nothing), in a folder under
//! `target/` (the disk the database would be on, not a tmpfs): what the keystroke pays
//! (`set_read`), the save itself (`set_read` then `flush`), marking 10^4 read at once, a
//! refresh with nothing new and one after another window saved (on the calling thread, and
//! until shown), and opening the store (whole, and the share the reader's start waits for when
//! the marks are read on the store's thread). The floors: a bare rusqlite connection on the same
//! database writing one row (and 10^4 rows) of the same shape in one transaction, with no
//! thread, channel or change counter: the least any save through SQLite costs.
//!
//! `LECTERN_BENCH_MARKS` (comma-separated counts, default `10000,100000`) chooses the sizes.
//!
//! Run: `cargo bench --bench store`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lectern::store::Store;

/// An old state file with `marks` read marks, written directly, for the store to import
/// (saving them one by one would take `marks` saves).
fn state_with_marks(dir: &Path, marks: usize) {
    let mut json = String::from("{\n  \"version\": 1,\n  \"bookmarks\": {},\n  \"read\": {\n");
    for n in 0..marks {
        let comma = if n + 1 < marks { "," } else { "" };
        let _ = writeln!(
            json,
            "    \"{n:016x}\": {{\n      \"read_at\": \"2026-04-22T10:15:00Z\"\n    }}{comma}"
        );
    }
    json.push_str("  }\n}\n");
    std::fs::create_dir_all(dir).expect("folder");
    std::fs::write(dir.join("state.json"), json).expect("state file");
}

/// The mark counts to measure, from `LECTERN_BENCH_MARKS` (`10000,100000` when unset).
fn mark_counts() -> Vec<usize> {
    std::env::var("LECTERN_BENCH_MARKS")
        .unwrap_or_else(|_| "10000,100000".to_owned())
        .split(',')
        .map(|count| count.trim().parse().expect("LECTERN_BENCH_MARKS: numbers"))
        .collect()
}

fn folder(marks: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-state-{marks}"));
    let _ = std::fs::remove_dir_all(&dir);
    state_with_marks(&dir, marks);
    dir
}

/// A store on `marks` read marks, imported from an old state file; prints the sizes and the
/// import's time.
fn open_with_marks(marks: usize) -> (PathBuf, Store) {
    let dir = folder(marks);
    let size = std::fs::metadata(dir.join("state.json")).map_or(0, |m| m.len());
    let start = Instant::now();
    let (store, notices) = Store::open(&dir);
    assert!(notices.is_empty(), "{notices:?}");
    let imported = start.elapsed();
    assert!(store.is_read(&format!("{:016x}", marks - 1)), "imported");
    drop(store);
    let (store, _) = Store::open(&dir);
    let db_size = std::fs::metadata(dir.join("lectern.db")).map_or(0, |m| m.len());
    eprintln!(
        "{marks} read marks: state.json was {size} bytes, imported in {imported:?}; lectern.db is {db_size} bytes"
    );
    (dir, store)
}

fn bench(c: &mut Criterion) {
    for marks in mark_counts() {
        let (dir, mut store) = open_with_marks(marks);
        let mut group = c.benchmark_group(format!("store/{marks}"));
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(10));
        // A new article read, then unread again: each call is one change.
        let mut read = false;
        group.bench_function("set_read (the keystroke)", |b| {
            b.iter(|| {
                read = !read;
                store.set_read("ffffffffffffffff", read).expect("queued");
            });
        });
        store.flush().expect("saved");
        group.bench_function("set_read then flush (one whole save)", |b| {
            b.iter(|| {
                read = !read;
                store.set_read("ffffffffffffffff", read).expect("queued");
                store.flush().expect("saved");
            });
        });
        // "Mark all read" over 10^4 articles not read yet, saved; unmarked again untimed.
        let many: Vec<String> = (0..10_000u64).map(|n| format!("f{n:015x}")).collect();
        group.bench_function("set_read_many 10^4 then flush (mark all read)", |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    let start = Instant::now();
                    store.set_read_many(&many, true).expect("queued");
                    store.flush().expect("saved");
                    spent += start.elapsed();
                    store.set_read_many(&many, false).expect("queued");
                    store.flush().expect("saved");
                }
                spent
            });
        });
        group.bench_function("refresh, nothing new", |b| {
            b.iter(|| store.refresh());
        });
        // Another window saves; this one's refresh looks (one stat) and has its thread read
        // the file; the next refresh shows what it holds. Timed: the two refreshes alone
        // (what the caller's thread pays), and with the thread's read in between (how long
        // until the change shows, timer ticks aside).
        let (mut other, _) = Store::open(&dir);
        for (name, with_read) in [
            ("refresh after another window saved (calling thread)", false),
            ("refresh after another window saved (until shown)", true),
        ] {
            group.bench_function(name, |b| {
                b.iter_custom(|iterations| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iterations {
                        read = !read;
                        other.set_read("eeeeeeeeeeeeeeee", read).expect("queued");
                        other.flush().expect("saved");
                        let start = Instant::now();
                        assert!(!store.refresh(), "only looks");
                        let looked = start.elapsed();
                        store.flush().expect("read");
                        let start = if with_read { start } else { Instant::now() };
                        assert!(store.refresh(), "shows it");
                        spent += if with_read {
                            start.elapsed()
                        } else {
                            looked + start.elapsed()
                        };
                    }
                    spent
                });
            });
        }
        let (mut floor, _) = lectern::db::open(&dir.join("lectern.db")).expect("floor connection");
        floor
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS floor (id TEXT PRIMARY KEY, read INTEGER, read_at TEXT, seq INTEGER) WITHOUT ROWID",
            )
            .expect("floor table");
        group.bench_function("floor: one row in one transaction (bare rusqlite)", |b| {
            b.iter(|| {
                read = !read;
                write_rows(&mut floor, &["ffffffffffffffff".to_owned()], read);
            });
        });
        group.bench_function("floor: 10^4 rows in one transaction (bare rusqlite)", |b| {
            b.iter(|| {
                read = !read;
                write_rows(&mut floor, &many, read);
            });
        });
        group.bench_function("open and drop", |b| {
            b.iter(|| Store::open(&dir));
        });
        // What the reader's first frame waits for: the marks are read on the store's thread,
        // and the store is dropped (waiting for that thread) outside the timing.
        group.bench_function("open in the background (the start's share)", |b| {
            b.iter_batched(
                || (),
                |()| Store::open_in_background(&dir, Duration::ZERO),
                BatchSize::PerIteration,
            );
        });
        group.finish();
    }
}

/// Writes `ids` into the floor table in one `BEGIN IMMEDIATE` transaction, as a save does,
/// without the store's thread, channel, counter or conflict clauses.
fn write_rows(connection: &mut rusqlite::Connection, ids: &[String], read: bool) {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .expect("begin");
    {
        let mut insert = transaction
            .prepare_cached(
                "INSERT OR REPLACE INTO floor (id, read, read_at, seq) VALUES (?1, ?2, '2026-04-22T10:15:00Z', 1)",
            )
            .expect("prepare");
        for id in ids {
            insert.execute(rusqlite::params![id, read]).expect("insert");
        }
    }
    transaction.commit().expect("commit");
}

criterion_group!(benches, bench);
criterion_main!(benches);
