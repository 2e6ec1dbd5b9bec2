//! Arabic-script keyboards and pointed text: a query typed on an Arabic, Persian or Urdu
//! keyboard finds the same words written with the others' letters, and pasted pointed
//! Arabic or Hebrew finds unpointed titles, while Latin diacritics still match exactly.
//!
//! The titles are written here (simple sentences about a book fair, a city, peace); each
//! expectation follows from the letter pairs of `assets/fold-arabic-script.toml`, named by
//! code point where the glyphs look alike.

#![allow(clippy::single_range_in_vec_init)] // one highlighted range is a real answer

use lectern::filter::fold::{fold, fold_light};
use lectern::filter::{Fields, Query, SearchIndex, SearchKey, filter, highlight};

/// Rows of `titles` that `query` finds, in row order.
fn found(query: &str, titles: &[&str]) -> Vec<usize> {
    let keys: Vec<SearchKey> = titles.iter().map(|t| SearchKey::new(t, None)).collect();
    let index: SearchIndex = keys.iter().collect();
    let mut rows: Vec<usize> = filter(query, &index, |_| Fields::default())
        .iter()
        .map(|hit| hit.index as usize)
        .collect();
    rows.sort_unstable();
    rows
}

#[test]
fn yeh_kaf_and_heh_variants_fold_to_one_letter() {
    // Farsi yeh U+06CC, alef maksura U+0649, yeh barree U+06D2 → yeh U+064A.
    assert_eq!(fold("\u{06CC}\u{0649}\u{06D2}"), "\u{064A}\u{064A}\u{064A}");
    // Keheh U+06A9 and swash kaf U+06AA → kaf U+0643.
    assert_eq!(fold("\u{06A9}\u{06AA}"), "\u{0643}\u{0643}");
    // Teh marbuta U+0629, heh goal U+06C1, heh doachashmee U+06BE, ae U+06D5 → heh U+0647.
    assert_eq!(
        fold("\u{0629}\u{06C1}\u{06BE}\u{06D5}"),
        "\u{0647}".repeat(4)
    );
    // Waw and yeh with hamza → waw, yeh; the light fold folds them too.
    assert_eq!(fold_light("\u{0624}\u{0626}"), "\u{0648}\u{064A}");
    // Urdu نہیں with heh goal, Farsi yeh and noon ghunna U+06BA folds like Arabic-typed نهين.
    assert_eq!(fold("نہیں"), "نهين");
    // Persian digits and ZWNJ: "می‌کند" (ZWNJ U+200C) folds like "ميكند".
    assert_eq!(fold("می\u{200C}کند ۱۲"), "ميكند 12");
}

#[test]
fn an_arabic_keyboard_finds_persian_and_urdu_titles() {
    let titles = [
        "بازار کتاب تهران امروز باز شد",  // Persian: keheh in کتاب
        "لاہور میں کتاب میلہ شروع ہو گیا", // Urdu: heh goal, Farsi yeh
        "معرض الكتاب في القاهرة",         // Arabic: kaf
        "Book fair opens",
    ];
    // Typed with Arabic kaf U+0643: all three Arabic-script titles have the word.
    assert_eq!(found("كتاب", &titles), [0, 1, 2]);
    // Arabic heh and yeh for Urdu heh goal and Farsi yeh.
    assert_eq!(found("لاهور ميله", &titles), [1]);
    assert_eq!(found("تهران", &titles), [0]);
}

#[test]
fn a_persian_or_urdu_keyboard_finds_arabic_titles() {
    let titles = [
        "المدينة الجديدة تفتح أبوابها",
        "زلزال في المدينة القديمة",
        "شهر تهران",
    ];
    // Persian keyboard: Farsi yeh U+06CC, and heh for the teh marbuta.
    assert_eq!(found("مدینه", &titles), [0, 1]);
    assert_eq!(found("جدیده", &titles), [0]);
    // Urdu keyboard: heh goal U+06C1 for the teh marbuta of القديمة.
    assert_eq!(found("قدیمہ", &titles), [1]);
}

#[test]
fn pasted_pointed_text_finds_unpointed_titles() {
    let titles = [
        "الحكومة الجديدة تجتمع",
        "שלום עכשיו בירושלים",
        "Việt Nam",
        "Viet Nam",
    ];
    // Arabic with damma, fatha, shadda and kasra: the marks are ignored.
    assert_eq!(found("الحُكُومَةُ الجَدِيدَةُ", &titles), [0]);
    // Hebrew with qamats, shin dot and holam.
    assert_eq!(found("שָׁלוֹם", &titles), [1]);
    // Latin diacritics still match exactly: việt only the first, viet both.
    assert_eq!(found("việt", &titles), [2]);
    assert_eq!(found("viet", &titles), [2, 3]);
    // The pointed query takes the full keys, like an unpointed one.
    let query = Query::parse("الحُكُومَة");
    assert!(!query.terms()[0].keeps_diacritics());
}

#[test]
fn highlights_map_variants_back_to_the_displayed_letters() {
    // Urdu لاہور: ل 0..2, ا 2..4, ہ 4..6, و 6..8, ر 8..10, then ' ' 10.
    let title = "لاہور میں";
    assert_eq!(highlight(&Query::parse("لاهور"), title), [0..10]);
    // Persian می‌کند: م 0..2, ی + ZWNJ 2..7 (one cluster), ک 7..9, ن 9..11, د 11..13.
    let title = "می\u{200C}کند";
    assert_eq!(highlight(&Query::parse("ميكند"), title), [0..13]);
    // A pointed query lights up the unpointed letters: ا 0..2, ل 2..4, ح 4..6 ...
    assert_eq!(highlight(&Query::parse("الحُ"), "الحكومة"), [0..6]);
}
