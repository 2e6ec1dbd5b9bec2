//! Escape injection through feed articles (issue 17): after `lectern fetch` of the payload
//! feeds of `hostile_feeds`, their articles reach the terminal through `lectern list` (table
//! and JSON), `lectern show ID` of each, `lectern search` hits, and the interface: the list,
//! the reader of each feed article (clean and raw), the feeds box with its failing feeds, and
//! the status bar after the reload key met a feed whose address carries a payload. Only
//! lectern's own sequences may come out, and the markers around each payload must.

use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions, Origin};
use lectern::store::Store;
use tempfile::TempDir;

use crate::feed_tui::settle;
use crate::hostile_feeds::{assert_json_clean, assert_shows, render, run, serve, subscribed_home};
use crate::support::escapes::{PAYLOADS, assert_clean, is_dangerous, toml_escaped};

/// The payload number in a feed article's title (`ENTRY7 …` or `JENTRY7 …`).
fn payload_of(title: &str) -> Option<usize> {
    let rest = title.strip_prefix('J').unwrap_or(title);
    let digits = rest.strip_prefix("ENTRY")?.split(' ').next()?;
    digits.parse().ok().filter(|n| *n < PAYLOADS.len())
}

/// Fails unless `text`, held by the App for the screen, is free of anything dangerous.
fn assert_no_control(text: &str, context: &str) {
    assert!(
        !text.chars().any(is_dangerous),
        "{context}: the App holds {text:?}"
    );
}

/// The commands: `list` in both formats, `show` of every feed article, `search` of each
/// payload's summaries. Returns the ids of the feed articles.
fn check_commands(home: &TempDir) -> Vec<(usize, String)> {
    let entries: Vec<String> = (0..PAYLOADS.len())
        .flat_map(|n| [format!("ENTRY{n}"), format!("JENTRY{n}")])
        .collect();
    let (table, err, status) = run(home, &["list", "--format", "table"], "list table");
    assert_eq!(status, Some(0), "{err}");
    assert_shows(&table, &entries, "list table");
    let (json, err, status) = run(home, &["list", "--format", "json"], "list json");
    assert_eq!(status, Some(0), "{err}");
    assert_shows(&json, &entries, "list json");
    assert_json_clean(&json, &["path", "url"], "list json");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut titles = std::collections::HashSet::new();
    let ids: Vec<(usize, String)> = (rows.iter())
        .filter_map(|row| {
            let title = row["title"].as_str()?;
            let n = payload_of(title)?;
            titles.insert((title.starts_with('J'), n));
            Some((n, row["id"].as_str()?.to_owned()))
        })
        .collect();
    // Each payload's two entries, each listed once.
    assert_eq!(ids.len(), 2 * PAYLOADS.len(), "{json}");
    assert_eq!(titles.len(), 2 * PAYLOADS.len(), "{json}");
    for (n, id) in &ids {
        let context = format!("{}: show {id}", PAYLOADS[*n].0);
        let (out, err, status) = run(home, &["show", id], &context);
        assert_eq!(status, Some(0), "{context}: {err}");
        assert_shows(&out, &[format!("SUMMARY{n}")], &context);
        let (out, err, status) = run(home, &["show", "--format", "json", id], &context);
        assert_eq!(status, Some(0), "{context}: {err}");
        assert_json_clean(&out, &["path", "url"], &context);
    }
    for (n, (name, _)) in PAYLOADS.iter().enumerate() {
        let query = format!("summary{n}");
        for format in ["table", "json"] {
            let context = format!("{name}: search {format}");
            let (out, err, status) = run(home, &["search", &query, "--format", format], &context);
            assert_eq!(status, Some(0), "{context}: {err}");
            assert_shows(&out, &[format!("SUMMARY{n}")], &context);
            if format == "json" {
                assert_json_clean(&out, &["path", "url"], &context);
            }
        }
    }
    ids
}

