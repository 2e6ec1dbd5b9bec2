//! The feeds bench's loopback server and its feeds: `HOSTS` listeners on distinct loopback
//! addresses (127.0.0.1, 127.0.0.2, …: all of 127/8 routes to loopback on Linux), so the
//! per-host limit of 2 does not cap a run at 2 requests at a time; HTTP/1.1 with keep-alive
//! (ureq pools connections), a thread per connection, an `ETag` per feed and a 304 when
//! `If-None-Match` names it. A delay before each answer stands in for a network's round trip.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// Distinct hosts the feeds are spread over (feed `n` is on host `n % HOSTS`).
pub const HOSTS: usize = 8;

/// The running server.
pub struct FeedServer {
    addrs: Vec<SocketAddr>,
}

impl FeedServer {
    /// Serves `bodies` (feed `n` at `/feed/n.xml` of host `n % HOSTS`) until the process ends,
    /// waiting `delay` before each answer.
    pub fn start(bodies: &Arc<Vec<Vec<u8>>>, delay: Duration) -> Self {
        let addrs = (0..HOSTS)
            .map(|host| {
                let listener = TcpListener::bind(format!("127.0.0.{}:0", host + 1))
                    .expect("a loopback address (127.0.0.2 and up route to loopback on Linux)");
                let addr = listener.local_addr().expect("address");
                let bodies = Arc::clone(bodies);
                std::thread::spawn(move || {
                    for stream in listener.incoming().flatten() {
                        let bodies = Arc::clone(&bodies);
                        std::thread::spawn(move || serve(stream, &bodies, delay));
                    }
                });
                addr
            })
            .collect();
        Self { addrs }
    }

    /// The address of feed `n`.
    pub fn url(&self, n: usize) -> String {
        format!("http://{}/feed/{n}.xml", self.addrs[n % HOSTS])
    }
}

/// The validator of feed `n`.
pub fn etag(n: usize) -> String {
    format!("\"feed-{n}-v1\"")
}

/// Answers the requests of one connection until the client closes it.
fn serve(stream: TcpStream, bodies: &[Vec<u8>], delay: Duration) {
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(stream);
    loop {
        let mut path = None;
        let mut if_none_match = None;
        let mut close = false;
        let mut first = true;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if first {
                path = line.split(' ').nth(1).map(str::to_owned);
                first = false;
            } else if let Some((name, value)) = line.split_once(':') {
                let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
                if name == "if-none-match" {
                    if_none_match = Some(value.to_owned());
                } else if name == "connection" && value.eq_ignore_ascii_case("close") {
                    close = true;
                }
            }
        }
        let feed = path
            .as_deref()
            .and_then(|p| p.strip_prefix("/feed/"))
            .and_then(|p| p.strip_suffix(".xml"))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n < bodies.len());
        let mut out = Vec::new();
        match feed {
            Some(n) if if_none_match.as_deref() == Some(etag(n).as_str()) => {
                let _ = write!(
                    out,
                    "HTTP/1.1 304 Not Modified\r\nETag: {}\r\n\r\n",
                    etag(n)
                );
            }
            Some(n) => {
                let body = &bodies[n];
                let _ = write!(
                    out,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\n\
                     Content-Length: {}\r\nETag: {}\r\n\r\n",
                    body.len(),
                    etag(n)
                );
                out.extend_from_slice(body);
            }
            None => out.extend_from_slice(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
        }
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        if reader.get_mut().write_all(&out).is_err() || close {
            return;
        }
    }
}

const VI: &[&str] = &[
    "chính",
    "phủ",
    "đại",
    "sứ",
    "kinh",
    "tế",
    "người",
    "dân",
    "thành",
    "phố",
    "Hà",
    "Nội",
    "năm",
    "nay",
    "tăng",
    "trưởng",
    "được",
    "công",
    "bố",
    "quốc",
    "hội",
    "hôm",
    "qua",
];
const EN: &[&str] = &[
    "government",
    "ministers",
    "said",
    "the",
    "city",
    "talks",
    "on",
    "Tuesday",
    "economy",
    "growth",
    "of",
    "and",
    "a",
    "new",
    "plan",
    "in",
    "report",
    "officials",
    "told",
    "reporters",
];
const AR: &[&str] = &[
    "الحكومة",
    "قال",
    "الوزير",
    "في",
    "المدينة",
    "محادثات",
    "يوم",
    "الثلاثاء",
    "الاقتصاد",
    "نمو",
    "من",
    "على",
    "خطة",
    "جديدة",
    "تقرير",
    "المسؤولون",
    "الصحفيين",
    "إن",
];

/// `words` words drawn from `vocabulary` by a small linear congruential generator.
fn words(vocabulary: &[&str], words: usize, seed: &mut u64) -> String {
    let mut out = String::new();
    for n in 0..words {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let index = usize::try_from(*seed >> 33).unwrap_or(0) % vocabulary.len();
        if n > 0 {
            out.push(' ');
        }
        out.push_str(vocabulary[index]);
    }
    out
}

/// Feed `n`: RSS 2.0 with `entries` items in Vietnamese, English or Arabic (by `n % 3`), each
/// with a guid, a link, a date and three paragraphs of about 60 words as HTML.
pub fn feed(n: usize, entries: usize) -> Vec<u8> {
    let (lang, vocabulary) = [("vi", VI), ("en", EN), ("ar", AR)][n % 3];
    let mut seed = n as u64 + 1;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Outlet {n}</title><link>https://news{n}.example/</link>\
         <language>{lang}</language>\n"
    );
    for entry in 0..entries {
        let seconds = 1_764_000_000 + i64::try_from(n * 1000 + entry).unwrap_or(0) * 600;
        let date = chrono::DateTime::from_timestamp(seconds, 0)
            .map(|d| d.to_rfc2822())
            .unwrap_or_default();
        let title = words(vocabulary, 8, &mut seed);
        let mut paragraphs = String::new();
        for _ in 0..3 {
            let _ = write!(paragraphs, "<p>{}.</p>", words(vocabulary, 60, &mut seed));
        }
        let _ = writeln!(
            xml,
            "<item><guid>https://news{n}.example/a/{entry}</guid><title>{title}</title>\
             <link>https://news{n}.example/a/{entry}</link><pubDate>{date}</pubDate>\
             <description><![CDATA[{paragraphs}]]></description></item>"
        );
    }
    xml.push_str("</channel></rss>\n");
    xml.into_bytes()
}
