//! Fuzzes HTML extraction as `lectern add` uses it: any bytes, served with one of a few
//! content types and addresses, give a page whose text `lectern add` can save and read back:
//! its front matter is valid (no "front matter" warning), the title is one clean line, and
//! the article's links are all `http(s)` addresses or in-page references.
#![no_main]

use lectern::html::{Served, read_served};
use lectern::library::save::page_text;
use lectern::text::is_forbidden;
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("text/html"),
    Some("text/html; charset=windows-1256"),
    Some("text/html; charset=utf-16le"),
    Some("text/html; charset=\"shift_jis\""),
];
const URLS: [Option<&str>; 3] = [
    None,
    Some("https://news.example/2026/12/article.html"),
    Some("http://127.0.0.1:8080/a?b=c#d"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let served = Served {
        content_type: CONTENT_TYPES[usize::from(selector & 7) % CONTENT_TYPES.len()],
        url: URLS[usize::from(selector >> 3) % URLS.len()],
    };
    let page = read_served(bytes, served);
    assert!(page.replaced <= bytes.len(), "more replacements than bytes");
    for warning in &page.warnings {
        assert!(!warning.is_empty(), "an empty warning");
    }
    let Ok(text) = page_text(page) else {
        return;
    };
    let (article, warnings) = lectern::article::parse(text.clone(), "fuzz.md".into(), None);
    for warning in &warnings {
        assert!(
            !warning.contains("front matter"),
            "the page's front matter does not read back: {warning}\n{text}"
        );
    }
    let title = &article.meta.title;
    assert!(!title.is_empty(), "an empty title");
    assert!(
        !title.chars().any(|c| c == '\n' || is_forbidden(c)),
        "the title is not one clean line: {title:?}"
    );
});
