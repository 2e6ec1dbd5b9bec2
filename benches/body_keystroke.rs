//! A keystroke of a body search in the interface, over a library of saved web pages: what the
//! interface thread pays for `App::update` of one typed letter (the query, and handing the
//! hits' lines to the worker that cuts them), against what it paid when it cut them itself
//! (the same hits' lines through `search::with_snippets`, rayon on both cores, in the same
//! run), and the time until every line of the screen is in.
//!
//! The library is 2,000 generated HTML pages (navigation, an article of 12–20 paragraphs, a
//! footer: about 12 KB each, so that extraction has work to do) in
//! `target/bench-body-keystroke/`, indexed once before the measurements. The query typed is
//! `?harbour` one letter at a time; the last letter is measured, newest first (as while typing).
//!
//! Run: `cargo bench --bench body_keystroke`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::action::Action;
use lectern::app::App;
use lectern::config::Config;
use lectern::library::{Library, LoadOptions};
use lectern::search::{SearchQuery, Sort, open_database, search, sync, with_snippets};
use lectern::store::Store;

const PAGES: usize = 2_000;
const WORDS: [&str; 12] = [
    "council", "harbour", "rain", "market", "bridge", "school", "river", "budget", "train",
    "museum", "festival", "election",
];

/// Page `n`: boilerplate around an article whose words are drawn from [`WORDS`].
fn page(n: usize) -> String {
    let mut state = n as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
    let mut word = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        WORDS[usize::try_from(state % WORDS.len() as u64).unwrap_or(0)]
    };
    let mut html = format!(
        "<!doctype html><html lang=en><head><title>Report {n}</title></head><body>\
         <nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
         <article><h1>Report {n}</h1><time datetime=2024-01-{:02}>Jan</time>",
        n % 28 + 1
    );
    for _ in 0..12 + n % 9 {
        html.push_str("<p>");
        for _ in 0..40 {
            let _ = write!(html, "{} ", word());
        }
        html.push_str("</p>");
    }
    html.push_str(
        "</article><footer>© The Daily Example · <a href=/about>About</a></footer></body></html>",
    );
    html
}

/// The pages' folder, written once.
fn pages() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-body-keystroke/pages");
    if !dir.join(format!("{:05}.html", PAGES - 1)).exists() {
        std::fs::create_dir_all(&dir).expect("pages folder");
        for n in 0..PAGES {
            std::fs::write(dir.join(format!("{n:05}.html")), page(n)).expect("page");
        }
    }
    dir
}

/// An app on the pages with its index up to date and `?harbour` typed in the prompt.
fn typed(library_dir: &Path, data: &Path) -> App {
    let options = LoadOptions::default();
    let library = Library::load(&[library_dir.to_path_buf()], options.clone());
    let (store, _) = Store::open(data);
    let mut app = App::new(library, store, &[], Config::default(), (100, 40));
    app.rescan.source = Some((vec![library_dir.to_path_buf()], options));
    app.update(Action::Filter);
    for letter in "?harbour".chars() {
        app.update(Action::Type(letter));
    }
    app
}

/// Takes back the query's last letter and types it again, the lines of the shorter query
/// waited for first (as a typist's pause would): how long `App::update` of the letter took,
/// and how long until the lines of its hits were all in.
fn retype(app: &mut App) -> (Duration, Duration) {
    app.update(Action::DeleteBack);
    while app.cutting_snippets() {
        app.take_snippets();
    }
    let start = Instant::now();
    app.update(Action::Type('r'));
    let typed = start.elapsed();
    while app.cutting_snippets() {
        app.take_snippets();
        std::thread::sleep(Duration::from_micros(100));
    }
    (typed, start.elapsed())
}

fn keystroke(c: &mut Criterion) {
    let library_dir = pages();
    let data = library_dir.with_file_name("data");
    let library = Library::load(std::slice::from_ref(&library_dir), LoadOptions::default());
    let mut conn = open_database(&data).expect("database");
    sync(&mut conn, &library, |_, _| {}).expect("indexed");
    let mut group = c.benchmark_group("body keystroke");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let mut app = typed(&library_dir, &data);
    // Its first query started bringing the index up to date on a thread: let that end.
    while app.body.progress().is_some() {
        std::thread::sleep(Duration::from_millis(10));
        app.update(Action::Tick);
    }
    group.bench_function(
        "App::update of the last letter (lines on the worker)",
        |b| {
            b.iter_custom(|iterations| (0..iterations).map(|_| retype(&mut app).0).sum());
        },
    );
    group.bench_function("until every line is in", |b| {
        b.iter_custom(|iterations| (0..iterations).map(|_| retype(&mut app).1).sum());
    });
    // What the keystroke paid before: the query and the lines of the same hits (two screens).
    let query = SearchQuery::parse("harbour", true);
    let shown = 2 * app.list_rows().max(1);
    let rows: std::collections::HashMap<&str, usize> = (library.entries.iter().enumerate())
        .map(|(row, entry)| (entry.meta.id.as_str(), row))
        .collect();
    group.bench_function(
        "floor: the same lines cut on the calling thread (before)",
        |b| {
            b.iter(|| {
                let hits = search(
                    &conn,
                    &query,
                    Sort::Date,
                    200,
                    |_| true,
                    &lectern::article::NoMarks,
                )
                .expect("hits");
                let hits = hits.into_iter().take(shown).collect();
                with_snippets(hits, &query, |hit| {
                    let entry = &library.entries[*rows.get(hit.id.as_str())?];
                    library.read(entry).ok().map(|article| article.paragraphs)
                })
            });
        },
    );
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
