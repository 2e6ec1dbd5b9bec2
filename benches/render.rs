//! Full-frame render at 200×50: the list (the five bundled articles, and 10^4 generated ones),
//! the reader (Arabic seed 004, Vietnamese seed 000) and the comparison (English 003 beside
//! Arabic 004), each timed as `terminal.draw(|f| lectern::ui::draw(&app, f))` on ratatui's
//! `TestBackend`. The baseline, in the same run, is ratatui drawing a plain `Paragraph` of ASCII
//! text that fills the same 200×50, so `screen / baseline` is what lectern adds to ratatui.
//!
//! Each draw repaints the whole frame into ratatui's buffer and diffs it against the previous
//! one; the app is unchanged between iterations, so this is the steady redraw cost with the
//! layout cache warm (the first draw fills it).
//!
//! Bytes written to the terminal per frame are deterministic and printed to stderr after the
//! timings: each screen is drawn through crossterm into a byte counter, once in full, then again
//! after one `Action::Down` (ratatui writes only the cells that changed).
//!
//! Run: `cargo bench --bench render`; medians are in `target/criterion/render/*/new/estimates.json`.

#[path = "support/corpus.rs"]
mod corpus;

use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;
/// Generated articles in the big list.
const GENERATED: usize = 10_000;

/// An app of `library` at 200×50 with colours on (so byte counts do not depend on `NO_COLOR`).
fn app(library: Library, state: &Path) -> App {
    let (store, _) = Store::open(state);
    let mut app = App::new(library, store, &[], Config::default(), (WIDTH, HEIGHT));
    app.color = true;
    app
}

/// Moves the list selection to the bundled article whose file name starts with `prefix`.
fn select(app: &mut App, prefix: &str) {
    let wanted = format!("bundled:{prefix}");
    let entry = (app.library.entries.iter())
        .position(|e| e.meta.path.starts_with(&wanted))
        .expect("the seed is bundled");
    app.update(Action::Top);
    while app.list.visible.get(app.list.selected) != Some(&entry) {
        assert!(
            app.list.selected + 1 < app.list.visible.len(),
            "{prefix} not listed"
        );
        app.update(Action::Down);
    }
}

fn reader(state: &Path, prefix: &str) -> App {
    let mut app = app(Library::bundled(), state);
    select(&mut app, prefix);
    app.update(Action::Open);
    assert!(
        matches!(app.view, View::Reader(_)),
        "{:?}",
        app.message.as_ref().map(|m| &m.text)
    );
    app
}

fn comparison(state: &Path) -> App {
    let mut app = app(Library::bundled(), state);
    select(&mut app, "003_");
    app.update(Action::MarkCompare);
    select(&mut app, "004_");
    app.update(Action::Compare);
    assert!(
        matches!(app.view, View::Compare(_)),
        "{:?}",
        app.message.as_ref().map(|m| &m.text)
    );
    app
}

/// Writes [`GENERATED`] articles into `dir` and loads them.
fn generated_library(dir: &Path) -> Library {
    let started = Instant::now();
    let pools = corpus::Pools::from_bundled().expect("bundled pools");
    let written = corpus::generate(&pools, dir, GENERATED, 1).expect("generate the corpus");
    let generated = started.elapsed();
    let loading = Instant::now();
    let library = Library::load(&[dir.to_path_buf()], LoadOptions::default());
    eprintln!(
        "render: {} generated files ({} bytes, {:?}) in {generated:.2?}, {} loaded in {:.2?}",
        written.files,
        written.bytes,
        written.by_lang,
        library.entries.len(),
        loading.elapsed()
    );
    library
}

/// The screens measured, by name; each is built afresh (the byte count mutates it).
fn screens(state: &Path, corpus: &Path) -> Vec<(&'static str, App)> {
    vec![
        ("list_bundled5", app(Library::bundled(), state)),
        ("list_generated10k", app(generated_library(corpus), state)),
        ("reader_ar004", reader(state, "004_")),
        ("reader_vi000", reader(state, "000_")),
        ("compare_en003_ar004", comparison(state)),
    ]
}

/// A byte sink that only counts.
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Bytes crossterm writes for the first full frame, and for the next one after `Action::Down`.
fn bytes_per_frame(app: &mut App) -> (usize, usize) {
    let count = Rc::new(Cell::new(0));
    let viewport = Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT));
    let backend = CrosstermBackend::new(Counter(Rc::clone(&count)));
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal.draw(|f| lectern::ui::draw(app, f)).expect("draw");
    let full = count.replace(0);
    app.update(Action::Down);
    terminal.draw(|f| lectern::ui::draw(app, f)).expect("draw");
    (full, count.get())
}

/// 50 lines of 200 printable ASCII characters: the plain frame ratatui draws without lectern.
fn baseline_paragraph() -> Paragraph<'static> {
    let words = "the quick brown fox jumps over the lazy dog while news of the day scrolls by ";
    let lines: Vec<Line<'static>> = (0..usize::from(HEIGHT))
        .map(|row| {
            let line: String = words
                .chars()
                .cycle()
                .skip(row * 7)
                .take(usize::from(WIDTH))
                .collect();
            Line::from(line)
        })
        .collect();
    Paragraph::new(lines)
}

fn bench_render(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("temp dir");
    let state: PathBuf = scratch.path().join("state");
    let corpus = scratch.path().join("corpus");
    let mut screens = screens(&state, &corpus);

    let paragraph = baseline_paragraph();
    let mut group = c.benchmark_group("render");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    group.bench_function("baseline_paragraph", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(black_box(&paragraph), f.area()))
                .is_ok()
        });
    });
    for (name, app) in &screens {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        group.bench_function(*name, |b| {
            b.iter(|| {
                terminal
                    .draw(|f| lectern::ui::draw(black_box(app), f))
                    .is_ok()
            });
        });
    }
    group.finish();

    // After the timings: counting bytes moves each screen down one line.
    let count = Rc::new(Cell::new(0));
    let viewport = Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT));
    let backend = CrosstermBackend::new(Counter(Rc::clone(&count)));
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|f| f.render_widget(&paragraph, f.area()))
        .expect("draw");
    eprintln!("render: bytes per frame at {WIDTH}x{HEIGHT} (first full frame / after one Down)");
    eprintln!("render:   baseline_paragraph  {:>7}", count.get());
    for (name, app) in &mut screens {
        let (full, after_down) = bytes_per_frame(app);
        eprintln!("render:   {name:<19} {full:>7} / {after_down:>6}");
    }
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
