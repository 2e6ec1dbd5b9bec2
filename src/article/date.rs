//! Publication dates from article text (the dateline first), and file times as a fallback
//! that says it is one.

mod choose;
mod names;
mod scan;
mod solar_hijri;

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use choose::{DateText, article_date};
pub use names::Calendar;
pub use scan::ascii_digits;

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
    /// A valid date from 1900 to 2200, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
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

    /// The ISO weekday, 1 (Monday) to 7 (Sunday).
    pub fn weekday(self) -> u32 {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        // 1970-01-01 was a Thursday (ISO 4); the remainder is below 7 and fits.
        u32::try_from((days + 3).rem_euclid(7)).unwrap_or(0) + 1
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, after Howard Hinnant's
/// `days_from_civil`.
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
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
    /// A full date (converted to Gregorian).
    Full(Date),
    /// Day and month without a year (`20/10`, `20 October`, `۱۹ مهر`).
    Partial(Partial),
}

/// A day and month without a year, and the weekday named with them if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    /// The calendar of the month.
    pub calendar: Calendar,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
    /// ISO weekday (1 Monday to 7 Sunday) written next to the date.
    pub weekday: Option<u32>,
}

/// Where an article's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The front matter's `date`.
    FrontMatter,
    /// The article's text (a dateline, or a date in the body).
    Text,
    /// The file's modification time: not a publication date.
    File,
}

/// The first full date in the text, else its first day-and-month.
pub fn find_date(text: &str) -> Option<Found> {
    let mut dates = scan::all_dates(&ascii_digits(text));
    dates.sort_by_key(|(range, found)| (matches!(found, Found::Partial(_)), range.start));
    dates.first().map(|&(_, found)| found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn full(text: &str) -> Option<String> {
        match find_date(text)? {
            Found::Full(d) => Some(d.to_string()),
            Found::Partial(p) => Some(format!("--{:02}-{:02}", p.month, p.day)),
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
        assert_eq!(full("December 1st").as_deref(), Some("--12-01"));
        assert_eq!(full("نُشر في 5 مايو").as_deref(), Some("--05-05"));
        // The Arabic comma may separate the year, as the Latin one does.
        assert_eq!(full("(فبراير 3، 2020)").as_deref(), Some("2020-02-03"));
        // Digits touching a letter of another script still make a date (CJK has no spaces).
        assert_eq!(full("2021-10-20日").as_deref(), Some("2021-10-20"));
        assert_eq!(full("Đà Nẵng, ngày20/10").as_deref(), None);
    }

    #[test]
    fn more_calendars_scripts_and_languages() {
        // Levantine and Iraqi month names.
        assert_eq!(
            full("دمشق، 7 تشرين الأول 2021").as_deref(),
            Some("2021-10-07")
        );
        assert_eq!(full("بغداد في 3 شباط").as_deref(), Some("--02-03"));
        // Solar Hijri, with Persian digits and "ماه" joined or not: 19 Mehr 1399 = 10 October 2020.
        assert_eq!(full("تهران، ۱۹ مهر ۱۳۹۹").as_deref(), Some("2020-10-10"));
        assert_eq!(full("روز ۱۹ مهرماه").as_deref(), Some("--07-19"));
        assert_eq!(full("خبر ۱۳۹۹/۰۷/۲۵").as_deref(), Some("2020-10-16"));
        // Urdu, Hebrew (with the prefix ב), CJK with and without a year.
        assert_eq!(full("لاہور 5 دسمبر 2018").as_deref(), Some("2018-12-05"));
        assert_eq!(
            full("פורסם ב-3 באוקטובר 2021").as_deref(),
            Some("2021-10-03")
        );
        assert_eq!(full("2018年6月18日").as_deref(), Some("2018-06-18"));
        assert_eq!(full("【6月18日 AFP】").as_deref(), Some("--06-18"));
        assert_eq!(full("2018년 6월 18일").as_deref(), Some("2018-06-18"));
        // Fullwidth and Devanagari digits.
        assert_eq!(full("２０１８年６月１８日").as_deref(), Some("2018-06-18"));
        assert_eq!(full("२०/१०/२०२१").as_deref(), Some("2021-10-20"));
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
        assert_eq!(full("Persian دی 10 is not day-first"), None);
    }

    #[test]
    fn file_time_and_weekdays() {
        // 2021-10-21T00:00:00Z is 1634774400 seconds after the epoch (date -d @1634774400 -u).
        let t = UNIX_EPOCH + Duration::from_secs(1_634_774_400);
        assert_eq!(Date::from_system_time(t).unwrap().to_string(), "2021-10-21");
        // 2000-02-29 (leap day) is day 11016 after the epoch.
        let leap = UNIX_EPOCH + Duration::from_secs(11_016 * 86_400);
        assert_eq!(
            Date::from_system_time(leap).unwrap().to_string(),
            "2000-02-29"
        );
        // 1 January 2024 was a Monday, 29 February 2000 a Tuesday (checked with `cal`).
        assert_eq!(Date::new(2024, 1, 1).unwrap().weekday(), 1);
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), 2);
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
    }
}
