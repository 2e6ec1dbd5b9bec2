//! Front matter values as TOML basic strings that survive decoding: see [`basic_string`].

use std::fmt::Write as _;

use crate::text::is_forbidden;

/// `value` as a TOML basic string in which quotes, backslashes and every character
/// [`is_forbidden`] are escapes. Written raw, a C1 control (an unterminated OSC) would be
/// stripped with what follows it when the saved text is decoded, closing quote included, and
/// the front matter would no longer parse.
pub(super) fn basic_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_forbidden(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::meta::Found;

    #[test]
    fn front_matter_escapes_what_decoding_would_strip() {
        // An unterminated C1 OSC in a page's title once took the closing quote with it when
        // `lectern add` decoded the saved text, and the front matter no longer parsed.
        let title = "A \u{9d}52;c;AAAA \x1b]0;t\u{7} \u{202e} \u{2028} \\ \" end";
        let found = Found {
            title: Some(title.to_owned()),
            url: Some("https://x.example/\u{9b}2J".to_owned()),
            ..Found::default()
        };
        let fm = found.front_matter();
        assert!(!fm.chars().any(|c| is_forbidden(c) && c != '\n'), "{fm:?}");
        let decoded = crate::article::decode(fm.as_bytes()).expect("text").text;
        let table: toml::Table = decoded.trim_matches(['+', '\n']).parse().expect("toml");
        assert_eq!(table["title"].as_str(), Some(title));
        assert_eq!(table["url"].as_str(), Some("https://x.example/\u{9b}2J"));
    }

    /// The pages the `html` fuzz target failed on (`fuzz/regressions/html`), replayed as it
    /// ran them (the first byte picks the content type and the address): the text `lectern
    /// add` saves must read back without a front matter warning.
    #[test]
    fn the_fuzzers_pages_keep_their_front_matter() {
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
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/html");
        let mut replayed = 0;
        for file in std::fs::read_dir(&dir).expect("the regressions folder") {
            let path = file.expect("an entry").path();
            let bytes = std::fs::read(&path).expect("a regression");
            let Some((&selector, html)) = bytes.split_first() else {
                continue;
            };
            let served = crate::html::Served {
                content_type: CONTENT_TYPES[usize::from(selector & 7) % CONTENT_TYPES.len()],
                url: URLS[usize::from(selector >> 3) % URLS.len()],
            };
            let page = crate::html::read_served(html, served);
            let Ok(text) = crate::library::save::page_text(page) else {
                continue;
            };
            let (_, warnings) = crate::article::parse(text.clone(), "f.md".into(), None);
            assert!(
                !warnings.iter().any(|w| w.contains("front matter")),
                "{}: {warnings:?}\n{text}",
                path.display()
            );
            replayed += 1;
        }
        assert!(replayed >= 10, "only {replayed} regressions");
    }
}
