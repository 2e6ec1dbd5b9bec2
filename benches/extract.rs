//! Extraction of web pages: `lectern::html::read` (charset, parse, extraction, walk, metadata)
//! per page, next to the floor, parsing the same HTML into a DOM with the same parser
//! (`dom_query`, html5ever underneath), in the same run.
//!
//! Pages: `tests/pages/rtl/*.html`, plus every `*.html` or `*.html.gz` page in the folder named
//! by `LECTERN_BENCH_PAGES` when it is set (for instance a local copy of an extraction
//! benchmark's pages; nothing outside the repo is read otherwise).
//!
//! It prints the median and 95th percentile over the pages of each page's own median time, and
//! their ratio to the floor, then criterion's figures for the whole set.
//!
//! Run: `LECTERN_BENCH_PAGES=DIR cargo bench --bench extract`.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use dom_query::Document;

/// The pages' bytes, by name.
fn pages() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/pages/rtl")];
    if let Some(extra) = std::env::var_os("LECTERN_BENCH_PAGES") {
        dirs.push(extra.into());
    }
    let mut pages = Vec::new();
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("a folder of pages")
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let lower = name.to_ascii_lowercase();
            let mut bytes = Vec::new();
            let file = std::fs::File::open(&path).expect("a page");
            if lower.ends_with(".html.gz") {
                flate2::read::GzDecoder::new(file)
                    .read_to_end(&mut bytes)
                    .expect("a gzipped page");
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html"))
            {
                std::io::BufReader::new(file)
                    .read_to_end(&mut bytes)
                    .expect("a page");
            } else {
                continue;
            }
            pages.push((name, bytes));
        }
    }
    pages
}

/// The median of `runs` timings of `f`.
fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// The value at quantile `q` of sorted `times` (nearest rank).
fn quantile(times: &[Duration], q: f64) -> Duration {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((q * times.len() as f64).ceil() as usize).clamp(1, times.len());
    times[rank - 1]
}

fn per_page_summary(pages: &[(String, Vec<u8>)]) {
    const RUNS: usize = 7;
    let mut read = Vec::new();
    let mut floor = Vec::new();
    for (_, bytes) in pages {
        read.push(median_time(RUNS, || {
            black_box(lectern::html::read(black_box(bytes)));
        }));
        let text = String::from_utf8_lossy(bytes);
        floor.push(median_time(RUNS, || {
            black_box(Document::from(black_box(text.as_ref())));
        }));
    }
    let (mut read_sorted, mut floor_sorted) = (read.clone(), floor.clone());
    read_sorted.sort();
    floor_sorted.sort();
    let ratios: Vec<f64> = read
        .iter()
        .zip(&floor)
        .map(|(r, f)| r.as_secs_f64() / f.as_secs_f64().max(1e-9))
        .collect();
    let mut ratios_sorted = ratios.clone();
    ratios_sorted.sort_by(f64::total_cmp);
    println!(
        "{} pages, each page's median of {RUNS} runs; over the pages:",
        pages.len()
    );
    for (what, times) in [
        ("html::read", &read_sorted),
        ("floor: DOM parse", &floor_sorted),
    ] {
        println!(
            "  {what:<18} median {:>9.3?}  p95 {:>9.3?}",
            quantile(times, 0.5),
            quantile(times, 0.95)
        );
    }
    let middle = ratios_sorted[ratios_sorted.len() / 2];
    let top = ratios_sorted[ratios_sorted.len() - 1];
    println!("  ratio read/floor per page: median {middle:.2}, max {top:.2}");
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    per_page_summary(&pages);
    let texts: Vec<String> = pages
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    let mut group = c.benchmark_group(format!("extract {} pages", pages.len()));
    group.sample_size(10);
    group.bench_function("html::read", |b| {
        b.iter(|| {
            for (_, bytes) in &pages {
                black_box(lectern::html::read(black_box(bytes)));
            }
        });
    });
    group.bench_function("floor: DOM parse", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(Document::from(black_box(text.as_str())));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
