//! What `feed-rs` drops, read from the feed's XML in one pass with `quick-xml` (which never
//! expands a DTD's entities): `xml:lang` and `dir` on the feed and on each entry, and the
//! `dir` and language of an Atom XHTML content's wrapper `div`, which `feed-rs` strips.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::text::Dir;

/// What one entry (an RSS `item`, an Atom `entry`) declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    /// `xml:lang` (or `lang`) on the entry.
    pub lang: Option<String>,
    /// `dir` on the entry.
    pub dir: Option<Dir>,
    /// `xml:lang` or `lang` on an XHTML `content`/`summary` or its wrapper `div`.
    pub content_lang: Option<String>,
    /// `dir` on an XHTML `content`/`summary` or its wrapper `div`.
    pub content_dir: Option<Dir>,
}

/// What the feed declares, and each entry in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// `xml:lang` on the root or the channel.
    pub lang: Option<String>,
    /// `dir` on the root or the channel.
    pub dir: Option<Dir>,
    /// The entries, as `feed-rs` lists them.
    pub entries: Vec<Declared>,
}

/// An attribute's value, by its qualified name, unescaped only as XML predefines.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn lang_of(element: &BytesStart<'_>) -> Option<String> {
    attribute(element, "xml:lang").or_else(|| attribute(element, "lang"))
}

fn dir_of(element: &BytesStart<'_>) -> Option<Dir> {
    match attribute(element, "dir")?.to_ascii_lowercase().as_str() {
        "rtl" => Some(Dir::Rtl),
        "ltr" => Some(Dir::Ltr),
        _ => None,
    }
}

/// Scans `xml` (UTF-8). A document that breaks stops the scan; what was read is kept.
pub fn scan(xml: &str) -> Scan {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut scan = Scan::default();
    let mut depth = 0_usize;
    // Depth of the open entry, of an open XHTML content element, and whether the next element
    // inside that content is its first (the wrapper `div`).
    let mut entry: Option<usize> = None;
    let mut xhtml: Option<usize> = None;
    let mut wrapper_next = false;
    loop {
        let (element, empty) = match reader.read_event() {
            Ok(Event::Start(element)) => (element, false),
            Ok(Event::Empty(element)) => (element, true),
            Ok(Event::End(_)) => {
                depth = depth.saturating_sub(1);
                if xhtml.is_some_and(|d| d >= depth) {
                    xhtml = None;
                    wrapper_next = false;
                }
                if entry.is_some_and(|d| d >= depth) {
                    entry = None;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let name = element.local_name();
        let name = name.as_ref();
        if wrapper_next {
            wrapper_next = false;
            if let Some(last) = scan.entries.last_mut().filter(|_| entry.is_some()) {
                last.content_lang = last.content_lang.take().or_else(|| lang_of(&element));
                last.content_dir = last.content_dir.or_else(|| dir_of(&element));
            }
        } else if entry.is_none() && (name == "item" || name == "entry") {
            scan.entries.push(Declared {
                lang: lang_of(&element),
                dir: dir_of(&element),
                ..Declared::default()
            });
            entry = (!empty).then_some(depth);
        } else if entry.is_none() && (depth == 0 || depth == 1 && name == "channel") {
            // The root (`feed`, `rss`, `rdf:RDF`) or the `channel`.
            scan.lang = scan.lang.take().or_else(|| lang_of(&element));
            scan.dir = scan.dir.or_else(|| dir_of(&element));
        } else if entry.is_some() && xhtml.is_none() && (name == "content" || name == "summary") {
            if let Some(last) = scan.entries.last_mut() {
                last.content_lang = lang_of(&element);
                last.content_dir = dir_of(&element);
            }
            if !empty && attribute(&element, "type").as_deref() == Some("xhtml") {
                xhtml = Some(depth);
                wrapper_next = true;
            }
        }
        if !empty {
            depth += 1;
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_wrapper_direction_and_languages() {
        let xml = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
            <title>T</title>
            <entry><id>1</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml" dir="rtl" xml:lang="ar"><p>نص</p><div dir="ltr">x</div></div></content></entry>
            <entry xml:lang="en" dir="ltr"><id>2</id><summary>s</summary></entry>
            <entry><id>3</id><content type="html" xml:lang="fa">&lt;p&gt;x&lt;/p&gt;</content></entry>
        </feed>"#;
        let scan = scan(xml);
        assert_eq!(scan.lang.as_deref(), Some("vi"));
        assert_eq!(scan.dir, None);
        assert_eq!(scan.entries.len(), 3);
        assert_eq!(scan.entries[0].content_dir, Some(Dir::Rtl));
        assert_eq!(scan.entries[0].content_lang.as_deref(), Some("ar"));
        assert_eq!(scan.entries[0].lang, None);
        assert_eq!(scan.entries[1].lang.as_deref(), Some("en"));
        assert_eq!(scan.entries[1].dir, Some(Dir::Ltr));
        assert_eq!(scan.entries[2].content_lang.as_deref(), Some("fa"));
        assert_eq!(scan.entries[2].content_dir, None);
    }

    #[test]
    fn rss_channel_and_items() {
        let xml = r#"<rss version="2.0"><channel xml:lang="he" dir="rtl"><title>T</title>
            <item><title>a</title></item><item xml:lang="en"><title>b</title><source url="x">S</source></item>
            </channel></rss>"#;
        let scan = scan(xml);
        assert_eq!(scan.lang.as_deref(), Some("he"));
        assert_eq!(scan.dir, Some(Dir::Rtl));
        assert_eq!(scan.entries.len(), 2);
        assert_eq!(scan.entries[1].lang.as_deref(), Some("en"));
    }

    #[test]
    fn a_broken_document_keeps_what_was_read() {
        let scan = scan("<rss><channel><item xml:lang='ar'><title>a</title></item><item><tit");
        assert_eq!(scan.entries.len(), 2);
        assert_eq!(scan.entries[0].lang.as_deref(), Some("ar"));
    }
}
