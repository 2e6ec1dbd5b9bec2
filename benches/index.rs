//! Index build and cache reload over 10^5 generated articles (`LECTERN_BENCH_FILES` to change
//! the count): `Library::load` with an empty cache folder (every file read and parsed, the cache
//! written) and with the cache present (every file only stat'ed). The baseline in the same run
//! is the I/O floor: walking the same folders and reading every file into memory, in parallel
//! on the same thread pool, and nothing else.
//!
//! The corpus is generated once into `target/bench-corpus-N` (seed 1) and reused.
//!
//! Run: `cargo bench --bench index`.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use lectern::library::{Library, LoadOptions};
use rayon::prelude::*;

fn files() -> usize {
    std::env::var("LECTERN_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// The generated corpus, made on first use (a marker file says it is complete).
fn corpus(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-corpus-{n}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let pools = corpus::Pools::from_bundled().expect("bundled pools");
        let written = corpus::generate(&pools, &dir, n, 1).expect("generate");
        eprintln!("generated {} files, {} bytes", written.files, written.bytes);
        std::fs::write(&done, "").expect("marker");
    }
    dir
}

/// Every `.txt` file under `dir`, read whole: what loading cannot do with less I/O.
fn read_everything(dir: &Path) -> usize {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths);
    paths
        .par_iter()
        .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
        .sum()
}

/// The bytes of what a loaded library must hold: titles and other metadata, and the search
/// keys (the light fold counted only where it differs); the yardstick for peak memory.
fn payload(library: &Library) -> usize {
    let meta: usize = (library.entries.iter())
        .map(|e| {
            let m = &e.meta;
            let optional = [&m.source, &m.url, &m.date]
                .iter()
                .map(|o| o.as_ref().map_or(0, String::len))
                .sum::<usize>();
            m.id.len() + m.path.len() + m.title.len() + m.lang.len() + optional + 8 + 1
        })
        .sum();
    let keys: usize = (0..library.index.len())
        .map(|row| {
            let (full, light) = (library.index.full(row), library.index.light(row));
            full.len() + if full == light { 0 } else { light.len() }
        })
        .sum();
    meta + keys
}

fn options(cache: &Path) -> LoadOptions {
    LoadOptions {
        cache_dir: Some(cache.to_owned()),
        ..LoadOptions::default()
    }
}

fn bench(c: &mut Criterion) {
    let n = files();
    let dir = corpus(n);
    let roots = [dir.clone()];
    let cache = tempfile::tempdir().expect("cache dir");
    let mut group = c.benchmark_group(format!("index/{n}"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));

    group.bench_function("floor: walk and read every file", |b| {
        b.iter(|| black_box(read_everything(&dir)));
    });
    group.bench_function("build: empty cache", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(cache.path());
            },
            |()| black_box(Library::load(&roots, options(cache.path())).entries.len()),
            BatchSize::PerIteration,
        );
    });
    let loaded = Library::load(&roots, options(cache.path()));
    assert_eq!(loaded.entries.len(), n, "{:?}", loaded.warnings.first());
    eprintln!("payload of the loaded index: {} bytes", payload(&loaded));
    group.bench_function("reload: cache present", |b| {
        b.iter(|| black_box(Library::load(&roots, options(cache.path())).entries.len()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
