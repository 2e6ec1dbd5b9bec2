//! Fetched feed articles are part of the library: `lectern list` shows them beside the
//! bundled ones, `show` prints them by id, `search` finds words of their bodies, and a folder
//! named on the command line is that folder alone.

use std::fmt::Write as _;

use serde_json::Value;
use tempfile::TempDir;

use crate::feed_fetch::{fetch, home, id_of, outputs};
use crate::support::http::{Reply, Server};
use crate::support::pages::lectern;

/// An RSS 2.0 feed in `lang` titled `title`, each item `(guid, title, body words)` with a
/// link on the example host and a date. Shared by `feed_tui` and `feed_terminal`.
pub fn feed(title: &str, lang: &str, items: &[(&str, &str, &str)]) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>{title}</title><link>http://example.org/</link><language>{lang}</language>\n"
    );
    for (guid, title, words) in items {
        let _ = writeln!(
            xml,
            "<item><guid isPermaLink=\"false\">{guid}</guid><title>{title}</title>\
             <link>http://example.org/{guid}</link>\
             <pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>\
             <description><![CDATA[<p>{words}</p>]]></description></item>"
        );
    }
    xml.push_str("</channel></rss>\n");
    xml
}

/// A home subscribed to an Arabic and an English feed served by `server`, fetched once.
fn fetched(server: &Server) -> TempDir {
    let arabic = server.url("/ar.xml");
    let english = server.url("/en.xml");
    let home = home(
        &[
            (&arabic, "full_text = \"never\""),
            (&english, "full_text = \"never\""),
        ],
        "",
    );
    let output = fetch(&home, &[]);
    assert!(output.status.success(), "{}", outputs(&output).1);
    home
}

fn server() -> Server {
    let arabic = feed(
        "الجزيرة",
        "ar",
        &[(
            "ar1",
            "محادثات السلام في باريس",
            "بدأت المحادثات في باريس صباح اليوم",
        )],
    );
    let english = feed(
        "Daily",
        "en",
        &[(
            "en1",
            "Peace talks in Paris",
            "Talks began in Paris this morning",
        )],
    );
    Server::start(vec![
        ("/ar.xml", Reply::ok("application/rss+xml", arabic)),
        ("/en.xml", Reply::ok("application/rss+xml", english)),
    ])
}

fn list_json(home: &TempDir, args: &[&str]) -> Vec<Value> {
    let output = lectern(home, 60)
        .args(["list", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn row<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter()
        .find(|row| row["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed: {rows:?}"))
}

#[test]
fn feed_articles_are_listed_with_the_bundled_ones() {
    let server = server();
    let home = fetched(&server);
    let rows = list_json(&home, &[]);
    // The five bundled articles and the two fetched ones.
    assert_eq!(rows.len(), 7, "{rows:?}");
    let arabic = row(&rows, &id_of(&server.url("/ar.xml"), "ar1"));
    assert_eq!(arabic["title"], "محادثات السلام في باريس");
    assert_eq!(arabic["source"], "الجزيرة");
    assert_eq!(arabic["lang"], "ar");
    assert_eq!(arabic["date"], "2026-12-01");
    assert_eq!(arabic["path"], "http://example.org/ar1");
    let english = row(&rows, &id_of(&server.url("/en.xml"), "en1"));
    assert_eq!(english["source"], "Daily");
    assert_eq!(english["lang"], "en");
}

#[test]
fn a_folder_on_the_command_line_is_that_folder_alone() {
    let server = server();
    let home = fetched(&server);
    let folder = home.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.md"), "# Only this\n\nOne article.\n").unwrap();
    let rows = list_json(&home, &[folder.to_str().unwrap()]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["title"], "Only this");
}

#[test]
fn show_prints_a_feed_article_by_id_offline() {
    // `--bidi terminal`: lines in logical order, to compare with what the feed said.
    let server = server();
    let home = fetched(&server);
    let id = id_of(&server.url("/ar.xml"), "ar1");
    drop(server);
    let output = lectern(&home, 60)
        .args(["show", "--bidi", "terminal", &id])
        .output()
        .unwrap();
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    assert!(out.contains("بدأت المحادثات في باريس"), "{out}");
    assert!(out.contains("الجزيرة"), "{out}");
}

#[test]
fn search_finds_words_of_feed_article_bodies() {
    let server = server();
    let home = fetched(&server);
    let output = lectern(&home, 120)
        .args(["search", "morning", "--format", "json"])
        .output()
        .unwrap();
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    let hits: Value = serde_json::from_str(&out).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], id_of(&server.url("/en.xml"), "en1"));
    // Arabic, found from a word of its body.
    let output = lectern(&home, 120)
        .args(["search", "المحادثات", "--format", "json"])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_str(&outputs(&output).0).unwrap();
    assert_eq!(hits[0]["id"], id_of(&server.url("/ar.xml"), "ar1"));
}

