//! Shared by the hostile tests: the escape payloads and the checker that proves terminal output
//! holds no escape, control or bidi character but the CSI sequences crossterm itself writes.

/// Every payload of issue 7, named. Each is written into an article's title, body, source and
/// file name (all but NUL, which no file name can hold).
pub const PAYLOADS: &[(&str, &str)] = &[
    ("CSI erase display", "\x1b[2J"),
    ("CSI cursor moves", "\x1b[10;10H\x1b[5A\x1b[3C"),
    ("CSI SGR", "\x1b[31;1;5m"),
    ("OSC 0 title BEL", "\x1b]0;pwned-title\x07"),
    ("OSC 2 title ST", "\x1b]2;pwned-title\x1b\\"),
    (
        "OSC 8 hyperlink",
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    ),
    ("OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4K\x07"),
    (
        "DCS tmux passthrough",
        "\x1bPtmux;\x1b\x1b]0;pwned\x07\x1b\\",
    ),
    ("APC", "\x1b_Gf=100;AAAA\x1b\\"),
    ("PM and SOS", "\x1b^pm\x1b\\\x1bXsos\x1b\\"),
    ("CSI 6 n (reply on stdin)", "\x1b[6n"),
    ("ESC c (full reset)", "\x1bc"),
    ("unterminated OSC", "\x1b]0;never terminated"),
    ("lone ESC", "\x1b"),
    ("C1 CSI", "\u{9b}2J\u{9b}6n"),
    ("C1 OSC", "\u{9d}0;pwned-title\u{9c}"),
    ("C1 OSC unterminated", "\u{9d}52;c;AAAA"),
    ("C1 DCS", "\u{90}tmux;x\u{9c}"),
    ("C1 APC PM SOS", "\u{9f}a\u{9c}\u{9e}b\u{9c}\u{98}c\u{9c}"),
    ("C1 ST NEL IND", "\u{9c}\u{85}\u{84}"),
    ("BEL", "\x07"),
    ("backspace", "\x08\x08\x08"),
    ("carriage return", "\rOVERWRITE"),
    ("NUL", "\0"),
    ("DEL", "\x7f"),
    ("vertical tab form feed", "\x0b\x0c"),
    ("RLO", "\u{202e}"),
    ("LRO", "\u{202d}"),
    ("RLE LRE PDF", "\u{202b}\u{202a}\u{202c}"),
    ("isolates", "\u{2066}\u{2067}\u{2068}\u{2069}"),
    ("unclosed isolate", "\u{2067}"),
    ("LRM RLM ALM", "\u{200e}\u{200f}\u{61c}"),
    ("line separators", "\u{2028}\u{2029}"),
];

/// The final bytes of the CSI sequences crossterm writes for what lectern draws and for
/// setting up and restoring the terminal: cursor position and moves, SGR, erase, modes.
const CSI_FINALS: &[u8] = b"HABCDGdmJKhlsu";

/// Fails (naming `context`) unless every ESC in `out` starts a CSI with digit, `;`, `:` or
/// leading `?` parameters and a final byte from crossterm's set, and no other C0, DEL, C1,
/// `Bidi_Control` or line/paragraph separator is present. Newlines are allowed only when
/// `newlines` (plain command output).
pub fn assert_clean(out: &[u8], newlines: bool, context: &str) {
    let text = match std::str::from_utf8(out) {
        Ok(text) => text,
        Err(error) => panic!("{context}: output is not UTF-8 ({error})"),
    };
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let near = || {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(20)
                .map_or(0, |(i, _)| i);
            format!("{:?}", &text[from..(at + 40).min(text.len())])
        };
        if c == '\x1b' {
            assert!(
                chars.next_if(|&(_, c)| c == '[').is_some(),
                "{context}: ESC not followed by [ at {at}: {}",
                near()
            );
            chars.next_if(|&(_, c)| c == '?');
            while chars
                .next_if(|&(_, c)| c.is_ascii_digit() || c == ';' || c == ':')
                .is_some()
            {}
            let fin = chars.next().map(|(_, c)| c);
            assert!(
                fin.is_some_and(|f| f.is_ascii() && CSI_FINALS.contains(&(f as u8))),
                "{context}: CSI with final {fin:?} at {at}: {}",
                near()
            );
            continue;
        }
        let allowed_newline = newlines && c == '\n';
        assert!(
            allowed_newline || !is_dangerous(c),
            "{context}: {c:?} at {at}: {}",
            near()
        );
    }
}

/// C0 controls, DEL, C1 controls, `Bidi_Control` and U+2028/U+2029: none may reach a screen.
pub fn is_dangerous(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The payload written in TOML basic-string syntax, every non-printable character as `\uXXXX`,
/// so front matter can carry what a raw file would have sanitised at decoding.
pub fn toml_escaped(payload: &str) -> String {
    payload
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c.to_string()
            } else {
                format!("\\u{:04X}", u32::from(c))
            }
        })
        .collect()
}

#[test]
fn the_checker_rejects_what_it_must_and_accepts_crossterm_output() {
    // Hand-written crossterm-style output: cursor position, SGR with 256 and RGB colours, mode.
    assert_clean(
        b"\x1b[1;1H\x1b[38;5;12mab\x1b[0m\x1b[?25h\x1b[2J",
        false,
        "ok",
    );
    for bad in [
        &b"\x1b]0;t\x07"[..],
        b"\x1b[6n",
        b"\x1bc",
        b"\x07",
        b"a\rb",
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
        b"\n",
    ] {
        let caught = std::panic::catch_unwind(|| assert_clean(bad, false, "bad"));
        assert!(caught.is_err(), "{bad:?} passed the checker");
    }
}
