//! Folding rules, checked on hand-made examples.
//!
//! Every expected string is written by hand from the rules in `src/filter/fold.rs`
//! (code points named where the glyphs are ambiguous), never copied from the output.

use lectern::filter::fold::{Strength, fold, fold_as, fold_light, fold_with_map};

#[test]
fn vietnamese_tones_horn_and_stroke_d_fold_to_ascii() {
    assert_eq!(fold("Việt Nam"), "viet nam");
    assert_eq!(fold("Đà Nẵng"), "da nang");
    assert_eq!(
        fold("Thủ tướng Phạm Minh Chính"),
        "thu tuong pham minh chinh"
    );
    assert_eq!(fold("ƯỚC ĐƯỢC"), "uoc duoc");
}

#[test]
fn light_fold_keeps_diacritics_but_not_case() {
    assert_eq!(fold_light("Việt Nam"), "việt nam");
    assert_eq!(fold_light("ĐÀ NẴNG"), "đà nẵng");
}

#[test]
fn nfd_input_folds_like_nfc() {
    let nfd = "Vie\u{0323}\u{0302}t Nam";
    assert_eq!(fold(nfd), "viet nam");
    assert_eq!(fold_light(nfd), "việt nam");
}

#[test]
fn arabic_marks_tatweel_alefs_and_digits() {
    // الحُكُومَة: damma U+064F, fatha U+064E dropped.
    // ... and teh marbuta U+0629 folds to heh U+0647.
    assert_eq!(fold("الحُكُومَة"), "الحكومه");
    assert_eq!(fold("أحمد"), "احمد");
    assert_eq!(fold("إيران آمن ٱلله"), "ايران امن الله");
    assert_eq!(fold("طـــالبان"), "طالبان");
    assert_eq!(fold("٢٠٢١ ۱۴۰۰"), "2021 1400");
    assert_eq!(fold_light("٢٠٢١ طـالبان"), "2021 طالبان");
    // Waw with hamza U+0624 folds to waw U+0648, as Persian and Urdu readers type it.
    assert_eq!(fold("مسؤول"), "مسوول");
}

#[test]
fn presentation_forms_fold_to_letters() {
    // U+FEDF U+FEE0 (lam initial/medial) and the lam-alef ligature U+FEFB → ل ل ل ا.
    assert_eq!(
        fold("\u{FEDF}\u{FEE0}\u{FEFB}"),
        "\u{0644}\u{0644}\u{0644}\u{0627}"
    );
    // U+FEF7 is lam with alef-hamza above: NFKC gives ل أ, and both folds ل ا (alef
    // variants are not diacritics a query must match).
    assert_eq!(fold("\u{FEF7}"), "\u{0644}\u{0627}");
    assert_eq!(fold_light("\u{FEF7}"), "\u{0644}\u{0627}");
    assert_eq!(fold("ﬁnance Ｆｕｌｌ"), "finance full");
}

#[test]
fn hebrew_points_drop_and_other_scripts_stay_composed() {
    // שָׁלוֹם with qamats U+05B8, shin dot U+05C1, holam U+05B9.
    assert_eq!(fold("שָׁלוֹם"), "שלום");
    assert_eq!(fold("한국 がっこう 中国"), "한국 がっこう 中国");
}

#[test]
fn map_points_each_folded_byte_at_its_source_cluster() {
    let text = "Đà Nẵng";
    let (folded, map) = fold_with_map(text, Strength::Full);
    assert_eq!(folded, "da nang");
    // Source offsets: Đ 0..2, à 2..4, ' ' 4, N 5, ẵ 6..9, n 9, g 10.
    assert_eq!(map, [0, 2, 4, 5, 6, 9, 10]);
    let (light, map) = fold_with_map(text, Strength::Light);
    assert_eq!(light, "đà nẵng");
    assert_eq!(map, [0, 0, 2, 2, 4, 5, 6, 6, 6, 9, 10]);
}

#[test]
fn map_credits_removed_marks_and_tatweel_to_nothing() {
    // ب U+0628 with shadda U+0651 is one cluster at 0; tatweel at 4 folds to nothing.
    let (folded, map) = fold_with_map("بّـا", Strength::Full);
    assert_eq!(folded, "با");
    assert_eq!(map, [0, 0, 6, 6]);
}

#[test]
fn folding_with_and_without_map_agree() {
    for text in [
        "Việt",
        "e\u{301}\u{301}x",
        "ﷺ",
        "a\u{200D}b",
        "İstanbul",
        "\r\n",
    ] {
        for strength in [Strength::Full, Strength::Light] {
            let (folded, map) = fold_with_map(text, strength);
            assert_eq!(folded, fold_as(text, strength));
            assert_eq!(map.len(), folded.len());
        }
    }
}

#[test]
fn dotted_capital_i_loses_its_dot() {
    assert_eq!(fold("İstanbul"), "istanbul");
}

mod properties {
    use lectern::filter::SearchKey;
    use lectern::filter::fold::{Strength, fold, fold_light, fold_with_map};
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Characters that stress folding: marks before and after bases, Arabic with tashkeel,
    /// tatweel and presentation forms, Hangul jamo, emoji with ZWJ, digits.
    fn tricky() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "ệ",
            "Ư",
            "đ",
            "Đ",
            "e\u{0301}",
            "\u{0323}",
            "\u{0302}",
            "İ",
            "ß",
            "ﬁ",
            "½",
            "ا",
            "أ",
            "\u{064E}",
            "\u{0651}",
            "\u{0640}",
            "\u{FEFB}",
            "\u{FEF7}",
            "٢",
            "۴",
            "ש",
            "\u{05B8}",
            "\u{1100}",
            "\u{1161}",
            "가",
            "が",
            "👩",
            "\u{200D}",
            "\u{0600}",
            "\r",
            "\n",
            "中",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![tricky(), any::<String>()]
    }

    proptest! {
        #[test]
        fn map_has_one_source_cluster_start_per_folded_byte(text in text()) {
            for strength in [Strength::Full, Strength::Light] {
                let (folded, map) = fold_with_map(&text, strength);
                prop_assert_eq!(&folded, &lectern::filter::fold::fold_as(&text, strength));
                prop_assert_eq!(map.len(), folded.len());
                prop_assert!(map.windows(2).all(|pair| pair[0] <= pair[1]));
                // Every folded byte is credited to the start of a grapheme cluster.
                let starts: Vec<usize> = text.grapheme_indices(true).map(|(at, _)| at).collect();
                prop_assert!(map.iter().all(|at| starts.binary_search(at).is_ok()));
            }
        }

        #[test]
        fn key_is_the_fold_of_title_and_source(title in text(), source in text()) {
            let key = SearchKey::new(&title, Some(&source));
            prop_assert_eq!(key.full(), format!("{}\n{}", fold(&title), fold(&source)));
            prop_assert_eq!(key.light(), format!("{}\n{}", fold_light(&title), fold_light(&source)));
            let key = SearchKey::new(&title, None);
            prop_assert_eq!(key.full(), fold(&title));
            prop_assert_eq!(key.light(), fold_light(&title));
        }
    }
}
