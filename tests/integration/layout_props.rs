//! Properties of sanitising and layout over random mixed-script text.
//!
//! The text mixes Latin, Arabic with harakat, Hebrew with points, Vietnamese
//! in NFC and NFD, CJK, emoji (ZWJ sequences, flags, skin tones), three
//! kinds of digits, brackets, bidi controls, several spaces, joiners, lone
//! combining marks, newlines, escape sequences and arbitrary characters.

use lectern::article::Dir;
use lectern::text::bidi::paragraph_dir;
use lectern::text::{
    BidiMode, Glyph, LayoutOptions, Shaping, is_bidi_control, is_forbidden, lay_out, lay_out_line,
    sanitize,
};
use proptest::prelude::*;
use std::ops::Range;
use unicode_bidi::{BidiClass, bidi_class};
use unicode_bidi_mirroring::get_mirrored;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn chars_in(range: Range<u32>, len: Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(range, len)
        .prop_map(|codes| codes.into_iter().filter_map(char::from_u32).collect())
}

fn arabic_word() -> impl Strategy<Value = String> {
    prop::collection::vec((0x621u32..0x64B, prop::option::of(0x64Bu32..0x653)), 1..8).prop_map(
        |letters| {
            let mut word = String::new();
            for (letter, mark) in letters {
                word.extend(char::from_u32(letter));
                word.extend(mark.and_then(char::from_u32));
            }
            word
        },
    )
}

fn piece() -> impl Strategy<Value = String> {
    let vietnamese = prop::sample::select(vec![
        "Người", "Việt", "đã", "cảnh", "những", "mối", "dọa", "tăng", "Đà", "Nẵng",
    ]);
    let fixed = prop::sample::select(vec![
        " ",
        " ",
        " ",
        "  ",
        "\u{3000}",
        "\u{A0}",
        "\n",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "«",
        "»",
        "<",
        ">",
        ".",
        ",",
        "؟",
        "،",
        ":",
        "!",
        "\"",
        "-",
        "\u{200C}",
        "\u{200D}",
        "\u{301}",
        "\u{650}",
        "\u{200E}",
        "\u{200F}",
        "\u{61C}",
        "\u{202A}",
        "\u{202B}",
        "\u{202C}",
        "\u{202D}",
        "\u{202E}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
        "\u{AD}",
        "\u{200B}",
        "\u{FEFF}",
        "لا",
        "👨\u{200D}👩\u{200D}👧",
        "🇻🇳",
        "👍🏽",
        "❤\u{FE0F}",
        "1\u{FE0F}\u{20E3}",
        "\t",
        "\x1b[31m",
        "\x1b]8;;x\x1b\\",
        "\u{9b}1m",
        "\x07",
        "\0",
        "\u{85}",
    ]);
    prop_oneof![
        "[A-Za-z]{1,10}",
        arabic_word(),
        chars_in(0x5B0..0x5EB, 1..8),
        vietnamese.clone().prop_map(str::to_owned),
        vietnamese.prop_map(|word| word.nfd().collect()),
        chars_in(0x4E00..0x9FFF, 1..5),
        "[0-9]{1,4}",
        chars_in(0x660..0x66A, 1..4),
        chars_in(0x6F0..0x6FA, 1..4),
        fixed.prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ]
}

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        prop::sample::select(vec![BidiMode::App, BidiMode::Terminal]),
        prop::sample::select(vec![Shaping::Off, Shaping::Forms]),
        prop::sample::select(vec![Dir::Ltr, Dir::Rtl]),
    )
        .prop_map(|(bidi, shaping, dir)| LayoutOptions { bidi, shaping, dir })
}

/// Never drawn: bidi controls, what rule X9 removes, newlines.
fn hidden(grapheme: &str) -> bool {
    grapheme
        .chars()
        .all(|c| c == '\n' || is_bidi_control(c) || bidi_class(c) == BidiClass::BN)
}

fn whitespace(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_some_and(|c| bidi_class(c) == BidiClass::WS)
}

fn mirrored(text: &str) -> String {
    text.chars().map(|c| get_mirrored(c).unwrap_or(c)).collect()
}

/// Cells a glyph's text takes, by unicode-width per cluster (the text of a
/// glyph is one cluster, or a ligature with its marks), at least 1, at most 2.
fn cells(text: &str) -> usize {
    text.width().clamp(1, 2)
}

fn sorted_nfkc(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.nfkc().collect();
    chars.sort_unstable();
    chars
}

/// Whether `glyph` draws `slice` (its source) as the rules allow.
fn draws(glyph: &Glyph, slice: &str, width: usize, options: LayoutOptions) -> bool {
    let mirror_ok = options.bidi == BidiMode::App;
    // In a right-to-left run the joiners that end a cluster are drawn before
    // it (no cluster starts with one unless it is nothing else, and such a
    // cluster is not drawn); put them back to compare.
    let unmoved;
    let mut text = glyph.text.as_str();
    let joiners = text.len() - text.trim_start_matches(JOINERS).len();
    if joiners > 0 {
        if !mirror_ok {
            return false;
        }
        unmoved = format!("{}{}", &text[joiners..], &text[..joiners]);
        text = &unmoved;
    }
    let based = text
        .strip_prefix('\u{25CC}')
        .filter(|_| !slice.starts_with('\u{25CC}'));
    let text = based.unwrap_or(text);
    if width == 1 && text == "…" {
        return true;
    }
    match options.shaping {
        Shaping::Off => text == slice || (mirror_ok && text == mirrored(slice)),
        Shaping::Forms => {
            sorted_nfkc(text) == sorted_nfkc(slice)
                || (mirror_ok && sorted_nfkc(text) == sorted_nfkc(&mirrored(slice)))
        }
    }
}

