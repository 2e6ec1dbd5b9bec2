//! A feed entry as lectern's article text: TOML front matter (title, source, url, date, lang,
//! dir) and the entry's content walked into paragraphs by [`crate::html::fragment`], the text
//! [`crate::article::parse`] reads like any saved page.

use unicode_segmentation::UnicodeSegmentation;

use super::{Item, Parsed, Subscription};
use crate::article::date::Date;
use crate::html::{self, Found};

/// Entries with fewer words than this in their content (else summary) are summaries: with
/// `full_text = "auto"` lectern fetches their page for the whole article. A news article runs to
/// several hundred words; a feed's teaser is one to three sentences, rarely over 80 words.
pub const SUMMARY_WORDS: usize = 120;

/// The entry's body as the feed gives it: its content, else its summary.
pub fn body(item: &Item) -> Option<&str> {
    [item.content.as_deref(), item.summary.as_deref()]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
}

/// Words in the entry's body (content, else summary), tags left out.
pub fn word_count(item: &Item) -> usize {
    body(item).map_or(0, |body| without_tags(body).unicode_words().count())
}

/// Whether the entry gives only a summary: under [`SUMMARY_WORDS`] words.
pub fn is_summary(item: &Item) -> bool {
    word_count(item) < SUMMARY_WORDS
}

/// `html` with its tags removed (a tag's place becomes a space, so words stay apart).
fn without_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Whether `body` is HTML rather than plain text: it has a tag.
fn is_html(body: &str) -> bool {
    let bytes = body.as_bytes();
    bytes.windows(2).any(|pair| {
        pair[0] == b'<' && (pair[1].is_ascii_alphabetic() || pair[1] == b'/' || pair[1] == b'!')
    })
}

/// Plain text as HTML paragraphs: one `<p>` per run of lines between blank lines. An `&` is
/// kept: text feeds write entities (`&eacute;`) as HTML does, and a bare `&` reads as itself.
fn plain_to_html(text: &str) -> String {
    let escaped = text
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("\r\n", "\n");
    let mut html = String::with_capacity(escaped.len() + 64);
    for paragraph in escaped.split("\n\n").map(str::trim) {
        if !paragraph.is_empty() {
            html.push_str("<p>");
            html.push_str(paragraph);
            html.push_str("</p>");
        }
    }
    html
}

