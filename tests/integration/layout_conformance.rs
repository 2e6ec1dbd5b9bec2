//! Line reordering against every case of Unicode's BidiCharacterTest.txt.
//!
//! The test file gives, per case, code points, a paragraph direction (0 LTR,
//! 1 RTL, 2 auto), the resolved paragraph level, per-character levels and
//! the visual order of the characters that rule X9 does not remove. It covers
//! UAX #9 up to L2 on one line.
//!
//! Layout reorders grapheme clusters with `bidi::visual_runs` and
//! `bidi::visual_order`; `visual_order` takes any units that tile the line.
//! Here each unit is one character, so the test runs exactly the code layout
//! runs, at the finest granularity the test file defines. Paragraph
//! direction for "auto" cases goes through `bidi::paragraph_dir` (P2/P3), the
//! function layout uses, with LTR as the fallback as the test file expects.

use flate2::read::GzDecoder;
use lectern::article::Dir;
use lectern::text::bidi::{paragraph_dir, paragraph_info, visual_order, visual_runs};
use std::io::Read;
use unicode_bidi::{BidiClass, bidi_class};

const DATA: &[u8] = include_bytes!("../data/BidiCharacterTest-15.0.0.txt.gz");

/// Number of cases in the 15.0.0 file (`grep -vc '^#\|^$'`).
const CASES: usize = 91_707;

/// Whether rule X9 removes `c`, so that the test file leaves it out of the
/// visual order.
fn removed_by_x9(c: char) -> bool {
    use BidiClass::{BN, LRE, LRO, PDF, RLE, RLO};
    matches!(bidi_class(c), LRE | RLE | LRO | RLO | PDF | BN)
}

/// Runs one case; `Err` describes a mismatch.
fn check(line: &str) -> Result<(), String> {
    let fields: Vec<&str> = line.split(';').collect();
    let [code_points, direction, level, _levels, order] = fields[..] else {
        return Err("malformed line".into());
    };
    let text: String = code_points
        .split_whitespace()
        .map(|hex| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
        .collect::<Option<String>>()
        .ok_or("bad code point")?;
    let dir = match direction {
        "0" => Dir::Ltr,
        "1" => Dir::Rtl,
        _ => paragraph_dir(&text, Dir::Ltr),
    };
    let info = paragraph_info(&text, dir);
    let expected_level: u8 = level.parse().map_err(|_| "bad level")?;
    if info.paragraph_level.number() != expected_level {
        return Err(format!("paragraph level {}", info.paragraph_level.number()));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let runs = visual_runs(&info, 0..text.len());
    let visual: Vec<String> = visual_order(&runs, &chars, |&(at, _)| at)
        .into_iter()
        .filter(|&(index, _)| !removed_by_x9(chars[index].1))
        .map(|(index, _)| index.to_string())
        .collect();
    let expected: Vec<&str> = order.split_whitespace().collect();
    if visual == expected {
        Ok(())
    } else {
        Err(format!("got {}", visual.join(" ")))
    }
}

#[test]
fn every_bidi_character_test_case_reorders_as_unicode_says() {
    let mut text = String::new();
    GzDecoder::new(DATA)
        .read_to_string(&mut text)
        .expect("the vendored file decompresses");
    let mut passed = 0;
    let mut failures = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match check(line) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("line {}: {line}: {why}", number + 1)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert_eq!(passed, CASES, "every case must run, none skipped");
    println!("BidiCharacterTest 15.0.0: {passed} of {CASES} cases pass");
}
