//! The date patterns: numeric, named months of every language, numbered months, CJK units,
//! and the weekday that may stand next to a date.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::names::{Calendar, Names};
use super::{Date, Found, Partial, solar_hijri};

/// The first code point of each run of decimal digits 0-9 outside ASCII that news text uses:
/// Arabic-Indic, Persian (Extended Arabic-Indic), N'Ko, Devanagari, Bengali, Gurmukhi,
/// Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar,
/// Khmer, Mongolian, and the fullwidth digits of CJK text.
const DIGIT_ZEROS: &[u32] = &[
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// Digits of any script as ASCII, so that one set of patterns reads them all.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| {
            let code = u32::from(c);
            DIGIT_ZEROS
                .iter()
                .find(|&&zero| (zero..zero + 10).contains(&code))
                .and_then(|zero| char::from_u32(code - zero + u32::from('0')))
                .unwrap_or(c)
        })
        .collect()
}

struct Patterns {
    iso: Regex,
    year_first: Regex,
    numeric: Regex,
    day_month: Regex,
    day_month_name: Regex,
    month_name_day: Regex,
    numbered: Vec<Regex>,
    units: Vec<Regex>,
}

/// An alternation of literal words, longest first so that none stops at a prefix.
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<String> = words.map(regex::escape).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.join("|")
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    let names = Names::bundled();
    let months = alternation(names.months.iter().map(|(n, ..)| n.as_str()));
    let prefixes = alternation(names.month_prefixes.iter().map(String::as_str));
    let suffixes = alternation(names.month_suffixes.iter().map(String::as_str));
    // Speed: a Unicode `\b` keeps the regex engine off its DFA on non-ASCII text. Where a
    // boundary touches a digit the ASCII `\b` is used; next to a name, an explicit non-word
    // character (`(?:^|\W)` and `(?:\W|$)`, which the DFA handles) stands in for it.
    let numbered = names.numbered_months.iter().map(|w| {
        let (month, year) = (regex::escape(&w.month), regex::escape(&w.year));
        Regex::new(&format!(
            r"(?i)(?-u:\b)([0-9]{{1,2}})\s+{month}\s+([0-9]{{1,2}})(?:\s+{year}\s+([0-9]{{4}}))?"
        ))
    });
    let units = names.units.iter().map(|u| {
        let (y, m, d) = (
            regex::escape(&u.year),
            regex::escape(&u.month),
            regex::escape(&u.day),
        );
        Regex::new(&format!(
            r"(?:([0-9]{{4}})\s*{y}\s*)?([0-9]{{1,2}})\s*{m}\s*([0-9]{{1,2}})\s*{d}"
        ))
    });
    Some(Patterns {
        iso: Regex::new(r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)").ok()?,
        year_first: Regex::new(r"(?-u:\b)([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})(?-u:\b)").ok()?,
        numeric: Regex::new(r"(?-u:\b)([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})(?-u:\b)")
            .ok()?,
        // Without a year only a slash makes a date: "10.5" is a number.
        day_month: Regex::new(r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})(?-u:\b)").ok()?,
        day_month_name: Regex::new(&format!(
            r"(?i)(?-u:\b)([0-9]{{1,2}})(?:er)?\s+(?:{prefixes})?({months})(?:{suffixes})?\.?(?:[,،]?\s+([0-9]{{4}}))?(?:\W|$)"
        ))
        .ok()?,
        month_name_day: Regex::new(&format!(
            r"(?i)(?:^|\W)(?:{prefixes})?({months})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:[,،]?\s+([0-9]{{4}}))?"
        ))
        .ok()?,
        numbered: numbered.collect::<Result<_, _>>().ok()?,
        units: units.collect::<Result<_, _>>().ok()?,
    })
});

/// A date from its parts; years from 1200 to 1599 are Solar Hijri (Gregorian news dates
/// are after 1900, and the Solar Hijri year 1600 is far off).
fn found(calendar: Calendar, year: Option<&str>, month: u32, day: &str) -> Option<Found> {
    let day: u32 = day.parse().ok()?;
    let Some(year) = year else {
        // Valid in some year: 29 February and 30 Esfand are checked when the year is known.
        let longest = match (calendar, month) {
            (Calendar::Gregorian, 2) => 29,
            (Calendar::Gregorian, 4 | 6 | 9 | 11) | (Calendar::SolarHijri, 7..=12) => 30,
            (_, 1..=12) => 31,
            _ => 0,
        };
        return (1..=longest)
            .contains(&day)
            .then_some(Found::Partial(Partial {
                calendar,
                month,
                day,
                weekday: None,
            }));
    };
    let year: i32 = year.parse().ok()?;
    let calendar = if (1200..1600).contains(&year) {
        Calendar::SolarHijri
    } else {
        calendar
    };
    match calendar {
        Calendar::Gregorian => Date::new(year, month, day),
        Calendar::SolarHijri => solar_hijri::to_gregorian(i64::from(year), month, day),
    }
    .map(Found::Full)
}

