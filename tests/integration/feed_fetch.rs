//! `lectern fetch` against the loopback server: the first fetch stores the articles, the
//! second is a conditional GET answered 304 with nothing duplicated, an updated entry keeps
//! its id, a summary-only feed gets the whole articles from its links. The helpers here are
//! shared by `feed_polite` and `feed_hostile`.

use std::fmt::Write as _;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use lectern::feed::store::{self, FeedState, StoredArticle};
use tempfile::TempDir;

use crate::support::http::{Reply, Server};
use crate::support::pages::lectern;

/// An RSS 2.0 feed titled `title` with `items` (guid, title, HTML description).
pub fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>http://example.org/</link><language>en</language>\n"
    );
    for (guid, title, body) in items {
        let _ = writeln!(
            xml,
            "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title>\
             <pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>\
             <description><![CDATA[{body}]]></description></item>"
        );
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// A paragraph of `words` words, enough for `full_text = "auto"` to keep the entry as it is.
pub fn long_body(words: usize) -> String {
    let text: Vec<&str> = std::iter::repeat_n("lorem", words).collect();
    format!("<p>{}</p>", text.join(" "))
}

/// A home whose feeds.toml has one `[[feed]]` per `(url, extra lines)`, and `config`
/// as config.toml.
pub fn home(feeds: &[(&str, &str)], config: &str) -> TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/lectern");
    std::fs::create_dir_all(&dir).unwrap();
    let mut toml = String::from("# my feeds\n");
    for (url, extra) in feeds {
        let _ = write!(toml, "\n[[feed]]\nurl = \"{url}\"\n{extra}\n");
    }
    std::fs::write(dir.join("feeds.toml"), toml).unwrap();
    std::fs::write(dir.join("config.toml"), config).unwrap();
    home
}

/// `lectern fetch ARGS…` in `home`, stopped after a minute.
pub fn fetch(home: &TempDir, args: &[&str]) -> Output {
    lectern(home, 60).arg("fetch").args(args).output().unwrap()
}

/// stdout and stderr as text.
pub fn outputs(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The database of `home`.
pub fn database(home: &TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(home.path().join("data/lectern/lectern.db")).unwrap()
}

/// The feed articles stored in `home`.
pub fn stored(home: &TempDir) -> Vec<StoredArticle> {
    store::articles(&database(home)).unwrap()
}

/// What is remembered of the feed at `url`.
pub fn state(home: &TempDir, url: &str) -> Option<FeedState> {
    store::feed_state(&database(home), url).unwrap()
}

/// The lines of the requests `server` received for `path`.
pub fn requests_for(server: &Server, path: &str) -> Vec<String> {
    server
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|head| head.split(' ').nth(1) == Some(path))
        .cloned()
        .collect()
}

/// The id lectern gives an entry, worked out as documented: xxh3 of URL, newline, key.
pub fn id_of(feed_url: &str, key: &str) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(format!("{feed_url}\n{key}").as_bytes())
    )
}

const NEVER: &str = "full_text = \"never\"";

