//! Escape injection through feeds and pages (issue 17): each of the first battery's payloads
//! served in an RSS feed (raw in the XML) and a JSON feed (as JSON escapes, which reach every
//! control): the feed's title and link, an entry's title, link, author, category and summary
//! (its text, a link and an image's alt text); in a web page's title, author, text, link and
//! alt text; and in the address of a feed that fails. After `lectern fetch` and `lectern add`,
//! every command that prints what they brought (`fetch`, `feed list` as a table and as JSON,
//! `add`, `list`, `show`, `search` with its snippets) writes only lectern's own sequences, and
//! the markers around each payload are shown (so the check is not vacuous). The clipboard copy
//! of an article's address (OSC 52) is checked through the App.

use std::fmt::Write as _;
use std::path::Path;

use crate::feed_fetch::{home, outputs};
use crate::support::escapes::{PAYLOADS, assert_clean, is_dangerous, toml_escaped};
use crate::support::http::{Reply, Server};
use crate::support::pages::lectern;
use tempfile::TempDir;

/// Words enough for an entry or a page to be an article, not a summary or a menu.
fn filler(n: usize) -> String {
    format!("WORDS{n} ") + &"the minister said the talks would go on next week ".repeat(12)
}

/// The RSS feed of payload `n`, the payload raw in the XML text.
fn rss_feed(n: usize, p: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>\
         <title>FEED{n} {p} title</title><link>https://site.example/{p}</link>\
         <item><guid isPermaLink=\"false\">r{n}</guid><title>ENTRY{n} {p} headline</title>\
         <link>https://site.example/r{n}/{p}</link><dc:creator>AUTHOR{n} {p}</dc:creator>\
         <category>CAT{n} {p}</category><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>\
         <description><![CDATA[<p>SUMMARY{n} {p} {}</p>\
         <p><a href=\"https://evil.example/{p}\">LINK{n} {p}</a> \
         <img src=\"https://site.example/i.png\" alt=\"ALT{n} {p}\"></p>]]></description>\
         </item></channel></rss>\n",
        filler(n)
    )
}

/// The JSON feed of payload `n`: JSON's escapes carry every control character.
fn json_feed(n: usize, p: &str) -> String {
    let summary = format!(
        "<p>JSUMMARY{n} {p} {}</p><p><a href=\"https://evil.example/{p}\">JLINK{n} {p}</a></p>",
        filler(n)
    );
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("JFEED{n} {p} title"),
        "home_page_url": format!("https://site.example/{p}"),
        "items": [{
            "id": format!("j{n}"),
            "url": format!("https://site.example/j{n}/{p}"),
            "title": format!("JENTRY{n} {p} headline"),
            "content_html": summary,
            "authors": [{"name": format!("JAUTHOR{n} {p}")}],
            "tags": [format!("JCAT{n} {p}")],
            "date_published": "2026-12-01T10:00:00Z",
        }],
    })
    .to_string()
}

/// The web page of payload `n`.
fn page(n: usize, p: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>PAGE{n} {p} title</title>\
         <meta name=\"author\" content=\"PAUTHOR{n} {p}\"></head><body><article>\
         <h1>PAGE{n} {p} title</h1><p>PAGEBODY{n} {p} {}</p>\
         <p>See <a href=\"https://evil.example/{p}\">PLINK{n} {p}</a> and \
         <a href=\"javascript:alert('{p}')\">PJS{n}</a>.</p>\
         <figure><img src=\"/i.png\" alt=\"PALT{n} {p}\"></figure><p>{}</p>\
         </article></body></html>",
        filler(n),
        filler(n)
    )
}

/// Runs lectern in `home` with `args`; stdout and stderr, each checked clean, and the status.
pub fn run(home: &TempDir, args: &[&str], context: &str) -> (String, String, Option<i32>) {
    let output = lectern(home, 120)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    let mut stdout = output.stdout.clone();
    if args.contains(&"tsv") {
        // Tabs separate the fields, eight on every row: none comes from the content.
        let text = String::from_utf8_lossy(&stdout).into_owned();
        for line in text.lines() {
            assert_eq!(line.split('\t').count(), 8, "{context}: {line:?}");
        }
        stdout = text.replace('\t', " ").into_bytes();
    }
    assert_clean(&stdout, true, &format!("{context}: {args:?} stdout"));
    assert_clean(&output.stderr, true, &format!("{context}: {args:?} stderr"));
    let (out, err) = outputs(&output);
    (out, err, output.status.code())
}

