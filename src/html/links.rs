//! The links of an article: each `a href` of the extracted DOM, resolved against the page's
//! address, deduplicated, and written after the body as Markdown reference definitions
//! (`[1]: <https://…> "text"`), which [`crate::article::parse`] reads back as the article's
//! links. The link's text itself stays in its paragraph as plain text (see [`super::walk`]).

mod resolve;

pub use resolve::resolve;

use std::fmt::Write;

use dom_query::Document;

use crate::text::sanitize_line;

/// Links kept at most: a page of a hundred thousand links is no article's.
const MAX_LINKS: usize = 1000;

/// Characters of a link's text kept at most.
const MAX_TEXT: usize = 200;

/// Bytes of an address kept at most; a longer one is dropped.
const MAX_URL: usize = 4096;

/// One link: its text (one line, sanitised) and its absolute address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// The address relative links are resolved against: the page's `<base href>` resolved
/// against the page's address, else the first of `addresses` that is an absolute `http(s)`
/// address (the canonical one, then where the page was fetched).
pub fn base(document: &Document, addresses: &[Option<&str>]) -> Option<String> {
    let page = addresses
        .iter()
        .flatten()
        .find_map(|a| resolve::resolve(a, None).filter(|a| a.starts_with("http")));
    let declared = document.select("base[href]").attr("href");
    declared
        .and_then(|href| resolve::resolve(&href, page.as_deref()))
        .filter(|a| a.starts_with("http"))
        .or(page)
}

/// The links of `document` in document order, resolved against `base`; links inside
/// subtrees the walk drops (scripts, captions, forms) are left out with their text.
pub fn collect(document: &Document, base: Option<&str>) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    for node in document.select("a[href]").nodes() {
        if links.len() >= MAX_LINKS {
            break;
        }
        let dropped = node.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|n| super::walk::is_dropped(&n.to_ascii_lowercase()))
        });
        let href = node.attr("href").unwrap_or_default();
        let Some(url) = resolve::resolve(&href, base).filter(|u| u.len() <= MAX_URL) else {
            continue;
        };
        if dropped {
            continue;
        }
        let text = one_line(&node.text());
        let text = if text.is_empty() {
            one_line(&node.attr("title").unwrap_or_default())
        } else {
            text
        };
        match links.iter_mut().find(|l| l.url == url) {
            // The first text wins; an image link's empty one gives way to a later text.
            Some(seen) if seen.text.is_empty() => seen.text = text,
            Some(_) => {}
            None => links.push(Link { text, url }),
        }
    }
    links
}

/// `text` on one line: sanitised, spaces collapsed, cut to [`MAX_TEXT`] characters.
fn one_line(text: &str) -> String {
    let clean = sanitize_line(text);
    let words: Vec<&str> = clean.split_whitespace().collect();
    let line = words.join(" ");
    match line.char_indices().nth(MAX_TEXT) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}

/// The links as a block of reference definitions, one a line, numbered from 1; empty for
/// no links.
pub fn definitions(links: &[Link]) -> String {
    let mut out = String::new();
    for (index, link) in links.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let title: String = link
            .text
            .chars()
            .flat_map(|c| match c {
                '"' | '\\' => vec!['\\', c],
                _ => vec![c],
            })
            .collect();
        // Writing to a String cannot fail.
        let _ = write!(out, "[{}]: <{}>", index + 1, link.url);
        if !title.is_empty() {
            let _ = write!(out, " \"{title}\"");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(html: &str, base: Option<&str>) -> Vec<(String, String)> {
        let doc = Document::from(html);
        collect(&doc, base)
            .into_iter()
            .map(|l| (l.text, l.url))
            .collect()
    }

    #[test]
    fn links_are_resolved_filtered_and_deduplicated() {
        let got = links(
            "<p>See <a href='/a/b?x=1'>the  report</a>, <a href='https://o.org/'>O</a>, \
             <a href='#top'>top</a>, <a href='javascript:alert(1)'>js</a>, <a href=''>e</a>,\
             <a href='mailto:ed@example.org'>write</a> and <a href='../c'>the \x1b[31mredo</a>\
             <a href='/a/b?x=1'>again</a><a href='ftp://f/'>ftp</a></p>\
             <figure><figcaption><a href='/credit'>Credit</a></figcaption></figure>",
            Some("https://news.example/world/2024/story.html"),
        );
        let want = [
            ("the report", "https://news.example/a/b?x=1"),
            ("O", "https://o.org/"),
            ("write", "mailto:ed@example.org"),
            ("the redo", "https://news.example/world/c"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(t, u)| ((*t).to_owned(), (*u).to_owned()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn relative_links_without_a_base_are_dropped() {
        let got = links("<a href='/x'>x</a><a href='https://a.b/c'>c</a>", None);
        assert_eq!(got, [("c".to_owned(), "https://a.b/c".to_owned())]);
    }

    #[test]
    fn definitions_escape_quotes_and_backslashes() {
        let links = [
            Link {
                text: "say \"hi\" \\ o".to_owned(),
                url: "https://a.b/".to_owned(),
            },
            Link {
                text: String::new(),
                url: "mailto:x@y.z".to_owned(),
            },
        ];
        assert_eq!(
            definitions(&links),
            "[1]: <https://a.b/> \"say \\\"hi\\\" \\\\ o\"\n[2]: <mailto:x@y.z>"
        );
        assert_eq!(definitions(&[]), "");
    }
}
