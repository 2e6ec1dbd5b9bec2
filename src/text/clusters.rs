//! Grapheme cluster boundaries, with a fast path for common letters.
//!
//! A "simple" character (printable ASCII, most Latin, Greek and Cyrillic
//! letters, Vietnamese, Arabic and Hebrew letters and digits, common
//! punctuation, kana and CJK ideographs) has `Grapheme_Cluster_Break` Other and
//! nothing later rules look back at (it is no regional indicator, emoji,
//! prepended mark or Indic consonant). Between two of them there is always a
//! boundary, and segmentation can start afresh after one. So runs of simple
//! characters are emitted one by one, and the segmenter runs only over the
//! stretches around other characters. `tests` checks every simple character
//! against unicode-segmentation.

use unicode_segmentation::UnicodeSegmentation;

/// Whether `c` is simple in the sense of the module docs.
fn is_simple(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\u{A0}'..='\u{A8}'
            | '\u{AA}'..='\u{AC}'
            | '\u{AF}'..='\u{2FF}'
            | '\u{370}'..='\u{482}'
            | '\u{48A}'..='\u{52F}'
            | '\u{5D0}'..='\u{5EA}'
            | '\u{60C}'
            | '\u{61B}'
            | '\u{61F}'..='\u{64A}'
            | '\u{660}'..='\u{66F}'
            | '\u{671}'..='\u{6D3}'
            | '\u{6F0}'..='\u{6F9}'
            | '\u{1E00}'..='\u{1EFF}'
            | '\u{2010}'..='\u{2027}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30A1}'..='\u{30FA}'
            | '\u{4E00}'..='\u{9FFF}'
    )
}

/// Calls `each` with the byte offset and text of every extended grapheme
/// cluster of `text`, in order: the same clusters as
/// `text.grapheme_indices(true)`.
pub(crate) fn for_each_cluster(text: &str, mut each: impl FnMut(usize, &str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        if is_simple(c) && next.is_none_or(is_simple) {
            each(at, &text[at..at + c.len_utf8()]);
            continue;
        }
        // Segment from this boundary until a cluster that ends in a simple
        // character followed by another (or the end).
        let mut end = at;
        for (offset, cluster) in text[at..].grapheme_indices(true) {
            each(at + offset, cluster);
            end = at + offset + cluster.len();
            let ends_simple = cluster.chars().next_back().is_some_and(is_simple);
            if ends_simple && text[end..].chars().next().is_none_or(is_simple) {
                break;
            }
        }
        while chars.next_if(|&(next_at, _)| next_at < end).is_some() {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn clusters(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each_cluster(text, |at, cluster| out.push((at, cluster.to_owned())));
        out
    }

    fn reference(text: &str) -> Vec<(usize, String)> {
        text.grapheme_indices(true)
            .map(|(at, g)| (at, g.to_owned()))
            .collect()
    }

    /// One of each kind of neighbour the segmentation rules treat apart:
    /// CR, LF, a control, a combining mark, ZWJ, a spacing mark, a prepended
    /// mark, a regional indicator, an emoji, Hangul L, V, T and LV, an Indic
    /// consonant with and without its linker, an emoji with ZWJ, a variation
    /// selector and a plain letter.
    const NEIGHBOURS: [&str; 18] = [
        "\r",
        "\n",
        "\u{1}",
        "\u{301}",
        "\u{200D}",
        "\u{903}",
        "\u{600}",
        "🇻",
        "👍",
        "\u{1100}",
        "\u{1161}",
        "\u{11A8}",
        "\u{AC00}",
        "क",
        "क\u{94D}",
        "a",
        "\u{FE0F}",
        "👍\u{200D}",
    ];

    #[test]
    fn simple_characters_segment_like_a_plain_letter() {
        let count = |text: &str| text.graphemes(true).count();
        for c in (0..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_simple(c))
        {
            for neighbour in NEIGHBOURS {
                let (before, after) = (format!("{neighbour}{c}"), format!("{c}{neighbour}"));
                assert_eq!(
                    count(&before),
                    count(&format!("{neighbour}a")),
                    "{before:?}"
                );
                assert_eq!(count(&after), count(&format!("a{neighbour}")), "{after:?}");
            }
        }
    }

    #[test]
    fn tricky_cases_by_hand() {
        // CR LF, a mark after ASCII, a prepended Arabic number sign before a
        // digit, keycap and flag sequences, ZWJ after ASCII, harakat.
        for text in [
            "a\r\nb",
            "e\u{301}x",
            "\u{600}12",
            "1\u{FE0F}\u{20E3}",
            "🇻🇳🇫🇷a",
            "#\u{200D}x",
            "بِسْمِ",
            "",
        ] {
            assert_eq!(clusters(text), reference(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn same_clusters_as_unicode_segmentation(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "a", "1", " ", "\r", "\n", "\u{301}", "\u{200D}", "\u{600}", "🇻", "👨", "\u{FE0F}",
                "\u{20E3}", "ệ", "ب", "\u{650}", "क", "\u{94D}", "ष", "각", "\u{1100}", "\u{1161}",
                "中", "ש", "\u{5B8}", "©", "\u{AD}",
            ]), 0..30),
        ) {
            let text = pieces.concat();
            prop_assert_eq!(clusters(&text), reference(&text));
        }
    }
}
