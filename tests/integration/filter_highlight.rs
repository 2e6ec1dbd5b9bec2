//! Highlights land on the right graphemes of the unfolded title.
//!
//! Expected ranges were worked out by hand from the UTF-8 lengths written beside each
//! title (Vietnamese precomposed letters are 2 or 3 bytes, Arabic letters and marks 2).

#![allow(clippy::single_range_in_vec_init)] // one highlighted range is a real answer

use lectern::filter::{Query, highlight};

fn lit(query: &str, title: &str) -> Vec<String> {
    highlight(&Query::parse(query), title)
        .into_iter()
        .map(|range| title[range].to_owned())
        .collect()
}

#[test]
fn vietnamese_words_light_up_with_their_diacritics() {
    // Đ 0..2, à 2..4, ' ' 4, N 5, ẵ 6..9, n 9, g 10, ' ' 11, m 12, ư 13..15, a 15.
    let title = "Đà Nẵng mưa";
    assert_eq!(highlight(&Query::parse("da nang"), title), [0..4, 5..11]);
    assert_eq!(lit("da nang", title), ["Đà", "Nẵng"]);
    // Typed with diacritics: matched on the light fold, same graphemes.
    assert_eq!(highlight(&Query::parse("nẵng"), title), [5..11]);
    assert_eq!(lit("mua", title), ["mưa"]);
}

#[test]
fn decomposed_marks_stay_with_their_base() {
    // V 0, i 1, e + U+0323 + U+0302 2..7 (one cluster), t 7.
    let title = "Vie\u{0323}\u{0302}t";
    assert_eq!(highlight(&Query::parse("viet"), title), [0..8]);
    assert_eq!(highlight(&Query::parse("e"), title), [2..7]);
}

#[test]
fn arabic_tashkeel_is_inside_the_highlighted_letters() {
    // ا 0..2, ل 2..4, حُ 4..8, كُ 8..12, و 12..14, مَ 14..18, ة 18..20, ' ' 20, ت 21..23 ...
    let title = "الحُكُومَة تستقيل";
    assert_eq!(highlight(&Query::parse("الحكومة"), title), [0..20]);
    // ح alone: its damma comes with it.
    assert_eq!(lit("ح", title), ["حُ"]);
}

#[test]
fn arabic_alef_with_hamza_lights_up_for_bare_alef() {
    // أ 0..2, ح 2..4, م 4..6, د 6..8, ' ' 8, ي 9..11 ...
    let title = "أحمد يزور طهران";
    assert_eq!(highlight(&Query::parse("احمد"), title), [0..8]);
    // Tatweel folds away; the letters either side light up and it does not.
    // ط 0..2, ـ 2..4, ا 4..6, ل 6..8
    assert_eq!(highlight(&Query::parse("طال"), "طـال"), [0..2, 4..8]);
}

#[test]
fn a_ligature_lights_up_whole_for_its_letters() {
    // U+FEFB (lam-alef ligature, 3 bytes) folds to ل ا; then ' ' 3, ن 4..6, ع 6..8, م 8..10.
    let title = "\u{FEFB} نعم";
    assert_eq!(highlight(&Query::parse("لا"), title), [0..3]);
    assert_eq!(highlight(&Query::parse("ل"), title), [0..3]);
}

#[test]
fn several_terms_merge_and_unmatched_terms_add_nothing() {
    // "Kinh tế": K 0, i 1, n 2, h 3, ' ' 4, t 5, ế 6..9.
    let title = "Kinh tế";
    assert_eq!(highlight(&Query::parse("kinh te"), title), [0..4, 5..9]);
    assert_eq!(highlight(&Query::parse("kinh reuters"), title), [0..4]);
    assert_eq!(
        highlight(&Query::parse("xyz"), title),
        Vec::<std::ops::Range<usize>>::new()
    );
}
