//! Repairs for what publishers get wrong: a bare `&` (retried once, escaped), HTML entities
//! and tags in plain titles, titles over several lines.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::sanitize_line;

/// Longest entity name an `&` may start and still be a reference (HTML's longest is 31).
const MAX_ENTITY_NAME: usize = 40;

/// Titles longer than this many graphemes are cut, with an ellipsis.
const MAX_TITLE_GRAPHEMES: usize = 500;

/// `xml` with every `&` that starts no reference (`&name;`, `&#10;`, `&#x1F;`) written as
/// `&amp;`, outside CDATA sections and comments; `None` when there is none.
pub fn escape_bare_ampersands(xml: &str) -> Option<String> {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut changed = false;
    let mut rest = xml;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            // Sections whose `&` is literal text are copied whole.
            let skip = [("<![CDATA[", "]]>"), ("<!--", "-->")]
                .iter()
                .find(|(open, _)| rest.starts_with(open))
                .map_or(1, |(open, close)| {
                    rest[open.len()..]
                        .find(close)
                        .map_or(rest.len(), |end| open.len() + end + close.len())
                });
            out.push_str(&rest[..skip]);
            rest = &rest[skip..];
        } else {
            if starts_reference(&rest[1..]) {
                out.push('&');
            } else {
                out.push_str("&amp;");
                changed = true;
            }
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `xml` up to the end of its last complete entry (`</item>` or `</entry>`), if it has one,
/// with the elements still open there closed: what is left of a feed that breaks after it.
pub fn before_break(xml: &str) -> Option<String> {
    let end = ["</item>", "</entry>"]
        .iter()
        .filter_map(|close| xml.rfind(close).map(|at| at + close.len()))
        .max()?;
    let kept = &xml[..end];
    let mut open: Vec<String> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(kept);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(element)) => {
                open.push(element.name().as_ref().to_owned());
            }
            Ok(quick_xml::events::Event::End(_)) => {
                open.pop();
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    let mut repaired = kept.to_owned();
    for name in open.iter().rev() {
        repaired.push_str("</");
        repaired.push_str(name);
        repaired.push('>');
    }
    Some(repaired)
}

/// Whether `after` (what follows an `&`) is the rest of a reference.
fn starts_reference(after: &str) -> bool {
    after
        .char_indices()
        .take(MAX_ENTITY_NAME + 2)
        .find(|&(_, c)| c == ';')
        .is_some_and(|(end, _)| is_reference(&after[..end]))
}

/// Whether `name` (between `&` and `;`) names an entity or a character.
fn is_reference(name: &str) -> bool {
    if let Some(number) = name.strip_prefix('#') {
        return match number.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        };
    }
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

/// A title as lectern shows it: HTML entities decoded and tags dropped (feeds put both in
/// plain titles), one line, whitespace collapsed, sanitised, NFC, at most
/// [`MAX_TITLE_GRAPHEMES`].
pub fn title(raw: &str) -> String {
    let text = if raw.contains(['&', '<']) {
        // Entities the XML parser left as written (`&eacute;` is no XML entity) and escaped
        // markup: HTML's own parser knows every HTML entity and never expands a DTD's.
        let document = dom_query::Document::from(format!("<p>{raw}</p>").as_str());
        document.select("body").text().to_string()
    } else {
        raw.to_owned()
    };
    let line = sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    let line: String = line.nfc().collect();
    match line.grapheme_indices(true).nth(MAX_TITLE_GRAPHEMES) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_ampersands_are_escaped() {
        assert_eq!(
            escape_bare_ampersands("<t>Tom & Jerry &amp; AT&T &#38; &#x26; &eacute;</t>")
                .as_deref(),
            Some("<t>Tom &amp; Jerry &amp; AT&amp;T &#38; &#x26; &eacute;</t>")
        );
        assert_eq!(escape_bare_ampersands("<t>&amp; &lt;</t>"), None);
        assert_eq!(
            escape_bare_ampersands("<t><![CDATA[a & b]]> & <!-- c & d --></t>").as_deref(),
            Some("<t><![CDATA[a & b]]> &amp; <!-- c & d --></t>")
        );
        assert_eq!(
            escape_bare_ampersands("a &;b &#;c &#xZ; d&").as_deref(),
            Some("a &amp;;b &amp;#;c &amp;#xZ; d&amp;")
        );
    }

    #[test]
    fn a_broken_feed_is_cut_after_its_last_entry() {
        assert_eq!(
            before_break("<rss><channel><item>a</item><item>b</it").as_deref(),
            Some("<rss><channel><item>a</item></channel></rss>")
        );
        assert_eq!(before_break("<rss><channel><tit"), None);
    }

    #[test]
    fn titles_are_one_clean_line() {
        assert_eq!(title("Caf&eacute; &amp; <b>bar</b>"), "Café & bar");
        assert_eq!(title("  two\n lines\t here "), "two lines here");
        assert_eq!(title("Vie\u{0323}\u{0302}t"), "Việt");
        assert_eq!(title("a\u{202E}b\u{1b}[31m c"), "ab c");
        assert_eq!(title("&unknown; stays"), "&unknown; stays");
        let long = title(&"ab ".repeat(400));
        assert!(long.ends_with('…') && long.graphemes(true).count() <= 501);
    }
}
