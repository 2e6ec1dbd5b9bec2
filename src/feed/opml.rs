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
        let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
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
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let feeds = vec![
            Subscription {
                url: "https://a.example/rss?x=1&y=2".to_owned(),
                title: Some("الجزيرة \"نت\" <A&B>".to_owned()),
                tags: vec!["world".to_owned(), "ar".to_owned()],
                ..Subscription::default()
            },
            Subscription {
                url: "https://b.example/atom".to_owned(),
                ..Subscription::default()
            },
        ];
        let text = export(&feeds, &|url| {
            url.contains("b.example")
                .then(|| "https://b.example/".to_owned())
        });
        assert!(text.contains("htmlUrl=\"https://b.example/\""), "{text}");
        let back = import(&text).unwrap();
        assert!(back.warnings.is_empty());
        assert_eq!(back.feeds[0], feeds[0]);
        assert_eq!(back.feeds[1].url, feeds[1].url);
        assert_eq!(
            back.feeds[1].title.as_deref(),
            Some("https://b.example/atom")
        );
    }

    #[test]
    fn newsboat_and_feedly_exports() {
        let newsboat = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>newsboat - Exported Feeds</title></head><body>
<outline type="rss" xmlUrl="https://vnexpress.net/rss/tin-moi-nhat.rss" htmlUrl="https://vnexpress.net" title="VnExpress &amp; b&#224;i"/>
<outline type="rss" xmlUrl="https://www.bbc.co.uk/persian/index.xml" htmlUrl="" title="BBC فارسی"/>
</body></opml>"#;
        let got = import(newsboat).unwrap();
        let names: Vec<_> = got
            .feeds
            .iter()
            .map(|f| f.title.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(names, ["VnExpress & bài", "BBC فارسی"]);
        assert!(got.feeds.iter().all(|f| f.tags.is_empty()));

        let feedly = r#"<opml version="2.0"><body>
<outline text="World" title="World">
  <outline type="rss" text="Haaretz" xmlUrl="https://www.haaretz.co.il/srv/rss" category="/news"/>
  <outline text="Asia"><outline type="rss" text="新华网" xmlUrl="http://www.xinhuanet.com/rss"/></outline>
</outline>
<outline type="rss" text="Loose" xmlUrl="https://loose.example/feed"/>
</body></opml>"#;
        let got = import(feedly).unwrap();
        let tags: Vec<(&str, Vec<&str>)> = got
            .feeds
            .iter()
            .map(|f| {
                (
                    f.title.as_deref().unwrap_or(""),
                    f.tags.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            tags,
            [
                ("Haaretz", vec!["World", "news"]),
                ("新华网", vec!["World", "Asia"]),
                ("Loose", vec![])
            ]
        );
    }

    #[test]
    fn hostile_opml() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<opml version="2.0"><body>
<outline text="&c;" xmlUrl="https://a.example/rss"/>
<outline text="dup" xmlUrl="https://a.example/rss"/>
<outline text="local" xmlUrl="file:///etc/passwd"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
</body></opml>"#;
        let got = import(bomb).unwrap();
        assert_eq!(got.feeds.len(), 1);
        assert_eq!(got.feeds[0].title.as_deref(), Some("&c;"));
        assert_eq!(got.warnings.len(), 2, "{:?}", got.warnings);
        assert!(got.warnings[0].contains("file:///etc/passwd"));
        assert!(
            import("<html><body/></html>")
                .unwrap_err()
                .to_string()
                .contains("not OPML")
        );
        assert!(import("<opml><body><outline").is_err());
    }

    #[test]
    fn control_characters_are_dropped_and_an_export_reads_back_the_same() {
        // The fuzzer's case: raw C0 controls (and a NUL) inside a title were kept, and the
        // export of what was imported imported as something else.
        let opml = "<opml version=\"2.0\"><body><outline type=\"rss\" \
            xmlUrl=\"https://x.example/f\" title=\"Tin \u{2}\0\0\u{1b}]0;t\u{7}\tất\" \
            category=\"a\u{1b},b\"/></body></opml>";
        let got = import(opml).unwrap();
        assert_eq!(got.feeds[0].title.as_deref(), Some("Tin ]0;t ất"));
        assert_eq!(got.feeds[0].tags, ["a", "b"]);
        let again = import(&export(&got.feeds, &|_| None)).unwrap();
        assert_eq!(again.feeds, got.feeds);
        // The fuzzer's own input (`fuzz/regressions/opml`).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/opml");
        for file in std::fs::read_dir(&dir).expect("the regressions folder") {
            let bytes = std::fs::read(file.expect("an entry").path()).expect("a regression");
            let got = import(&String::from_utf8_lossy(&bytes)).unwrap();
            let again = import(&export(&got.feeds, &|_| None)).unwrap();
            assert_eq!(again.feeds, got.feeds);
        }
    }
}
