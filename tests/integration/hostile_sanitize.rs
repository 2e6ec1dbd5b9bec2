//! Sanitiser properties (issue 7, item 2) that `layout_props` leaves out: printable
//! text of any script is kept as it is, a payload cannot eat the text around it, and the
//! one-line form used for titles, sources and paths holds no forbidden character at all; the
//! borrowing form that decoding uses gives the same text, and borrows exactly when nothing
//! changes.

use crate::support::escapes::{PAYLOADS, is_dangerous};
use lectern::text::{is_bidi_control, is_forbidden, sanitize, sanitize_if_needed, sanitize_line};
use proptest::prelude::*;
use std::borrow::Cow;

/// Any text without controls, format characters (bidi controls among them) or line and
/// paragraph separators: what `sanitize` must hand back unchanged.
fn printable() -> impl Strategy<Value = String> {
    // Invisible characters (Hangul fillers are letters, U+FFFC a symbol) leave a line (#17).
    "\\PC{0,200}".prop_map(|s| {
        s.replace(['\u{2028}', '\u{2029}'], "")
            .replace(lectern::text::is_invisible, "")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn printable_text_of_any_script_is_kept(text in printable()) {
        prop_assert_eq!(sanitize(&text), text.clone());
        prop_assert_eq!(sanitize_line(&text), text);
    }

    #[test]
    fn a_payload_cannot_eat_the_text_around_it(
        before in printable(),
        after in printable(),
        which in 0..PAYLOADS.len(),
    ) {
        let (_, payload) = PAYLOADS[which];
        let text = format!("{before}{payload}\n{after}");
        let out = sanitize(&text);
        prop_assert!(out.starts_with(&before), "{:?}", out);
        let tail = format!("\n{after}");
        prop_assert!(out.ends_with(&tail), "{:?}", out);
        for c in out.chars() {
            prop_assert!(!is_forbidden(c) || c == '\n' || is_bidi_control(c), "{:?}", c);
        }
    }

    #[test]
    fn the_borrowing_form_is_the_same_and_copies_only_to_change(
        text in any::<String>(),
        kept in printable(),
        which in 0..PAYLOADS.len(),
    ) {
        for text in [format!("{kept}{}{text}", PAYLOADS[which].1), text, kept] {
            let full = sanitize(&text);
            let borrowed = sanitize_if_needed(&text);
            prop_assert_eq!(matches!(borrowed, Cow::Borrowed(_)), full == text);
            prop_assert_eq!(borrowed.as_ref(), full.as_str());
        }
    }

    #[test]
    fn the_one_line_form_holds_nothing_forbidden(text in any::<String>(), which in 0..PAYLOADS.len()) {
        let text = format!("{text}{}{text}", PAYLOADS[which].1);
        let line = sanitize_line(&text);
        prop_assert!(!line.chars().any(is_dangerous), "{:?}", line);
        prop_assert!(!line.chars().any(is_forbidden), "{:?}", line);
        prop_assert_eq!(sanitize_line(&line), line.clone());
    }
}