/// `YYYY-MM-DD` of a time in seconds since the Unix epoch (proleptic Gregorian, UTC).
pub fn day(seconds: i64) -> Option<String> {
    // Howard Hinnant's civil_from_days.
    let days = seconds.div_euclid(86_400);
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = Date::new(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    Some(date.to_string())
}

/// The outlet an entry comes from: the subscription's name, else the feed's title, else the
/// entry's author (feeds without a title are mostly single outlets' syndication), else the
/// feed's host.
fn source(item: &Item, feed: &Parsed, subscription: Option<&Subscription>, url: &str) -> String {
    let named = |value: Option<&str>| {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    named(subscription.and_then(|s| s.title.as_deref()))
        .or_else(|| named(feed.title.as_deref()))
        .or_else(|| named(item.author.as_deref()))
        .unwrap_or_else(|| host(url))
}

/// The host of an address, without `www.`; the address itself when it has none.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

/// lectern's article text for an entry of `feed` (fetched from `feed_url`, subscribed as
/// `subscription`): front matter, then the paragraphs of its content, else its summary.
/// Plain-text bodies are split into paragraphs at blank lines. NFC, sanitised.
pub fn text(
    item: &Item,
    feed: &Parsed,
    subscription: Option<&Subscription>,
    feed_url: &str,
) -> String {
    let fragment = body(item).map_or_else(html::Fragment::default, |body| {
        if is_html(body) {
            html::fragment(body, item.dir)
        } else {
            html::fragment(&plain_to_html(body), item.dir)
        }
    });
    let lang = (subscription.and_then(|s| s.lang.clone()))
        .or_else(|| item.lang.clone())
        .or(fragment.lang)
        .filter(|lang| !lang.trim().is_empty());
    let details = Found {
        title: Some(item.title.clone()).filter(|t| !t.trim().is_empty()),
        source: Some(source(item, feed, subscription, feed_url)),
        date: item.published.or(item.updated).and_then(day),
        url: item.link.clone(),
        lang,
        dir: item.dir.or(fragment.dir),
    };
    let text = format!(
        "{}{}\n",
        details.front_matter(),
        fragment.paragraphs.join("\n\n")
    );
    // The same decoding a saved page gets: sanitised, NFC. It fails only on a NUL, which
    // no XML or JSON feed can carry.
    match crate::article::decode_owned(text.clone().into_bytes()) {
        Ok(decoded) => decoded.text,
        Err(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Dir;

    fn item(content: &str) -> Item {
        Item {
            key: "k".to_owned(),
            title: "عنوان الخبر".to_owned(),
            link: Some("https://news.example/a/1".to_owned()),
            published: Some(1_709_632_800), // 2024-03-05T10:00:00Z
            lang: Some("ar".to_owned()),
            dir: Some(Dir::Rtl),
            content: Some(content.to_owned()),
            ..Item::default()
        }
    }

    #[test]
    fn round_trips_through_the_article_parser() {
        let feed = Parsed {
            title: Some("Daily Example".to_owned()),
            ..Parsed::default()
        };
        let item = item(
            "<p>افتتحت وزارة الطاقة محطة جديدة.</p><p>وقال الوزير إن المحطة تخدم المدينة.</p>",
        );
        let text = text(&item, &feed, None, "https://news.example/feed");
        let (article, warnings) = crate::article::parse(text.clone(), "f".to_owned(), None);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(article.meta.title, "عنوان الخبر");
        assert_eq!(article.meta.lang, "ar");
        assert_eq!(article.meta.dir, Dir::Rtl);
        assert_eq!(article.meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(article.meta.source.as_deref(), Some("Daily Example"));
        assert_eq!(
            article.meta.url.as_deref(),
            Some("https://news.example/a/1")
        );
        assert_eq!(
            article.paragraphs,
            [
                "افتتحت وزارة الطاقة محطة جديدة.",
                "وقال الوزير إن المحطة تخدم المدينة."
            ]
        );
    }

    #[test]
    fn the_subscription_names_the_source_and_language() {
        let feed = Parsed {
            title: Some("Feed title".to_owned()),
            ..Parsed::default()
        };
        let subscription = Subscription {
            title: Some("My outlet".to_owned()),
            lang: Some("fa".to_owned()),
            ..Subscription::default()
        };
        let text = text(&item("<p>x y z</p>"), &feed, Some(&subscription), "u");
        let (article, _) = crate::article::parse(text, "f".to_owned(), None);
        assert_eq!(article.meta.source.as_deref(), Some("My outlet"));
        assert_eq!(article.meta.lang, "fa");
    }

    #[test]
    fn without_titles_the_author_then_the_host_is_the_source() {
        let mut entry = item("<p>x</p>");
        entry.author = Some("Agence Example".to_owned());
        let feed = Parsed::default();
        let text_with_author = text(&entry, &feed, None, "https://www.host.example/rss");
        assert!(text_with_author.contains("source = \"Agence Example\""));
        entry.author = None;
        let text_with_host = text(&entry, &feed, None, "https://www.host.example/rss");
        assert!(
            text_with_host.contains("source = \"host.example\""),
            "{text_with_host}"
        );
    }

    #[test]
    fn plain_text_splits_at_blank_lines() {
        let mut entry = item("");
        entry.content = None;
        entry.lang = Some("en".to_owned());
        entry.dir = None;
        entry.title = "Rain".to_owned();
        entry.summary = Some("First line\nstill first.\n\nSecond: 3 < 4 &eacute; AT&T".to_owned());
        let text = text(&entry, &Parsed::default(), None, "u");
        let (article, _) = crate::article::parse(text, "f".to_owned(), None);
        assert_eq!(
            article.paragraphs,
            ["First line still first.", "Second: 3 < 4 é AT&T"]
        );
        assert_eq!(article.meta.dir, Dir::Ltr);
    }

    #[test]
    fn content_declares_direction_when_the_feed_does_not() {
        let mut entry = item("<div dir='rtl' lang='he'><p>שלום עולם</p><p>עוד פסקה</p></div>");
        entry.lang = None;
        entry.dir = None;
        let text = text(&entry, &Parsed::default(), None, "u");
        assert!(text.contains("dir = \"rtl\""), "{text}");
        assert!(text.contains("lang = \"he\""), "{text}");
    }

    #[test]
    fn text_is_nfc() {
        let mut entry = item("<p>Vie\u{0323}\u{0302}t Nam</p>");
        entry.title = "Vie\u{0323}\u{0302}t".to_owned();
        let text = text(&entry, &Parsed::default(), None, "u");
        assert!(text.contains("Việt Nam"), "{text}");
    }

    #[test]
    fn words_and_summaries() {
        let short = item("<p>Only <b>five</b> words are here.</p>");
        assert_eq!(word_count(&short), 5);
        assert!(is_summary(&short));
        let long = item(&format!("<p>{}</p>", "word ".repeat(SUMMARY_WORDS)));
        assert!(!is_summary(&long));
        let mut none = item("");
        none.content = Some("  ".to_owned());
        assert_eq!(word_count(&none), 0);
    }

    #[test]
    fn days_of_timestamps() {
        assert_eq!(day(0).as_deref(), Some("1970-01-01"));
        assert_eq!(day(1_709_632_800).as_deref(), Some("2024-03-05"));
        assert_eq!(day(-86_400).as_deref(), Some("1969-12-31"));
        assert_eq!(day(951_825_600).as_deref(), Some("2000-02-29"));
        assert_eq!(day(i64::MAX), None);
    }
}
