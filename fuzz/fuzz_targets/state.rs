//! Fuzzes the state-file parser: any bytes give a state or a one-line reason,
//! never a panic; a state this build would save parses back to the same state,
//! and saving it again writes the same bytes.
#![no_main]

use lectern::store::parse_state;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let summary = match parse_state(data) {
        Ok(summary) => summary,
        Err(reason) => {
            assert!(!reason.is_empty());
            return;
        }
    };
    let Some(resaved) = &summary.resaved else {
        assert!(summary.version > 1, "only a newer format is never saved");
        return;
    };
    let again = parse_state(resaved).expect("what a save writes parses");
    assert_eq!(again.bookmarks, summary.bookmarks);
    assert_eq!(again.read, summary.read);
    assert_eq!(again.resaved.as_ref(), Some(resaved), "a second save differs");
});