/// The interface on the feed articles of `home`: every list row, every feed article in the
/// reader (clean and raw), and every line of the feeds box.
fn check_interface(home: &TempDir) {
    let data = home.path().join("data/lectern");
    let feeds_file = home.path().join("config/lectern/feeds.toml");
    let options = LoadOptions {
        database: Some(data.join("lectern.db")),
        subscriptions: Some(feeds_file.clone()),
        ..LoadOptions::default()
    };
    let library = Library::load(&[], options);
    let (store, _) = Store::open(&data);
    let mut app = App::new(library, store, &[], Config::default(), (100, 30));
    app.color = true;
    app.rescan.feeds = Some(feeds_file);
    let feed_rows: Vec<usize> = (app.library.entries.iter().enumerate())
        .filter(|(_, e)| matches!(e.origin, Origin::Feed(_)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(feed_rows.len(), 2 * PAYLOADS.len());
    let mut shown = 0;
    for row in 0..app.list.visible.len() {
        app.update(Action::Top);
        for _ in 0..row {
            app.update(Action::Down);
        }
        let index = app.list.visible[app.list.selected];
        let title = app.library.entries[index].meta.title.clone();
        let context = format!("list row {title:?}");
        let frame = render(&app);
        assert_clean(&frame, false, &context);
        shown += usize::from(String::from_utf8_lossy(&frame).contains("ENTRY"));
        app.update(Action::Open);
        let View::Reader(reader) = &app.view else {
            panic!("{context}: not opened: {:?}", app.message);
        };
        let meta = &reader.article.meta;
        for text in [&meta.title, &meta.path].into_iter().chain(&meta.source) {
            assert_no_control(text, &context);
        }
        // Paragraphs keep their bidi controls (the layout follows them; drawing drops
        // them), never a C0 or C1 control.
        for text in &reader.article.paragraphs {
            assert!(!text.chars().any(char::is_control), "{context}: {text:?}");
        }
        let frame = render(&app);
        assert_clean(&frame, false, &format!("{context}: reader"));
        assert_shows(
            &String::from_utf8_lossy(&frame),
            &["SUMMARY".to_owned()],
            &context,
        );
        app.update(Action::ToggleRaw);
        assert_clean(&render(&app), false, &format!("{context}: raw reader"));
        app.update(Action::Back);
    }
    assert!(shown > 0, "no feed article's title reached the screen");
    app.update(Action::Top);
    app.update(Action::ShowFeeds);
    let count = app
        .feeds
        .as_ref()
        .expect("the feeds box is open")
        .lines
        .len();
    assert_eq!(count, 4 * PAYLOADS.len());
    let mut failing = 0;
    for line in 0..count {
        let feeds = app.feeds.as_ref().expect("the feeds box is open");
        assert_eq!(feeds.selected, line);
        let shown = &feeds.lines[line];
        failing += usize::from(shown.failing);
        for text in [&shown.name, &shown.url, &shown.status] {
            assert_no_control(text, &format!("feeds box line {line}"));
        }
        assert_clean(&render(&app), false, &format!("feeds box line {line}"));
        app.update(Action::Down);
    }
    assert_eq!(failing, 2 * PAYLOADS.len());
}

/// The reload key meets one failing feed at `url`: the status bar names it, drawn clean.
fn check_reload_failure(url: &str, shows: &str, context: &str) {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("feeds.toml");
    let feed = format!("[[feed]]\nurl = \"{url}\"\nfull_text = \"never\"\n");
    std::fs::write(&file, feed).unwrap();
    let (store, _) = Store::open(&home.path().join("data"));
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), (100, 30));
    app.color = true;
    app.rescan.feeds = Some(file);
    app.update(Action::Reload);
    settle(&mut app);
    let said = app
        .message
        .as_ref()
        .expect("the status bar says how it went");
    assert!(said.error, "{context}: {}", said.text);
    assert!(said.text.contains(shows), "{context}: {}", said.text);
    // Clean at its source, not only where ratatui happens to drop what it cannot draw.
    assert_no_control(&said.text, context);
    let frame = render(&app);
    assert_clean(&frame, false, &format!("{context}: status bar"));
    assert_shows(
        &String::from_utf8_lossy(&frame),
        &["1 failed".to_owned()],
        context,
    );
}

#[test]
fn feed_article_payloads_reach_no_terminal_through_list_show_search_and_the_interface() {
    let server = serve();
    let home = subscribed_home(&server);
    let (out, err, status) = run(&home, &["fetch"], "fetch");
    assert_eq!(status, Some(1), "{out}\n{err}");
    let ids = check_commands(&home);
    assert_eq!(ids.len(), 2 * PAYLOADS.len());
    check_interface(&home);
    for (n, (name, payload)) in PAYLOADS.iter().enumerate() {
        let missing = server.url(&format!("/missing/{n}/{}", toml_escaped(payload)));
        let shows = format!("/missing/{n}/");
        check_reload_failure(&missing, &shows, &format!("{name}: missing"));
        let moved = server.url(&format!("/moved/{n}.xml"));
        // A `Location` the client refuses fails at the old address; one it follows fails
        // at the new one (404), which is named instead.
        let context = format!("{name}: moved");
        check_reload_failure(&moved, "/", &context);
    }
}