/// ZWNJ and ZWJ.
const JOINERS: [char; 2] = ['\u{200C}', '\u{200D}'];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn layout_invariants(text in mixed_text(), width in 1usize..=200, options in options()) {
        let paragraph = sanitize(&text);
        let layout = lay_out(std::slice::from_ref(&paragraph), width, &options);
        let graphemes: Vec<(usize, &str)> = paragraph.grapheme_indices(true).collect();
        let starts: Vec<usize> = graphemes.iter().map(|&(at, _)| at).collect();
        let mut covered = vec![false; graphemes.len()];
        let mut spans: Vec<Range<usize>> = Vec::new();
        for line in &layout.lines {
            prop_assert!(line.width() <= width, "line wider than {width}: {line:?}");
            match line.dir {
                Dir::Rtl => prop_assert_eq!(line.width(), width),
                Dir::Ltr => prop_assert_eq!(line.indent, 0),
            }
            let mut logical: Vec<Range<usize>> = Vec::new();
            for glyph in &line.glyphs {
                prop_assert_eq!(usize::from(glyph.width), cells(&glyph.text), "{:?}", glyph);
                prop_assert!(!glyph.text.chars().any(is_forbidden), "{glyph:?}");
                let first = starts.binary_search(&glyph.source.start);
                prop_assert!(first.is_ok(), "source starts inside a grapheme: {glyph:?}");
                let first = first.unwrap_or_default();
                let end = first + graphemes[first..].iter().take_while(|&&(at, _)| at < glyph.source.end).count();
                let grapheme_end = graphemes.get(end).map_or(paragraph.len(), |&(at, _)| at);
                prop_assert_eq!(grapheme_end, glyph.source.end, "source ends inside a grapheme");
                // One grapheme, or two for a lam-alef ligature.
                prop_assert!(end - first == 1 || (options.shaping == Shaping::Forms && end - first == 2));
                for seen in &mut covered[first..end] {
                    prop_assert!(!*seen, "grapheme drawn twice");
                    *seen = true;
                }
                let slice = &paragraph[glyph.source.clone()];
                prop_assert!(draws(glyph, slice, width, options), "{glyph:?} draws {slice:?}");
                logical.push(glyph.source.clone());
            }
            if options.bidi == BidiMode::Terminal {
                prop_assert!(logical.windows(2).all(|w| w[0].end <= w[1].start), "terminal mode reordered");
            }
            logical.sort_by_key(|range| range.start);
            if let (Some(first), Some(last)) = (logical.first(), logical.last()) {
                spans.push(first.start..last.end);
            }
        }
        // Lines are consecutive pieces of the paragraph, in logical order.
        prop_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "lines out of order: {spans:?}");
        // Every grapheme is drawn, except undrawn controls and whitespace
        // trimmed at a line's edge (outside every line's span).
        for (index, &(at, grapheme)) in graphemes.iter().enumerate() {
            let inside = spans.iter().any(|span| span.contains(&at));
            prop_assert!(
                covered[index] || hidden(grapheme) || (whitespace(grapheme) && !inside),
                "grapheme {grapheme:?} at {at} missing from {layout:?}"
            );
        }
    }

    #[test]
    fn pure_ltr_text_keeps_logical_order(text in "[A-Za-z0-9 ,.()]{0,300}", width in 1usize..=200) {
        let options = LayoutOptions::default();
        prop_assume!(paragraph_dir(&text, Dir::Ltr) == Dir::Ltr);
        let layout = lay_out(std::slice::from_ref(&text), width, &options);
        for line in &layout.lines {
            prop_assert!(line.glyphs.windows(2).all(|w| w[0].source.end <= w[1].source.start));
        }
    }

    #[test]
    fn one_line_layout_fits_and_truncates_only_when_needed(
        text in mixed_text(),
        width in 0usize..=120,
        options in options(),
    ) {
        let text = sanitize(&text);
        let line = lay_out_line(&text, width, &options);
        prop_assert!(line.width() <= width);
        prop_assert!(!line.glyphs.iter().any(|g| g.text.chars().any(is_forbidden)));
        // Compare with the same text unwrapped on a very wide screen.
        let unwrapped = lay_out_line(&text, 1 << 20, &options);
        let natural = unwrapped.width() - unwrapped.indent;
        if width > 0 && natural <= width {
            prop_assert_eq!(&line.glyphs, &unwrapped.glyphs);
        } else if width > 0 {
            let ellipses = line.glyphs.iter().filter(|g| g.source.is_empty()).count();
            prop_assert_eq!(ellipses, 1);
        }
    }

    #[test]
    fn sanitize_is_idempotent_and_leaves_nothing_forbidden(text in mixed_text()) {
        let once = sanitize(&text);
        prop_assert_eq!(&sanitize(&once), &once);
        prop_assert!(once.chars().all(|c| !is_forbidden(c) || c == '\n' || is_bidi_control(c)));
    }

    #[test]
    fn sanitize_of_arbitrary_strings(text in any::<String>()) {
        let once = sanitize(&text);
        prop_assert_eq!(&sanitize(&once), &once);
        prop_assert!(once.chars().all(|c| !is_forbidden(c) || c == '\n' || is_bidi_control(c)));
    }

    #[test]
    fn sanitize_keeps_printable_text(text in "[a-zA-Z0-9 .,!?中文عربيשלום\n]{0,200}") {
        prop_assert_eq!(sanitize(&text), text);
    }
}
