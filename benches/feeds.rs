//! The feeds goals of issue 15, on loopback only: the bench starts its own HTTP server in
//! process (`support/feed_server.rs`), 200 RSS feeds of 50 entries each (Vietnamese, English
//! and Arabic, three paragraphs an entry) spread over 8 loopback addresses (127.0.0.1–8), so
//! the per-host limit (2) and the overall one (8) both apply as they would on the Internet.
//!
//! 1. A first fetch (`full_text = "never"`) with `lectern::feed::fetch::run` into a fresh
//!    database, against the floor: the same 200 GETs by a plain ureq agent with the same
//!    limits (`support/feed_floor.rs`), in the same run, interleaved.
//! 2. A refresh where every feed answers 304 (the server honours `If-None-Match`), against the
//!    same 200 conditional GETs by the plain agent.
//! 3. Ingesting the 10^4 entries without the network: the parse (`feed::parse`), the article
//!    text (`feed::article::text`: HTML to paragraphs, NFC, sanitising), the database
//!    (`feed::store::ingest`, one transaction a feed as the fetch does), and, apart, reading
//!    them as the list does (`article::parse`: clean, date, detect, id).
//! 4. The interface during a fetch: the reload key, then, while the 200 feeds arrive, a
//!    keystroke (`Down`/`Up` in turn), a tick and a frame on `TestBackend` (100×30) every 10 ms.
//!
//! `LECTERN_BENCH_REPS` sets the repetitions (default 7); `LECTERN_BENCH_DELAY_MS` has the server
//! wait that long before each answer (default 0), a stand-in for a network's round trip, which
//! loopback does not have. Medians are printed to stderr; an argument (`fetch`, `ingest`, `tui`)
//! runs only the goals whose name holds it.
//!
//! Run: `cargo bench --bench feeds`.

#[path = "support/feed_floor.rs"]
mod feed_floor;
#[path = "support/feed_server.rs"]
mod feed_server;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use feed_server::FeedServer;
use lectern::action::Action;
use lectern::app::App;
use lectern::config::Config;
use lectern::feed::fetch::{self, Options, Report};
use lectern::feed::store::{self, Entry};
use lectern::feed::{FullText, Subscription, article};
use lectern::library::Library;
use lectern::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FEEDS: usize = 200;
const ENTRIES: usize = 50;
const JOBS: usize = 8;
const PER_HOST: usize = 2;

