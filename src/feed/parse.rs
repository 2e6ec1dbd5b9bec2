//! A feed's bytes to its items, through `feed-rs` with lectern's repairs around it: the
//! charset ([`charset`]), a bare `&` ([`repair`]), titles made one clean line, stable keys
//! ([`identity`]), and the language and direction `feed-rs` drops ([`scan`]).
//!
//! Entities: `feed-rs` and the scan read XML with `quick-xml`, which resolves only XML's five
//! predefined entities and character references and never a DTD's, so an entity bomb or an
//! external entity (`file:///etc/passwd`) stays unexpanded text (`&lol9;`).
//!
//! A truncated or broken feed: the entries before the break are kept (the text up to the last
//! complete `</item>` or `</entry>`), with a warning naming the parser's reason; a feed broken
//! before its first entry is an error naming that reason.

mod charset;
mod identity;
mod repair;
mod scan;

use thiserror::Error;

use crate::text::Dir;

/// A feed as lectern uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The feed's title.
    pub title: Option<String>,
    /// The address of the site the feed is for.
    pub link: Option<String>,
    /// Its language (`xml:lang`, `<language>`), as a lowercase primary subtag.
    pub lang: Option<String>,
    /// Its direction, when declared.
    pub dir: Option<Dir>,
    /// `<ttl>`: minutes before it is worth fetching again.
    pub ttl_minutes: Option<u32>,
    /// The entries, in the feed's order.
    pub items: Vec<Item>,
    /// What was repaired or dropped ("a bare & escaped").
    pub warnings: Vec<String>,
}

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// Stable identity within the feed: the guid, else the link, else a hash of the feed's
    /// URL, the title and the date; the same on every parse of the same entry.
    pub key: String,
    /// The headline (entities decoded, one line).
    pub title: String,
    /// The entry's web page.
    pub link: Option<String>,
    /// The author, or the outlet the entry names as its source.
    pub author: Option<String>,
    /// Published, else updated: seconds since the Unix epoch.
    pub published: Option<i64>,
    /// Updated, when given: seconds since the Unix epoch.
    pub updated: Option<i64>,
    /// The entry's language, else the feed's.
    pub lang: Option<String>,
    /// The entry's direction, else the feed's, when declared.
    pub dir: Option<Dir>,
    /// The summary as HTML (or text), if any.
    pub summary: Option<String>,
    /// The content as HTML (or text), if any.
    pub content: Option<String>,
}

/// Why a feed could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// Not a feed at all, or broken beyond repair.
    #[error("not a feed: {0}")]
    Invalid(String),
}

/// Parses a feed fetched from `feed_url` with this `Content-Type`.
///
/// # Errors
/// The bytes are not an RSS, Atom or JSON feed.
pub fn parse(
    bytes: &[u8],
    content_type: Option<&str>,
    feed_url: &str,
) -> Result<Parsed, ParseError> {
    let utf8 = charset::to_utf8(bytes, content_type);
    let mut warnings = utf8.warnings;
    let text = utf8.text;
    let feed = match read(&text, feed_url) {
        Ok(feed) => feed,
        Err(first) => {
            let repaired = repair::escape_bare_ampersands(&text);
            if let Some(repaired) = &repaired
                && let Ok(feed) = read(repaired, feed_url)
            {
                warnings.push("bare & in the feed escaped as &amp;".to_owned());
                return Ok(build(feed, &scan_of(repaired), feed_url, warnings));
            }
            let text = repaired.unwrap_or(text);
            // A feed cut short (a dropped connection, a full disk at the publisher's): the
            // entries before the break are kept, and the reader told.
            let Some(feed) = repair::before_break(&text).and_then(|t| {
                let feed = read(&t, feed_url).ok()?;
                Some((feed, t))
            }) else {
                return Err(ParseError::Invalid(first));
            };
            let (feed, kept) = feed;
            warnings.push(format!(
                "the feed breaks after {} entries ({first}): kept those",
                feed.entries.len()
            ));
            return Ok(build(feed, &scan_of(&kept), feed_url, warnings));
        }
    };
    Ok(build(feed, &scan_of(&text), feed_url, warnings))
}