fn whole(captures: &Captures<'_>) -> Range<usize> {
    captures.get(0).map_or(0..0, |m| m.range())
}

fn group<'a>(captures: &Captures<'a>, index: usize) -> Option<&'a str> {
    captures.get(index).map(|m| m.as_str())
}

/// Every date in `text` (digits already ASCII), with where it stands, in no particular order.
pub fn all_dates(text: &str) -> Vec<(Range<usize>, Found)> {
    let Some(p) = PATTERNS.as_ref() else {
        return Vec::new();
    };
    let names = Names::bundled();
    let greg = Calendar::Gregorian;
    let mut dates = Vec::new();
    let mut push = |range: Range<usize>, found: Option<Found>| {
        dates.extend(found.map(|f| (range, f)));
    };
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    for c in p
        .iso
        .captures_iter(text)
        .chain(p.year_first.captures_iter(text))
    {
        push(whole(&c), found(greg, Some(&c[1]), number(&c[2]), &c[3]));
    }
    for c in p.numeric.captures_iter(text).filter(|c| c[2] == c[4]) {
        push(whole(&c), found(greg, Some(&c[5]), number(&c[3]), &c[1]));
    }
    for c in p.day_month.captures_iter(text) {
        let range = whole(&c);
        // Part of a longer run such as 21/10/2021 or 1/2/3: not a day and a month.
        let touches = |b: Option<u8>| b.is_some_and(|b| b == b'/' || b.is_ascii_digit());
        let before = range.start.checked_sub(1).map(|i| text.as_bytes()[i]);
        if !touches(before) && !touches(text.as_bytes().get(range.end).copied()) {
            push(range, found(greg, None, number(&c[2]), &c[1]));
        }
    }
    for c in p.day_month_name.captures_iter(text) {
        if let Some((calendar, month)) = names.month(&c[2]) {
            push(whole(&c), found(calendar, group(&c, 3), month, &c[1]));
        }
    }
    for c in p.month_name_day.captures_iter(text) {
        // Persian writes the day before a Solar Hijri month; "دی 10" is not a date.
        if let Some((Calendar::Gregorian, month)) = names.month(&c[1]) {
            push(whole(&c), found(greg, group(&c, 3), month, &c[2]));
        }
    }
    for c in p.numbered.iter().flat_map(|r| r.captures_iter(text)) {
        push(whole(&c), found(greg, group(&c, 3), number(&c[2]), &c[1]));
    }
    for c in p.units.iter().flat_map(|r| r.captures_iter(text)) {
        push(whole(&c), found(greg, group(&c, 1), number(&c[2]), &c[3]));
    }
    for (range, date) in &mut dates {
        if let Found::Partial(partial) = date {
            partial.weekday = weekday_near(text, range.clone(), names);
        }
    }
    dates
}

/// Separators between a weekday and its date: "Sunday, October 29", "thứ Tư (20/10)".
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '،' | '(' | '（' | '-' | '–' | '—' | '\u{200c}')
}

/// Whether `text` ends with `name` as a whole word (not "شنبه" at the end of "سه‌شنبه").
fn ends_with_word(text: &str, name: &str) -> bool {
    text.strip_suffix(name).is_some_and(|head| {
        head.chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '\u{200c}')
    })
}

/// The weekday named right before the date at `range`, or in brackets right after it.
fn weekday_near(text: &str, range: Range<usize>, names: &Names) -> Option<u32> {
    let head = &text[..range.start];
    let from = head.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let lower = head[from..].to_lowercase();
    let mut tail = lower.trim_end_matches(is_separator);
    for joiner in &names.weekday_joiners {
        let joiner = joiner.to_lowercase();
        if ends_with_word(tail, &joiner) {
            tail = tail[..tail.len() - joiner.len()].trim_end_matches(is_separator);
            break;
        }
    }
    let before = names.weekdays.iter().find(|(n, _)| ends_with_word(tail, n));
    if let Some(&(_, weekday)) = before {
        return Some(weekday);
    }
    let rest = text[range.end..].trim_start();
    let inside = rest.strip_prefix(['(', '（'])?.trim_start();
    let inside = inside.chars().take(12).collect::<String>().to_lowercase();
    names
        .weekdays
        .iter()
        .chain(&names.bracketed_weekdays)
        .find(|(n, _)| {
            inside
                .strip_prefix(n.as_str())
                .is_some_and(|r| r.trim_start().starts_with([')', '）']))
        })
        .map(|&(_, weekday)| weekday)
}
