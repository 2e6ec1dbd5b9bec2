//! A cheap exact test run ahead of frizbee: can a needle possibly match a key?
//!
//! With typos off frizbee matches a needle only where its characters occur in the key in
//! order (its own prefilter demands it), so the needle's bytes are then a subsequence of
//! the key's bytes. The converse does not hold (a byte subsequence may split characters),
//! so this only ever rejects: frizbee stays the judge of what matches and how well.
//!
//! Scoring a match costs several times more than rejecting a row. For a query of several
//! terms, checking every term this way before scoring any of them saves the scoring of
//! rows that one of the later terms rejects (a third of the rows "nang" matches in the
//! filter bench miss "da").

/// Whether the bytes of `needle` occur in `key` in order (not necessarily adjacent).
pub(super) fn is_subsequence(needle: &[u8], key: &[u8]) -> bool {
    let mut rest = key;
    for &byte in needle {
        match memchr::memchr(byte, rest) {
            Some(at) => rest = rest.get(at + 1..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::filter::matcher_config;

    #[test]
    fn finds_bytes_in_order_only() {
        assert!(is_subsequence(b"kt", b"kinh te"));
        assert!(is_subsequence(b"", b"kinh te"));
        assert!(is_subsequence(b"kinh te", b"kinh te"));
        assert!(!is_subsequence(b"tk", b"kinh te"));
        assert!(!is_subsequence(b"kk", b"kinh te"));
        assert!(!is_subsequence(b"k", b""));
        // "ệ" is E1 BB 87: found inside "việt", not after "t".
        assert!(is_subsequence("ệ".as_bytes(), "việt".as_bytes()));
        assert!(!is_subsequence("tệ".as_bytes(), "việt".as_bytes()));
    }

    /// Characters the keys and needles are drawn from: Latin letters, Vietnamese letters
    /// sharing lead bytes (ệ ế ề ặ ạ), Arabic letters sharing lead bytes (ا ب ط ل ن),
    /// a digit and a space.
    const CHARS: &[char] = &[
        'a', 'e', 'i', 'k', 'n', 't', 'h', 'đ', 'ệ', 'ế', 'ề', 'ặ', 'ạ', 'ا', 'ب', 'ط', 'ل', 'ن',
        '2', ' ',
    ];

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(CHARS), 0..max)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The prefilter never rejects a key frizbee matches (the oracle is frizbee
        /// itself, with the filter's settings).
        #[test]
        fn never_rejects_what_frizbee_matches(needle in text(4), key in text(24)) {
            prop_assume!(!needle.is_empty());
            let mut matcher = frizbee::Matcher::new(needle.as_str(), &matcher_config());
            if matcher.match_one(key.as_str(), 0).is_some() {
                prop_assert!(is_subsequence(needle.as_bytes(), key.as_bytes()));
            }
        }

        /// The same with needles taken from the key's own characters (so that frizbee
        /// matches often), some of them then swapped for others.
        #[test]
        fn never_rejects_needles_drawn_from_the_key(
            key in text(24),
            picks in prop::collection::vec((any::<bool>(), prop::option::weighted(0.1, prop::sample::select(CHARS))), 24),
        ) {
            let needle: String = (key.chars().zip(&picks))
                .filter(|(_, (keep, _))| *keep)
                .map(|(c, (_, swap))| swap.unwrap_or(c))
                .collect();
            prop_assume!(!needle.is_empty());
            let mut matcher = frizbee::Matcher::new(needle.as_str(), &matcher_config());
            if matcher.match_one(key.as_str(), 0).is_some() {
                prop_assert!(is_subsequence(needle.as_bytes(), key.as_bytes()));
            }
        }
    }
}
