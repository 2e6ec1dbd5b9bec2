//! The HTTP client the feeds will reuse: statuses are data with their caching and retry
//! headers, extra request headers are sent, and the final address follows redirects.

use lectern::net::{Client, FetchError, Settings};

use crate::support::http::{Reply, Server};

/// A client that ignores any proxy of the environment (the server is on 127.0.0.1).
fn client() -> Client {
    // `NO_PROXY` is read when the client is made; the loopback address is never proxied.
    Client::new(Settings::default())
}

#[test]
fn a_status_is_data_with_its_headers() {
    let server = Server::start(vec![
        (
            "/busy",
            Reply::status(503, "later")
                .header("Retry-After", "120")
                .header("Content-Type", "text/plain"),
        ),
        (
            "/feed",
            Reply::ok("application/rss+xml", "<rss/>")
                .header("ETag", "\"v1\"")
                .header("Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT"),
        ),
        ("/moved", Reply::redirect("/feed")),
    ]);
    let busy = client().get(&server.url("/busy"), &[]).unwrap();
    assert_eq!(busy.status, 503);
    assert!(!busy.is_success());
    assert_eq!(busy.retry_after.as_deref(), Some("120"));
    assert_eq!(busy.body, b"later");
    assert_eq!(
        busy.status_error().to_string(),
        format!("{}: HTTP 503 Service Unavailable", server.url("/busy"))
    );

    let feed = client()
        .get(
            &server.url("/moved"),
            &[
                ("If-None-Match", "\"v0\""),
                ("If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT"),
            ],
        )
        .unwrap();
    assert_eq!(feed.status, 200);
    assert_eq!(feed.url, server.url("/feed"));
    assert_eq!(feed.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(feed.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        feed.last_modified.as_deref(),
        Some("Wed, 02 Dec 2026 10:00:00 GMT")
    );
    assert_eq!(feed.body, b"<rss/>");
    let requests = server.requests.lock().unwrap().join("").to_lowercase();
    assert!(requests.contains("if-none-match: \"v0\""), "{requests}");
    assert!(requests.contains("accept-encoding: gzip, br"), "{requests}");
}

#[test]
fn a_closed_port_names_the_address() {
    // Bind and drop: the port is closed when the request comes.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/a");
    let error = client().get(&url, &[]).unwrap_err();
    assert!(matches!(error, FetchError::Other { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.starts_with(&format!("{url}: ")), "{message}");
    assert!(!message.contains('\n'));
}
