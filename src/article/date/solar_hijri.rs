//! Solar Hijri (Iranian) dates to Gregorian, by the arithmetic of Borkowski's algorithm as
//! jalaali-js implements it: leap years from the table of breaks in the 33-year cycles.

use super::{Date, civil_from_days, days_from_civil};

/// Solar Hijri years where the pattern of 33-year cycles shifts (valid from -61 to 3177).
const BREAKS: [i64; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// The Gregorian year and the day of March on which Solar Hijri year `year` starts
/// (1 Farvardin), or `None` out of the table's range.
fn new_year(year: i64) -> Option<(i64, i64)> {
    if year < BREAKS[0] || year >= BREAKS[BREAKS.len() - 1] {
        return None;
    }
    let gregorian_year = year + 621;
    let mut leap_count = -14;
    let mut previous = BREAKS[0];
    let mut jump = 0;
    for &next in &BREAKS[1..] {
        jump = next - previous;
        if year < next {
            break;
        }
        leap_count += jump / 33 * 8 + jump % 33 / 4;
        previous = next;
    }
    let since = year - previous;
    leap_count += since / 33 * 8 + (since % 33 + 3) / 4;
    if jump % 33 == 4 && jump - since == 4 {
        leap_count += 1;
    }
    let gregorian_leaps = gregorian_year / 4 - (gregorian_year / 100 + 1) * 3 / 4 - 150;
    Some((gregorian_year, 20 + leap_count - gregorian_leaps))
}

/// Days since 1970-01-01 of 1 Farvardin of `year`.
fn new_year_days(year: i64) -> Option<i64> {
    let (gregorian_year, march_day) = new_year(year)?;
    Some(days_from_civil(gregorian_year, 3, 1) + march_day - 1)
}

/// The Gregorian date of day `day` of month `month` (1 Farvardin ... 12 Esfand) of `year`.
/// Months 1-6 have 31 days, 7-11 have 30, and Esfand 29, or 30 in a leap year.
pub fn to_gregorian(year: i64, month: u32, day: u32) -> Option<Date> {
    let (month, day) = (i64::from(month), i64::from(day));
    let length = match month {
        1..=6 => 31,
        7..=11 => 30,
        12 => new_year_days(year + 1)? - new_year_days(year)? - 336,
        _ => return None,
    };
    if !(1..=length).contains(&day) {
        return None;
    }
    let before_month = if month <= 7 {
        (month - 1) * 31
    } else {
        186 + (month - 7) * 30
    };
    let days = new_year_days(year)? + before_month + day - 1;
    let (year, month, day) = civil_from_days(u64::try_from(days).ok()?);
    Date::new(i32::try_from(year).ok()?, month, day)
}

/// The Solar Hijri year in which Gregorian `date` falls.
pub fn year_of(date: Date) -> i64 {
    let year = i64::from(date.year) - 621;
    // 1 Farvardin falls on 19-22 March: before it, the year is one less.
    match new_year(year) {
        Some((_, march_day)) if (date.month, i64::from(date.day)) < (3, march_day) => year - 1,
        _ => year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gregorian(year: i64, month: u32, day: u32) -> String {
        to_gregorian(year, month, day).map_or_else(|| "none".into(), |d| d.to_string())
    }

    #[test]
    fn known_equivalences() {
        // Nowruz (1 Farvardin) fell on 20 March 2020, 21 March 2021, 21 March 2023 and
        // 20 March 2024 (the vernal equinox before or after noon in Tehran).
        assert_eq!(gregorian(1399, 1, 1), "2020-03-20");
        assert_eq!(gregorian(1400, 1, 1), "2021-03-21");
        assert_eq!(gregorian(1402, 1, 1), "2023-03-21");
        assert_eq!(gregorian(1403, 1, 1), "2024-03-20");
        // 19 Mehr 1399: 6 months of 31 days and 18 more after 20 March 2020 is 10 October.
        assert_eq!(gregorian(1399, 7, 19), "2020-10-10");
        // 21 Aban 1397 is 12 November 2018 (a news id and its Gregorian date agree).
        assert_eq!(gregorian(1397, 8, 21), "2018-11-12");
        // The Islamic Revolution's anniversary, 22 Bahman 1357, was 11 February 1979.
        assert_eq!(gregorian(1357, 11, 22), "1979-02-11");
    }

    #[test]
    fn esfand_has_thirty_days_only_in_leap_years() {
        // 1399 is leap: 30 Esfand 1399 is the day before 1 Farvardin 1400 (21 March 2021).
        assert_eq!(gregorian(1399, 12, 30), "2021-03-20");
        assert_eq!(gregorian(1400, 12, 30), "none");
        assert_eq!(gregorian(1400, 12, 29), "2022-03-20");
        assert_eq!(gregorian(1399, 7, 31), "none");
        assert_eq!(gregorian(1399, 13, 1), "none");
    }

    #[test]
    fn year_of_a_gregorian_date() {
        let date = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(year_of(date(2020, 3, 19)), 1398);
        assert_eq!(year_of(date(2020, 3, 20)), 1399);
        assert_eq!(year_of(date(2020, 12, 31)), 1399);
    }
}
