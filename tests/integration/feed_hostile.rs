//! Feeds that fail in every way, fetched together with a good one: a server that stalls, a
//! redirect loop, a gzip bomb, a 50 MB feed, a truncated feed, a 503. Each failure is one
//! line naming the feed and the reason, the good feed is stored all the same, and nothing
//! stored by an earlier fetch is lost.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::feed_fetch::{fetch, home, long_body, outputs, rss, state, stored};
use crate::support::http::{Reply, Server};

/// `bytes` compressed with gzip.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const NEVER: &str = "full_text = \"never\"";

/// The bad replies, by path.
fn bad_reply(path: &str, bomb: &[u8], huge: &[u8], truncated: &str) -> Reply {
    match path {
        "/stall.xml" => {
            let mut reply = Reply::ok("application/rss+xml", rss("Slow", &[]));
            reply.drip = true;
            reply
        }
        "/loop.xml" => Reply::redirect("/loop2.xml"),
        "/loop2.xml" => Reply::redirect("/loop.xml"),
        "/bomb.xml" => Reply::ok("application/rss+xml", bomb).header("Content-Encoding", "gzip"),
        "/huge.xml" => Reply::ok("application/rss+xml", huge),
        "/truncated.xml" => Reply::ok("application/rss+xml", truncated),
        "/busy.xml" => Reply::status(503, "later"),
        _ => Reply::status(404, "no"),
    }
}

#[test]
fn each_failing_feed_is_named_with_its_reason_and_nothing_stored_is_lost() {
    let good = rss("Good", &[("g1", "Good one", &long_body(5))]);
    let bomb = gzip(&vec![b' '; 40 << 20]);
    // 50 MB of a well-formed feed: many items with long bodies.
    let item = format!(
        "<item><guid>x</guid><title>t</title><description>{}</description></item>",
        "word ".repeat(2000)
    );
    let huge = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>{}</channel></rss>",
        item.repeat(50 * 1024 * 1024 / item.len())
    )
    .into_bytes();
    let whole = rss(
        "Cut",
        &[("t1", "One", "<p>one</p>"), ("t2", "Two", "<p>two</p>")],
    );
    let truncated = whole[..whole.len() / 2].to_owned();
    // The first run serves a good feed at every path, to store something first.
    let bad = AtomicBool::new(false);
    let bad_flag = std::sync::Arc::new(bad);
    let flag = std::sync::Arc::clone(&bad_flag);
    let server = Server::start_with(move |request| {
        if request.path == "/good.xml" || !flag.load(Ordering::SeqCst) {
            let name = request.path.trim_start_matches('/');
            let xml = if request.path == "/good.xml" {
                good.clone()
            } else {
                rss(name, &[(name, name, &long_body(5))])
            };
            return Reply::ok("application/rss+xml", xml);
        }
        bad_reply(&request.path, &bomb, &huge, &truncated)
    });
    let paths = [
        "/stall.xml",
        "/loop.xml",
        "/bomb.xml",
        "/huge.xml",
        "/truncated.xml",
        "/busy.xml",
    ];
    let urls: Vec<String> = paths.iter().map(|path| server.url(path)).collect();
    let mut feeds: Vec<(&str, &str)> = urls.iter().map(|url| (url.as_str(), NEVER)).collect();
    let good_url = server.url("/good.xml");
    feeds.push((&good_url, NEVER));
    let home = home(&feeds, "[network]\ntimeout = 2\n");
    let first = fetch(&home, &[]);
    assert!(first.status.success(), "{}", outputs(&first).1);
    assert_eq!(stored(&home).len(), 7);

    bad_flag.store(true, Ordering::SeqCst);
    let second = fetch(&home, &["--force"]);
    let (out, err) = outputs(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 6, "one line per failed feed: {err}");
    let reasons = [
        (&urls[0], "timed out after 2 s"),
        (&urls[1], "too many redirects"),
        (&urls[2], "over the 16 MiB limit"),
        (&urls[3], "over the 16 MiB limit"),
        (&urls[4], "not a feed"),
        (&urls[5], "HTTP 503"),
    ];
    for (url, reason) in reasons {
        let line = lines
            .iter()
            .find(|line| line.starts_with(&format!("lectern: {url}")))
            .unwrap_or_else(|| panic!("no line for {url}: {err}"));
        assert!(line.contains(reason), "{url}: {line}");
        let remembered = state(&home, url).unwrap();
        assert_eq!(remembered.failures, 1, "{url}");
        assert!(remembered.last_error.unwrap().contains(reason), "{url}");
    }
    assert!(out.contains("6 failed"), "{out}");
    // Everything from the first run is still there.
    assert_eq!(stored(&home).len(), 7);
    assert!(state(&home, &good_url).unwrap().last_error.is_none());
}
