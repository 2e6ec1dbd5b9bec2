//! OPML: subscriptions in and out. Import reads OPML 1 and 2 with `quick-xml` (which never
//! expands a DTD's entities): every outline with an `xmlUrl` is a feed, its `title` (else
//! `text`) its name, the outlines it sits in and its `category` attribute its tags. Export
//! writes OPML 2.0 with the same attributes, XML-escaped.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Subscription;

/// What an OPML file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The feeds, once each, in the file's order.
    pub feeds: Vec<Subscription>,
    /// Outlines skipped, and why (a `file:` address).
    pub warnings: Vec<String>,
}

/// An attribute's value with XML's own escapes resolved; as written when it has others.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let found = element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)?;
    let value = found
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_or_else(|_| found.value.to_string(), |v| v.to_string());
    // Control characters (a NUL, an ESC) are no part of a name or an address: dropped, so
    // that feeds.toml never holds them and an export reads back the same (found by fuzzing).
    let value: String = value
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(value)
}

/// Tags from a `category` attribute: comma-separated, a leading `/` path split too.
fn categories(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split([',', '/'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Reads an OPML document.
///
/// # Errors
/// It is not XML, or has no `opml` root.
pub fn import(text: &str) -> anyhow::Result<Imported> {
    let mut reader = Reader::from_str(text);
    let mut imported = Imported::default();
    // The names of the open category outlines (`None` for an open feed outline).
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut root = false;
    loop {
        let (element, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == "outline" {
                    folders.pop();
                }
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(error) => anyhow::bail!("not valid OPML: {error}"),
        };
        let name = element.local_name();
        if name.as_ref() == "opml" {
            root = true;
        }
        if name.as_ref() != "outline" {
            continue;
        }
        let label = attribute(&element, "title").or_else(|| attribute(&element, "text"));
        let Some(url) = attribute(&element, "xmlUrl") else {
            if !empty {
                folders.push(label);
            }
            continue;
        };
        if !empty {
            folders.push(None);
        }
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            imported
                .warnings
                .push(format!("skipped, not an http(s) address: {url}"));
            continue;
        }
        if imported.feeds.iter().any(|f| f.url == url) {
            continue;
        }
        // A folder name is split as a category is (`Asia/East`, `World, Asia`), so that
        // no tag holds a separator the export's `category` would split on the way back.
        let mut tags: Vec<String> = folders
            .iter()
            .flatten()
            .flat_map(|f| categories(f))
            .collect();
        if let Some(category) = attribute(&element, "category") {
            tags.extend(categories(&category));
        }
        let mut unique = Vec::new();
        for tag in tags {
            if !unique.contains(&tag) {
                unique.push(tag);
            }
        }
        imported.feeds.push(Subscription {
            url,
            title: label,
            tags: unique,
            ..Subscription::default()
        });
    }
    anyhow::ensure!(root, "not OPML: no <opml> element");
    Ok(imported)
}

/// The tags of `feeds` that an export cannot keep whole, with their feed: a `category` is
/// split at `,` and `/`, so a tag written with one in feeds.toml comes back as several.
pub fn split_tags(feeds: &[Subscription]) -> Vec<(&str, &str)> {
    (feeds.iter())
        .flat_map(|feed| {
            feed.tags
                .iter()
                .map(move |tag| (feed.url.as_str(), tag.as_str()))
        })
        .filter(|(_, tag)| tag.contains([',', '/']))
        .collect()
}

/// `text` escaped for an XML attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `feeds` as an OPML 2.0 document; `site` gives a feed's web page when known.
pub fn export(feeds: &[Subscription], site: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>lectern subscriptions</title>\n  </head>\n  <body>\n",
    );
    for feed in feeds {
        let title = escape(feed.title.as_deref().unwrap_or(&feed.url));
        out.push_str("    <outline type=\"rss\" text=\"");
        out.push_str(&title);
        out.push_str("\" title=\"");
        out.push_str(&title);
        out.push_str("\" xmlUrl=\"");
        out.push_str(&escape(&feed.url));
        out.push('"');
        if let Some(page) = site(&feed.url) {
            out.push_str(" htmlUrl=\"");
            out.push_str(&escape(&page));
            out.push('"');
        }
        if !feed.tags.is_empty() {
            out.push_str(" category=\"");
            out.push_str(&escape(&feed.tags.join(",")));
            out.push('"');
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests;