fn reps() -> usize {
    std::env::var("LECTERN_BENCH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1000.0
}

fn subscriptions(server: &FeedServer) -> Vec<Subscription> {
    (0..FEEDS)
        .map(|n| Subscription {
            url: server.url(n),
            full_text: FullText::Never,
            ..Subscription::default()
        })
        .collect()
}

fn options(force: bool) -> Options {
    let mut options = Options {
        force,
        ..Options::default()
    };
    options.settings.jobs = JOBS;
    options.settings.per_host = PER_HOST;
    options
}

/// One lectern fetch of `feeds` into the database at `db`; its wall time and report.
fn lectern_fetch(db: &Path, feeds: &[Subscription], force: bool) -> (Duration, Report) {
    let (mut connection, _) = lectern::db::open(db).expect("database");
    let start = Instant::now();
    let report = fetch::run(&mut connection, feeds, &options(force), |_| {}).expect("fetch");
    (start.elapsed(), report)
}

/// Goals 1 and 2: lectern against the plain agent, interleaved, `reps` times each.
fn fetch_goals(server: &FeedServer, feeds: &[Subscription]) {
    let plain: Vec<(String, Option<String>)> =
        feeds.iter().map(|s| (s.url.clone(), None)).collect();
    let conditional: Vec<(String, Option<String>)> = (0..FEEDS)
        .map(|n| (server.url(n), Some(feed_server::etag(n))))
        .collect();
    let (mut first, mut first_floor, mut again, mut again_floor) = (vec![], vec![], vec![], vec![]);
    // A warm-up of each, untimed: thread stacks, the page cache, SQLite's code.
    let warm = tempfile::tempdir().expect("temp dir");
    lectern_fetch(&warm.path().join("lectern.db"), feeds, false);
    feed_floor::fetch_all(&plain, JOBS, PER_HOST);
    for _ in 0..reps() {
        let (floor, statuses) = feed_floor::fetch_all(&plain, JOBS, PER_HOST);
        assert!(statuses.iter().all(|s| *s == 200), "floor: {statuses:?}");
        first_floor.push(floor);
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("lectern.db");
        let (time, report) = lectern_fetch(&db, feeds, false);
        assert_eq!(
            (report.fetched, report.new),
            (FEEDS, FEEDS * ENTRIES),
            "{report:?}"
        );
        first.push(time);
        let (time, report) = lectern_fetch(&db, feeds, true);
        assert_eq!(report.not_modified, FEEDS, "{report:?}");
        again.push(time);
        let (floor, statuses) = feed_floor::fetch_all(&conditional, JOBS, PER_HOST);
        assert!(statuses.iter().all(|s| *s == 304), "floor: {statuses:?}");
        again_floor.push(floor);
    }
    let bytes: usize = (0..FEEDS)
        .map(|n| feed_server::feed(n, ENTRIES).len())
        .sum();
    eprintln!(
        "{FEEDS} feeds × {ENTRIES} entries, {bytes} bytes of feeds; {} repetitions",
        first.len()
    );
    for (what, lectern, floor) in [
        ("first fetch", &mut first, &mut first_floor),
        ("refresh, all 304", &mut again, &mut again_floor),
    ] {
        let all: Vec<String> = lectern.iter().map(|t| format!("{:.1}", ms(*t))).collect();
        let (lectern, floor) = (median(lectern), median(floor));
        eprintln!(
            "{what}: lectern {:.1} ms (runs {}), floor {:.1} ms, ratio {:.2}",
            ms(lectern),
            all.join(" "),
            ms(floor),
            lectern.as_secs_f64() / floor.as_secs_f64()
        );
    }
}

/// Goal 3: the 10^4 entries through parse, article text and the database, timed apart.
fn ingest_goal(server: &FeedServer, bodies: &[Vec<u8>]) {
    let (mut parse, mut text, mut ingest, mut load) = (vec![], vec![], vec![], vec![]);
    for _ in 0..reps().min(5) {
        let start = Instant::now();
        let parsed: Vec<_> = (bodies.iter().enumerate())
            .map(|(n, body)| {
                lectern::feed::parse(body, Some("application/rss+xml"), &server.url(n))
                    .expect("feed")
            })
            .collect();
        parse.push(start.elapsed());
        let start = Instant::now();
        let entries: Vec<Vec<Entry>> = (parsed.iter().enumerate())
            .map(|(n, feed)| {
                (feed.items.iter())
                    .map(|item| Entry {
                        text: article::text(item, feed, None, &server.url(n)),
                        ..Entry::default()
                    })
                    .collect()
            })
            .collect();
        text.push(start.elapsed());
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut connection, _) = lectern::db::open(&dir.path().join("lectern.db")).expect("db");
        let start = Instant::now();
        let mut new = 0;
        for (n, (feed, entries)) in parsed.iter().zip(&entries).enumerate() {
            new += store::ingest(&mut connection, &server.url(n), feed, entries)
                .expect("ingest")
                .new;
        }
        ingest.push(start.elapsed());
        assert_eq!(new, FEEDS * ENTRIES);
        let start = Instant::now();
        let mut languages = [0_usize; 3];
        for entry in entries.iter().flatten() {
            let (read, _) = lectern::article::parse(entry.text.clone(), String::new(), None);
            let slot = ["vi", "en", "ar"].iter().position(|l| *l == read.meta.lang);
            if let Some(slot) = slot {
                languages[slot] += 1;
            }
        }
        load.push(start.elapsed());
        assert_eq!(
            languages.iter().sum::<usize>(),
            FEEDS * ENTRIES,
            "{languages:?}"
        );
    }
    let entries = f64::from(u32::try_from(FEEDS * ENTRIES).expect("a count"));
    let (parse, text, ingest, load) = (
        median(&mut parse),
        median(&mut text),
        median(&mut ingest),
        median(&mut load),
    );
    let total = parse + text + ingest;
    let mut line = format!(
        "ingest of {} entries: {:.0} ms, {:.0} entries/s;",
        FEEDS * ENTRIES,
        ms(total),
        entries / total.as_secs_f64()
    );
    for (what, time) in [
        ("parse", parse),
        ("article text", text),
        ("store::ingest", ingest),
    ] {
        let _ = write!(
            line,
            " {what} {:.0} ms ({:.0}%),",
            ms(time),
            100.0 * time.as_secs_f64() / total.as_secs_f64()
        );
    }
    let _ = write!(
        line,
        " then read as the list does (article::parse) {:.0} ms",
        ms(load)
    );
    eprintln!("{line}");
}

