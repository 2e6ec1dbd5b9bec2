//! Fuzzes feed parsing with lectern's layer (charsets, repairs, identities): any bytes with
//! one of a few content types give a feed or a reason, never a panic; parsing the same bytes
//! again gives the same feed (so the same item keys); every key is non-empty; titles and
//! authors are one line.
#![no_main]

use lectern::feed::parse;
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 6] = [
    None,
    Some("application/rss+xml"),
    Some("application/atom+xml; charset=iso-8859-1"),
    Some("text/xml; charset=windows-1251"),
    Some("application/feed+json"),
    Some("application/xml; charset=utf-16"),
];
const URLS: [&str; 2] = ["https://news.example/feed.xml", "feeds/local.xml"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(selector & 7) % CONTENT_TYPES.len()];
    let url = URLS[usize::from(selector >> 7)];
    let first = parse(bytes, content_type, url);
    let second = parse(bytes, content_type, url);
    assert_eq!(first, second, "two parses of the same bytes differ");
    let feed = match first {
        Ok(feed) => feed,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    for item in &feed.items {
        assert!(!item.key.is_empty(), "an empty key: {item:?}");
        assert!(!item.title.contains('\n'), "a title of two lines: {item:?}");
        if let Some(author) = &item.author {
            assert!(!author.contains('\n'), "an author of two lines: {item:?}");
        }
        if let Some(lang) = &item.lang {
            assert!(
                lang.chars().all(|c| c.is_ascii_lowercase()),
                "a language that is no primary subtag: {lang:?}"
            );
        }
    }
    if let Some(title) = &feed.title {
        assert!(!title.contains('\n') && !title.is_empty(), "feed title {title:?}");
    }
});
