//! Bytes to clean text: BOMs, UTF-16, lossy UTF-8, line endings, binary detection, NFC.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use crate::text::sanitize::sanitize;

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
    let text = sanitize(&normalize_line_endings(&text));
    Ok(Decoded {
        text: text.nfc().collect(),
        encoding,
        replaced,
    })
}

fn utf8(bytes: &[u8]) -> Result<(String, Encoding, usize), DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // Valid UTF-8 is one chunk; each invalid sequence becomes one U+FFFD, as from_utf8_lossy does.
    let mut replaced = 0;
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += 1;
        }
    }
    Ok((text, Encoding::Utf8, replaced))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, encoding: Encoding) -> (String, Encoding, usize) {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut replaced = usize::from(bytes.len() % 2 == 1);
    let mut text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                replaced += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, encoding, replaced)
}

/// CRLF and lone CR become LF.
fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn decomposed_vietnamese_becomes_nfc() {
        // "Việt" written as NFD: e + U+0323 (dot below) + U+0302 (circumflex).
        assert_eq!(text("Vie\u{323}\u{302}t".as_bytes()), "Vi\u{1EC7}t");
    }
}