/// Every string in `json` is clean but those under `keys`, which are real addresses or
/// paths a program needs as they are (JSON escapes them).
pub fn assert_json_clean(json: &str, keys: &[&str], context: &str) {
    fn walk(value: &serde_json::Value, keys: &[&str], context: &str) {
        match value {
            serde_json::Value::String(s) => assert_clean(s.as_bytes(), false, context),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, keys, context)),
            serde_json::Value::Object(map) => (map.iter())
                .filter(|(key, _)| !keys.contains(&key.as_str()))
                .for_each(|(_, v)| walk(v, keys, context)),
            _ => {}
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{context}: {e}: {json}"));
    walk(&value, keys, context);
}

/// Fails unless `text` shows each of `markers`.
pub fn assert_shows(text: &str, markers: &[String], context: &str) {
    for marker in markers {
        assert!(
            text.contains(marker.as_str()),
            "{context}: no {marker}: {text}"
        );
    }
}

/// A server for every payload's feeds and page, and a redirect whose `Location` carries it.
pub fn serve() -> Server {
    Server::start_with(|request| {
        let path = request.path.as_str();
        let number = |prefix: &str, suffix: &str| {
            path.strip_prefix(prefix)?
                .strip_suffix(suffix)?
                .parse::<usize>()
                .ok()
                .filter(|n| *n < PAYLOADS.len())
        };
        if let Some(n) = number("/rss/", ".xml") {
            return Reply::ok("application/rss+xml", rss_feed(n, PAYLOADS[n].1));
        }
        if let Some(n) = number("/json/", ".json") {
            return Reply::ok("application/feed+json", json_feed(n, PAYLOADS[n].1));
        }
        if let Some(n) = number("/page/", ".html") {
            return Reply::ok("text/html; charset=utf-8", page(n, PAYLOADS[n].1));
        }
        if let Some(n) = number("/moved/", ".xml") {
            let location = format!("/gone/{}", PAYLOADS[n].1.replace(['\r', '\n'], ""));
            return Reply::status(301, "").header("Location", &location);
        }
        Reply::status(404, "no")
    })
}

/// feeds.toml lines for every payload: its two feeds, a feed whose address carries it, and
/// one that redirects to such an address.
fn subscriptions(server: &Server) -> Vec<String> {
    let mut urls = Vec::new();
    for (n, (_, payload)) in PAYLOADS.iter().enumerate() {
        urls.push(server.url(&format!("/rss/{n}.xml")));
        urls.push(server.url(&format!("/json/{n}.json")));
        urls.push(server.url(&format!("/missing/{n}/{}", toml_escaped(payload))));
        urls.push(server.url(&format!("/moved/{n}.xml")));
    }
    urls
}

/// A home subscribed to every payload's feeds (summaries only), fetched quickly.
pub fn subscribed_home(server: &Server) -> TempDir {
    let urls = subscriptions(server);
    let feeds: Vec<(&str, &str)> = urls
        .iter()
        .map(|url| (url.as_str(), "full_text = \"never\""))
        .collect();
    home(
        &feeds,
        "[network]\ntimeout = 5\n\n[feeds]\njobs = 16\nper_host = 16\n",
    )
}

