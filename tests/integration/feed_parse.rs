//! Feeds in lectern's languages through the parsing layer and into article text that
//! `article::parse` reads with the right title, language, direction and date.

use lectern::feed::{article, parse};
use lectern::text::Dir;
use unicode_normalization::UnicodeNormalization;

const URL: &str = "http://127.0.0.1/feed";

fn read(text: String) -> lectern::article::Article {
    lectern::article::parse(text, "feed".to_owned(), None).0
}

#[test]
fn a_vietnamese_atom_feed_in_nfd_with_an_xhtml_direction_wrapper() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\"><title>Tin tức</title><id>urn:f</id>\
<updated>2024-03-05T10:00:00Z</updated>\
<entry><id>urn:1</id><title>Hà Nội mưa lớn</title><published>2024-03-05T10:00:00Z</published>\
<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\" dir=\"ltr\">\
<p>Mưa lớn kéo dài ở Hà Nội.</p><p>Nhiều tuyến phố ngập sâu.</p></div></content></entry></feed>";
    let nfd: String = xml.nfd().collect();
    let feed = parse(nfd.as_bytes(), Some("application/atom+xml"), URL).unwrap();
    let item = &feed.items[0];
    assert_eq!(item.title, "Hà Nội mưa lớn");
    assert_eq!(item.dir, Some(Dir::Ltr));
    let article = read(article::text(item, &feed, None, URL));
    assert_eq!(article.meta.title, "Hà Nội mưa lớn");
    assert_eq!(article.meta.lang, "vi");
    assert_eq!(article.meta.date.as_deref(), Some("2024-03-05"));
    assert_eq!(article.meta.source.as_deref(), Some("Tin tức"));
    assert_eq!(
        article.paragraphs,
        ["Mưa lớn kéo dài ở Hà Nội.", "Nhiều tuyến phố ngập sâu."]
    );
}

#[test]
fn a_hebrew_feed_declared_only_in_the_http_header() {
    let xml = "<rss version=\"2.0\"><channel><title>חדשות</title><language>he</language>\
<item><guid>h1</guid><title>גשם בירושלים</title><description>&lt;p&gt;ירד גשם כבד בעיר.&lt;/p&gt;</description></item>\
</channel></rss>";
    let (bytes, _, _) = encoding_rs::ISO_8859_8_I.encode(xml);
    let feed = parse(&bytes, Some("text/xml; charset=iso-8859-8-i"), URL).unwrap();
    let article = read(article::text(&feed.items[0], &feed, None, URL));
    assert_eq!(article.meta.title, "גשם בירושלים");
    assert_eq!(article.meta.lang, "he");
    assert_eq!(article.meta.dir, Dir::Rtl);
    assert_eq!(article.paragraphs, ["ירד גשם כבד בעיר."]);
}

#[test]
fn a_persian_json_feed() {
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"خبرگزاری","language":"fa",
"items":[{"id":"p1","title":"باران در تهران","content_text":"باران شدید در تهران.\n\nخیابان‌ها بسته شد.","date_published":"2024-03-05T10:00:00Z"}]}"#;
    let feed = parse(json.as_bytes(), Some("application/feed+json"), URL).unwrap();
    let article = read(article::text(&feed.items[0], &feed, None, URL));
    assert_eq!(article.meta.title, "باران در تهران");
    assert_eq!(article.meta.lang, "fa");
    assert_eq!(article.meta.dir, Dir::Rtl);
    assert_eq!(
        article.paragraphs,
        ["باران شدید در تهران.", "خیابان‌ها بسته شد."]
    );
}
