//! Fuzzes the decoder: any bytes give either `Binary` (only for a NUL outside
//! UTF-16) or NFC text with LF line endings in which nothing forbidden survives
//! but newlines and bidi controls; decoding that text again changes nothing.
#![no_main]

use lectern::article::{DecodeError, decode};
use lectern::text::{is_bidi_control, is_forbidden};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::is_nfc;

fuzz_target!(|data: &[u8]| {
    let utf16 = data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF");
    let decoded = match decode(data) {
        Ok(decoded) => decoded,
        Err(DecodeError::Binary) => {
            assert!(!utf16 && data.contains(&0), "binary without a NUL");
            return;
        }
    };
    assert!(utf16 || !data.contains(&0), "a NUL passed as text");
    let text = &decoded.text;
    assert!(is_nfc(text), "not NFC: {text:?}");
    for c in text.chars() {
        assert!(!is_forbidden(c) || c == '\n' || is_bidi_control(c), "{c:?} survived");
    }
    if decoded.replaced == 0 && !utf16 && !data.starts_with(b"\xEF\xBB\xBF") {
        assert!(std::str::from_utf8(data).is_ok(), "invalid UTF-8 not counted");
    }
    // The decoded text, saved as UTF-8, reads back the same (a re-saved article keeps its text).
    if !text.starts_with('\u{FEFF}') {
        let again = decode(text.as_bytes()).map(|d| d.text);
        assert_eq!(again.as_ref(), Ok(text), "decoding is not stable");
    }
});