#[test]
fn a_second_fetch_is_conditional_and_duplicates_nothing() {
    let body = long_body(10);
    let feed = rss(
        "Daily",
        &[
            ("a", "First", &body),
            ("b", "Second", &body),
            ("c", "Third", &body),
        ],
    );
    let server = Server::start_with(move |request| {
        if request.header("if-none-match") == Some("\"v1\"") {
            return Reply::status(304, "").header("ETag", "\"v1\"");
        }
        Reply::ok("application/rss+xml", feed.clone())
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
    });
    let url = server.url("/feed.xml");
    let home = home(&[(&url, NEVER)], "");
    let first = fetch(&home, &[]);
    let (out, err) = outputs(&first);
    assert!(first.status.success(), "{err}");
    assert_eq!(out, "3 new articles from 1 feed\n");
    let mut ids: Vec<String> = stored(&home).into_iter().map(|a| a.id).collect();
    ids.sort();
    let mut expected = vec![id_of(&url, "a"), id_of(&url, "b"), id_of(&url, "c")];
    expected.sort();
    assert_eq!(ids, expected);
    let text = store::article_text(&database(&home), &id_of(&url, "b"))
        .unwrap()
        .unwrap();
    assert!(text.contains("title = \"Second\""), "{text}");
    assert!(text.contains("source = \"Daily\""), "{text}");
    assert!(text.contains("lorem lorem"), "{text}");

    let second = fetch(&home, &[]);
    let (out, err) = outputs(&second);
    assert!(second.status.success(), "{err}");
    assert_eq!(out, "0 new articles from 1 feed, 1 unchanged (304)\n");
    let requests = requests_for(&server, "/feed.xml");
    assert_eq!(requests.len(), 2);
    let conditional = requests[1].to_ascii_lowercase();
    assert!(
        conditional.contains("if-none-match: \"v1\""),
        "{conditional}"
    );
    assert!(
        conditional.contains("if-modified-since: tue, 01 dec 2026 10:00:00 gmt"),
        "{conditional}"
    );
    assert!(!requests[0].to_ascii_lowercase().contains("if-none-match"));
    assert_eq!(stored(&home).len(), 3);
    let state = state(&home, &url).unwrap();
    assert_eq!(state.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        state.last_modified.as_deref(),
        Some("Tue, 01 Dec 2026 10:00:00 GMT")
    );
    assert_eq!(state.last_status, Some(304));
    assert_eq!(state.title.as_deref(), Some("Daily"));
}

#[test]
fn an_updated_entry_keeps_its_id_and_gets_the_new_text() {
    let calls = AtomicUsize::new(0);
    let server = Server::start_with(move |_| {
        let body = if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            "<p>Early report.</p>"
        } else {
            "<p>Corrected report with more detail.</p>"
        };
        Reply::ok("application/rss+xml", rss("Daily", &[("a", "Story", body)]))
    });
    let url = server.url("/feed.xml");
    let home = home(&[(&url, NEVER)], "");
    assert!(fetch(&home, &[]).status.success());
    let db = database(&home);
    let id = id_of(&url, "a");
    let before = store::article_text(&db, &id).unwrap().unwrap();
    assert!(before.contains("Early report."), "{before}");
    let second = fetch(&home, &[]);
    assert_eq!(
        outputs(&second).0,
        "0 new articles from 1 feed, 1 updated\n"
    );
    let all = stored(&home);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, id);
    assert!(all[0].text.contains("Corrected report with more detail."));
    assert!(!all[0].text.contains("Early report."));
}

/// An article page of the same server: a headline and three paragraphs.
fn page(n: usize) -> String {
    format!(
        "<html lang=\"en\"><head><title>Full story {n}</title></head><body><article>\
         <h1>Full story {n}</h1>\
         <p>The council met on Tuesday evening to discuss the new budget for the town's \
         libraries, which have seen visits rise by a third since the spring.</p>\
         <p>Story {n} goes on: members agreed to extend opening hours on weekends and to \
         hire two more librarians before the end of the year, the chair said.</p>\
         <p>A final vote is expected next month, after residents have had their say at a \
         public meeting in the main hall of the old town library.</p>\
         </article></body></html>"
    )
}

