//! A hostile server on loopback (issue 17), beside what `feed_hostile` and `net_hostile`
//! already try (a body that drips after honest headers, a two-address redirect loop, a gzip
//! bomb, a 50 MB feed, a truncated feed, a 503): a server that sends even its status line one
//! byte a second, one that never closes, an endless chunked body, an endless chain of new
//! addresses to redirect to, a `Content-Length` shorter and one longer than the body, a 4 GB
//! `Content-Length` with an endless body behind it, a body that is not the gzip it says, and an
//! `https` port that speaks no TLS (silent, or answering plain HTTP).
//!
//! All in one `lectern fetch` beside a good feed: each ends within its timeout with one line
//! naming its address and the reason, and the good feed is stored. `lectern add` of the same
//! addresses ends the same way. The timeouts are short through the configuration; the binary
//! is killed after a generous hang bound, which only a hang reaches.

use std::fmt::Write as _;
use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use crate::feed_fetch::{fetch, home, long_body, outputs, rss, state, stored};
use crate::support::http::{Request, Server};
use crate::support::pages::lectern;

/// The configuration of every run: 3 s for a whole request, 2 s to connect, every feed at once.
const CONFIG: &str =
    "[network]\ntimeout = 3\nconnect_timeout = 2\n\n[feeds]\njobs = 16\nper_host = 16\n";

const NEVER: &str = "full_text = \"never\"";

/// A feed with one entry, well formed.
fn good_feed(name: &str) -> String {
    rss(name, &[(name, &format!("{name} headline"), &long_body(5))])
}

/// Writes `bytes` and flushes; whether the client is still there.
fn send(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    stream
        .write_all(bytes)
        .and_then(|()| stream.flush())
        .is_ok()
}

/// Keeps a connection open, saying nothing, until the client goes (or an hour passes).
fn hold(stream: &TcpStream) {
    let mut sink = [0u8; 4096];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3600)));
    // Whatever the client sends is read and dropped; a read of 0 bytes is its close.
    while std::io::Read::read(&mut &*stream, &mut sink).is_ok_and(|n| n > 0) {}
}

/// What each hostile path does with its connection.
fn hostile(request: &Request, mut stream: TcpStream) {
    let path = request.path.as_str();
    let feed = good_feed("Hostile");
    match path {
        "/good.xml" => {
            let body = good_feed("Good");
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            send(&mut stream, head.as_bytes());
            send(&mut stream, body.as_bytes());
        }
        "/byte-a-second.xml" => {
            // Even the status line comes a byte at a time: only a timeout on the whole request
            // ends it (a read timeout never fires).
            let whole = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\n\r\n{feed}",
                feed.len()
            );
            for byte in whole.bytes() {
                if !send(&mut stream, &[byte]) {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        "/never-closes.xml" => {
            // No length, no chunks: the body runs to the close, which never comes.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n";
            send(&mut stream, head.as_bytes());
            send(&mut stream, &feed.as_bytes()[..feed.len() / 2]);
            hold(&stream);
        }
        "/endless-chunked.xml" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n";
            send(&mut stream, head.as_bytes());
            let chunk = format!("1000\r\n{}\r\n", "<!-- endless -->".repeat(256));
            while send(&mut stream, chunk.as_bytes()) {}
        }
        "/short-length.xml" => {
            // The length stops in the middle of the channel's title: what it counts is no feed.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 120\r\nConnection: close\r\n\r\n";
            send(&mut stream, head.as_bytes());
            send(&mut stream, feed.as_bytes());
        }
        "/long-length.xml" => {
            // The length promises more than is sent; then the connection closes.
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                feed.len() + 5000
            );
            send(&mut stream, head.as_bytes());
            send(&mut stream, feed.as_bytes());
        }
        "/4gb.xml" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 4294967296\r\n\r\n";
            send(&mut stream, head.as_bytes());
            let filler = "<!-- four gigabytes -->".repeat(2048);
            while send(&mut stream, filler.as_bytes()) {}
        }
        "/bad-gzip.xml" => {
            let body = b"this is plain text, not the gzip the header says it is";
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            send(&mut stream, head.as_bytes());
            send(&mut stream, body);
        }
        _ if path.starts_with("/chain/") => {
            // Every hop a new address: no loop to notice, only a count to run out.
            let n: u64 = path["/chain/".len()..].parse().unwrap_or(0);
            let head = format!(
                "HTTP/1.1 302 Found\r\nLocation: /chain/{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                n + 1
            );
            send(&mut stream, head.as_bytes());
        }
        _ => {
            send(
                &mut stream,
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    }
}

/// The hostile paths and a word of the reason each must give.
const CASES: &[(&str, &str)] = &[
    ("/byte-a-second.xml", "timed out after 3 s"),
    ("/never-closes.xml", "timed out after 3 s"),
    ("/endless-chunked.xml", "over the 16 MiB limit"),
    ("/chain/0", "too many redirects"),
    ("/short-length.xml", "not a feed"),
    (
        "/long-length.xml",
        "closed the connection before the end of the response",
    ),
    ("/4gb.xml", "over the 16 MiB limit"),
    ("/bad-gzip.xml", "the body is not valid gzip"),
];

/// Two `https` addresses on plain TCP ports: one that says nothing, one that answers in
/// plain HTTP; and the reason each must give.
fn tls_less() -> Vec<(Server, String, &'static str)> {
    let silent = Server::start_tcp(|stream| hold(&stream));
    let plain = Server::start_tcp(|mut stream| {
        send(
            &mut stream,
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        hold(&stream);
    });
    let silent_url = format!("https://{}/feed.xml", silent.addr());
    let plain_url = format!("https://{}/feed.xml", plain.addr());
    vec![
        (silent, silent_url, "could not connect after 2 s"),
        (plain, plain_url, "TLS failed (is it an https server?)"),
    ]
}

/// The line of `err` about `url`.
fn line_for<'a>(err: &'a str, url: &str) -> &'a str {
    err.lines()
        .find(|line| line.starts_with(&format!("lectern: {url}:")))
        .unwrap_or_else(|| panic!("no line for {url}: {err}"))
}