#[test]
fn purge_deletes_a_feeds_articles_but_never_a_bookmarked_one() {
    let server = server();
    let home = fetched(&server);
    let (arabic, english) = (server.url("/ar.xml"), server.url("/en.xml"));
    let bookmarked = id_of(&english, "en1");
    {
        let (mut store, _) = lectern::store::Store::open(&home.path().join("data/lectern"));
        let meta = lectern::article::Meta {
            id: bookmarked.clone(),
            title: "Peace talks in Paris".into(),
            ..lectern::article::Meta::default()
        };
        store.set_bookmarked(&meta, true).unwrap();
        store.flush().unwrap();
    }
    for (url, deleted) in [(&arabic, 1), (&english, 0)] {
        let output = lectern(&home, 60)
            .args(["feed", "remove", "--purge", url])
            .output()
            .unwrap();
        let (out, err) = outputs(&output);
        assert!(output.status.success(), "{err}");
        assert_eq!(
            out,
            format!("removed {url} ({url}) and {deleted} of its articles; bookmarked ones stay\n")
        );
    }
    let rows = list_json(&home, &[]);
    let ids: Vec<&str> = rows.iter().map(|row| row["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&bookmarked.as_str()), "{ids:?}");
    assert!(!ids.contains(&id_of(&arabic, "ar1").as_str()), "{ids:?}");
    assert_eq!(rows.len(), 6);
}

#[test]
fn export_gives_each_fetched_feed_its_site() {
    let server = server();
    let home = fetched(&server);
    let output = lectern(&home, 60)
        .args(["feed", "export"])
        .output()
        .unwrap();
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    // Both feeds name http://example.org/ as their site (the channel's <link>).
    assert_eq!(
        out.matches("htmlUrl=\"http://example.org/\"").count(),
        2,
        "{out}"
    );
}

#[test]
fn tag_keeps_the_articles_of_feeds_with_that_tag() {
    let server = server();
    let (arabic, english) = (server.url("/ar.xml"), server.url("/en.xml"));
    let home = home(
        &[
            (
                &arabic,
                "full_text = \"never\"\ntags = [\"World\", \"mideast\"]",
            ),
            (&english, "full_text = \"never\"\ntags = [\"europe\"]"),
        ],
        "",
    );
    assert!(fetch(&home, &[]).status.success());
    let ids = |filter: &str| -> Vec<String> {
        let rows = list_json(&home, &["--filter", filter]);
        rows.iter()
            .map(|row| row["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (ar, en) = (id_of(&arabic, "ar1"), id_of(&english, "en1"));
    // Any case, by prefix; several tag: terms are alternatives.
    assert_eq!(ids("tag:world"), std::slice::from_ref(&ar));
    assert_eq!(ids("tag:MID"), std::slice::from_ref(&ar));
    assert_eq!(ids("tag:eu"), std::slice::from_ref(&en));
    let mut both = ids("tag:eu tag:mid");
    both.sort();
    let mut expected = vec![ar, en];
    expected.sort();
    assert_eq!(both, expected);
    assert!(ids("tag:sport").is_empty());
}
