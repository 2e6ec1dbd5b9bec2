//! The `bidi` and `shaping` settings as config and command-line values, and
//! the layout helpers the views use.

use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutOptions, Shaping, lay_out};

#[test]
fn settings_parse_from_their_lowercase_names() {
    assert_eq!("app".parse::<BidiMode>(), Ok(BidiMode::App));
    assert_eq!("terminal".parse::<BidiMode>(), Ok(BidiMode::Terminal));
    assert_eq!("off".parse::<Shaping>(), Ok(Shaping::Off));
    assert_eq!("forms".parse::<Shaping>(), Ok(Shaping::Forms));
    let error = "rtl".parse::<BidiMode>().expect_err("rtl is no bidi mode");
    assert_eq!(
        error.to_string(),
        "unknown bidi `rtl`, expected `app` or `terminal`"
    );
    assert!("Forms".parse::<Shaping>().is_err());
}

#[test]
fn defaults_are_app_and_off() {
    assert_eq!(BidiMode::default(), BidiMode::App);
    assert_eq!(Shaping::default(), Shaping::Off);
    let options = LayoutOptions::default();
    assert_eq!(
        (options.bidi, options.shaping, options.dir),
        (BidiMode::App, Shaping::Off, Dir::Ltr)
    );
}

// The command line's names are tested with its parser, in `cli::settings`.
#[test]
fn serde_uses_the_same_names() {
    assert_eq!(
        serde_json::to_string(&BidiMode::Terminal).ok().as_deref(),
        Some("\"terminal\"")
    );
    assert_eq!(
        serde_json::from_str::<Shaping>("\"forms\"").ok(),
        Some(Shaping::Forms)
    );
    assert!(serde_json::from_str::<Shaping>("\"FORMS\"").is_err());
}

#[test]
fn line_of_finds_the_line_showing_an_offset() {
    // "alpha beta" at width 5: "alpha" / "beta"; byte 6 is the "b".
    let paragraphs = ["alpha beta".to_owned(), "gamma".to_owned()];
    let layout = lay_out(&paragraphs, 5, &LayoutOptions::default());
    assert_eq!(layout.line_of(0, 0), Some(0));
    assert_eq!(layout.line_of(0, 6), Some(1));
    // The space at byte 5 is trimmed at the break: no line shows it.
    assert_eq!(layout.line_of(0, 5), None);
    // Line 2 is the blank separator; "gamma" is line 3.
    assert_eq!(layout.line_of(1, 0), Some(3));
}
