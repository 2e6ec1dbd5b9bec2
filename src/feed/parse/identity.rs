//! An entry's stable identity: the same entry gets the same key on every parse, so a refresh
//! never duplicates an article and an updated entry updates it in place.
//!
//! `feed-rs` gives an entry with neither id nor link a random UUID on every parse; lectern
//! builds its parser with [`no_generated_id`], so such an entry keeps an empty id, and
//! [`key`] falls back to a hash of what the entry says.

use xxhash_rust::xxh3::xxh3_128;

/// An id generator for `feed_rs::parser::Builder::id_generator` that generates none: a
/// missing id stays empty, for [`key`] to fill.
#[allow(clippy::ref_option)] // The signature `feed-rs` asks for.
pub fn no_generated_id(
    _links: &[feed_rs::model::Link],
    _title: &Option<feed_rs::model::Text>,
    _uri: Option<&str>,
) -> String {
    String::new()
}

/// The key of an entry: its guid or id if the feed gave one, else its link, else
/// `hash:` and the xxh3-128 (hex) of the feed's URL, the title and the date.
pub fn key(id: &str, link: Option<&str>, feed_url: &str, title: &str, date: Option<i64>) -> String {
    let id = id.trim();
    if !id.is_empty() {
        return id.to_owned();
    }
    if let Some(link) = link.map(str::trim).filter(|l| !l.is_empty()) {
        return link.to_owned();
    }
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    // NUL between the parts: none of them can hold one, so no two triples join the same.
    let joined = format!("{feed_url}\0{title}\0{date}");
    format!("hash:{:032x}", xxh3_128(joined.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_then_link_then_hash() {
        assert_eq!(key(" urn:1 ", Some("https://l"), "f", "t", None), "urn:1");
        assert_eq!(key("", Some("https://l"), "f", "t", None), "https://l");
        let hashed = key("", None, "https://f", "Title", Some(7));
        assert!(
            hashed.starts_with("hash:") && hashed.len() == 5 + 32,
            "{hashed}"
        );
        assert_eq!(hashed, key("", Some(" "), "https://f", "Title", Some(7)));
        assert_ne!(hashed, key("", None, "https://f", "Title", Some(8)));
        assert_ne!(hashed, key("", None, "https://g", "Title", Some(7)));
        assert_ne!(hashed, key("", None, "https://f", "Title 2", Some(7)));
    }
}
