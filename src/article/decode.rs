//! Bytes to clean text: BOMs, UTF-16, lossy UTF-8, line endings, binary detection, NFC.

use std::borrow::Cow;

use thiserror::Error;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::sanitize::sanitize_if_needed;

/// Text decoded from a file, ready to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// NFC text with LF line endings, sanitised.
    pub text: String,
    /// Which encoding the bytes were read as.
    pub encoding: Encoding,
    /// How many invalid byte sequences (or unpaired surrogates) became U+FFFD.
    pub replaced: usize,
}

/// The encodings lectern reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 little endian, announced by a BOM.
    Utf16Le,
    /// UTF-16 big endian, announced by a BOM.
    Utf16Be,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// A NUL byte outside UTF-16: the file is not text.
    #[error("binary file (contains NUL bytes)")]
    Binary,
}

/// Decodes a file's bytes into NFC text with LF line endings.
///
/// Memory: every step borrows when it has nothing to change (valid UTF-8 without a BOM, no
/// CR, nothing to sanitise, already NFC, as most files are), and a step that copies drops
/// the text it copied from; the result is the only copy made of such a file.
///
/// # Errors
/// [`DecodeError::Binary`] when the bytes hold a NUL and carry no UTF-16 BOM.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding, replaced) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes, Encoding::Utf16Be)
    } else {
        utf8(bytes)?
    };
    Ok(finish(text, encoding, replaced))
}

/// [`decode`] for bytes the caller gives up: valid UTF-8 without a BOM (most files) becomes
/// the text without a copy, so a large file is never in memory twice.
///
/// # Errors
/// As [`decode`].
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    // A UTF-16 BOM (FF FE or FE FF) is never valid UTF-8, so only the UTF-8 BOM needs a look.
    if bytes.starts_with(b"\xEF\xBB\xBF") || bytes.contains(&0) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(finish(Cow::Owned(text), Encoding::Utf8, 0)),
        Err(invalid) => decode(invalid.as_bytes()),
    }
}

/// Line endings, sanitising and NFC, each copying only when it changes something.
fn finish(text: Cow<'_, str>, encoding: Encoding, replaced: usize) -> Decoded {
    let text = normalize_line_endings(text);
    let sanitized = match sanitize_if_needed(&text) {
        Cow::Owned(sanitized) => Some(sanitized),
        Cow::Borrowed(_) => None,
    };
    let text = sanitized.map_or(text, Cow::Owned);
    let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into_owned()
    } else {
        let mut nfc = String::with_capacity(text.len());
        nfc.extend(text.nfc());
        nfc
    };
    Decoded {
        text,
        encoding,
        replaced,
    }
}

fn utf8(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding, usize), DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), Encoding::Utf8, 0));
    }
    // Each invalid sequence becomes one U+FFFD, as from_utf8_lossy does (3 bytes for 1 to 3).
    let mut replaced = 0;
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += 1;
        }
    }
    Ok((Cow::Owned(text), Encoding::Utf8, replaced))
}

fn utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: Encoding,
) -> (Cow<'static, str>, Encoding, usize) {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut replaced = usize::from(bytes.len() % 2 == 1);
    // One UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    let mut text = String::with_capacity(bytes.len() / 2 * 3 + 3);
    text.extend(char::decode_utf16(units).map(|c| {
        c.unwrap_or_else(|_| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        })
    }));
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (Cow::Owned(text), encoding, replaced)
}

/// CRLF and lone CR become LF, in one pass; borrows when there is no CR.
fn normalize_line_endings(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let inputs: [&[u8]; 7] = [
            "Đà Nẵng\r\nmưa".as_bytes(),
            b"\xEF\xBB\xBFwith a BOM",
            b"\xFF\xFEa\x00b\x00",
            b"bad \xC3 byte",
            b"nul\x00byte",
            "e\u{301} to compose".as_bytes(),
            b"\x1b[2Jclear",
        ];
        for input in inputs {
            assert_eq!(decode_owned(input.to_vec()), decode(input), "{input:?}");
        }
    }

    fn text(bytes: &[u8]) -> String {
        decode(bytes).unwrap().text
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let decoded = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(decoded.text, "hello");
        assert_eq!(decoded.encoding, Encoding::Utf8);
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        // "Việt" = V i U+1EC7 t, written out by hand in both byte orders.
        let le = b"\xFF\xFEV\0i\0\xC7\x1Et\0";
        let be = b"\xFE\xFF\0V\0i\x1E\xC7\0t";
        assert_eq!(text(le), "Việt");
        assert_eq!(text(be), "Việt");
        assert_eq!(decode(be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn utf16_unpaired_surrogate_and_odd_length_are_replaced() {
        let decoded = decode(b"\xFF\xFEa\0\x00\xD8b\0c").unwrap();
        assert_eq!(decoded.text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(decoded.replaced, 2);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let decoded = decode(b"caf\xE9 au lait \xFF\xFE!").unwrap();
        // One U+FFFD per maximal invalid subpart, as String::from_utf8_lossy does.
        assert_eq!(decoded.text, "caf\u{FFFD} au lait \u{FFFD}\u{FFFD}!");
        assert_eq!(decoded.replaced, 3);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\0\0"), Err(DecodeError::Binary));
        assert_eq!(decode(b"\xEF\xBB\xBFa\0b"), Err(DecodeError::Binary));
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(text(b"a\r\nb\rc\n\r\nd"), "a\nb\nc\n\nd");
    }

    #[test]
    fn every_step_at_once() {
        // A BOM, CRLF, a lone CR, an escape sequence, a tab and NFD in one file; expected by
        // hand from the rules: BOM gone, both CRs LF, CSI removed, tab to column 4, NFC.
        let bytes = "\u{feff}Vie\u{323}\u{302}t\r\n\x1b[2Ja\tb\rc".as_bytes();
        assert_eq!(text(bytes), "Vi\u{1EC7}t\na   b\nc");
        // Already clean: the same text back.
        assert_eq!(
            text("Việt Nam عربي 中文\n".as_bytes()),
            "Việt Nam عربي 中文\n"
        );
    }

    #[test]
    fn decomposed_vietnamese_becomes_nfc() {
        // "Việt" written as NFD: e + U+0323 (dot below) + U+0302 (circumflex).
        assert_eq!(text("Vie\u{323}\u{302}t".as_bytes()), "Vi\u{1EC7}t");
    }
}
