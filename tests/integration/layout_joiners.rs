//! ZWNJ and ZWJ stay between the letters they join in visual order.
//!
//! UAX #29 keeps a joiner in the grapheme cluster of the letter before it;
//! reversing clusters would then put it on the wrong side of that letter.
//! Expected lines were checked against GNU `FriBidi` 1.0.8, which reverses
//! characters (`fribidi --rtl --nopad --nobreak --vtol --novisual`, the
//! logical characters put in its visual-to-logical order; for
//! `Shaping::Forms` its shaped visual string itself), and by hand: the
//! joiner's neighbours are the same two letters as in logical order.

use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutOptions, ScreenLine, Shaping, lay_out};

const APP: LayoutOptions = LayoutOptions {
    bidi: BidiMode::App,
    shaping: Shaping::Off,
    dir: Dir::Rtl,
};

fn screen(text: &str, options: LayoutOptions) -> Vec<ScreenLine> {
    lay_out(&[text.to_owned()], 80, &options).lines
}

fn content(text: &str, options: LayoutOptions) -> String {
    screen(text, options)[0].to_plain().trim_start().to_owned()
}

#[test]
fn persian_zwnj_stays_between_its_letters() {
    // Logical م ی ZWNJ ک ن د; FriBidi: د ن ک ZWNJ ی م (not د ن ک ی ZWNJ م).
    assert_eq!(content("می\u{200C}کند", APP), "دنک\u{200C}یم");
    assert_eq!(content("ما نمی\u{200C}دانیم", APP), "میناد\u{200C}یمن ام");
    // Persian digits keep their order (EN); FriBidi gives the same string.
    assert_eq!(
        content("می\u{200C}خواهم ۱۴۰۲ کتاب بخوانم.", APP),
        ".مناوخب باتک ۱۴۰۲ مهاوخ\u{200C}یم"
    );
    // The joiner takes no cell: 3 + 3 letters.
    assert_eq!(screen("می\u{200C}کند", APP)[0].indent, 80 - 5);
}

#[test]
fn urdu_zwnj_stays_between_its_letters() {
    // FriBidi: ۔ ے ہ  ی ک  ت م و ک ح  ی ر ا د ZWNJ ہ م ذ  ہ ی.
    assert_eq!(
        content("یہ ذمہ\u{200C}داری حکومت کی ہے۔", APP),
        "۔ےہ یک تموکح یراد\u{200C}ہمذ ہی"
    );
    assert_eq!(
        content("خوش\u{200C}قسمتی سے بارش ہوئی۔", APP),
        "۔یئوہ شراب ےس یتمسق\u{200C}شوخ"
    );
}

#[test]
fn emoji_zwj_sequence_stays_one_unreversed_glyph() {
    // FriBidi reverses the emoji sequence character by character
    // (👧 ZWJ 👩 ZWJ 👨); a terminal draws the cluster as one family only
    // in logical order, so it stays whole. The rest is FriBidi's order.
    let family = "👨\u{200D}👩\u{200D}👧";
    let text = format!("خانواده\u{200C}ی من {family} اینجاست.");
    let lines = screen(&text, APP);
    assert_eq!(
        lines[0].to_plain().trim_start(),
        format!(".تساجنیا {family} نم ی\u{200C}هداوناخ")
    );
    let glyph = lines[0]
        .glyphs
        .iter()
        .find(|glyph| glyph.text.contains('👨'))
        .expect("the family is drawn");
    assert_eq!(glyph.text, family);
    assert_eq!(glyph.width, 2);
}

#[test]
fn shaped_forms_keep_the_joiner_where_fribidi_does() {
    let forms = LayoutOptions {
        shaping: Shaping::Forms,
        ..APP
    };
    // FriBidi's shaped output: U+FEAA U+FEE8 U+FB90 ZWNJ U+FBFD U+FEE3.
    assert_eq!(
        content("می\u{200C}کند", forms),
        "\u{FEAA}\u{FEE8}\u{FB90}\u{200C}\u{FBFD}\u{FEE3}"
    );
    // Beh ZWNJ beh ZWJ beh: FriBidi U+FE8F ZWNJ U+FE90 ZWJ U+FE91.
    assert_eq!(
        content("ب\u{200D}ب\u{200C}ب", forms),
        "\u{FE8F}\u{200C}\u{FE90}\u{200D}\u{FE91}"
    );
}

#[test]
fn joiner_in_a_right_to_left_run_of_a_left_to_right_paragraph() {
    // FriBidi --ltr: o k space ZWJ ه . (the heh and its joiner form a
    // level-1 run). Short and mixed, the paragraph takes the article's
    // direction, left to right.
    let ltr = LayoutOptions {
        dir: Dir::Ltr,
        ..APP
    };
    assert_eq!(content("ok ه\u{200D}.", ltr), "ok \u{200D}ه.");
    // FriBidi --rtl: . ZWJ ه.
    assert_eq!(content("ه\u{200D}.", APP), ".\u{200D}ه");
}

#[test]
fn left_to_right_text_keeps_its_joiners_in_place() {
    // Nothing is reversed, so the joiner stays after its letter.
    let ltr = LayoutOptions {
        dir: Dir::Ltr,
        ..APP
    };
    assert_eq!(content("a\u{200C}b", ltr), "a\u{200C}b");
}
