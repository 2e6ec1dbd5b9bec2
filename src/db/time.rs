//! UTC timestamps as text: RFC 3339 for the state file, a compact form for backup file names.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::article::date::civil_from_days;

/// A moment broken into UTC calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: u64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
}

/// `2026-04-22T10:15:00Z`: RFC 3339, UTC, whole seconds. Times before 1970 read as 1970.
pub(crate) fn rfc3339_utc(time: SystemTime) -> String {
    let c = civil(seconds_since_epoch(time));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `20260422T101500Z`: the same moment with no `:` (not allowed in some file names).
pub(crate) fn compact_utc(time: SystemTime) -> String {
    let c = civil(seconds_since_epoch(time));
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

fn seconds_since_epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Splits seconds since the epoch into calendar fields (proleptic Gregorian).
fn civil(seconds: u64) -> Civil {
    let (year, month, day) = civil_from_days(seconds / 86_400);
    let in_day = seconds % 86_400;
    Civil {
        year,
        month,
        day,
        hour: in_day / 3_600,
        minute: in_day % 3_600 / 60,
        second: in_day % 60,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    // Every expected value below was checked with GNU date:
    // `date -u -d @SECONDS +%Y-%m-%dT%H:%M:%SZ`.
    #[test]
    fn formats_known_moments() {
        assert_eq!(rfc3339_utc(at(0)), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(at(951_782_400)), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(at(951_868_799)), "2000-02-29T23:59:59Z");
        assert_eq!(rfc3339_utc(at(1_709_251_199)), "2024-02-29T23:59:59Z");
        assert_eq!(rfc3339_utc(at(1_735_689_599)), "2024-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(at(1_776_852_900)), "2026-04-22T10:15:00Z");
        assert_eq!(rfc3339_utc(at(4_107_542_400)), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn compact_form_matches() {
        // `date -u -d @1776852900 +%Y%m%dT%H%M%SZ`
        assert_eq!(compact_utc(at(1_776_852_900)), "20260422T101500Z");
    }

    #[test]
    fn times_before_the_epoch_do_not_panic() {
        let before = UNIX_EPOCH - Duration::from_secs(10);
        assert_eq!(rfc3339_utc(before), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn agrees_with_day_by_day_counting_for_sixty_years() {
        // An independent, naive calendar walk checks every day from 1970 to 2030.
        let mut days = 0u64;
        for year in 1970..2030u64 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let lengths = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            for (month, length) in (1u32..).zip(lengths) {
                for day in 1..=length {
                    let c = civil(days * 86_400 + 3_661);
                    assert_eq!((c.year, c.month, c.day), (year, month, day));
                    assert_eq!((c.hour, c.minute, c.second), (1, 1, 1));
                    days += 1;
                }
            }
        }
    }
}
