//! One-line layout for titles and headers: visual order, truncation with an
//! ellipsis at the logical end. Expected values are by hand.

use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutOptions, Shaping, lay_out_line};

const APP: LayoutOptions = LayoutOptions {
    bidi: BidiMode::App,
    shaping: Shaping::Off,
    dir: Dir::Ltr,
};

#[test]
fn fitting_text_is_laid_out_whole() {
    let line = lay_out_line("short", 10, &APP);
    assert_eq!(line.to_plain(), "short");
    assert_eq!(line.width(), 5);
    // An RTL title is reordered and right-aligned.
    let line = lay_out_line("שלום", 10, &APP);
    assert_eq!(line.to_plain(), "      םולש");
}

#[test]
fn ltr_text_is_cut_on_the_right() {
    // 9 cells kept ("Hello won"), then the ellipsis: 10.
    let line = lay_out_line("Hello wonderful world", 10, &APP);
    assert_eq!(line.to_plain(), "Hello won…");
    assert_eq!(line.width(), 10);
    let ellipsis = line.glyphs.last().map(|g| g.source.clone());
    assert_eq!(ellipsis, Some(9..9));
    // A space before the cut is trimmed, not shown before the ellipsis.
    assert_eq!(
        lay_out_line("Hello wonderful", 7, &APP).to_plain(),
        "Hello…"
    );
}

#[test]
fn rtl_text_is_cut_at_its_logical_end_on_the_left() {
    // Logical "مرحبا بال" (9 cells) + "…": the ellipsis is the last logical
    // character of a right-to-left line, so it is drawn leftmost.
    let line = lay_out_line("مرحبا بالعالم الجميل", 10, &APP);
    assert_eq!(line.to_plain(), "…لاب ابحرم");
    assert_eq!(line.width(), 10);
    assert_eq!(line.glyphs[0].text, "…");
}

#[test]
fn ltr_title_ending_in_arabic_gets_the_ellipsis_on_the_right() {
    // "News: " (6 cells) + the first three letters of "مرحبا" (meem, reh,
    // hah; reversed: "حرم"), then "…", which
    // follows the paragraph direction (LTR) after the Arabic run.
    let line = lay_out_line("News: مرحبا", 10, &APP);
    assert_eq!(line.to_plain(), "News: حرم…");
}

#[test]
fn tiny_widths() {
    assert_eq!(lay_out_line("Hello", 1, &APP).to_plain(), "…");
    let empty = lay_out_line("Hello", 0, &APP);
    assert!(empty.glyphs.is_empty());
    assert_eq!(empty.width(), 0);
    // A wide character never overflows: at width 2 "中文" becomes "…".
    let line = lay_out_line("中文", 2, &APP);
    assert!(line.width() <= 2);
    assert_eq!(line.to_plain(), "…");
}

#[test]
fn newlines_count_as_spaces() {
    assert_eq!(lay_out_line("two\nlines", 20, &APP).to_plain(), "two lines");
}
