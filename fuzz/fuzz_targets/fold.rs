//! Fuzzes the fold the search index and filter use: for both strengths, the fold with its
//! map is the fold without; the map has one entry per folded byte, is monotone, stays within
//! the text and on its character boundaries; each folded token maps back to a range of the
//! text; and the index's tokens are those of the folded text.
#![no_main]

use lectern::filter::fold::{Strength, fold_as, fold_with_map};
use lectern::search::tokens::located_tokens;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for strength in [Strength::Full, Strength::Light] {
        let (folded, map) = fold_with_map(text, strength);
        assert_eq!(folded, fold_as(text, strength), "the map changed the fold");
        assert_eq!(map.len(), folded.len(), "one map entry per folded byte");
        let mut previous = 0;
        for &source in &map {
            assert!(source >= previous, "the map goes backwards: {map:?}");
            assert!(source < text.len(), "the map points past the text");
            assert!(text.is_char_boundary(source), "the map splits a character");
            previous = source;
        }
        // Every folded character's bytes come from one place.
        for (at, c) in folded.char_indices() {
            let from = map[at];
            assert!(
                map[at..at + c.len_utf8()].iter().all(|&s| s == from),
                "one folded character from two places"
            );
        }
    }
    for (token, range) in located_tokens(text) {
        assert!(!token.is_empty(), "an empty token");
        assert!(range.start < range.end, "an empty range for {token:?}");
        assert!(range.end <= text.len(), "a range past the text");
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "a range splits a character"
        );
        // What the range covers folds to text that holds the token.
        let source = fold_as(&text[range.clone()], Strength::Full);
        assert!(
            source.contains(token.as_str()),
            "{token:?} is not in the fold of its range {:?} = {source:?}",
            &text[range]
        );
    }
});
