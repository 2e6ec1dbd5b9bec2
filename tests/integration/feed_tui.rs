//! The reload key in the interface: it fetches the subscribed feeds in the background with
//! progress in the status bar, new articles join the list, and the library is read again
//! with them; a failing feed is named in the status bar and the others still arrive.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, Origin};
use lectern::store::Store;

use crate::feed_fetch::id_of;
use crate::support::http::{Reply, Server};

/// A feed of one item, as [`crate::feed_library::feed`] writes them.
fn feed(title: &str, lang: &str, guid: &str, headline: &str, body: &str) -> String {
    crate::feed_library::feed(title, lang, &[(guid, headline, body)])
}

/// An app on the bundled articles, subscribed to the feeds at `urls` (full text never).
fn app(home: &tempfile::TempDir, urls: &[String]) -> App {
    let file = home.path().join("feeds.toml");
    let mut toml = String::new();
    for url in urls {
        let _ = write!(toml, "[[feed]]\nurl = \"{url}\"\nfull_text = \"never\"\n\n");
    }
    std::fs::write(&file, toml).unwrap();
    let (store, _) = Store::open(&home.path().join("data"));
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), (80, 20));
    app.rescan.feeds = Some(file);
    app
}

/// Ticks until the fetch and the rescan after it are over.
pub fn settle(app: &mut App) {
    let start = Instant::now();
    loop {
        app.update(Action::Tick);
        let rescanning = app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("reading"));
        if app.fetching.is_none() && !rescanning && app.rescan.is_idle() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "fetch never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn row_of(app: &App, id: &str) -> usize {
    (app.library.entries.iter())
        .position(|e| e.meta.id == id)
        .unwrap_or_else(|| panic!("{id} not in the library"))
}

#[test]
fn reload_fetches_the_feeds_and_their_articles_join_the_list() {
    let server = Server::start(vec![
        (
            "/ar.xml",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "الجزيرة",
                    "ar",
                    "a1",
                    "محادثات في باريس",
                    "بدأت المحادثات صباح اليوم",
                ),
            ),
        ),
        (
            "/en.xml",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "Daily",
                    "en",
                    "e1",
                    "Talks in Paris",
                    "Talks began this morning",
                ),
            ),
        ),
    ]);
    let home = tempfile::tempdir().unwrap();
    let urls = [server.url("/ar.xml"), server.url("/en.xml")];
    let mut app = app(&home, &urls);
    let before = app.library.entries.len();
    let first_before = app.selected_entry().unwrap().meta.id.clone();
    app.update(Action::Reload);
    let said = &app.message.as_ref().unwrap().text;
    assert!(said.starts_with("fetching feeds 0 / 2"), "{said}");
    // The tick that sees the fetch end has put its articles in the list already, before the
    // library is read again (which that tick starts).
    let start = Instant::now();
    while app.fetching.is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "fetch never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        app.update(Action::Tick);
    }
    assert!(!app.rescan.is_idle());
    assert_eq!(app.library.entries.len(), before + 2);
    settle(&mut app);
    let said = app.message.as_ref().unwrap();
    assert_eq!(said.text, "2 new articles from 2 feeds");
    assert!(!said.error);
    assert_eq!(app.library.entries.len(), before + 2);
    // Dated 2026, they come before the bundled articles, newest first.
    let arabic = row_of(&app, &id_of(&urls[0], "a1"));
    assert!(arabic < 2, "row {arabic}");
    assert!(matches!(&app.library.entries[arabic].origin, Origin::Feed(url) if **url == *urls[0]));
    // Opened, it reads its body from the database.
    // The selection stayed on the article it was on while the list grew.
    assert_eq!(app.selected_entry().unwrap().meta.id, first_before);
    let row = app.list.visible.iter().position(|&r| r == arabic).unwrap();
    app.update(Action::Top);
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let View::Reader(reader) = &app.view else {
        panic!("not opened: {:?}", app.message);
    };
    assert_eq!(reader.article.meta.title, "محادثات في باريس");
    assert_eq!(reader.article.paragraphs, ["بدأت المحادثات صباح اليوم"]);
    // A second reload: nothing new, nothing doubled.
    app.update(Action::Back);
    app.update(Action::Reload);
    settle(&mut app);
    assert_eq!(app.library.entries.len(), before + 2);
}