/// Goal 4: keystroke → frame while the feeds arrive.
fn tui_goal(server: &FeedServer, feeds: &[Subscription]) {
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join("feeds.toml");
    let mut toml = String::new();
    for feed in feeds {
        let _ = write!(
            toml,
            "[[feed]]\nurl = \"{}\"\nfull_text = \"never\"\n\n",
            feed.url
        );
    }
    std::fs::write(&file, toml).expect("feeds.toml");
    let (store, _) = Store::open(&home.path().join("data"));
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), (100, 30));
    app.rescan.feeds = Some(file);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|f| lectern::ui::draw(&app, f)).expect("draw");
    let _ = server;
    let start = Instant::now();
    app.update(Action::Reload);
    let mut frames = Vec::new();
    // Each frame's whole time, the key's, the tick's, the draw's, and the articles listed.
    let mut parts = Vec::new();
    while app.fetching.is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the fetch never ended"
        );
        let key = if frames.len() % 2 == 0 {
            Action::Down
        } else {
            Action::Up
        };
        let begun = Instant::now();
        app.update(key);
        let keyed = begun.elapsed();
        app.update(Action::Tick);
        let ticked = begun.elapsed();
        terminal.draw(|f| lectern::ui::draw(&app, f)).expect("draw");
        frames.push(begun.elapsed());
        parts.push((
            begun.elapsed(),
            keyed,
            ticked.saturating_sub(keyed),
            begun.elapsed().saturating_sub(ticked),
            app.library.entries.len(),
        ));
        std::thread::sleep(Duration::from_millis(10));
    }
    let fetch = start.elapsed();
    let shown = app.library.entries.len();
    frames.sort();
    // The frame at `percent` of the sorted frames, by nearest rank.
    let at = |percent: usize| frames[(frames.len() - 1) * percent / 100];
    eprintln!(
        "keystroke → frame during a fetch of {FEEDS} feeds ({:.0} ms, {shown} articles in the list after): {} frames, median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(fetch),
        frames.len(),
        ms(at(50)),
        ms(at(99)),
        ms(at(100))
    );
    parts.sort_by_key(|part| std::cmp::Reverse(part.0));
    for (whole, key, tick, draw, listed) in parts.iter().take(5) {
        eprintln!(
            "  slow frame {:.1} ms: key {:.1}, tick {:.1}, draw {:.1} ms, {listed} articles listed",
            ms(*whole),
            ms(*key),
            ms(*tick),
            ms(*draw)
        );
    }
    let over = frames
        .iter()
        .filter(|f| **f > Duration::from_millis(16))
        .count();
    eprintln!("  frames over 16 ms: {over} of {}", frames.len());
}

fn main() {
    let bodies: Arc<Vec<Vec<u8>>> =
        Arc::new((0..FEEDS).map(|n| feed_server::feed(n, ENTRIES)).collect());
    let delay = std::env::var("LECTERN_BENCH_DELAY_MS")
        .ok()
        .and_then(|d| d.parse().ok())
        .map_or(Duration::ZERO, Duration::from_millis);
    eprintln!("server delay per answer: {delay:?}");
    let server = FeedServer::start(&bodies, delay);
    let feeds = subscriptions(&server);
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    if wanted("fetch") {
        fetch_goals(&server, &feeds);
    }
    if wanted("ingest") {
        ingest_goal(&server, &bodies);
    }
    if wanted("tui") {
        tui_goal(&server, &feeds);
    }
}