#[test]
fn feed_payloads_reach_no_terminal_through_fetch_and_feed_list() {
    let server = serve();
    let home = subscribed_home(&server);

    let (out, err, status) = run(&home, &["fetch"], "fetch");
    // Every payload's two failing feeds fail, each on a line of its own that keeps its
    // reason (an unterminated OSC in the address once swallowed it); its two good ones do not.
    assert_eq!(status, Some(1), "{out}\n{err}");
    let failures: Vec<&str> = err
        .lines()
        .filter(|l| !l.contains("moved for good"))
        .collect();
    assert_eq!(failures.len(), 2 * PAYLOADS.len(), "{err}");
    for (n, (name, _)) in PAYLOADS.iter().enumerate() {
        let missing = format!("/missing/{n}/");
        let line = failures
            .iter()
            .find(|line| line.contains(&missing))
            .unwrap_or_else(|| panic!("{name}: no line for {missing}: {err}"));
        assert!(
            line.ends_with(": refused: not a valid address")
                || line.ends_with(": HTTP 404 Not Found"),
            "{name}: the reason is lost: {line:?}"
        );
    }
    let feed_titles: Vec<String> = (0..PAYLOADS.len())
        .flat_map(|n| [format!("FEED{n} "), format!("JFEED{n} ")])
        .collect();
    for format in ["table", "json"] {
        let (out, err, status) = run(&home, &["feed", "list", "--format", format], "feed list");
        assert_eq!(status, Some(0), "{err}");
        assert_shows(&out, &feed_titles, &format!("feed list {format}"));
        assert_shows(&out, &["/missing/".to_owned()], "feed list errors");
        if format == "json" {
            assert_json_clean(&out, &["url"], "feed list json");
        }
    }
    // Each stored entry's text (what `list` and the reader will show) holds its markers.
    let stored = crate::feed_fetch::stored(&home);
    assert_eq!(stored.len(), 2 * PAYLOADS.len(), "{stored:?}");
    for (n, (name, _)) in PAYLOADS.iter().enumerate() {
        for prefix in ["", "J"] {
            let wanted = format!("{prefix}ENTRY{n} ");
            let article = stored
                .iter()
                .find(|a| a.text.contains(&wanted))
                .unwrap_or_else(|| panic!("{name}: no entry {wanted}"));
            assert_shows(
                &article.text,
                &[format!("{prefix}SUMMARY{n}"), format!("{prefix}LINK{n}")],
                name,
            );
        }
    }
}

/// Every file `add` saved into `lib`.
fn saved(lib: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(lib)
        .unwrap()
        .map(|entry| entry.unwrap().path().to_str().unwrap().to_owned())
        .collect();
    files.sort();
    files
}

#[test]
fn page_payloads_reach_no_terminal_through_add_list_show_and_search() {
    let server = serve();
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    let lib_arg = lib.to_str().unwrap();
    for (n, (name, _)) in PAYLOADS.iter().enumerate() {
        let url = server.url(&format!("/page/{n}.html"));
        let (out, err, status) = run(&home, &["add", &url, "--to", lib_arg], name);
        assert_eq!(status, Some(0), "{name}: {out}\n{err}");
    }
    let files = saved(&lib);
    assert_eq!(files.len(), PAYLOADS.len(), "{files:?}");
    let titles: Vec<String> = (0..PAYLOADS.len()).map(|n| format!("PAGE{n} ")).collect();
    for format in ["table", "json", "tsv"] {
        let (out, err, status) = run(&home, &["list", "--format", format, lib_arg], "list");
        assert_eq!(status, Some(0), "{err}");
        assert_shows(&out, &titles, &format!("list {format}"));
        if format == "json" {
            assert_json_clean(&out, &["path"], "list json");
        }
    }
    for file in &files {
        let (out, _, _) = run(&home, &["show", "--format", "json", file], file);
        assert_json_clean(&out, &["path"], file);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let n: usize = value["title"]
            .as_str()
            .and_then(|t| t.strip_prefix("PAGE"))
            .and_then(|t| t.split(' ').next())
            .and_then(|t| t.parse().ok())
            .unwrap_or_else(|| panic!("{file}: {out}"));
        let context = format!("{}: {file}", PAYLOADS[n].0);
        let markers = [
            format!("PAGEBODY{n}"),
            format!("PLINK{n}"),
            format!("PALT{n}"),
        ];
        for args in [
            &["show", file][..],
            &["show", "--raw", "--width", "30", file],
            &["show", "--color", "always", file],
            &["show", "--format", "text", file],
        ] {
            let (out, err, status) = run(&home, args, &context);
            assert_eq!(status, Some(0), "{context}: {err}");
            assert_shows(&out, &markers[..1], &context);
        }
        let (out, _, _) = run(
            &home,
            &["show", "--format", "text", "--raw", file],
            &context,
        );
        assert_shows(&out, &markers[..2], &context);
        // A page read as it is, not through `add`: its raw text shows the images' alt text.
        let html = home.path().join(format!("page{n}.html"));
        std::fs::write(&html, page(n, PAYLOADS[n].1)).unwrap();
        let html = html.to_str().unwrap();
        let (out, _, _) = run(
            &home,
            &["show", "--format", "text", "--raw", html],
            &context,
        );
        assert_shows(&out, &markers, &context);
        let (out, _, _) = run(&home, &["show", "--raw", "--width", "40", html], &context);
        assert_shows(&out, &markers[2..], &context);
        for format in ["table", "json"] {
            let query = format!("pagebody{n}");
            let (out, err, status) = run(
                &home,
                &["search", &query, lib_arg, "--format", format],
                &context,
            );
            assert_eq!(status, Some(0), "{context}: {err}");
            assert_shows(&out, &[format!("PAGEBODY{n}")], &context);
            if format == "json" {
                assert_json_clean(&out, &["path"], &context);
            }
        }
    }
}

