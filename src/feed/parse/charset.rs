//! A feed's bytes to UTF-8 before `feed-rs` sees them: the BOM, then the XML declaration's
//! `encoding`, then the HTTP `Content-Type` charset (which `feed-rs` ignores), else UTF-8.
//! The declaration is rewritten to say UTF-8, since the text no longer is what it named.

use encoding_rs::{Encoding, ISO_8859_8, UTF_8};

/// How far into the feed the XML declaration is looked for.
const DECLARATION_BYTES: usize = 1024;

/// A feed as UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utf8 {
    /// The text, without a BOM, its XML declaration (if any) saying `utf-8`.
    pub text: String,
    /// The encoding it was decoded from, by its WHATWG name.
    pub encoding: &'static str,
    /// What the reader should know ("an unknown encoding label").
    pub warnings: Vec<String>,
}

/// Decodes a feed: BOM, XML declaration, `content_type`'s charset, else UTF-8.
pub fn to_utf8(bytes: &[u8], content_type: Option<&str>) -> Utf8 {
    let mut warnings = Vec::new();
    let (encoding, skip) = Encoding::for_bom(bytes).unwrap_or_else(|| {
        let declared = declared_label(bytes).and_then(|label| {
            let found = Encoding::for_label(label.as_bytes());
            if found.is_none() {
                warnings.push(format!("unknown encoding {label:?} in the XML declaration"));
            }
            found
        });
        let served = content_type.and_then(charset_param).and_then(|label| {
            let found = Encoding::for_label(label.as_bytes());
            if found.is_none() {
                warnings.push(format!("unknown charset {label:?} in Content-Type"));
            }
            found
        });
        (declared.or(served).unwrap_or(UTF_8), 0)
    });
    // UTF-16 declared in a document without a BOM is not UTF-16 (the declaration was readable
    // as ASCII); `output_encoding` makes it, and the `replacement` encoding, UTF-8.
    let encoding = if skip == 0 {
        encoding.output_encoding()
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    if had_errors {
        let replaced = text.matches('\u{FFFD}').count();
        warnings.push(format!(
            "{replaced} invalid {} sequences shown as \u{FFFD}",
            encoding.name()
        ));
    }
    if encoding == ISO_8859_8 {
        warnings.push(
            "ISO-8859-8 is visual-order Hebrew: the feed's Hebrew may read backwards \
             (feeds in logical order declare ISO-8859-8-I, windows-1255 or UTF-8)"
                .to_owned(),
        );
    }
    Utf8 {
        text: with_utf8_declaration(text.into_owned()),
        encoding: encoding.name(),
        warnings,
    }
}

/// The `encoding` of an XML declaration at the start of `bytes`.
fn declared_label(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(DECLARATION_BYTES)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .filter(|&i| head[i..].starts_with(b"<?xml"))?;
    let end = start + find(&head[start..], b"?>")?;
    let declaration = std::str::from_utf8(&head[start..end]).ok()?;
    attribute(declaration, "encoding")
}

/// The value of `name="value"` (or single-quoted) in a declaration or a header.
fn attribute(text: &str, name: &str) -> Option<String> {
    let at = text.find(name)?;
    let rest = text[at + name.len()..].trim_start().strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let value = &value[..value.find(quote)?];
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `text` with its XML declaration (if it has one) replaced by a UTF-8 one, and any later
/// one made a processing instruction nobody reads.
fn with_utf8_declaration(text: String) -> String {
    const UTF8_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    let trimmed = text.trim_start();
    if !trimmed.starts_with("<?xml") {
        return without_later_declarations(&text, 0);
    }
    let offset = text.len() - trimmed.len();
    match trimmed.find("?>") {
        Some(end) => {
            let mut out = String::with_capacity(text.len());
            out.push_str(UTF8_DECLARATION);
            out.push_str(&text[offset + end + 2..]);
            without_later_declarations(&out, UTF8_DECLARATION.len())
        }
        None => text,
    }
}

/// `text` with every XML declaration at or after byte `from` renamed `<?_xml`. A declaration
/// may only come first; a later one naming another encoding made `quick-xml` panic ("called
/// after prefix buffer was drained"), taking `lectern fetch` down (found by fuzzing).
fn without_later_declarations(text: &str, from: usize) -> String {
    let Some(rest) = text.get(from..) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..from]);
    let mut copied = 0;
    for (at, _) in rest.match_indices("<?xml") {
        // `quick-xml` takes `<?xml` followed by white space or the end of the instruction.
        let next = rest.as_bytes().get(at + 5);
        if next.is_none_or(|b| b.is_ascii_whitespace() || *b == b'?') {
            out.push_str(&rest[copied..at]);
            out.push_str("<?_xml");
            copied = at + 5;
        }
    }
    out.push_str(&rest[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_xml_declaration_is_no_declaration() {
        // The fuzzer's case, cut down: a second declaration naming another encoding after
        // the first had been read made `quick-xml` panic.
        let feed = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\">\
            <channel><title>T</title><?xml version=\"1.0\" encoding=\"windows-1251\"?>\
            <item><guid>1</guid><title>A</title></item></channel></rss>";
        let text = to_utf8(feed.as_bytes(), None).text;
        assert_eq!(text.matches("<?xml ").count(), 1, "{text}");
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss"));
        assert!(text.contains("<title>T</title><?_xml version="), "{text}");
        let parsed = crate::feed::parse(feed.as_bytes(), None, "https://x.example/f");
        assert_eq!(parsed.expect("a feed").items.len(), 1);
        // Without a first declaration, every one is late; `<?xml-stylesheet` is left alone.
        let text = to_utf8(b"<rss><?xml?><?xml-stylesheet href=\"s\"?></rss>", None).text;
        assert_eq!(text, "<rss><?_xml?><?xml-stylesheet href=\"s\"?></rss>");
    }

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} in {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn declaration_then_header_then_utf8() {
        let arabic = "<?xml version='1.0' encoding='windows-1256'?><rss><t>خبر</t></rss>";
        let bytes = encode(encoding_rs::WINDOWS_1256, arabic);
        let utf8 = to_utf8(&bytes, Some("text/xml; charset=utf-8"));
        assert_eq!(utf8.encoding, "windows-1256");
        assert!(utf8.text.contains("<t>خبر</t>"), "{}", utf8.text);
        assert!(
            utf8.text
                .starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        );

        let hebrew = encode(encoding_rs::ISO_8859_8_I, "<rss><t>שלום</t></rss>");
        let utf8 = to_utf8(
            &hebrew,
            Some("application/rss+xml; charset=\"ISO-8859-8-I\""),
        );
        assert_eq!(utf8.encoding, "ISO-8859-8-I");
        assert_eq!(utf8.text, "<rss><t>שלום</t></rss>");
        assert!(utf8.warnings.is_empty(), "{:?}", utf8.warnings);

        let plain = to_utf8("<rss>é</rss>".as_bytes(), None);
        assert_eq!(
            (plain.encoding, plain.text.as_str()),
            ("UTF-8", "<rss>é</rss>")
        );
    }

    #[test]
    fn the_bom_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<?xml version='1.0' encoding='iso-8859-1'?><rss>ạ</rss>".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let utf8 = to_utf8(&bytes, Some("text/xml; charset=windows-1252"));
        assert_eq!(utf8.encoding, "UTF-16LE");
        assert!(utf8.text.ends_with("<rss>ạ</rss>"), "{}", utf8.text);
        assert!(!utf8.text.starts_with('\u{FEFF}'));
    }

    #[test]
    fn legacy_encodings() {
        let cases: [(&'static Encoding, &str, &str); 4] = [
            (encoding_rs::ISO_8859_6, "ISO-8859-6", "مرحبا"),
            (encoding_rs::WINDOWS_1258, "windows-1258", "Hà Nội"),
            (encoding_rs::GB18030, "gb18030", "北京新闻"),
            (encoding_rs::SHIFT_JIS, "shift_jis", "東京のニュース"),
        ];
        for (encoding, label, text) in cases {
            let xml = format!("<?xml version=\"1.0\" encoding=\"{label}\"?><rss>{text}</rss>");
            // windows-1258 has `ô` but the dot below only as a combining character, as
            // Vietnamese text in it is written.
            let source = xml.replace("ộ", "ô\u{0323}");
            let utf8 = to_utf8(&encode(encoding, &source), None);
            // windows-1258 keeps Vietnamese tone marks as combining characters: NFC later.
            let got: String =
                unicode_normalization::UnicodeNormalization::nfc(utf8.text.as_str()).collect();
            assert!(
                got.ends_with(&format!("<rss>{text}</rss>")),
                "{label}: {got}"
            );
        }
    }

    #[test]
    fn unknown_labels_and_bad_bytes_warn() {
        let utf8 = to_utf8(
            b"<?xml version='1.0' encoding='x-nope'?><rss>\xFF</rss>",
            None,
        );
        assert_eq!(utf8.encoding, "UTF-8");
        assert!(utf8.warnings.iter().any(|w| w.contains("x-nope")));
        assert!(utf8.warnings.iter().any(|w| w.contains("invalid")));
        assert!(utf8.text.contains('\u{FFFD}'));
    }

    #[test]
    fn charset_parameter() {
        assert_eq!(
            charset_param("text/xml;Charset='GB18030'").as_deref(),
            Some("GB18030")
        );
        assert_eq!(charset_param("text/xml"), None);
    }
}
