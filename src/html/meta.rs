//! A page's metadata: title, outlet, date, address, language and direction, from the page's
//! own declarations (Open Graph, JSON-LD through `dom_smoothie`, `<time>`, `<link>`, `lang`
//! and `dir`), written as TOML front matter for [`crate::article::parse`].

use dom_query::Document;

use super::title;
use crate::text::Dir;
use escape::basic_string;

mod escape;

/// What the page declares; `None` where it declares nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<Dir>,
}

/// The `content` of the first `<meta>` with this `property` or `name`.
fn meta_content(document: &Document, key: &str) -> Option<String> {
    let selector = format!("meta[property='{key}'], meta[name='{key}']");
    nonempty(
        document
            .select(&selector)
            .attr("content")
            .map(|v| v.to_string()),
    )
}

fn nonempty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// `YYYY-MM-DD` at the start of a timestamp ("2024-03-05T10:00:00Z").
fn day(stamp: &str) -> Option<String> {
    let day = stamp.trim().get(..10)?;
    let bytes = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10))
        .then(|| day.to_owned())
}

/// A `dir` attribute's direction; `auto` and anything else leave it to detection.
pub fn direction(value: &str) -> Option<Dir> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Dir::Rtl),
        "ltr" => Some(Dir::Ltr),
        _ => None,
    }
}

/// The first of `selectors` that has `attribute`, read from `document`.
fn first_attr(document: &Document, selectors: &[&str], attribute: &str) -> Option<String> {
    selectors
        .iter()
        .find_map(|s| nonempty(document.select(s).attr(attribute).map(|v| v.to_string())))
}

/// The `attribute` of the elements that enclose all of `content`'s text (the wrappers from its
/// root down to the first element with more than one child or with text of its own), the
/// innermost that has it.
pub fn enclosing_attr(content: &Document, attribute: &str) -> Option<String> {
    let mut node = content.root();
    let mut found = None;
    loop {
        if node.is_element()
            && let Some(value) = nonempty(node.attr(attribute).map(|v| v.to_string()))
        {
            found = Some(value);
        }
        let children = node.children();
        let has_text = children
            .iter()
            .any(|c| c.is_text() && !c.text().trim().is_empty());
        // A parsed fragment sits in `body`, next to an empty `head`.
        let elements: Vec<_> = children
            .into_iter()
            .filter(|c| {
                c.is_element()
                    && !c
                        .node_name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("head"))
            })
            .collect();
        match elements.as_slice() {
            [only] if !has_text => node = *only,
            _ => return found,
        }
    }
}

/// The host of an `http(s)` address, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

impl Found {
    /// What the whole page declares, read before extraction changes the document.
    pub fn of(document: &Document) -> Self {
        let url = first_attr(document, &["link[rel='canonical']"], "href")
            .or_else(|| meta_content(document, "og:url"));
        let site = meta_content(document, "og:site_name");
        let source = site.clone().or_else(|| url.as_deref().and_then(host));
        let page_title = nonempty(Some(document.select("title").first().text().to_string()));
        let title = meta_content(document, "og:title")
            .or_else(|| nonempty(Some(document.select("h1").first().text().to_string())))
            .or(page_title.clone());
        // A `<title>` (or an Open Graph title that repeats it) ends with the site's name.
        let title = title.map(|t| {
            let loose = page_title.as_ref() == Some(&t);
            let host = url.as_deref().and_then(host);
            title::without_site(&t, site.as_deref(), host.as_deref(), loose)
        });
        let date = meta_content(document, "article:published_time")
            .or_else(|| first_attr(document, &["time[datetime]"], "datetime"))
            .and_then(|d| day(&d));
        let lang = first_attr(
            document,
            &["article[lang]", "body[lang]", "html[lang]"],
            "lang",
        );
        let dir = first_attr(document, &["article[dir]", "body[dir]", "html[dir]"], "dir")
            .and_then(|d| direction(&d));
        Self {
            title,
            source,
            date,
            url,
            lang,
            dir,
        }
    }

    /// The page's declarations completed by what extraction found (JSON-LD, the article's
    /// own `lang` and `dir`); the page's Open Graph and links come first.
    pub fn with_article(self, article: &dom_smoothie::Article, content: &Document) -> Self {
        let extracted = |v: &Option<String>| nonempty(v.clone());
        // Only what encloses the whole article is the article's: a quote's `dir` is its own.
        let content_dir = enclosing_attr(content, "dir").and_then(|d| direction(&d));
        let content_lang = enclosing_attr(content, "lang");
        let site = extracted(&article.site_name).or_else(|| self.source.clone());
        let host = self.url.as_deref().and_then(host);
        let extracted_title = nonempty(Some(article.title.clone()))
            .map(|t| title::without_site(&t, site.as_deref(), host.as_deref(), false));
        Self {
            title: self
                .title
                .filter(|_| extracted_title.is_none())
                .or(extracted_title),
            source: extracted(&article.site_name).or(self.source),
            date: article
                .published_time
                .as_deref()
                .and_then(day)
                .or(self.date),
            url: self.url.or_else(|| extracted(&article.url)),
            lang: content_lang
                .or(self.lang)
                .or_else(|| extracted(&article.lang)),
            dir: content_dir
                .or(self.dir)
                .or_else(|| article.dir.as_deref().and_then(direction)),
        }
    }

    /// Fills the address and the outlet from where the page was fetched, when it names neither.
    #[must_use]
    pub fn or_fetched(mut self, fetched: Option<&str>) -> Self {
        self.url = self.url.or_else(|| fetched.map(str::to_owned));
        self.source = self.source.or_else(|| fetched.and_then(host));
        self
    }

    /// The page's declarations when no article was found.
    pub fn alone(self) -> Self {
        self
    }

    /// TOML front matter (`+++` fenced) with the fields found, each a basic string in which
    /// every character the decoder would strip is a `\u` escape (see [`basic_string`]).
    pub fn front_matter(&self) -> String {
        let dir = self.dir.map(|d| match d {
            Dir::Rtl => "rtl".to_owned(),
            Dir::Ltr => "ltr".to_owned(),
        });
        let fields = [
            ("title", &self.title),
            ("source", &self.source),
            ("date", &self.date),
            ("url", &self.url),
            ("lang", &self.lang),
            ("dir", &dir),
        ];
        let lines: String = fields
            .iter()
            .filter_map(|(key, value)| {
                let value = value.as_deref()?;
                Some(format!("{key} = {}\n", basic_string(value)))
            })
            .collect();
        if lines.is_empty() {
            return String::new();
        }
        format!("+++\n{lines}+++\n")
    }
}

#[cfg(test)]
mod tests;
