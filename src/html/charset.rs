//! Bytes of a web page to text: the BOM, then the page's own `<meta charset>` or
//! `http-equiv` declaration, then the HTTP `Content-Type` it was served with, then UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page the declaration is looked for: the standard's prescan reads 1024 bytes.
const PRESCAN_BYTES: usize = 1024;

/// The page's text, and how many invalid sequences became U+FFFD.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    decode_served(bytes, None)
}

/// [`decode`] for a page served with this `Content-Type` header, whose `charset` parameter is
/// used when the page itself declares nothing.
pub fn decode_served(bytes: &[u8], content_type: Option<&str>) -> (String, usize) {
    let (encoding, skip) = Encoding::for_bom(bytes).unwrap_or_else(|| {
        let served = content_type
            .map(str::to_ascii_lowercase)
            .and_then(|t| label_in(t.as_bytes()).and_then(Encoding::for_label));
        (declared(bytes).or(served).unwrap_or(UTF_8), 0)
    });
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    (text.into_owned(), replaced)
}

/// The encoding a `<meta>` in the first bytes declares.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let head = head.to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        rest = &rest[start + 5..];
        let end = find(rest, b">").unwrap_or(rest.len());
        if let Some(label) = label_in(&rest[..end]) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16 (the standard reads UTF-8).
            if let Some(found) = Encoding::for_label(label) {
                return Some(
                    if found == encoding_rs::UTF_16LE || found == encoding_rs::UTF_16BE {
                        UTF_8
                    } else {
                        found
                    },
                );
            }
        }
        rest = &rest[end..];
    }
    None
}

/// The value after `charset=` inside one tag, without quotes.
fn label_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")? + b"charset".len();
    let value = tag[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
        .unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1256_reads_arabic() {
        // 0xC7 0xE1 0xD3 0xE1 0xC7 0xE3 is "السلام" in windows-1256 (checked in its code table).
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body>".to_vec();
        page.extend_from_slice(b"\xC7\xE1\xD3\xE1\xC7\xE3</body></html>");
        let (text, replaced) = decode(&page);
        assert!(text.contains("السلام"), "{text}");
        assert_eq!(replaced, 0);
    }

    #[test]
    fn http_equiv_windows_1258() {
        // 0xD0 is Đ in windows-1258.
        let page =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>\xD0a";
        assert!(decode(page).0.ends_with("Đa"));
    }

    #[test]
    fn bom_wins_over_the_declaration() {
        let page = b"\xEF\xBB\xBF<meta charset=windows-1256>\xC3\xA9";
        assert!(decode(page).0.ends_with('é'));
    }

    #[test]
    fn content_type_is_used_when_the_page_declares_nothing() {
        let served = Some("text/html; charset=windows-1256");
        assert!(
            decode_served(b"<p>\xC7\xE1</p>", served)
                .0
                .contains("\u{627}\u{644}")
        );
        // The page's own declaration comes first.
        let page = b"<meta charset=windows-1258><p>\xD0</p>";
        assert!(decode_served(page, served).0.contains('Đ'));
    }

    #[test]
    fn no_declaration_is_utf8_and_counts_bad_bytes() {
        let (text, replaced) = decode(b"<p>caf\xC3\xA9 \xFF</p>");
        assert!(text.contains("café"));
        assert_eq!(replaced, 1);
    }
}
