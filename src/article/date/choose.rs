//! Choosing an article's date: front matter, dateline, body, file; and completing a day
//! without a year from the weekday the text names and the file's time.

use std::time::{Duration, SystemTime};

use super::{Calendar, Date, DateSource, Found, Partial, ascii_digits, scan, solar_hijri};

impl Partial {
    /// The latest date not after `limit` with this day and month, and this weekday when one
    /// is named: a weekday fixes the year, and a text saying "Wednesday 20 October" is never
    /// dated to a year when 20 October was not a Wednesday.
    pub fn resolve(self, limit: Date) -> Option<Date> {
        let Self {
            calendar,
            month,
            day,
            weekday,
        } = self;
        // A weekday repeats on a date within 28 years, or 400 for 29 February: a bound.
        let span = if weekday.is_some() { 60 } else { 2 };
        let candidates: Box<dyn Iterator<Item = Date>> = match calendar {
            Calendar::Gregorian => Box::new(
                (limit.year - span..=limit.year)
                    .rev()
                    .filter_map(move |y| Date::new(y, month, day)),
            ),
            Calendar::SolarHijri => {
                let this = solar_hijri::year_of(limit);
                Box::new(
                    (this - i64::from(span)..=this)
                        .rev()
                        .filter_map(move |y| solar_hijri::to_gregorian(y, month, day)),
                )
            }
        };
        // Without a weekday, 29 February goes back to the last leap year within bounds.
        let mut candidates = candidates.filter(|d| *d <= limit);
        candidates.find(|d| weekday.is_none_or(|w| d.weekday() == w))
    }
}

/// Where an article's date may be read, best first.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateText<'a> {
    /// The front matter's `date` field.
    pub front_matter: Option<&'a str>,
    /// The dateline and the start of the first lines, where publication dates stand.
    pub lead: &'a str,
    /// The body: a date there (a video's upload, a photo's) is used only when the lead
    /// has none.
    pub body: &'a str,
}

