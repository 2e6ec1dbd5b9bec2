//! Golden layouts as plain strings.
//!
//! Expected lines are in visual order: what a terminal that does no bidi
//! shows, left to right. Right-to-left lines are right-aligned, so their
//! `to_plain` starts with `indent` spaces; `content` strips them.
//!
//! How the expected values were checked is said per case. `FriBidi` means GNU
//! `FriBidi` 1.0.8 (`fribidi --nopad --nobreak`, Debian `libfribidi-bin`): it
//! always shapes Arabic, so for `Shaping::Off` its presentation forms were
//! mapped back to letters with NFKC before comparing, and cases with a
//! lam-alef (which NFKC turns back in logical, not visual, order) were
//! checked by hand instead.

use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutOptions, ScreenLine, Shaping, lay_out};
use unicode_normalization::UnicodeNormalization;

const APP: LayoutOptions = LayoutOptions {
    bidi: BidiMode::App,
    shaping: Shaping::Off,
    dir: Dir::Ltr,
};

const FORMS: LayoutOptions = LayoutOptions {
    shaping: Shaping::Forms,
    ..APP
};

fn screen(text: &str, width: usize, options: LayoutOptions) -> Vec<ScreenLine> {
    lay_out(&[text.to_owned()], width, &options).lines
}

/// The lines' text without the alignment indent.
fn content(text: &str, width: usize, options: LayoutOptions) -> Vec<String> {
    screen(text, width, options)
        .iter()
        .map(|line| line.to_plain().trim_start().to_owned())
        .collect()
}

#[test]
fn latin_names_and_numbers_inside_arabic() {
    let text = "التقى Joe Biden مع 3 وزراء في 2021";
    // FriBidi: "2021 يف ءارزو 3 عم Joe Biden ىقتلا".
    assert_eq!(
        content(text, 80, APP),
        ["2021 يف ءارزو 3 عم Joe Biden ىقتلا"]
    );
    // Wrapped in logical order first (by hand): the first line is the
    // logical start "التقى Joe Biden مع 3" (exactly 20 cells), reordered on
    // its own; reordering first would have put "2021" on the first line.
    let lines = screen(text, 20, APP);
    let plain: Vec<String> = lines.iter().map(ScreenLine::to_plain).collect();
    assert_eq!(plain, ["3 عم Joe Biden ىقتلا", "       2021 يف ءارزو"]);
    assert!(
        lines
            .iter()
            .all(|line| line.dir == Dir::Rtl && line.width() == 20)
    );
}

#[test]
fn brackets_inside_arabic_are_mirrored() {
    // FriBidi: "{لوهجم} [ردصملا] نإ (زرتيور) ةلاكولا تلاق".
    let text = "قالت الوكالة (رويترز) إن [المصدر] {مجهول}";
    assert_eq!(
        content(text, 80, APP),
        ["{لوهجم} [ردصملا] نإ (زرتيور) ةلاكولا تلاق"]
    );
    // FriBidi: "يبرع (abc) يبرع": the pair resolves to R (N0), so it is
    // mirrored and placed around the left-to-right run.
    assert_eq!(content("عربي (abc) عربي", 80, APP), ["يبرع (abc) يبرع"]);
    // FriBidi: ".(مويلا) "معن" :لاق".
    let quoted = "قال: \"نعم\" (اليوم).";
    assert_eq!(content(quoted, 80, APP), [".(مويلا) \"معن\" :لاق"]);
}

#[test]
fn punctuation_ends_an_rtl_paragraph_on_the_left() {
    // FriBidi: ".معن ؟تلصو له".
    let lines = screen("هل وصلت؟ نعم.", 80, APP);
    assert_eq!(lines[0].to_plain().trim_start(), ".معن ؟تلصو له");
    assert_eq!(lines[0].indent, 80 - 13);
}

#[test]
fn persian_with_zwnj_and_persian_digits() {
    // FriBidi: ".مناوخب باتک ۱۴۰۲ مهاوخ<ZWNJ>یم". Persian digits are European
    // numbers (EN) and keep their order. The ZWNJ belongs to the grapheme
    // cluster of the letter before it (UAX #29 GB9), but in visual order it
    // stays between the two letters it parts, as FriBidi puts it (see
    // `layout_joiners`).
    let text = "می\u{200C}خواهم ۱۴۰۲ کتاب بخوانم.";
    let expected = ".مناوخب باتک ۱۴۰۲ مهاوخ\u{200C}یم";
    assert_eq!(content(text, 80, APP), [expected]);
    // Counted by hand: 7 letters (the ZWNJ takes no cell) + space + 4 digits
    // + space + 4 letters + space + 6 letters + full stop = 25 cells.
    assert_eq!(screen(text, 80, APP)[0].indent, 80 - 25);
}

#[test]
fn hebrew() {
    // FriBidi: "?ךמולש המ ,םלוע םולש".
    assert_eq!(
        content("שלום עולם, מה שלומך?", 80, APP),
        ["?ךמולש המ ,םלוע םולש"]
    );
}

#[test]
fn mostly_arabic_paragraph_is_rtl_even_if_it_starts_with_latin() {
    // P2 alone would make it left to right (the first strong character is
    // the B of BBC); by the majority of its strong letters (3 Latin, 29
    // Arabic) it is right to left and right-aligned (HL1, see
    // `layout_direction`). FriBidi --rtl (the logical characters in its
    // visual-to-logical order, as its string has the lam-alef ligature):
    // "ادغ دقعيس عامتجالا نإ ةموكحلا تلاق :BBC".
    let text = "BBC: قالت الحكومة إن الاجتماع سيعقد غدا";
    let lines = screen(text, 80, APP);
    assert_eq!(lines[0].dir, Dir::Rtl);
    assert_eq!(lines[0].width(), 80);
    assert_eq!(
        lines[0].to_plain().trim_start(),
        "ادغ دقعيس عامتجالا نإ ةموكحلا تلاق :BBC"
    );
}

