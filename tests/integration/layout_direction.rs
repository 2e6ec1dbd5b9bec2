//! Paragraph direction for news (UAX #9 HL1): the majority of a paragraph's
//! strong letters decides, and a short or evenly mixed paragraph takes its
//! article's direction.
//!
//! Expected lines are in visual order, left to right. They were checked with
//! GNU `FriBidi` 1.0.8 (`fribidi --rtl` or `--ltr` `--nopad --nobreak --vtol
//! --novisual`: the logical characters put in its visual-to-logical order,
//! since its visual string is shaped), forcing the direction HL1 chooses, and
//! by hand: the run of the other direction keeps its own order and sits at
//! the paragraph's logical start (right end of a right-to-left line).
//! Letter counts in the comments were made by hand.

use lectern::article::Dir;
use lectern::text::bidi::paragraph_dir;
use lectern::text::{BidiMode, LayoutOptions, ScreenLine, Shaping, lay_out, lay_out_line};

fn options(article: Dir) -> LayoutOptions {
    LayoutOptions {
        bidi: BidiMode::App,
        shaping: Shaping::Off,
        dir: article,
    }
}

fn screen(text: &str, article: Dir) -> Vec<ScreenLine> {
    lay_out(&[text.to_owned()], 80, &options(article)).lines
}

#[test]
fn arabic_paragraph_starting_with_iphone_is_right_to_left() {
    // 6 Latin letters, 38 Arabic ones. First strong alone says LTR.
    let text = "iPhone 15 هاتف جديد تطلقه الشركة هذا الأسبوع في الأسواق.";
    assert_eq!(paragraph_dir(text, Dir::Rtl), Dir::Ltr);
    // FriBidi --rtl; the full stop ends the line on the left.
    let expected = ".قاوسألا يف عوبسألا اذه ةكرشلا هقلطت ديدج فتاه iPhone 15";
    for article in [Dir::Rtl, Dir::Ltr] {
        let lines = screen(text, article);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].dir, Dir::Rtl);
        assert_eq!(lines[0].to_plain().trim_start(), expected);
        assert_eq!(lines[0].width(), 80, "right-aligned");
    }
}

#[test]
fn hebrew_paragraph_starting_with_an_english_quote_is_right_to_left() {
    // 8 Latin letters, 32 Hebrew ones.
    let text = "\"Just do it\" היא הסיסמה המפורסמת של החברה, אמר המנהל.";
    assert_eq!(paragraph_dir(text, Dir::Rtl), Dir::Ltr);
    let lines = screen(text, Dir::Rtl);
    assert_eq!(lines[0].dir, Dir::Rtl);
    // FriBidi --rtl (its visual string, unshaped for Hebrew, is the same).
    assert_eq!(
        lines[0].to_plain().trim_start(),
        ".להנמה רמא ,הרבחה לש תמסרופמה המסיסה איה \"Just do it\""
    );
    // Under first strong it was "\"Just do it\" להנמה ... איה." (FriBidi
    // --ltr): the full stop on the right, the line left-aligned.
    assert!(lines[0].indent > 0);
}

#[test]
fn english_paragraph_starting_with_an_arabic_name_is_left_to_right() {
    // 8 Arabic letters, 48 Latin ones; even in an Arabic article.
    let text = "محمد صلاح scored twice for his club in the final on Saturday evening.";
    assert_eq!(paragraph_dir(text, Dir::Ltr), Dir::Rtl);
    let lines = screen(text, Dir::Rtl);
    assert_eq!(lines[0].dir, Dir::Ltr);
    assert_eq!(lines[0].indent, 0);
    // FriBidi --ltr.
    assert_eq!(
        lines[0].to_plain(),
        "حالص دمحم scored twice for his club in the final on Saturday evening."
    );
}

#[test]
fn two_word_mixed_title_takes_the_article_direction() {
    // 7 Latin letters and 6 Arabic ones: too few to count, so the article
    // decides. FriBidi --rtl "ديدجلا Samsung", --ltr "Samsung ديدجلا".
    let title = "Samsung الجديد";
    let arabic = lay_out_line(title, 30, &options(Dir::Rtl));
    assert_eq!(arabic.dir, Dir::Rtl);
    assert_eq!(
        arabic.to_plain(),
        format!("{}ديدجلا Samsung", " ".repeat(16))
    );
    let english = lay_out_line(title, 30, &options(Dir::Ltr));
    assert_eq!(english.dir, Dir::Ltr);
    assert_eq!(english.to_plain(), "Samsung ديدجلا");
    // The reader lays a title out as a paragraph: the same answer.
    assert_eq!(screen(title, Dir::Rtl)[0].dir, Dir::Rtl);
    assert_eq!(screen(title, Dir::Ltr)[0].dir, Dir::Ltr);
}

#[test]
fn a_handle_does_not_make_an_urdu_paragraph_left_to_right() {
    // The handle's 21 Latin letters are not counted; the 19 Urdu letters
    // are (counting the handle would have made it left to right).
    let text = "@dailynewsdeskpakistan وزیر اعظم نے آج خطاب کیا";
    assert_eq!(screen(text, Dir::Ltr)[0].dir, Dir::Rtl);
}

#[test]
fn truncated_title_keeps_its_direction_and_ellipsis_side() {
    // Mostly Arabic, so right to left: the ellipsis marks the logical end,
    // on the left.
    let title = "iPhone هاتف جديد تطلقه الشركة هذا الأسبوع في الأسواق العالمية";
    let line = lay_out_line(title, 20, &options(Dir::Ltr));
    assert_eq!(line.dir, Dir::Rtl);
    assert!(line.to_plain().starts_with('…'), "{:?}", line.to_plain());
    assert!(line.to_plain().ends_with("iPhone"), "{:?}", line.to_plain());
}