#[test]
fn every_hostile_feed_ends_with_its_reason_and_the_good_feed_is_stored() {
    let server = Server::start_raw(hostile);
    let tls = tls_less();
    let mut urls: Vec<(String, &str)> = CASES
        .iter()
        .map(|(path, reason)| (server.url(path), *reason))
        .collect();
    urls.extend(tls.iter().map(|(_, url, reason)| (url.clone(), *reason)));
    let good = server.url("/good.xml");
    let mut feeds: Vec<(&str, &str)> = urls.iter().map(|(url, _)| (url.as_str(), NEVER)).collect();
    feeds.push((&good, NEVER));
    let home = home(&feeds, CONFIG);

    let output = fetch(&home, &[]);
    let (out, err) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{out}\n{err}");
    assert_eq!(
        err.lines().count(),
        urls.len(),
        "one line per failed feed: {err}"
    );
    for (url, reason) in &urls {
        let line = line_for(&err, url);
        assert!(line.contains(reason), "{url}: wanted {reason:?}: {line}");
        let remembered = state(&home, url).unwrap();
        assert_eq!(remembered.failures, 1, "{url}");
        assert!(remembered.last_error.unwrap().contains(reason), "{url}");
    }
    assert!(out.contains(&format!("{} failed", urls.len())), "{out}");
    // The good feed, fetched in the same run, is stored.
    let articles = stored(&home);
    assert_eq!(articles.len(), 1, "{articles:?}");
    assert!(articles[0].text.contains("Good headline"), "{articles:?}");
    assert!(state(&home, &good).unwrap().last_error.is_none());
}

#[test]
fn lectern_add_ends_each_hostile_address_with_its_reason() {
    let server = Server::start_raw(hostile);
    let tls = tls_less();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), CONFIG).unwrap();
    let mut cases: Vec<(String, &str)> = CASES
        .iter()
        // A page is not parsed as a feed: the short body is a page, saved as such.
        .filter(|(path, _)| *path != "/short-length.xml")
        .map(|(path, reason)| (server.url(path), *reason))
        .collect();
    cases.extend(tls.iter().map(|(_, url, reason)| (url.clone(), *reason)));
    for (url, reason) in cases {
        let output = lectern(&home, 60)
            .args(["add", &url, "--to", "lib"])
            .output()
            .unwrap();
        let (out, err) = outputs(&output);
        assert_eq!(output.status.code(), Some(1), "{url}: {out}\n{err}");
        let line = line_for(&err, &url);
        assert!(line.contains(reason), "{url}: wanted {reason:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{url}: {err}");
    }
    let saved = std::fs::read_dir(home.path().join("lib")).map_or(0, Iterator::count);
    assert_eq!(saved, 0, "nothing is saved from a hostile server");
}

#[test]
fn a_feed_whose_pages_stall_asks_that_host_for_one_page_only() {
    // Pages that never answer: each would take the whole timeout.
    let pages = Server::start_raw(|_, stream| hold(&stream));
    let items: Vec<(String, String)> = (0..6)
        .map(|i| (format!("s{i}"), pages.url(&format!("/stalled/{i}.html"))))
        .collect();
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Stalls</title>");
    for (guid, link) in &items {
        let _ = write!(
            xml,
            "<item><guid>{guid}</guid><title>Entry {guid}</title><link>{link}</link>\
             <description>Only a summary of {guid}.</description></item>"
        );
    }
    xml.push_str("</channel></rss>");
    let feeds = Server::start(vec![(
        "/stalls.xml",
        crate::support::http::Reply::ok("application/rss+xml", xml),
    )]);
    let url = feeds.url("/stalls.xml");
    let home = home(&[(&url, "full_text = \"always\"")], CONFIG);
    let output = fetch(&home, &[]);
    let (out, err) = outputs(&output);
    assert!(output.status.success(), "{out}\n{err}");
    // The first page timed out; the other five were not asked for.
    assert_eq!(
        pages.hits.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "{out}\n{err}"
    );
    // Every entry is stored with the feed's own text.
    let articles = stored(&home);
    assert_eq!(articles.len(), 6, "{articles:?}");
    for (guid, _) in &items {
        let summary = format!("Only a summary of {guid}.");
        assert!(
            articles.iter().any(|a| a.text.contains(&summary)),
            "{guid}: {articles:?}"
        );
    }
}
