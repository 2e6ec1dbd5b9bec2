//! Shared by the loading tests: text encoded as UTF-16 with its byte order mark, as some
//! editors save it.

/// `text` as UTF-16, big- or little-endian, after the matching byte order mark.
pub fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}
