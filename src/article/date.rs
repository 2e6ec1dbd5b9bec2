//! Best-effort publication dates from article text, and file times as a fallback.

use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use regex::Regex;

/// A calendar date, printed as `YYYY-MM-DD` so that text order is date order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2021.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1900..=2200).contains(&year)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// The UTC calendar date of a file time.
    pub fn from_system_time(time: SystemTime) -> Option<Self> {
        let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
        let (year, month, day) = civil_from_days(secs / 86_400);
        let year = i32::try_from(year).ok()?;
        Self::new(year, month, day)
    }
}

/// The proleptic Gregorian (year, month, day) of a count of days since 1970-01-01, after
/// Howard Hinnant's `civil_from_days`, shifted so that every intermediate stays unsigned.
pub(crate) fn civil_from_days(days: u64) -> (u64, u32, u32) {
    // Count from 0000-03-01 so that the leap day ends each 400-year era.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    // Both fit: a day is at most 31 and a month at most 12.
    let day = u32::try_from(day_of_year - (153 * month_from_march + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    })
    .unwrap_or(1);
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// A date as the text gives it: with its year, or only day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A full date.
    Full(Date),
    /// Day and month without a year (`20/10`, `20 October`).
    Partial {
        /// Month, 1 to 12.
        month: u32,
        /// Day, 1 to 31.
        day: u32,
    },
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("february", 2),
    ("feb", 2),
    ("février", 2),
    ("فبراير", 2),
    ("شباط", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("مارس", 3),
    ("آذار", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("أبريل", 4),
    ("ابريل", 4),
    ("نيسان", 4),
    ("may", 5),
    ("mai", 5),
    ("مايو", 5),
    ("أيار", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("يونيو", 6),
    ("يونيه", 6),
    ("حزيران", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("يوليو", 7),
    ("يوليه", 7),
    ("تموز", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("أغسطس", 8),
    ("آب", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("سبتمبر", 9),
    ("أيلول", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("تشرين الأول", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("نوفمبر", 11),
    ("تشرين الثاني", 11),
    ("december", 12),
    ("dec", 12),
    ("décembre", 12),
    ("ديسمبر", 12),
    ("كانون الأول", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}

struct Patterns {
    iso: Regex,
    numeric: Regex,
    day_month: Regex,
    day_month_name: Regex,
    month_name_day: Regex,
    vietnamese: Regex,
}

static PATTERNS: LazyLock<Option<Patterns>> = LazyLock::new(|| {
    // Longest names first so that "tháng" style alternatives never stop at a prefix.
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let names = names.join("|");
    Some(Patterns {
        // Speed: a Unicode `\b` keeps the regex engine off its DFA on non-ASCII text, which
        // made these patterns cost more than reading the file. Where a boundary touches a
        // digit, the ASCII `\b` is used; next to a name, an explicit non-word character
        // (`(?:^|\W)` and `(?:\W|$)`, which the DFA handles) stands in for it.
        iso: Regex::new(r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)").ok()?,
        numeric: Regex::new(r"(?-u:\b)([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})(?-u:\b)").ok()?,
        // Without a year only a slash makes a date: "10.5" is a number.
        day_month: Regex::new(r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})(?-u:\b)").ok()?,
        day_month_name: Regex::new(&format!(
            r"(?i)(?-u:\b)([0-9]{{1,2}})(?:er)?\s+({names})\.?(?:\s+([0-9]{{4}}))?(?:\W|$)"
        ))
        .ok()?,
        month_name_day: Regex::new(&format!(
            r"(?i)(?:^|\W)({names})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+([0-9]{{4}}))?"
        ))
        .ok()?,
        vietnamese: Regex::new(
            r"(?i)(?-u:\b)([0-9]{1,2})\s+tháng\s+([0-9]{1,2})(?:\s+năm\s+([0-9]{4}))?",
        )
        .ok()?,
    })
});

/// Arabic-Indic and Persian digits as ASCII, so one set of patterns reads them all.
fn ascii_digits(text: &str) -> String {
    let shift =
        |c: char, zero: u32| char::from_u32(u32::from(c) - zero + u32::from('0')).unwrap_or(c);
    text.chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => shift(c, 0x660),
            '\u{6F0}'..='\u{6F9}' => shift(c, 0x6F0),
            _ => c,
        })
        .collect()
}

fn found(year: Option<&str>, month: u32, day: &str) -> Option<Found> {
    let day: u32 = day.parse().ok()?;
    match year {
        Some(year) => Date::new(year.parse().ok()?, month, day).map(Found::Full),
        None => Date::new(2000, month, day).map(|_| Found::Partial { month, day }),
    }
}

fn start(captures: &regex::Captures<'_>) -> usize {
    captures.get(0).map_or(0, |m| m.start())
}

/// Every date the text names, with its byte position, in no particular order.
fn all_dates(text: &str) -> Vec<(usize, Found)> {
    let Some(p) = PATTERNS.as_ref() else {
        return Vec::new();
    };
    let mut dates = Vec::new();
    for c in p.iso.captures_iter(text) {
        let month = c[2].parse().unwrap_or(0);
        dates.extend(found(Some(&c[1]), month, &c[3]).map(|f| (start(&c), f)));
    }
    let mut push = |start: usize, year: Option<&str>, month: Option<u32>, day: &str| {
        if let Some(f) = month.and_then(|m| found(year, m, day)) {
            dates.push((start, f));
        }
    };
    for c in p.numeric.captures_iter(text).filter(|c| c[2] == c[4]) {
        push(start(&c), Some(&c[5]), c[3].parse().ok(), &c[1]);
    }
    for c in p.day_month.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // Part of a longer run such as 21/10/2021 or 1/2/3: not a day and a month.
        let touches = |b: Option<u8>| b.is_some_and(|b| b == b'/' || b.is_ascii_digit());
        let before = whole.start.checked_sub(1).map(|i| text.as_bytes()[i]);
        if !touches(before) && !touches(text.as_bytes().get(whole.end).copied()) {
            push(whole.start, None, c[2].parse().ok(), &c[1]);
        }
    }
    for c in p.day_month_name.captures_iter(text) {
        push(
            start(&c),
            c.get(3).map(|m| m.as_str()),
            month_number(&c[2]),
            &c[1],
        );
    }
    for c in p.month_name_day.captures_iter(text) {
        push(
            start(&c),
            c.get(3).map(|m| m.as_str()),
            month_number(&c[1]),
            &c[2],
        );
    }
    for c in p.vietnamese.captures_iter(text) {
        push(
            start(&c),
            c.get(3).map(|m| m.as_str()),
            c[2].parse().ok(),
            &c[1],
        );
    }
    dates
}

/// The first full date in the text, else its first day-and-month.
pub fn find_date(text: &str) -> Option<Found> {
    let mut dates = all_dates(&ascii_digits(text));
    dates.sort_by_key(|&(start, found)| (matches!(found, Found::Partial { .. }), start));
    dates.first().map(|&(_, found)| found)
}

/// The article's date: the text's own, completed with the file's year when the text gives none.
pub fn article_date(text: &str, modified: Option<SystemTime>) -> Option<Date> {
    let file_date = modified.and_then(Date::from_system_time);
    match find_date(text) {
        Some(Found::Full(date)) => Some(date),
        // The file's year, or the year before when that would date the text after its file.
        Some(Found::Partial { month, day }) => file_date
            .and_then(|f| {
                Date::new(f.year, month, day)
                    .filter(|d| *d <= f)
                    .or_else(|| Date::new(f.year - 1, month, day))
            })
            .or(file_date),
        None => file_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn full(text: &str) -> Option<String> {
        match find_date(text)? {
            Found::Full(d) => Some(d.to_string()),
            Found::Partial { month, day } => Some(format!("--{month:02}-{day:02}")),
        }
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(
            full("Thứ năm, 21/10/2021 11:05 AM - 0 Trả lời").as_deref(),
            Some("2021-10-21")
        );
        assert_eq!(
            full("hôm thứ Tư (20/10), các bên").as_deref(),
            Some("--10-20")
        );
        assert_eq!(
            full("31/02/2021 is no date but 2021-10-20 is").as_deref(),
            Some("2021-10-20")
        );
        assert_eq!(full("29.02.2020").as_deref(), Some("2020-02-29"));
        assert_eq!(full("29/02/2021 or 1/2/3"), None);
    }

    #[test]
    fn named_months_in_several_languages() {
        assert_eq!(
            full("on 20 October 2021 in Moscow").as_deref(),
            Some("2021-10-20")
        );
        assert_eq!(full("October 20, 2021").as_deref(), Some("2021-10-20"));
        assert_eq!(full("le 1er décembre 2020").as_deref(), Some("2020-12-01"));
        assert_eq!(full("الأربعاء 20 أكتوبر الحالي").as_deref(), Some("--10-20"));
        assert_eq!(full("الخميس ٢١ أكتوبر ٢٠٢١").as_deref(), Some("2021-10-21"));
        assert_eq!(
            full("ngày 20 tháng 10 năm 2021").as_deref(),
            Some("2021-10-20")
        );
        // Names that start or end a text, and Arabic names before and after the day.
        assert_eq!(full("December 1st").as_deref(), Some("--12-01"));
        assert_eq!(full("نُشر في 5 مايو").as_deref(), Some("--05-05"));
        assert_eq!(full("(فبراير 3، 2020)").as_deref(), Some("--02-03"));
        // Digits touching a letter of another script still make a date (CJK has no spaces).
        assert_eq!(full("2021-10-20日").as_deref(), Some("2021-10-20"));
        assert_eq!(full("Đà Nẵng, ngày20/10").as_deref(), None);
    }

    #[test]
    fn a_full_date_wins_over_an_earlier_partial_one() {
        assert_eq!(
            full("(20/10) ... 21/10/2021").as_deref(),
            Some("2021-10-21")
        );
    }

    #[test]
    fn no_date() {
        assert_eq!(full("Taliban ready to collaborate with Moscow"), None);
        assert_eq!(full("version 10.5 of 99/99"), None);
    }

    #[test]
    fn file_time_gives_the_year_or_the_date() {
        // 2021-10-21T00:00:00Z is 1634774400 seconds after the epoch (date -d @1634774400 -u).
        let t = UNIX_EPOCH + Duration::from_secs(1_634_774_400);
        assert_eq!(Date::from_system_time(t).unwrap().to_string(), "2021-10-21");
        assert_eq!(
            article_date("nothing here", Some(t)).unwrap().to_string(),
            "2021-10-21"
        );
        assert_eq!(
            article_date("ngày 23/12", Some(t)).unwrap().to_string(),
            "2020-12-23"
        );
        assert_eq!(article_date("ngày 23/12", None), None);
        // 20 October cannot be later than a file saved on 2021-10-21: still 2021; 23 December is.
        assert_eq!(
            article_date("20 October", Some(t)).unwrap().to_string(),
            "2021-10-20"
        );
        // 2000-02-29 (leap day) is day 11016 after the epoch.
        let leap = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400);
        assert_eq!(
            Date::from_system_time(leap).unwrap().to_string(),
            "2000-02-29"
        );
    }
}
