//! Month and weekday names per language (`assets/dates/*.toml`), merged into one table.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The date files, one per language; every name is read in every article, because dates
/// are found before (and independently of) language detection.
const FILES: &[&str] = &[
    include_str!("../../../assets/dates/en.toml"),
    include_str!("../../../assets/dates/fr.toml"),
    include_str!("../../../assets/dates/vi.toml"),
    include_str!("../../../assets/dates/ar.toml"),
    include_str!("../../../assets/dates/fa.toml"),
    include_str!("../../../assets/dates/ur.toml"),
    include_str!("../../../assets/dates/he.toml"),
    include_str!("../../../assets/dates/zh.toml"),
    include_str!("../../../assets/dates/ja.toml"),
    include_str!("../../../assets/dates/ko.toml"),
];

/// The calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Calendar {
    /// The Gregorian calendar.
    Gregorian,
    /// The Solar Hijri (Iranian) calendar.
    SolarHijri,
}

/// Words around numbered months: "20 tháng 10 năm 2021".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberedMonths {
    /// The word before the month number.
    pub month: String,
    /// The word before the year.
    pub year: String,
}

/// Units after the numbers: 2018年6月18日.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// After the year.
    pub year: String,
    /// After the month.
    pub month: String,
    /// After the day.
    pub day: String,
}

/// One language's file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct File {
    month_prefixes: Vec<String>,
    month_suffixes: Vec<String>,
    weekday_joiners: Vec<String>,
    numbered_months: Option<NumberedMonths>,
    units: Option<Units>,
    months: BTreeMap<String, u32>,
    solar_hijri_months: BTreeMap<String, u32>,
    weekdays: BTreeMap<String, u32>,
    bracketed_weekdays: BTreeMap<String, u32>,
}

/// Every language's names, lowercase.
#[derive(Debug, Default)]
pub struct Names {
    /// Month names with their calendar and number.
    pub months: Vec<(String, Calendar, u32)>,
    /// What may join a month name before it (Hebrew ב).
    pub month_prefixes: Vec<String>,
    /// What may follow a month name (Persian ماه).
    pub month_suffixes: Vec<String>,
    /// Weekday names with their ISO number, longest first.
    pub weekdays: Vec<(String, u32)>,
    /// Weekday names read only in brackets after a date, longest first.
    pub bracketed_weekdays: Vec<(String, u32)>,
    /// Words between a weekday and its date.
    pub weekday_joiners: Vec<String>,
    /// Numbered-month patterns.
    pub numbered_months: Vec<NumberedMonths>,
    /// Unit patterns.
    pub units: Vec<Units>,
}

impl Names {
    /// The month named `name` (any case).
    pub fn month(&self, name: &str) -> Option<(Calendar, u32)> {
        let name = name.to_lowercase();
        self.months
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|&(_, calendar, month)| (calendar, month))
    }

    fn parse(files: &[&str]) -> Result<Self, toml::de::Error> {
        let mut names = Self::default();
        for text in files {
            let file: File = toml::from_str(text)?;
            let lower = |map: BTreeMap<String, u32>| {
                map.into_iter()
                    .map(|(name, n)| (name.to_lowercase(), n))
                    .collect::<Vec<_>>()
            };
            let gregorian = lower(file.months).into_iter();
            let solar = lower(file.solar_hijri_months).into_iter();
            names.months.extend(
                gregorian
                    .map(|(n, m)| (n, Calendar::Gregorian, m))
                    .chain(solar.map(|(n, m)| (n, Calendar::SolarHijri, m))),
            );
            names.weekdays.extend(lower(file.weekdays));
            names
                .bracketed_weekdays
                .extend(lower(file.bracketed_weekdays));
            names.month_prefixes.extend(file.month_prefixes);
            names.month_suffixes.extend(file.month_suffixes);
            names.weekday_joiners.extend(file.weekday_joiners);
            names.numbered_months.extend(file.numbered_months);
            names.units.extend(file.units);
        }
        // Longest first, so that a name is never read as the shorter name it ends with.
        let by_length = |(name, _): &(String, u32)| std::cmp::Reverse(name.chars().count());
        names.weekdays.sort_by_key(by_length);
        names.bracketed_weekdays.sort_by_key(by_length);
        Ok(names)
    }

    /// The names of the bundled files.
    pub fn bundled() -> &'static Self {
        static NAMES: LazyLock<Names> = LazyLock::new(|| Names::parse(FILES).unwrap_or_default());
        &NAMES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse() {
        assert!(Names::parse(FILES).is_ok());
        let names = Names::bundled();
        assert_eq!(names.month("OCTOBER"), Some((Calendar::Gregorian, 10)));
        assert_eq!(names.month("تشرين الأول"), Some((Calendar::Gregorian, 10)));
        assert_eq!(names.month("مهر"), Some((Calendar::SolarHijri, 7)));
        assert_eq!(names.month("دسمبر"), Some((Calendar::Gregorian, 12)));
        assert_eq!(names.month("באוקטובר"), None);
    }

    #[test]
    fn longer_weekdays_come_before_the_names_they_end_with() {
        let names = Names::bundled();
        let at = |name: &str| names.weekdays.iter().position(|(n, _)| n == name);
        assert!(at("سه\u{200c}شنبه") < at("شنبه"));
        assert!(at("ביום שני").is_some());
    }
}
