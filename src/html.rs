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

pub use charset::{Decoded, decode, decode_page, decode_served};
/// A link made absolute against a base address (also used for feeds' redirects and discovery).
pub use links::resolve as resolve_link;
pub(crate) use meta::Found;

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
    let decoded = charset::decode_page(bytes, served.content_type, served.url);
    let (html, replaced) = (decoded.text, decoded.replaced);
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    // html5ever's tree building slows down sharply with depth (100,000 nested elements took
    // minutes): a page that deep is not parsed at all, only stripped of its tags.
    if source::tag_depth(&html) > MAX_SOURCE_DEPTH {
        let text = source::without_tags(&html);
        return Page {
            text: text.clone(),
            raw: text,
            dir: None,
            replaced,
            warnings: {
                warnings.push(format!(
                    "page nested deeper than {MAX_SOURCE_DEPTH} elements: read as text, not parsed"
                ));
                warnings
            },
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
    // Extraction slows down sharply on very deep trees; a page that deep is no article.
    let too_deep = walk::deeper_than(&document.root(), MAX_DEPTH);
    if too_deep {
        warnings.push(format!("page nested deeper than {MAX_DEPTH} elements"));
    }
    let mut readability = (!too_deep)
        .then(|| Readability::with_document(document, None, None).ok())
        .flatten();
    let extracted = readability.as_mut().and_then(|r| r.parse().ok());
    let article = extracted
        .filter(|article| !article.text_content.trim().is_empty())
        .and_then(|article| {
            let content = Document::from(article.content.as_ref());
            let details = found.clone().with_article(&article, &content);
            let walk = walk::Walk {
                furniture: false,
                base: details.dir,
            };
            let body = walk::paragraphs(&content.root(), walk);
            // Extraction may keep only images (no paragraph at all) or only a menu's links:
            // neither is an article.
            (!body.is_empty() && !only_links(&content)).then(|| {
                let links = links::collect(&content, base.as_deref());
                (body, details, links)
            })
        });
    let (body, mut details, links) = article.unwrap_or_else(|| {
        warnings.push("no article found: the page's whole text is shown".to_owned());
        (whole.clone(), found.alone(), page_links)
    });
    details.title = details.title.as_deref().map(bounded_title);
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

/// An HTML fragment (a feed entry's content) as lectern's paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment {
    /// Its paragraphs, as [`read`] writes an article's.
    pub paragraphs: Vec<String>,
    /// The `dir` of the elements that enclose all of its text, if one says `rtl` or `ltr`.
    pub dir: Option<Dir>,
    /// The `lang` of the elements that enclose all of its text.
    pub lang: Option<String>,
}

/// Walks an HTML fragment into paragraphs, without extraction (a feed entry's content is the
/// article already); `base` is the direction its feed declares, if any.
pub fn fragment(html: &str, base: Option<Dir>) -> Fragment {
    if source::tag_depth(html) > MAX_SOURCE_DEPTH {
        let text = source::without_tags(html);
        return Fragment {
            paragraphs: text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            ..Fragment::default()
        };
    }
    let document = Document::from(html);
    let dir = meta::enclosing_attr(&document, "dir").and_then(|d| meta::direction(&d));
    let lang = meta::enclosing_attr(&document, "lang");
    let walk = walk::Walk {
        furniture: false,
        base: dir.or(base),
    };
    Fragment {
        paragraphs: walk::paragraphs(&document.root(), walk),
        dir,
        lang,
    }
}

/// Whether every letter of `content` is inside a link (a menu, a list of headlines).
fn only_links(content: &Document) -> bool {
    let letters = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
    let links: usize = content.select("a").iter().map(|a| letters(&a.text())).sum();
    links >= letters(&content.root().text())
}

/// Titles longer than this many characters are cut (a page's `<title>` may be a megabyte).
const MAX_TITLE_CHARS: usize = 300;

/// `title` cut to [`MAX_TITLE_CHARS`] at a word's end, with an ellipsis, when it is longer.
fn bounded_title(title: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let Some((cut, _)) = title.grapheme_indices(true).nth(MAX_TITLE_CHARS) else {
        return title.to_owned();
    };
    let head = &title[..cut];
    let head = head
        .rfind(char::is_whitespace)
        .filter(|&space| space > cut / 2)
        .map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests;
