//! Polite fetching through `lectern fetch`: `Retry-After` on 429 and a feed's `<ttl>` keep
//! a feed from being asked again too soon (a second run skips it and succeeds), a 301 moves
//! the feed in the database and in feeds.toml, a 410 marks it gone, `--force` overrides.

use crate::feed_fetch::{fetch, home, long_body, outputs, rss, state, stored};
use crate::support::http::{Reply, Server};

const NEVER: &str = "full_text = \"never\"";

#[test]
fn a_429_with_retry_after_is_not_asked_again_before_it() {
    let server = Server::start(vec![(
        "/busy.xml",
        Reply::status(429, "slow down").header("Retry-After", "3600"),
    )]);
    let url = server.url("/busy.xml");
    let home = home(&[(&url, NEVER)], "");
    let first = fetch(&home, &[]);
    let (out, err) = outputs(&first);
    assert_eq!(first.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("lectern: {url}: HTTP 429")), "{err}");
    assert!(out.contains("1 failed"), "{out}");
    let remembered = state(&home, &url).unwrap();
    assert_eq!(remembered.last_status, Some(429));
    assert_eq!(remembered.failures, 1);
    let due = remembered.next_due.unwrap() - remembered.last_fetched.unwrap();
    assert_eq!(due, 3600);
    let second = fetch(&home, &[]);
    let (out, err) = outputs(&second);
    assert_eq!(second.status.code(), Some(0), "{err}");
    assert_eq!(out, "0 new articles from 0 feeds, 1 not due\n");
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 1);
    // --force asks anyway.
    assert_eq!(fetch(&home, &["--force"]).status.code(), Some(1));
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn a_feed_s_ttl_makes_the_next_run_skip_it() {
    let xml =
        rss("Daily", &[("a", "A", &long_body(5))]).replace("<language>", "<ttl>60</ttl><language>");
    let server = Server::start(vec![("/feed.xml", Reply::ok("application/rss+xml", xml))]);
    let url = server.url("/feed.xml");
    let home = home(&[(&url, NEVER)], "");
    assert!(fetch(&home, &[]).status.success());
    let remembered = state(&home, &url).unwrap();
    assert_eq!(
        remembered.next_due.unwrap() - remembered.last_fetched.unwrap(),
        3600
    );
    let second = fetch(&home, &[]);
    assert!(second.status.success());
    assert_eq!(
        outputs(&second).0,
        "0 new articles from 0 feeds, 1 not due\n"
    );
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn a_permanent_redirect_moves_the_feed_in_the_database_and_feeds_toml() {
    let xml = rss("Moved", &[("a", "A", &long_body(5))]);
    let server = Server::start(vec![
        (
            "/old.xml",
            Reply::status(301, "").header("Location", "/new.xml"),
        ),
        ("/new.xml", Reply::ok("application/rss+xml", xml)),
    ]);
    let (old, new) = (server.url("/old.xml"), server.url("/new.xml"));
    let home = home(&[(&old, "title = \"Mine\"  # keep this comment")], "");
    let output = fetch(&home, &[]);
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains(&format!("{old} moved for good to {new}")),
        "{err}"
    );
    assert_eq!(out, "1 new article from 1 feed\n");
    let toml = std::fs::read_to_string(home.path().join("config/lectern/feeds.toml")).unwrap();
    assert!(toml.contains(&format!("url = \"{new}\"")), "{toml}");
    assert!(!toml.contains(&old), "{toml}");
    assert!(
        toml.contains("# my feeds") && toml.contains("# keep this comment"),
        "{toml}"
    );
    assert!(state(&home, &old).is_none());
    assert_eq!(state(&home, &new).unwrap().title.as_deref(), Some("Moved"));
    assert_eq!(stored(&home)[0].feed_url, new);
}

#[test]
fn a_temporary_redirect_is_followed_without_moving_the_feed() {
    let xml = rss("Daily", &[("a", "A", &long_body(5))]);
    let server = Server::start(vec![
        ("/feed.xml", Reply::redirect("/today.xml")),
        ("/today.xml", Reply::ok("application/rss+xml", xml)),
    ]);
    let url = server.url("/feed.xml");
    let home = home(&[(&url, NEVER)], "");
    let output = fetch(&home, &[]);
    assert!(output.status.success());
    assert!(!outputs(&output).1.contains("moved"));
    assert_eq!(stored(&home)[0].feed_url, url);
    assert!(state(&home, &url).is_some());
}

#[test]
fn a_410_marks_the_feed_gone_and_it_is_not_asked_again() {
    let server = Server::start(vec![("/gone.xml", Reply::status(410, "gone"))]);
    let url = server.url("/gone.xml");
    let home = home(&[(&url, NEVER)], "");
    let first = fetch(&home, &[]);
    let err = outputs(&first).1;
    assert_eq!(first.status.code(), Some(1));
    assert!(err.contains(&format!("lectern: {url}: HTTP 410")), "{err}");
    assert!(err.contains("gone"), "{err}");
    assert!(state(&home, &url).unwrap().gone);
    let second = fetch(&home, &[]);
    let (out, err) = outputs(&second);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        err.contains(&format!("{url}: gone (HTTP 410), skipped")),
        "{err}"
    );
    assert_eq!(out, "0 new articles from 0 feeds, 1 not due\n");
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 1);
}
