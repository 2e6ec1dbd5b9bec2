//! Article dates and sources through `parse`, on short articles written for these tests:
//! the dateline wins over dates deep in the body, a weekday fixes the year, a file time says
//! it is one, and an outlet is taken only from a standard attribution.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lectern::article::{DateSource, parse};

/// 2021-10-21T00:00:00Z (`date -u -d @1634774400`).
fn saved() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_634_774_400)
}

fn meta(text: &str) -> lectern::article::Meta {
    parse(text.to_owned(), "t.txt".into(), Some(saved())).0.meta
}

fn dated(text: &str) -> (Option<String>, Option<DateSource>) {
    let m = meta(text);
    (m.date, m.date_source)
}

fn text(date: &str) -> (Option<String>, Option<DateSource>) {
    (Some(date.to_owned()), Some(DateSource::Text))
}

#[test]
fn a_weekday_gives_the_year_the_file_alone_got_wrong() {
    // Before: 2021-10-19 (the file's year); 19 October was a Tuesday in 2021 and a Saturday
    // in 2019 (checked with `cal`), so "Saturday 19 October" is 2019.
    let article =
        "Stadium reopens\n\nLYON, Saturday 19 October — The stadium opened its gates again.\n";
    assert_eq!(dated(article), text("2019-10-19"));
    // Before: 2021-10-20 from the file's year although it was no Tuesday; 2020 it was.
    let vi = "Cầu mới thông xe\n\nHôm thứ Ba (20/10), cây cầu mới đã được thông xe.\n";
    assert_eq!(dated(vi), text("2020-10-20"));
    let ar = "افتتاح جسر\n\nافتتح الجسر الجديد يوم الثلاثاء 20 أكتوبر أمام السيارات.\n";
    assert_eq!(dated(ar), text("2020-10-20"));
}

#[test]
fn the_dateline_wins_over_a_date_deep_in_the_body() {
    // Before: 2016-06-18, the video's upload date in the third paragraph.
    let article = "Bài hát đạt kỷ lục\n\n(Hà Nội, 20/10) Bài hát đã vượt mốc mười tỷ lượt xem.\n\n\
        Đây là một kỷ lục mới.\n\nVideo được đăng tải từ ngày 18/6/2016 trên mạng.\n";
    assert_eq!(dated(article), text("2021-10-20"));
    let ja =
        "橋が開通\n\n【10月20日 AFP】新しい橋が開通した。\n\n工事は2016年6月18日に始まった。\n";
    assert_eq!(dated(ja), text("2021-10-20"));
    // With no dateline, the body's date is better than nothing.
    let body_only = "Record\n\nThe song broke a record.\n\nIt was uploaded on 18/6/2016.\n";
    assert_eq!(dated(body_only), text("2016-06-18"));
}

#[test]
fn other_calendars_and_month_names() {
    // 19 Mehr 1399 is 10 October 2020 (Nowruz 1399 was 20 March 2020, plus 6×31+18 days).
    let fa = "بازگشایی پل\n\nتهران، ۱۹ مهر ۱۳۹۹ - پل تازه باز شد.\n";
    assert_eq!(dated(fa), text("2020-10-10"));
    let levant = "افتتاح جسر\n\nبيروت، 7 تشرين الأول 2021 - افتتح الجسر.\n";
    assert_eq!(dated(levant), text("2021-10-07"));
    let ur = "پل کھل گیا\n\nلاہور۔ 5 دسمبر 2020 (ویب ڈیسک) نیا پل کھل گیا۔\n";
    assert_eq!(dated(ur), text("2020-12-05"));
    let he = "הגשר נפתח\n\nהגשר החדש נפתח ב-3 באוקטובר 2021 לתנועה.\n";
    assert_eq!(dated(he), text("2021-10-03"));
    let zh = "新桥通车\n\n2021年10月3日，新桥正式通车。\n";
    assert_eq!(dated(zh), text("2021-10-03"));
}

#[test]
fn a_file_time_says_so_and_front_matter_wins() {
    let none = "Stadium reopens\n\nThe stadium opened its gates again.\n";
    let m = meta(none);
    assert_eq!(m.date.as_deref(), Some("2021-10-21"));
    assert_eq!(m.date_source, Some(DateSource::File));
    assert_eq!(m.shown_date().as_deref(), Some("2021-10-21?"));
    assert!(m.details().contains("2021-10-21?"));
    let front = "---\ndate: 2020-01-02\n---\nStadium reopens\n\n(Lyon, 19 October) It opened.\n";
    assert_eq!(
        dated(front),
        (Some("2020-01-02".into()), Some(DateSource::FrontMatter))
    );
    assert_eq!(meta(front).shown_date().as_deref(), Some("2020-01-02"));
}

/// Articles that name their outlet in a standard form, and the outlet each names.
const NAMED: &[(&str, &str)] = &[
    (
        "Bridge opens\n\n(CNN) — A new bridge opened on Monday.\n",
        "CNN",
    ),
    (
        "Pont\n\nLYON (AFP) - Un pont a ouvert lundi.\n\nIl est long.\n",
        "AFP",
    ),
    (
        "Bridge\n\nThe bridge opened.\n\nIt is long. — Reuters\n",
        "Reuters",
    ),
    (
        "Cầu mới\n\nCây cầu đã thông xe.\n\nCầu dài 2 km.\n\nTheo VOV\n",
        "VOV",
    ),
    ("Cầu mới\n\nCây cầu đã thông xe.\n\nNguồn: TTXVN\n", "TTXVN"),
    ("پل\n\nبه گزارش خبرگزاری مهر، پل باز شد.\n", "خبرگزاری مهر"),
    ("پل\n\nلاہور (جنگ ڈاٹ کام) نیا پل کھل گیا۔\n", "جنگ ڈاٹ کام"),
    ("جسر\n\nافتتح الجسر.\n\nالمصدر: الجزيرة\n", "الجزيرة"),
    ("橋\n\n【10月20日 AFP】橋が開通した。\n", "AFP"),
    (
        "Pont\n\nUn pont a ouvert.\n\nSource : Ouest-France\n",
        "Ouest-France",
    ),
];

/// Articles that mention outlets without naming their own.
const UNNAMED: &[&str] = &[
    "Interview\n\nIn an interview with the BBC, the minister spoke.\n\n“We will build it.” — Jane Doe\n",
    "Cầu mới\n\nTheo ông Nam, cây cầu sẽ thông xe.\n\nTheo dõi tin tức mới nhất\n",
    "Pont\n\n(Lyon, 20 octobre) — Le pont a ouvert.\n",
    "پل\n\nبه گفته وزیر، پل باز شد.\n",
];

#[test]
fn sources_named_in_the_text_are_found_and_none_invented() {
    for (article, outlet) in NAMED {
        assert_eq!(meta(article).source.as_deref(), Some(*outlet), "{article}");
    }
    for article in UNNAMED {
        assert_eq!(meta(article).source, None, "{article}");
    }
}

#[test]
fn a_byline_that_names_an_agency_gives_the_source() {
    let text = "Harbour reopens after storm\n\nBy Jane Doe, Reuters\n\n\
                The old harbour opened again on Monday after the storm passed, officials said.\n\n\
                Boats were back by noon and fishermen returned to the sea.\n";
    let meta = meta(text);
    assert_eq!(meta.source.as_deref(), Some("Reuters"));
    // A byline without an agency names no source.
    let meta = self::meta(&text.replace(", Reuters", ""));
    assert_eq!(meta.source, None);
}
