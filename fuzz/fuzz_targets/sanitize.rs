//! Fuzzes the sanitiser: idempotent, and nothing forbidden survives but
//! newlines and bidi controls.
#![no_main]

use lectern::text::{is_bidi_control, is_forbidden, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = sanitize(&text);
    assert_eq!(sanitize(&once), once, "not idempotent");
    for c in once.chars() {
        assert!(!is_forbidden(c) || c == '\n' || is_bidi_control(c), "{c:?} survived");
    }
});
