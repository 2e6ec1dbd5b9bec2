//! Fuzzes layout: random bytes, lossy UTF-8, sanitised (and also raw), laid
//! out at a width taken from the input. No panic, no line wider than the
//! width, nothing forbidden drawn.
#![no_main]

use lectern::article::Dir;
use lectern::text::{
    BidiMode, Layout, LayoutOptions, ScreenLine, Shaping, is_forbidden, lay_out, lay_out_line,
    sanitize,
};
use libfuzzer_sys::fuzz_target;

fn check_line(line: &ScreenLine, width: usize) {
    assert!(line.width() <= width, "{} > {width}: {line:?}", line.width());
    for glyph in &line.glyphs {
        assert!(matches!(glyph.width, 1 | 2), "{glyph:?}");
        assert!(!glyph.text.chars().any(is_forbidden), "{glyph:?}");
    }
}

fn check(layout: &Layout, width: usize) {
    for line in &layout.lines {
        check_line(line, width);
    }
}

fuzz_target!(|data: &[u8]| {
    let [width, flags, rest @ ..] = data else {
        return;
    };
    let width = usize::from(*width);
    let options = LayoutOptions {
        bidi: if flags & 1 == 0 { BidiMode::App } else { BidiMode::Terminal },
        shaping: if flags & 2 == 0 { Shaping::Off } else { Shaping::Forms },
        dir: if flags & 4 == 0 { Dir::Ltr } else { Dir::Rtl },
    };
    let raw = String::from_utf8_lossy(rest).into_owned();
    let clean = sanitize(&raw);
    let paragraphs: Vec<String> = clean.split("\n\n").map(str::to_owned).collect();
    check(&lay_out(&paragraphs, width, &options), width);
    // Layout must hold even for text that skipped sanitising.
    check(&lay_out(std::slice::from_ref(&raw), width, &options), width);
    check_line(&lay_out_line(&clean, width, &options), width);
    check_line(&lay_out_line(&raw, width, &options), width);
});
