//! JSON output that is safe to print on a terminal.

use std::fmt::Write;

/// `value` as pretty JSON whose text is plain ASCII-safe for a terminal: besides what JSON
/// escapes itself (C0 controls, quotes, backslashes), DEL, the C1 controls, the bidi controls
/// and the line and paragraph separators are written as `\\uXXXX`, so that printing the JSON
/// (or a pager showing it) runs none of them. Such a character can only be inside a string.
pub fn json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let unsafe_char = |c: char| {
        matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        ) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(unsafe_char) {
        return text;
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(escaped, "\\u{:04x}", u32::from(c));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_and_bidi_controls_are_escaped_and_the_json_reads_back_the_same() {
        let value = vec!["a\u{9b}2J b\u{202e}c\u{1b}d\u{2028}é"];
        let text = json(&value);
        assert!(text.contains(r"a\u009b2J b\u202ec\u001bd\u2028é"), "{text}");
        assert!(!text.contains(|c: char| c.is_control() && c != '\n'));
        let back: Vec<String> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