#[test]
fn lam_alef_is_two_cells_unshaped_and_one_ligature_shaped() {
    // Unshaped: lam and alef are two clusters of one cell each, reversed.
    let lines = screen("لا", 80, APP);
    assert_eq!(lines[0].glyphs.len(), 2);
    assert_eq!(lines[0].to_plain().trim_start(), "ال");
    assert_eq!(lines[0].indent, 78);
    // Shaped: one ligature U+FEFB, one cell, whose source is both letters.
    let lines = screen("لا", 80, FORMS);
    assert_eq!(lines[0].glyphs.len(), 1);
    assert_eq!(lines[0].glyphs[0].text, "\u{FEFB}");
    assert_eq!(lines[0].glyphs[0].width, 1);
    assert_eq!(lines[0].glyphs[0].source, 0..4);
    assert_eq!(lines[0].indent, 79);
    // FriBidi (U+FEFF fillers after its ligatures removed):
    // "ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ ﻻ", 13 cells: 5 + 1 + 5 (six letters, one ligature) + 1 + 1.
    let lines = screen("لا السلام عليكم", 80, FORMS);
    assert_eq!(lines[0].to_plain().trim_start(), "ﻢﻜﻴﻠﻋ ﻡﻼﺴﻟﺍ ﻻ");
    assert_eq!(lines[0].width(), 80);
    assert_eq!(lines[0].indent, 80 - 13);
}

#[test]
fn shaped_forms_follow_joining() {
    // FriBidi: "ﻪِﻠَّﻟﺍ ﻢِﺴْﺑِ": marks stay after their (shaped) letters.
    let text = "بِسْمِ اللَّهِ";
    assert_eq!(content(text, 80, FORMS), ["ﻪِﻠَّﻟﺍ ﻢِﺴْﺑِ"]);
    // FriBidi: U+FEDE U+FEEB. Logical heh, lam: heh joins forward (initial,
    // U+FEEB), lam joins back (final, U+FEDE); visual order puts lam left.
    assert_eq!(content("هل", 80, FORMS), ["\u{FEDE}\u{FEEB}"]);
}

#[test]
fn vietnamese_decomposed_gives_exactly_the_nfc_result() {
    let nfc = "Người Việt Nam đã cảnh báo về những mối đe dọa ngày càng tăng";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc, "the sample must decompose");
    // Layout of NFC text keeps every diacritic: at width 80 it is one line
    // equal to the input; at width 20 the lines joined by the spaces trimmed
    // at the breaks give the input back.
    assert_eq!(content(nfc, 80, APP), [nfc]);
    let narrow = content(nfc, 20, APP);
    assert_eq!(narrow.join(" "), nfc);
    // Checked by hand: greedy breaks at 20 cells.
    assert_eq!(
        narrow,
        [
            "Người Việt Nam đã",
            "cảnh báo về những",
            "mối đe dọa ngày càng",
            "tăng"
        ]
    );
    // What ingest does (NFD → NFC) lays out identically.
    let renormalized: String = nfd.nfc().collect();
    assert_eq!(screen(&renormalized, 20, APP), screen(nfc, 20, APP));
    // Even NFD laid out directly breaks at the same places and, composed
    // back, reads the same: clusters keep their marks.
    let from_nfd: Vec<String> = content(&nfd, 20, APP)
        .iter()
        .map(|l| l.nfc().collect())
        .collect();
    assert_eq!(from_nfd, narrow);
}

#[test]
fn cjk_wide_characters_move_to_the_next_line_whole() {
    // Two cells each; a third would need 6 of 5 cells.
    assert_eq!(
        content("中文字符在行尾", 5, APP),
        ["中文", "字符", "在行", "尾"]
    );
    // By hand: "ab" (2) + 中 (2) > 3, so 中 moves down; "cd" is a word and
    // goes to the next line together.
    assert_eq!(content("ab中cd", 3, APP), ["ab", "中", "cd"]);
    // Width 1: a wide character cannot fit at all and is shown as "…".
    assert_eq!(content("中", 1, APP), ["…"]);
}

#[test]
fn emoji_zwj_sequence_is_one_glyph_of_two_cells() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let lines = screen(&format!("{family} family"), 80, APP);
    let glyph = &lines[0].glyphs[0];
    assert_eq!(glyph.text, family);
    assert_eq!(glyph.width, 2);
    assert_eq!(glyph.source, 0..family.len());
    assert_eq!(lines[0].width(), 9);
}

#[test]
fn terminal_mode_keeps_logical_order_and_only_aligns() {
    let options = LayoutOptions {
        bidi: BidiMode::Terminal,
        ..APP
    };
    let lines = screen("שלום (עולם)", 20, options);
    // Logical order, brackets not mirrored: the terminal does both.
    assert_eq!(lines[0].to_plain(), "         שלום (עולם)");
}

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    let paragraphs = ["one".to_owned(), String::new(), "two".to_owned()];
    let layout = lay_out(&paragraphs, 10, &APP);
    let plain: Vec<String> = layout.lines.iter().map(ScreenLine::to_plain).collect();
    assert_eq!(plain, ["one", "", "", "", "two"]);
    let owners: Vec<usize> = layout.lines.iter().map(|line| line.paragraph).collect();
    assert_eq!(owners, [0, 0, 1, 1, 2]);
    assert!(lay_out(&paragraphs, 0, &APP).lines.is_empty());
}
