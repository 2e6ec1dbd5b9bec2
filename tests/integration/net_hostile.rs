//! `lectern add` against broken and hostile servers: error statuses, a redirect loop, a server
//! that drips, a gzip bomb and addresses that are not http(s) all end in a one-line error
//! naming the address, never a hang.

use std::io::Write;

use super::net_add::{ENGLISH, add, files, printed};
use crate::support::http::{Reply, Server};

#[test]
fn error_statuses_name_the_address_and_fail() {
    let server = Server::start(vec![
        ("/gone", Reply::status(410, "gone")),
        ("/broken", Reply::status(500, "oops")),
        ("/a", Reply::ok("text/html", ENGLISH)),
    ]);
    let home = tempfile::tempdir().unwrap();
    let urls = [
        server.url("/missing"),
        server.url("/gone"),
        server.url("/broken"),
    ];
    let (code, stdout, stderr) = add(
        &home,
        &[
            &urls[0],
            &urls[1],
            &server.url("/a"),
            &urls[2],
            "--to",
            "lib",
        ],
    );
    assert_eq!(code, 1, "{stderr}");
    // The good page in the middle is still saved.
    assert_eq!(printed(&stdout).len(), 1);
    assert_eq!(
        stderr,
        format!(
            "lectern: {}: HTTP 404 Not Found\nlectern: {}: HTTP 410 Gone\n\
             lectern: {}: HTTP 500 Internal Server Error\n",
            urls[0], urls[1], urls[2]
        )
    );
}

#[test]
fn a_redirect_loop_stops() {
    let server = Server::start(vec![("/loop", Reply::redirect("/loop"))]);
    let home = tempfile::tempdir().unwrap();
    let url = server.url("/loop");
    let (code, _, stderr) = add(&home, &[&url, "--to", "lib"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!("lectern: {url}: too many redirects (more than 5)\n")
    );
    // The first request and five redirects.
    assert_eq!(server.hits.load(std::sync::atomic::Ordering::SeqCst), 6);
    assert!(files(&home.path().join("lib")).is_empty());
}

#[test]
fn a_server_that_drips_is_ended_by_the_timeout() {
    let mut drip = Reply::ok("text/html", ENGLISH);
    drip.drip = true;
    let server = Server::start(vec![("/slow", drip)]);
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[network]\ntimeout = 1\n").unwrap();
    let url = server.url("/slow");
    let (code, _, stderr) = add(
        &home,
        &["--config", config.to_str().unwrap(), &url, "--to", "lib"],
    );
    assert_eq!(code, 1);
    assert_eq!(stderr, format!("lectern: {url}: timed out after 1 s\n"));
}

/// `bytes` compressed with gzip.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_pages_are_read_and_a_gzip_bomb_stops_at_the_cap() {
    let bomb = gzip(&vec![b' '; 64 << 20]);
    let server = Server::start(vec![
        (
            "/zipped",
            Reply::ok("text/html", gzip(ENGLISH.as_bytes())).header("Content-Encoding", "gzip"),
        ),
        (
            "/bomb",
            Reply::ok("text/html", bomb).header("Content-Encoding", "gzip"),
        ),
    ]);
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = add(&home, &[&server.url("/zipped"), "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        printed(&stdout)[0].1,
        "lib/harbour-plan-approved-after-long-debate.md"
    );
    let url = server.url("/bomb");
    let (code, _, stderr) = add(&home, &[&url, "--to", "lib"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!("lectern: {url}: response over the 16 MiB limit once decompressed\n")
    );
}

#[test]
fn addresses_other_than_http_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = add(
        &home,
        &["file:///etc/passwd", "javascript:alert(1)", "--to", "lib"],
    );
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "lectern: file:///etc/passwd: refused: only http and https addresses are fetched\n\
         lectern: javascript:alert(1): refused: only http and https addresses are fetched\n"
    );
    assert!(!home.path().join("lib").exists());
}
