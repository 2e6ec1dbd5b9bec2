//! Fuzzes the body-search query parser: any text, typed or entered, parses; SQLite accepts
//! the query it makes (no FTS5 syntax error from what a user typed); and the snippet cut for
//! it marks ranges within its line, in order, on character boundaries.
#![no_main]

use std::cell::RefCell;

use lectern::article::NoMarks;
use lectern::search::{Doc, Indexer, SearchQuery, Sort, Tokens, create_schema, search, snippet};
use libfuzzer_sys::fuzz_target;
use rusqlite::Connection;


const BODY: [&str; 3] = [
    "Đại sứ quán mở cửa tại Hà Nội.",
    "我们在北京市 \"quoted\" AND OR NOT NEAR(a b) * ^ col:x",
    "وزارة الخارجية الإيرانية گفت که نیروهای",
];

fn index() -> Connection {
    let conn = Connection::open_in_memory().expect("in-memory database");
    create_schema(&conn).expect("schema");
    let doc = Doc {
        id: "a1",
        path: "a.txt",
        date: Some("2026-12-01"),
        lang: "vi",
        source: Some("VnExpress"),
        title: "Tin AND \"OR\" NEAR",
    };
    let mut indexer = Indexer::new(&conn).expect("indexer");
    indexer.add(&doc, &Tokens::of(doc.title, BODY)).expect("add");
    drop(indexer);
    conn
}

thread_local! {
    static INDEX: RefCell<Connection> = RefCell::new(index());
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for typing in [false, true] {
        let query = SearchQuery::parse(&text, typing);
        for warning in query.warnings() {
            assert!(!warning.is_empty());
        }
        INDEX.with_borrow(|conn| {
            for sort in [Sort::Date, Sort::Relevance] {
                if let Err(error) = search(conn, &query, sort, 10, |_| true, &NoMarks) {
                    panic!("{text:?} (typing {typing}): {error}; {:?}", query.expression());
                }
            }
        });
        let line = snippet(BODY, &query);
        let mut end = 0;
        for range in &line.ranges {
            assert!(range.start >= end && range.start < range.end, "{:?}", line.ranges);
            assert!(range.end <= line.text.len(), "a range past the line");
            assert!(line.text.is_char_boundary(range.start) && line.text.is_char_boundary(range.end));
            end = range.end;
        }
    }
});
