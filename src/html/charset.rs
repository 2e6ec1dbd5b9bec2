//! Bytes of a web page to text: the BOM, then the page's own `<meta charset>` or
//! `http-equiv` declaration, then the HTTP `Content-Type` it was served with, then UTF-8 when
//! the bytes are (mostly) UTF-8, else a guess by `chardetng`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_8859_8, UTF_8};

/// How far into the page the declaration is looked for: the standard's prescan reads 1024 bytes.
const PRESCAN_BYTES: usize = 1024;

/// How much of an undeclared page `chardetng` reads: enough words for a confident guess, and
/// a bound on the time a 50 MB page takes.
const DETECT_BYTES: usize = 64 * 1024;

/// A page's text and what decoding it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (not yet NFC: the article path normalises it).
    pub text: String,
    /// Invalid sequences that became U+FFFD.
    pub replaced: usize,
    /// The encoding used, by its WHATWG name.
    pub encoding: &'static str,
    /// What the reader should know about the text ("visual-order Hebrew").
    pub warning: Option<String>,
}

/// The page's text, and how many invalid sequences became U+FFFD.
pub fn decode(bytes: &[u8]) -> (String, usize) {
    decode_served(bytes, None)
}

/// [`decode`] for a page served with this `Content-Type` header, whose `charset` parameter is
/// used when the page itself declares nothing.
pub fn decode_served(bytes: &[u8], content_type: Option<&str>) -> (String, usize) {
    let decoded = decode_page(bytes, content_type, None);
    (decoded.text, decoded.replaced)
}

/// Decodes a page: BOM, the page's declaration, `content_type`'s charset, then UTF-8 or a
/// guess. The guess uses the top-level domain of `url` when known (a `.jp` page is more likely
/// `Shift_JIS` than a `.ru` one), as `chardetng` is designed to.
pub fn decode_page(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> Decoded {
    let (encoding, skip) = Encoding::for_bom(bytes).unwrap_or_else(|| {
        let served = content_type
            .map(str::to_ascii_lowercase)
            .and_then(|t| label_in(t.as_bytes()).and_then(Encoding::for_label));
        let chosen = declared(bytes)
            .or(served)
            .unwrap_or_else(|| undeclared(bytes, url));
        (chosen, 0)
    });
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    // ISO-8859-8 proper stores Hebrew in display order; browsers show it as stored, without the
    // bidi algorithm. lectern runs the bidi algorithm on every paragraph, so such text would be
    // reversed a second time: it is decoded as is and the reader is told.
    let warning = (encoding == ISO_8859_8).then(|| {
        "ISO-8859-8 is visual-order Hebrew: the page's Hebrew may read backwards \
         (pages in logical order declare ISO-8859-8-I, windows-1255 or UTF-8)"
            .to_owned()
    });
    Decoded {
        text: text.into_owned(),
        replaced,
        encoding: encoding.name(),
        warning,
    }
}

/// The encoding of a page that declares none. UTF-8 when the bytes are UTF-8, or mostly so (a
/// few bad bytes in a UTF-8 page, no more than its good multi-byte characters, become U+FFFD rather than turning every accented letter into
/// mojibake); else `chardetng`'s guess over the first [`DETECT_BYTES`].
fn undeclared(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    let (valid, invalid) = utf8_counts(head);
    if valid >= invalid {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(head, head.len() == bytes.len());
    let tld = url.and_then(top_level_domain);
    detector.guess(tld.as_deref().map(str::as_bytes), Utf8Detection::Deny)
}

/// Multi-byte UTF-8 characters and invalid sequences in `bytes` (a sequence cut by the end of
/// `bytes` is not counted as invalid).
fn utf8_counts(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                return (
                    valid + text.chars().filter(|c| !c.is_ascii()).count(),
                    invalid,
                );
            }
            Err(error) => {
                let (good, rest) = bytes.split_at(error.valid_up_to());
                valid += String::from_utf8_lossy(good)
                    .chars()
                    .filter(|c| !c.is_ascii())
                    .count();
                let Some(len) = error.error_len() else {
                    return (valid, invalid);
                };
                invalid += 1;
                bytes = &rest[len..];
            }
        }
    }
}

/// The last label of a URL's host, lower case: `jp` for `https://www.example.co.jp/a`.
fn top_level_domain(url: &str) -> Option<String> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    let tld = host.trim_end_matches('.').rsplit('.').next()?;
    (!tld.is_empty() && host.contains('.') && tld.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| tld.to_ascii_lowercase())
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
mod tests;