#[test]
fn a_summary_only_feed_gets_the_whole_articles_and_keeps_the_summaries() {
    let server = Server::start_with(|request| match request.path.as_str() {
        "/feed.xml" => {
            let mut xml = String::from(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Town News</title>",
            );
            for n in 1..=2 {
                let _ = write!(
                    xml,
                    "<item><title>Story {n}</title><link>/story/{n}</link>\
                     <guid>story-{n}</guid><description>Short summary {n}.</description></item>"
                );
            }
            xml.push_str("</channel></rss>");
            Reply::ok("application/rss+xml", xml)
        }
        "/story/1" => Reply::ok("text/html; charset=utf-8", page(1)),
        // The second page is missing: its summary stays, with the reason.
        _ => Reply::status(404, "gone"),
    });
    let url = server.url("/feed.xml");
    let home = home(&[(&url, "")], "");
    let output = fetch(&home, &[]);
    assert!(output.status.success(), "{}", outputs(&output).1);
    let db = database(&home);
    let full = store::article_text(&db, &id_of(&url, "story-1"))
        .unwrap()
        .unwrap();
    assert!(full.contains("Story 1 goes on: members agreed"), "{full}");
    assert!(full.contains("public meeting in the main hall"), "{full}");
    let (raw, error) = store::article_raw(&db, &id_of(&url, "story-1"))
        .unwrap()
        .unwrap();
    assert_eq!(raw.as_deref(), Some("Short summary 1."));
    assert_eq!(error, None);
    let summary = store::article_text(&db, &id_of(&url, "story-2"))
        .unwrap()
        .unwrap();
    assert!(summary.contains("Short summary 2."), "{summary}");
    let (_, error) = store::article_raw(&db, &id_of(&url, "story-2"))
        .unwrap()
        .unwrap();
    let error = error.unwrap();
    assert!(
        error.contains("/story/2") && error.contains("404"),
        "{error}"
    );
    assert_eq!(requests_for(&server, "/story/1").len(), 1);
}

#[test]
fn feed_add_finds_the_feed_a_page_names_and_feed_list_shows_it() {
    let body = long_body(130);
    let feed = rss(
        "Página Daily",
        &[("a", "First", &body), ("b", "Second", &body)],
    );
    let server = Server::start(vec![
        (
            "/",
            Reply::ok(
                "text/html",
                "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" \
                 href=\"/news/feed.xml\"></head><body>Home</body></html>",
            ),
        ),
        ("/news/feed.xml", Reply::ok("application/rss+xml", feed)),
    ]);
    let home = home(&[], "");
    let output = lectern(&home, 60)
        .args([
            "feed",
            "add",
            &server.url("/"),
            "--tag",
            "world",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    let url = server.url("/news/feed.xml");
    assert_eq!(out, format!("added Página Daily ({url})\n2 new articles\n"));
    let toml = std::fs::read_to_string(home.path().join("config/lectern/feeds.toml")).unwrap();
    assert!(toml.starts_with("# my feeds\n"), "{toml}");
    assert!(toml.contains(&format!("url = \"{url}\"")), "{toml}");
    assert!(toml.contains("tags = [\"world\"]"), "{toml}");
    assert_eq!(stored(&home).len(), 2);
    // Adding it again is refused.
    let again = lectern(&home, 60)
        .args(["feed", "add", &url])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(outputs(&again).1.contains("already in"));

    let list = lectern(&home, 60)
        .args(["feed", "list", "--format", "json"])
        .output()
        .unwrap();
    assert!(list.status.success(), "{}", outputs(&list).1);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let feed = &json["feeds"][0];
    assert_eq!(feed["url"], url.as_str());
    assert_eq!(feed["title"], "Página Daily");
    assert_eq!(feed["tags"][0], "world");
    assert_eq!(
        (feed["articles"].as_i64(), feed["unread"].as_i64()),
        (Some(2), Some(2))
    );
    assert_eq!(feed["last_status"], 200);
    assert!(json["database_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn a_page_without_a_feed_is_not_added() {
    let server = Server::start(vec![("/", Reply::ok("text/html", "<p>just a page</p>"))]);
    let home = home(&[], "");
    let output = lectern(&home, 60)
        .args(["feed", "add", &server.url("/")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = outputs(&output).1;
    assert!(
        err.contains("neither a feed nor a page that links to one"),
        "{err}"
    );
    let toml = std::fs::read_to_string(home.path().join("config/lectern/feeds.toml")).unwrap();
    assert_eq!(toml, "# my feeds\n");
}