/// What the XML declares that `feed-rs` drops; nothing for a JSON feed.
fn scan_of(text: &str) -> scan::Scan {
    if text.trim_start().starts_with('<') {
        scan::scan(text)
    } else {
        scan::Scan::default()
    }
}

/// `feed-rs` on UTF-8 text, without its random ids.
fn read(text: &str, feed_url: &str) -> Result<feed_rs::model::Feed, String> {
    let base = feed_url.starts_with("http").then_some(feed_url);
    feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(identity::no_generated_id)
        .build()
        .parse(text.as_bytes())
        .map_err(|error| error.to_string())
}

/// A language tag's primary subtag, lowercase: `vi` for `vi-VN`; nothing for what is no tag.
fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    (2..=8)
        .contains(&primary.len())
        .then(|| primary.to_ascii_lowercase())
        .filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The address of a list of links: the first `alternate` (or unlabelled) one, else the first.
fn page_link(links: &[feed_rs::model::Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.trim().to_owned())
        .filter(|href| !href.is_empty())
}

/// lectern's feed from `feed-rs`'s, with what the scan found.
fn build(
    feed: feed_rs::model::Feed,
    scan: &scan::Scan,
    feed_url: &str,
    mut warnings: Vec<String>,
) -> Parsed {
    let feed_lang = (scan.lang.as_deref())
        .or(feed.language.as_deref())
        .and_then(primary_subtag);
    let feed_dir = scan.dir;
    // Entries are matched to the scan by position, only when both counted the same.
    let declared = (scan.entries.len() == feed.entries.len()).then_some(&scan.entries);
    let items = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let found = declared
                .and_then(|d| d.get(index))
                .cloned()
                .unwrap_or_default();
            let title = entry
                .title
                .map(|t| repair::title(&t.content))
                .unwrap_or_default();
            let link = page_link(&entry.links);
            let published = entry.published.or(entry.updated).map(|d| d.timestamp());
            let content = entry
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty());
            let summary = entry
                .summary
                .map(|s| s.content)
                .filter(|s| !s.trim().is_empty());
            let mut lang = (found.lang.as_deref())
                .or(found.content_lang.as_deref())
                .or(entry.language.as_deref())
                .and_then(primary_subtag)
                .or_else(|| feed_lang.clone());
            let mut dir = found.dir.or(found.content_dir).or(feed_dir);
            if lang.is_none() || dir.is_none() {
                // The HTML of the content says what the feed does not.
                let html = content
                    .as_deref()
                    .or(summary.as_deref())
                    .unwrap_or_default();
                if html.contains('<') {
                    let fragment = crate::html::fragment(html, None);
                    lang = lang.or_else(|| fragment.lang.as_deref().and_then(primary_subtag));
                    dir = dir.or(fragment.dir);
                }
            }
            Item {
                key: identity::key(&entry.id, link.as_deref(), feed_url, &title, published),
                title,
                link,
                author: entry
                    .authors
                    .first()
                    .and_then(|person| person.name.as_deref())
                    .map(repair::title)
                    .filter(|name| !name.is_empty()),
                published,
                updated: entry.updated.map(|date| date.timestamp()),
                lang,
                dir,
                summary,
                content,
            }
        })
        .collect::<Vec<_>>();
    if items.is_empty() && feed.title.is_none() {
        warnings.push("the feed has no title and no entries".to_owned());
    }
    Parsed {
        title: feed
            .title
            .map(|t| repair::title(&t.content))
            .filter(|t| !t.is_empty()),
        link: page_link(&feed.links),
        lang: feed_lang,
        dir: feed_dir,
        ttl_minutes: feed.ttl,
        items,
        warnings,
    }
}

#[cfg(test)]
mod tests;
