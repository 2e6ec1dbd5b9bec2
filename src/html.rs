//! Web pages as articles: the main article of an HTML page is found with `dom_smoothie`, walked
//! into paragraphs ([`walk`]) and handed to [`crate::article::parse`] as front matter and text,
//! so it goes through the same sanitising and cleaning as any file. The page's whole text is
//! kept as `raw`.

mod charset;
mod links;
mod meta;
mod source;
mod title;
mod walk;

use dom_query::Document;
use dom_smoothie::Readability;

use crate::text::Dir;

pub use charset::{decode, decode_served};

/// Nesting beyond which a page is not given to extraction (real articles nest a few dozen deep).
const MAX_DEPTH: usize = 512;

/// Nesting of the page's source beyond which it is not parsed: [`source::tag_depth`] counts
/// elements an HTML parser may close by itself, so it allows more than [`MAX_DEPTH`].
const MAX_SOURCE_DEPTH: usize = 4 * MAX_DEPTH;

/// File extensions read as web pages.
pub const EXTENSIONS: &[&str] = &["html", "htm"];

/// Whether a path names a web page by its extension.
pub fn is_page(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// What a page holds, ready for [`crate::article::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// TOML front matter with the page's metadata, then the article's paragraphs.
    pub text: String,
    /// The page's whole visible text, paragraph by paragraph, images as `[image: alt]`.
    pub raw: String,
    /// The direction the page declares (`dir` on `html`, `body` or the article), if any.
    pub dir: Option<Dir>,
    /// Invalid byte sequences shown as U+FFFD.
    pub replaced: usize,
    /// What went wrong without stopping the read ("no article found").
    pub warnings: Vec<String>,
}

/// Reads a page's bytes: charset, main article, metadata.
pub fn read(bytes: &[u8]) -> Page {
    read_served(bytes, Served::default())
}

/// Where and how a page was fetched: what counts when the page itself declares nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Served<'a> {
    /// The `Content-Type` header, for its `charset`.
    pub content_type: Option<&'a str>,
    /// The address it was fetched from (after redirects), for the URL and the outlet.
    pub url: Option<&'a str>,
}

/// [`read`] for a page fetched from the web.
pub fn read_served(bytes: &[u8], served: Served<'_>) -> Page {
    let (html, replaced) = charset::decode_served(bytes, served.content_type);
    // html5ever's tree building slows down sharply with depth (100,000 nested elements took
    // minutes): a page that deep is not parsed at all, only stripped of its tags.
    if source::tag_depth(&html) > MAX_SOURCE_DEPTH {
        let text = source::without_tags(&html);
        return Page {
            text: text.clone(),
            raw: text,
            dir: None,
            replaced,
            warnings: vec![format!(
                "page nested deeper than {MAX_SOURCE_DEPTH} elements: read as text, not parsed"
            )],
        };
    }
    let document = Document::from(html.as_str());
    let found = meta::Found::of(&document).or_fetched(served.url);
    let whole = walk::paragraphs(
        &document.root(),
        walk::Walk {
            furniture: true,
            base: found.dir,
        },
    );
    let base = links::base(&document, &[found.url.as_deref(), served.url]);
    // The whole page's links, for a page with no article; read before extraction takes the
    // document (a select, cheap next to extraction).
    let page_links = links::collect(&document, base.as_deref());
    let mut warnings = Vec::new();
    // Extraction slows down sharply on very deep trees; a page that deep is no article.
    let too_deep = walk::deeper_than(&document.root(), MAX_DEPTH);
    if too_deep {
        warnings.push(format!("page nested deeper than {MAX_DEPTH} elements"));
    }
    let mut readability = (!too_deep)
        .then(|| Readability::with_document(document, None, None).ok())
        .flatten();
    let extracted = readability.as_mut().and_then(|r| r.parse().ok());
    let (body, details, links) = match extracted {
        Some(article) if !article.text_content.trim().is_empty() => {
            let content = Document::from(article.content.as_ref());
            let details = found.with_article(&article, &content);
            let walk = walk::Walk {
                furniture: false,
                base: details.dir,
            };
            (
                walk::paragraphs(&content.root(), walk),
                details,
                links::collect(&content, base.as_deref()),
            )
        }
        _ => {
            warnings.push("no article found: the page's whole text is shown".to_owned());
            (whole.clone(), found.alone(), page_links)
        }
    };
    let dir = details.dir;
    let mut text = format!("{}{}\n", details.front_matter(), body.join("\n\n"));
    // The links as reference definitions after the body: `lectern add` saves this text as
    // Markdown, and `article::parse` reads them back as the article's links.
    if !links.is_empty() {
        text.push('\n');
        text.push_str(&links::definitions(&links));
        text.push('\n');
    }
    Page {
        text,
        raw: whole.join("\n\n"),
        dir,
        replaced,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_extensions() {
        assert!(is_page("a/b.HTML") && is_page("x.htm"));
        assert!(!is_page("x.txt") && !is_page("html"));
    }

    #[test]
    fn page_without_article_warns() {
        for bytes in [
            &b""[..],
            b"<html><head><title>Empty</title></head><body></body></html>",
        ] {
            let page = read(bytes);
            assert!(page.warnings.iter().any(|w| w.contains("no article found")));
        }
    }

    #[test]
    fn short_page_keeps_its_text() {
        let page = read(b"<html><body><p>Only a line.</p></body></html>");
        assert!(page.raw.contains("Only a line."));
        assert!(page.text.contains("Only a line."));
    }

    #[test]
    fn links_round_trip_through_the_text() {
        let page = read_served(
            b"<html><head><link rel='canonical' href='https://news.example/world/story'></head>\
              <body><article><h1>Rain</h1><p>The <a href='/report'>weather \"report\"</a> says \
              rain all week in the capital and the plains, and the rivers will rise.</p>\
              <p>[Editor's note] More at <a href='https://o.org/a b'>the office</a> and \
              <a href='#top'>top</a>; it rained for three days in a row last year too.</p>\
              </article></body></html>",
            Served::default(),
        );
        assert!(
            page.text.contains("The weather \"report\" says rain"),
            "{}",
            page.text
        );
        assert!(page.text.ends_with(
            "[1]: <https://news.example/report> \"weather \\\"report\\\"\"\n\
             [2]: <https://o.org/a%20b> \"the office\"\n"
        ));
        let (article, _) = crate::article::parse(page.text, "p.html".to_owned(), None);
        let links: Vec<(&str, &str)> = (article.links.iter())
            .map(|l| (l.text.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("weather \"report\"", "https://news.example/report"),
                ("the office", "https://o.org/a%20b"),
            ]
        );
        assert!(article.paragraphs.iter().all(|p| !p.contains("]: <")));
        assert!(
            article
                .paragraphs
                .iter()
                .any(|p| p.starts_with("[Editor's note]"))
        );
    }
}