/// The date of an article and where it comes from: the front matter, else the lead's first
/// date, else the body's first full date, else its first day-and-month, else the file time.
/// Dates later than the file (a day's grace for time zones) are not publication dates.
pub fn article_date(
    text: &DateText<'_>,
    modified: Option<SystemTime>,
) -> Option<(Date, DateSource)> {
    let file = modified.and_then(Date::from_system_time);
    let limit = modified
        .and_then(|t| t.checked_add(Duration::from_secs(86_400)))
        .and_then(Date::from_system_time);
    let settle = |found: Found| match found {
        Found::Full(date) => limit.is_none_or(|l| date <= l).then_some(date),
        Found::Partial(partial) => partial.resolve(file?),
    };
    let in_order = |text: &str, full_first: bool| {
        let mut dates = scan::all_dates(&ascii_digits(text));
        dates.sort_by_key(|(range, found)| {
            (
                full_first && matches!(found, Found::Partial(_)),
                range.start,
            )
        });
        dates.into_iter().find_map(|(_, found)| settle(found))
    };
    let front_matter = text.front_matter.and_then(|t| in_order(t, true));
    front_matter
        .map(|d| (d, DateSource::FrontMatter))
        .or_else(|| in_order(text.lead, false).map(|d| (d, DateSource::Text)))
        .or_else(|| in_order(text.body, true).map(|d| (d, DateSource::Text)))
        .or_else(|| file.map(|d| (d, DateSource::File)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// 2021-10-21T00:00:00Z is 1634774400 seconds after the epoch (date -d @1634774400 -u).
    fn oct_21_2021() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_634_774_400)
    }

    fn dated(lead: &str, body: &str, modified: Option<SystemTime>) -> Option<String> {
        let text = DateText {
            front_matter: None,
            lead,
            body,
        };
        article_date(&text, modified).map(|(d, s)| format!("{d} {s:?}"))
    }

    #[test]
    fn weekday_days_take_the_latest_year_with_that_weekday() {
        // Weekdays checked with `cal`: 20 October 2021 was a Wednesday, 20 October 2020 a
        // Tuesday; 29 October 2017 a Sunday; 5 May 2020 a Tuesday (2021: a Wednesday);
        // 30 October 2020 a Friday.
        let file = Some(oct_21_2021());
        let at = |lead: &str| dated(lead, "", file);
        assert_eq!(
            at("Wednesday 20 October").as_deref(),
            Some("2021-10-20 Text")
        );
        assert_eq!(at("الأربعاء 20 أكتوبر").as_deref(), Some("2021-10-20 Text"));
        assert_eq!(at("hôm thứ Tư (20/10)").as_deref(), Some("2021-10-20 Text"));
        assert_eq!(
            at("mercredi 20 octobre").as_deref(),
            Some("2021-10-20 Text")
        );
        // A Tuesday 20 October is 2020, not the file's year (the old answer was 2021).
        assert_eq!(at("mardi 20 octobre").as_deref(), Some("2020-10-20 Text"));
        assert_eq!(at("thứ Ba, ngày 20/10").as_deref(), Some("2020-10-20 Text"));
        assert_eq!(
            at("On Sunday, October 29, he").as_deref(),
            Some("2017-10-29 Text")
        );
        assert_eq!(
            at("vote solennel, mardi 5 mai").as_deref(),
            Some("2020-05-05 Text")
        );
        assert_eq!(
            at("ngày thứ Sáu (30/10)").as_deref(),
            Some("2020-10-30 Text")
        );
        // Persian weekday and Solar Hijri month: 19 Mehr 1399 (10 October 2020) was a Saturday
        // (شنبه); "سه‌شنبه" (Tuesday) must not be read as شنبه: the last Tuesday 19 Mehr
        // before the file was in 1390 (11 October 2011, a Tuesday by Python's datetime).
        assert_eq!(at("شنبه ۱۹ مهر").as_deref(), Some("2020-10-10 Text"));
        assert_eq!(
            at("سه\u{200c}شنبه ۱۹ مهر").as_deref(),
            Some("2011-10-11 Text")
        );
        // A weekday in brackets after the date: 18 June 2018 was a Monday (月).
        assert_eq!(at("6月18日（月）").as_deref(), Some("2018-06-18 Text"));
    }

    #[test]
    fn days_without_weekday_take_the_nearest_year_not_after_the_file() {
        let file = Some(oct_21_2021());
        assert_eq!(
            dated("ngày 23/12", "", file).as_deref(),
            Some("2020-12-23 Text")
        );
        assert_eq!(
            dated("20 October", "", file).as_deref(),
            Some("2021-10-20 Text")
        );
        // 19 Mehr 1400 is 11 October 2021, before the file.
        assert_eq!(
            dated("۱۹ مهرماه", "", file).as_deref(),
            Some("2021-10-11 Text")
        );
        assert_eq!(dated("ngày 23/12", "", None), None);
    }

    #[test]
    fn the_lead_wins_over_the_body_and_the_body_over_the_file() {
        let file = Some(oct_21_2021());
        // A video's upload date deep in the body is not the article's date when the lead has one.
        assert_eq!(
            dated("Moscow, 20 Oct", "uploaded on 18/6/2016", file).as_deref(),
            Some("2021-10-20 Text")
        );
        assert_eq!(
            dated("No date here", "uploaded on 18/6/2016", file).as_deref(),
            Some("2016-06-18 Text")
        );
        assert_eq!(
            dated("nothing", "nor here", file).as_deref(),
            Some("2021-10-21 File")
        );
        // A full date after the file is an announced event, not the publication.
        assert_eq!(
            dated("on 1 May 2030", "", file).as_deref(),
            Some("2021-10-21 File")
        );
        let text = DateText {
            front_matter: Some("2019-01-02"),
            lead: "20 October 2021",
            body: "",
        };
        assert_eq!(
            article_date(&text, file),
            Date::new(2019, 1, 2).map(|d| (d, DateSource::FrontMatter))
        );
    }
}
