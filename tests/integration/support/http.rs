//! A scripted HTTP server on 127.0.0.1 for the tests that fetch: each path answers with a
//! fixed status, headers and body, or drips its body a byte a second. A raw mode hands the
//! connection itself to the test ([`Server::start_raw`] after the request is read,
//! [`Server::start_tcp`] before anything is read), for servers that lie in HTTP or do not
//! speak it. Nothing leaves the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What one path answers.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers besides `Content-Length` and `Connection`.
    pub headers: Vec<(String, String)>,
    /// The body as sent (already compressed, if a header says so).
    pub body: Vec<u8>,
    /// Send the body one byte a second.
    pub drip: bool,
}

impl Reply {
    /// A 200 with this content type and body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::status(200, body).header("Content-Type", content_type)
    }

    /// Any status with a plain body.
    pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
            drip: false,
        }
    }

    /// A redirect to `location`.
    pub fn redirect(location: &str) -> Self {
        Self::status(302, "").header("Location", location)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// A request as the server read it, for a handler to answer.
#[derive(Debug, Clone)]
pub struct Request {
    /// The path (with any query).
    pub path: String,
    /// The headers, names lowercased.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Answers a request.
pub type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server; its threads end with the test process.
pub struct Server {
    addr: SocketAddr,
    /// How many requests it has read.
    pub hits: Arc<AtomicUsize>,
    /// The request lines and headers it received, one string per request.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts serving `routes` (path, reply); any other path is a 404.
    pub fn start(routes: Vec<(&str, Reply)>) -> Self {
        let routes: Vec<(String, Reply)> = routes
            .into_iter()
            .map(|(path, reply)| (path.to_owned(), reply))
            .collect();
        Self::start_with(move |request| {
            routes.iter().find(|(p, _)| *p == request.path).map_or_else(
                || Reply::status(404, "not here"),
                |(_, reply)| reply.clone(),
            )
        })
    }

    /// Starts answering every request with `handler` (which may change its answers between
    /// requests, look at `If-None-Match`, and so on).
    pub fn start_with(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let routes: Arc<Handler> = Arc::new(handler);
        Self::start_raw(move |request, stream| answer(stream, &routes(request)))
    }

    /// Starts a server that reads each request and hands it, with the connection, to
    /// `handler`, which writes whatever bytes it likes at any pace (a lying `Content-Length`,
    /// an endless chunked body) and keeps the connection open as long as it likes.
    pub fn start_raw(handler: impl Fn(&Request, TcpStream) + Send + Sync + 'static) -> Self {
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (h, r) = (Arc::clone(&hits), Arc::clone(&requests));
        let mut server = Self::start_tcp(move |stream| {
            if let Some(request) = read_request(&stream, &h, &r) {
                handler(&request, stream);
            }
        });
        server.hits = hits;
        server.requests = requests;
        server
    }

    /// Starts a bare TCP listener: `handler` gets each connection before anything is read
    /// (a port that does not speak TLS, or says nothing at all). `hits` and `requests` stay
    /// empty.
    pub fn start_tcp(handler: impl Fn(TcpStream) + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handler = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || handler(stream));
            }
        });
        Self {
            addr,
            hits: Arc::new(AtomicUsize::new(0)),
            requests: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// The `host:port` the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// Reads a request's head from `stream`, counts and records it; `None` when the client went
/// away first.
fn read_request(
    stream: &TcpStream,
    hits: &AtomicUsize,
    requests: &Mutex<Vec<String>>,
) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    hits.fetch_add(1, Ordering::SeqCst);
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    requests.lock().unwrap().push(head);
    Some(Request { path, headers })
}

/// Writes `reply` to `stream` and closes it.
fn answer(mut stream: TcpStream, reply: &Reply) {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.extend([name.as_str(), ": ", value.as_str(), "\r\n"]);
    }
    out.push_str("\r\n");
    if stream.write_all(out.as_bytes()).is_err() {
        return;
    }
    if reply.drip {
        for byte in &reply.body {
            if stream
                .write_all(&[*byte])
                .and_then(|()| stream.flush())
                .is_err()
            {
                return;
            }
            std::thread::sleep(Duration::from_secs(1));
        }
    } else {
        let _ = stream.write_all(&reply.body);
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}
