//! Deep nesting of bidi embeddings and isolates.
//!
//! unicode-bidi 0.3.18 panics in `visual_runs` when every character of the
//! line resolves to level 126 (servo/unicode-bidi#145): `new_lowest_ge_rtl`
//! finds no odd level at or above 126 (the maximum is 125 + 1). The first
//! test pins the depth at which that starts, so that a fixed release shows up
//! here; the others check that sanitising (and layout's own guard) keep
//! layout far from it.

use lectern::article::Dir;
use lectern::text::{
    BidiMode, LayoutOptions, MAX_BIDI_DEPTH, Shaping, lay_out, lay_out_line, sanitize,
};
use std::panic::{AssertUnwindSafe, catch_unwind};
use unicode_bidi::{Level, ParagraphBidiInfo};

/// Whether reordering the last character of `depth` nested `opener`s around
/// an "a" panics.
fn panics(opener: char, depth: usize) -> bool {
    let text = format!("{}a", opener.to_string().repeat(depth));
    let info = ParagraphBidiInfo::new(&text, Some(Level::ltr()));
    let last = text.len() - 1..text.len();
    catch_unwind(AssertUnwindSafe(|| info.visual_runs(last))).is_err()
}

#[test]
fn unicode_bidi_panics_from_63_nested_rtl_openers() {
    // Each RLI or RLE raises the level to the next odd one: 1, 3, ... 125
    // after 63 of them; "a" (L) at 125 resolves to 126.
    for opener in ['\u{2067}', '\u{202B}'] {
        assert!(!panics(opener, 62), "{opener:?} x 62");
        assert!(panics(opener, 63), "{opener:?} x 63");
        assert!(panics(opener, 1000), "{opener:?} x 1000");
    }
    // LRE raises to the next even level: 62 of them reach 124 and more
    // overflow; "a" stays at 124, so that never panics.
    assert!(!panics('\u{202A}', 1000));
    // The limit layout keeps is well below the first panicking depth.
    const { assert!(MAX_BIDI_DEPTH < 62) };
}

fn nested(depth: usize, closed: bool) -> String {
    let openers = [
        '\u{202A}', '\u{202B}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    ];
    let mut text = String::new();
    for i in 0..depth {
        text.push(openers[i % openers.len()]);
        text.push_str(if i % 2 == 0 { "a ب" } else { "ש 1" });
    }
    if closed {
        for i in (0..depth).rev() {
            text.push(if openers[i % openers.len()] >= '\u{2066}' {
                '\u{2069}'
            } else {
                '\u{202C}'
            });
        }
    }
    text
}

#[test]
fn a_thousand_nested_openers_lay_out_without_panic() {
    for opener in ['\u{2067}', '\u{202B}', '\u{2066}', '\u{202E}'] {
        for closed in [false, true] {
            let mut text = opener.to_string().repeat(1000);
            text.push_str("abc def");
            if closed {
                text.push_str(&"\u{2069}".repeat(1000));
            }
            check_lays_out(&text);
            check_lays_out(&sanitize(&text));
        }
    }
    check_lays_out(&nested(1000, true));
    check_lays_out(&nested(1000, false));
    check_lays_out(&sanitize(&nested(1000, false)));
}

fn check_lays_out(text: &str) {
    for bidi in [BidiMode::App, BidiMode::Terminal] {
        let options = LayoutOptions {
            bidi,
            shaping: Shaping::Forms,
            dir: Dir::Rtl,
        };
        for width in [1, 2, 3, 7, 80] {
            let layout = lay_out(&[text.to_owned()], width, &options);
            assert!(layout.lines.iter().all(|line| line.width() <= width));
            assert!(lay_out_line(text, width, &options).width() <= width);
        }
    }
}

#[test]
fn sanitize_keeps_at_most_the_limit_open() {
    let text = sanitize(&"\u{2067}".repeat(1000));
    assert_eq!(text.chars().count(), MAX_BIDI_DEPTH);
}