#[test]
fn a_copied_address_carries_no_payload_into_the_clipboard_sequence() {
    use lectern::action::Action;
    use lectern::app::{App, Effect};
    use lectern::config::Config;
    use lectern::library::{Library, LoadOptions};
    use lectern::store::Store;

    let dir = tempfile::tempdir().unwrap();
    for (n, (_, payload)) in PAYLOADS.iter().enumerate() {
        let esc = toml_escaped(payload);
        let mut text = String::new();
        let _ = write!(
            text,
            "+++\ntitle = \"COPY{n}\"\nurl = \"https://site.example/{n}/{esc}/end\"\n+++\nBody {n}.\n"
        );
        std::fs::write(dir.path().join(format!("{n:02}.md")), text).unwrap();
    }
    let library = Library::load(&[dir.path().to_owned()], LoadOptions::default());
    assert_eq!(
        library.entries.len(),
        PAYLOADS.len(),
        "{:?}",
        library.warnings
    );
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path());
    let mut app = App::new(library, store, &[], Config::default(), (100, 30));
    let mut copied = 0;
    for row in 0..PAYLOADS.len() {
        if row > 0 {
            app.update(Action::Down);
        }
        app.effects.clear();
        app.update(Action::CopyUrl);
        let index = app.list.visible[app.list.selected];
        let title = app.library.entries[index].meta.title.clone();
        for effect in &app.effects {
            let Effect::CopyToClipboard(text) = effect else {
                continue;
            };
            copied += 1;
            assert!(
                !text.chars().any(is_dangerous),
                "{title}: the clipboard would get {text:?}"
            );
            let sequence = lectern::launch::osc52(text);
            let inner = sequence
                .strip_prefix("\x1b]52;c;")
                .and_then(|s| s.strip_suffix('\x07'))
                .unwrap_or_else(|| panic!("{title}: {sequence:?}"));
            assert!(
                inner
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                "{title}: the sequence is broken out of: {sequence:?}"
            );
        }
        // The status bar says what was copied (or that nothing was), drawn clean.
        assert!(app.message.is_some(), "{title}: nothing said");
        assert_clean(&render(&app), false, &format!("{title}: status bar"));
    }
    // The plain addresses (payloads that are text once sanitised) are still copied.
    assert!(copied > 0, "nothing was copied at all");
}

/// The frame of `app` as the bytes crossterm writes for it.
pub fn render(app: &lectern::app::App) -> Vec<u8> {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    let viewport = Viewport::Fixed(Rect::new(0, 0, 100, 30));
    let mut bytes = Vec::new();
    let backend = CrosstermBackend::new(&mut bytes);
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .unwrap();
    drop(terminal);
    bytes
}
