//! Rules L3 and L4, which BidiCharacterTest.txt leaves out: combining marks
//! stay on their base when a right-to-left run is reversed, and brackets in
//! right-to-left runs are mirrored. Expected values are by hand, from the
//! code points.

use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutOptions, Shaping, lay_out};

const APP: LayoutOptions = LayoutOptions {
    bidi: BidiMode::App,
    shaping: Shaping::Off,
    dir: Dir::Ltr,
};

/// The glyph texts of a one-line layout, left to right.
fn glyph_texts(text: &str) -> Vec<String> {
    let layout = lay_out(&[text.to_owned()], 80, &APP);
    layout.lines[0]
        .glyphs
        .iter()
        .map(|g| g.text.to_string())
        .collect()
}

#[test]
fn harakat_stay_on_their_letters() {
    // بِسْمِ: beh kasra, seen sukun, meem kasra.
    let text = "\u{628}\u{650}\u{633}\u{652}\u{645}\u{650}";
    assert_eq!(
        glyph_texts(text),
        ["\u{645}\u{650}", "\u{633}\u{652}", "\u{628}\u{650}"]
    );
    // Reversing characters, as unicode-bidi's reorder_line does, would put
    // each mark before its letter: the kasra of meem would come first.
    let reversed_chars: String = text.chars().rev().collect();
    assert!(reversed_chars.starts_with('\u{650}'));
    let ours: String = glyph_texts(text).concat();
    assert_ne!(ours, reversed_chars);
    assert_eq!(ours, "\u{645}\u{650}\u{633}\u{652}\u{628}\u{650}");
}

#[test]
fn stacked_marks_keep_their_order_inside_the_cluster() {
    // Lam with fatha and shadda (NFC order: fatha ccc 30 before shadda ccc
    // 33), then heh with kasra: one cluster each, marks in logical order.
    let text = "\u{644}\u{64E}\u{651}\u{647}\u{650}";
    assert_eq!(
        glyph_texts(text),
        ["\u{647}\u{650}", "\u{644}\u{64E}\u{651}"]
    );
}

#[test]
fn hebrew_points_stay_on_their_letters() {
    // שָׁלוֹם: shin qamats shin-dot, lamed, vav holam, final mem.
    let text = "\u{5E9}\u{5B8}\u{5C1}\u{5DC}\u{5D5}\u{5B9}\u{5DD}";
    assert_eq!(
        glyph_texts(text),
        [
            "\u{5DD}",
            "\u{5D5}\u{5B9}",
            "\u{5DC}",
            "\u{5E9}\u{5B8}\u{5C1}"
        ]
    );
}

#[test]
fn brackets_are_mirrored_in_rtl_runs_only() {
    // "(أ)" in a right-to-left paragraph: the logical ")" is drawn first, on
    // the left, as "(", and the logical "(" last, on the right, as ")".
    let layout = lay_out(&["(أ)".to_owned()], 80, &APP);
    let glyphs = &layout.lines[0].glyphs;
    assert_eq!(layout.lines[0].dir, Dir::Rtl);
    assert_eq!(glyphs[0].text, "(");
    assert_eq!(glyphs[0].source, 3..4);
    assert_eq!(glyphs[2].text, ")");
    assert_eq!(glyphs[2].source, 0..1);
    // Other mirrored pairs (BidiMirroring.txt): « » and < > and [ ].
    assert_eq!(glyph_texts("«أ» <ب> [ت]").concat(), "[ت] <ب> «أ»");
    // In a left-to-right run nothing is mirrored.
    assert_eq!(glyph_texts("f(x) = [y]").concat(), "f(x) = [y]");
    // A left-to-right run inside an RTL paragraph keeps its brackets. (The
    // paragraph is short and mixed, so it takes its article's direction.)
    let rtl = LayoutOptions {
        dir: Dir::Rtl,
        ..APP
    };
    let layout = lay_out(&["أ f(x)".to_owned()], 80, &rtl);
    assert_eq!(layout.lines[0].to_plain().trim_start(), "f(x) أ");
}

#[test]
fn bidi_controls_and_x9_removed_characters_are_not_drawn() {
    // RLM, an isolate pair, a ZWSP and a word joiner around Latin text.
    let text = "a\u{200F}b \u{2067}c\u{2069}\u{200B}d\u{2060}e";
    let texts = glyph_texts(text);
    assert_eq!(texts.concat(), "ab cde");
    assert!(texts.iter().all(|t| !t.is_empty()));
}
