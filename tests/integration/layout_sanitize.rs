//! The sanitiser's rules, each on a hand-made input.

use lectern::text::{is_bidi_control, is_forbidden, sanitize};

fn clean(text: &str) -> String {
    let once = sanitize(text);
    assert_eq!(sanitize(&once), once, "idempotent on {text:?}");
    once
}

#[test]
fn csi_sequences_go_whole() {
    assert_eq!(clean("a\x1b[31mred\x1b[0m b"), "ared b");
    assert_eq!(clean("\x1b[?1049h\x1b[2J\x1b[1;1Hx"), "x");
    // 8-bit CSI.
    assert_eq!(clean("\u{9b}31mred"), "red");
    // A CSI cut short by a character that cannot belong to it ends there;
    // the character stays.
    assert_eq!(clean("\x1b[12é"), "é");
}

#[test]
fn control_strings_go_up_to_their_terminator() {
    // OSC 8 hyperlink, ST as ESC \.
    assert_eq!(
        clean("\x1b]8;;http://x.test/\x1b\\link\x1b]8;;\x1b\\"),
        "link"
    );
    // OSC title, BEL-terminated.
    assert_eq!(clean("\x1b]0;title\x07text"), "text");
    // DCS (sixel), APC, PM, SOS.
    assert_eq!(clean("\x1bPq#0;2;0;0;0\x1b\\x"), "x");
    assert_eq!(clean("\x1b_apc\x1b\\y"), "y");
    assert_eq!(clean("\x1b^pm\x07z"), "z");
    assert_eq!(clean("\x1bXsos\x1b\\w"), "w");
    // 8-bit OSC and DCS, 8-bit ST.
    assert_eq!(clean("\u{9d}0;t\u{9c}ok"), "ok");
    assert_eq!(clean("\u{90}dcs\u{9c}ok"), "ok");
    // An ESC inside a string ends it and starts a new sequence.
    assert_eq!(clean("\x1b]0;t\x1b[1mbold"), "bold");
}

#[test]
fn unterminated_strings_stop_at_the_end_of_the_line() {
    assert_eq!(clean("a\x1b]0;title\nnext"), "a\nnext");
    assert_eq!(clean("a\x1b]0;title"), "a");
}

#[test]
fn other_escapes_go_whole() {
    // Charset designation (nF), save/restore cursor, full reset.
    assert_eq!(clean("\x1b(Babc"), "abc");
    assert_eq!(clean("\x1b7abc\x1b8"), "abc");
    assert_eq!(clean("\x1bc"), "");
    // A lone ESC, and a stray 8-bit ST.
    assert_eq!(clean("abc\x1b"), "abc");
    assert_eq!(clean("a\u{9c}b"), "ab");
}

#[test]
fn other_controls_become_visible_placeholders() {
    // NUL ␀, BEL ␇, DEL ␡, NEL (C1) U+FFFD, CR ␍, ESC handled above.
    assert_eq!(clean("a\0b\x07c\x7fd\u{85}e\r"), "a␀b␇c␡d\u{FFFD}e␍");
}

#[test]
fn tabs_expand_to_the_next_stop_of_four() {
    assert_eq!(clean("a\tb"), "a   b");
    assert_eq!(clean("\tx"), "    x");
    assert_eq!(clean("abcd\te"), "abcd    e");
    // Columns are counted in cells: 中 takes two.
    assert_eq!(clean("中\tx"), "中  x");
    // Each line starts at column 0; tabs after tabs keep counting.
    assert_eq!(clean("ab\nc\td\te"), "ab\nc   d   e");
}

#[test]
fn separators_become_newlines_and_bidi_controls_stay() {
    assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
    let bidi = "a\u{202B}b\u{202C} \u{2067}c\u{2069} \u{200F}\u{61C}";
    assert_eq!(clean(bidi), bidi);
}

#[test]
fn nothing_forbidden_survives_but_newlines_and_bidi_controls() {
    let mut all = String::new();
    for code in (0..=0x9F).chain(0x2000..=0x206F).chain([0x61C]) {
        all.extend(char::from_u32(code));
        all.push('x');
    }
    let cleaned = clean(&all);
    for c in cleaned.chars() {
        assert!(
            !is_forbidden(c) || c == '\n' || is_bidi_control(c),
            "{c:?} survived"
        );
    }
}