#[test]
fn a_failing_feed_is_named_and_the_others_arrive() {
    let server = Server::start(vec![
        (
            "/en.xml",
            Reply::ok(
                "application/rss+xml",
                feed("Daily", "en", "e1", "Talks", "Talks began"),
            ),
        ),
        ("/gone.xml", Reply::status(500, "down")),
    ]);
    let home = tempfile::tempdir().unwrap();
    let urls = [server.url("/gone.xml"), server.url("/en.xml")];
    let mut app = app(&home, &urls);
    app.update(Action::Reload);
    settle(&mut app);
    let said = app.message.as_ref().unwrap();
    assert!(said.error);
    assert!(
        said.text
            .starts_with("1 new article from 1 feed; 1 failed: "),
        "{}",
        said.text
    );
    assert!(said.text.contains("/gone.xml"), "{}", said.text);
    row_of(&app, &id_of(&urls[1], "e1"));
}

#[test]
fn the_feeds_box_lists_the_subscriptions_and_opens_one_feeds_articles() {
    let server = Server::start(vec![
        (
            "/ar.xml",
            Reply::ok(
                "application/rss+xml",
                feed("الجزيرة", "ar", "a1", "محادثات", "بدأت المحادثات"),
            ),
        ),
        (
            "/en.xml",
            Reply::ok(
                "application/rss+xml",
                feed("Daily", "en", "e1", "Talks", "Talks began"),
            ),
        ),
        ("/down.xml", Reply::status(503, "down")),
    ]);
    let home = tempfile::tempdir().unwrap();
    let urls = [
        server.url("/ar.xml"),
        server.url("/en.xml"),
        server.url("/down.xml"),
    ];
    let mut app = app(&home, &urls);
    app.update(Action::Reload);
    settle(&mut app);
    app.update(Action::ShowFeeds);
    let feeds = app.feeds.as_ref().expect("the feeds box is open");
    let lines: Vec<(&str, i64, i64, bool)> = (feeds.lines.iter())
        .map(|l| (l.name.as_str(), l.articles, l.unread, l.failing))
        .collect();
    // In feeds.toml's order, named by their own titles; the third, which failed, by its URL.
    let down = urls[2].as_str();
    assert_eq!(
        lines,
        [
            ("الجزيرة", 1, 1, false),
            ("Daily", 1, 1, false),
            (down, 0, 0, true)
        ]
    );
    assert!(
        feeds.lines[0].status.starts_with("ok 20"),
        "{}",
        feeds.lines[0].status
    );
    assert!(
        feeds.lines[2].status.starts_with("FAILING (1): "),
        "{}",
        feeds.lines[2].status
    );
    assert_eq!(app.mode(), lectern::keymap::Mode::Feeds);
    let screen = crate::support::keys::draw(&app);
    let text: String = (0..screen.area.height)
        .flat_map(|y| (0..screen.area.width).map(move |x| (x, y)))
        .map(|cell| screen[cell].symbol())
        .collect();
    assert!(text.contains(" feeds (3) "), "{text}");
    assert!(text.contains("Daily"), "{text}");
    // The second feed's articles: the list filtered to it, the box closed.
    app.update(Action::Down);
    app.update(Action::Open);
    assert!(app.feeds.is_none());
    assert_eq!(app.list.query(), "feed:Daily");
    let shown: Vec<&str> = (app.list.visible.iter())
        .map(|&row| app.library.entries[row].meta.title.as_str())
        .collect();
    assert_eq!(shown, ["Talks"]);
}
