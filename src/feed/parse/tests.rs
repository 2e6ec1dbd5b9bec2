//! The parsing layer on whole feeds: hostile XML, repairs, identities, language and direction.

use super::*;

const URL: &str = "https://news.example/feed.xml";

fn parsed(xml: &str) -> Parsed {
    parse(xml.as_bytes(), None, URL).unwrap()
}

#[test]
fn an_entity_bomb_is_never_expanded() {
    let mut doctype = String::from("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for level in 1..=9 {
        let previous = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        let refs = format!("&{previous};").repeat(10);
        doctype += &["<!ENTITY lol", &level.to_string(), " \"", &refs, "\">"].concat();
    }
    doctype.push(']');
    doctype.push('>');
    let xml = format!(
        "<?xml version=\"1.0\"?>{doctype}<rss version=\"2.0\"><channel><title>Bomb &lol9;</title>\
         <item><title>&lol9;</title><guid>1</guid><description>&lol9;</description></item>\
         </channel></rss>"
    );
    let feed = parsed(&xml);
    let all = format!("{feed:?}");
    assert!(
        !all.contains("lollol"),
        "expanded: {}",
        &all[..all.len().min(300)]
    );
    assert!(all.len() < 10_000, "{} bytes", all.len());
    assert_eq!(feed.items.len(), 1);
}

#[test]
fn an_external_entity_is_never_read() {
    let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
        <rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>x &xxe; y</title>\
        <description>&xxe;</description></item></channel></rss>";
    let feed = parsed(xml);
    let all = format!("{feed:?}");
    assert!(!all.contains("root:"), "{all}");
    assert_eq!(feed.items[0].title, "x &xxe; y");
}

#[test]
fn a_bare_ampersand_is_retried_escaped() {
    let xml = "<rss version=\"2.0\"><channel><title>Tom & Jerry</title>\
        <item><title>Q&A: AT&T</title><link>https://n.example/a?x=1&y=2</link></item>\
        </channel></rss>";
    let feed = parsed(xml);
    assert_eq!(feed.title.as_deref(), Some("Tom & Jerry"));
    assert_eq!(feed.items[0].title, "Q&A: AT&T");
    assert_eq!(
        feed.items[0].link.as_deref(),
        Some("https://n.example/a?x=1&y=2")
    );
    assert!(
        feed.warnings.iter().any(|w| w.contains("bare &")),
        "{:?}",
        feed.warnings
    );
}

#[test]
fn html_entities_in_titles_are_decoded() {
    let xml = "<rss version=\"2.0\"><channel><title>Caf&eacute;</title><item><guid>g</guid>\
        <title>Le caf&amp;eacute; &amp;amp; &lt;b&gt;bar&lt;/b&gt;\n  ouvert</title></item></channel></rss>";
    let feed = parsed(xml);
    assert_eq!(feed.title.as_deref(), Some("Café"));
    assert_eq!(feed.items[0].title, "Le café & bar ouvert");
}

#[test]
fn entries_without_guid_or_link_keep_their_key() {
    let xml = "<rss version=\"2.0\"><channel><title>T</title>\
        <item><title>One</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>\
        <item><title>Two</title></item>\
        <item><title>Linked</title><link>https://n.example/3</link></item>\
        <item><guid isPermaLink=\"false\">urn:4</guid><title>Guid</title><link>https://n.example/4</link></item>\
        </channel></rss>";
    let first = parsed(xml);
    let second = parsed(xml);
    let keys: Vec<&str> = first.items.iter().map(|i| i.key.as_str()).collect();
    let again: Vec<&str> = second.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, again);
    assert!(keys[0].starts_with("hash:") && keys[1].starts_with("hash:"));
    assert_ne!(keys[0], keys[1]);
    assert_eq!(keys[2], "https://n.example/3");
    assert_eq!(keys[3], "urn:4");
    assert_eq!(first.items[0].published, Some(1_709_632_800));
}

#[test]
fn a_truncated_feed_keeps_the_entries_before_the_break_or_says_what_broke() {
    let whole = "<rss version=\"2.0\"><channel><title>T</title>\
        <item><guid>1</guid><title>One</title></item>\
        <item><guid>2</guid><title>Two</title></item></channel></rss>";
    let cut = &whole[..whole.find("<item><guid>2").unwrap() + 20];
    let feed = parse(cut.as_bytes(), None, URL).unwrap();
    let titles: Vec<&str> = feed.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["One"]);
    assert!(
        feed.warnings
            .iter()
            .any(|w| w.contains("breaks after 1 entries")),
        "{:?}",
        feed.warnings
    );
    let error = parse(
        b"<rss version=\"2.0\"><channel><title>T</title><ite",
        None,
        URL,
    )
    .unwrap_err();
    assert!(error.to_string().contains("not closed"), "{error}");
    let error = parse(b"not xml at all", None, URL).unwrap_err();
    assert!(error.to_string().starts_with("not a feed"), "{error}");
}

#[test]
fn atom_xhtml_wrapper_direction_and_languages() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi-VN">
  <title>Tin</title><id>urn:feed</id><updated>2024-03-05T10:00:00Z</updated>
  <link rel="self" href="https://n.example/atom.xml"/><link href="https://n.example/"/>
  <entry><id>urn:1</id><title>Việt</title><updated>2024-03-05T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml" dir="ltr"><p>Nội dung.</p></div></content></entry>
  <entry xml:lang="ar"><id>urn:2</id><title>عنوان</title><updated>2024-03-05T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml" dir="rtl"><p>نص الخبر.</p></div></content></entry>
  <entry><id>urn:3</id><title>Html</title><updated>2024-03-05T10:00:00Z</updated>
    <content type="html">&lt;div dir="rtl" lang="he"&gt;&lt;p&gt;שלום&lt;/p&gt;&lt;/div&gt;</content></entry>
</feed>"#;
    let feed = parsed(xml);
    assert_eq!(feed.lang.as_deref(), Some("vi"));
    assert_eq!(feed.link.as_deref(), Some("https://n.example/"));
    let langs: Vec<_> = feed.items.iter().map(|i| i.lang.as_deref()).collect();
    let dirs: Vec<_> = feed.items.iter().map(|i| i.dir).collect();
    assert_eq!(langs, [Some("vi"), Some("ar"), Some("vi")]);
    assert_eq!(dirs, [Some(Dir::Ltr), Some(Dir::Rtl), Some(Dir::Rtl)]);
}

#[test]
fn a_json_feed() {
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"اخبار","language":"fa-IR",
        "items":[{"id":"1","title":"خبر اول","content_html":"<p>متن</p>","date_published":"2024-03-05T10:00:00Z"}]}"#;
    let feed = parsed(json);
    assert_eq!(feed.title.as_deref(), Some("اخبار"));
    assert_eq!(feed.items[0].key, "1");
    assert_eq!(feed.items[0].title, "خبر اول");
    assert_eq!(feed.items[0].content.as_deref(), Some("<p>متن</p>"));
}

#[test]
fn charsets_from_the_declaration_and_the_header() {
    let arabic = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel>\
        <title>الأخبار</title><language>ar</language><item><guid>1</guid><title>خبر عاجل</title></item></channel></rss>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
    let feed = parse(&bytes, Some("text/xml"), URL).unwrap();
    assert_eq!(feed.title.as_deref(), Some("الأخبار"));
    assert_eq!(feed.items[0].title, "خبر عاجل");
    assert_eq!(feed.items[0].lang.as_deref(), Some("ar"));

    let hebrew = "<rss version=\"2.0\"><channel><title>חדשות</title>\
        <item><guid>1</guid><title>שלום עולם</title></item></channel></rss>";
    let (bytes, _, _) = encoding_rs::ISO_8859_8_I.encode(hebrew);
    let feed = parse(
        &bytes,
        Some("application/rss+xml; charset=ISO-8859-8-I"),
        URL,
    )
    .unwrap();
    assert_eq!(feed.items[0].title, "שלום עולם");

    let chinese = "<?xml version=\"1.0\" encoding=\"GB18030\"?><rss version=\"2.0\"><channel>\
        <title>新闻</title><item><guid>1</guid><title>北京今日多云</title></item></channel></rss>";
    let (bytes, _, _) = encoding_rs::GB18030.encode(chinese);
    let feed = parse(&bytes, None, URL).unwrap();
    assert_eq!(feed.items[0].title, "北京今日多云");
}

/// The inputs the `feed` fuzz target crashed on (`fuzz/regressions/feed`), replayed as it
/// ran them: the first byte picks the content type and the address. All made `quick-xml`
/// panic on a later XML declaration.
#[test]
fn the_fuzzers_crashing_feeds_parse_the_same_twice() {
    const CONTENT_TYPES: [Option<&str>; 6] = [
        None,
        Some("application/rss+xml"),
        Some("application/atom+xml; charset=iso-8859-1"),
        Some("text/xml; charset=windows-1251"),
        Some("application/feed+json"),
        Some("application/xml; charset=utf-16"),
    ];
    const URLS: [&str; 2] = ["https://news.example/feed.xml", "feeds/local.xml"];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/feed");
    let mut replayed = 0;
    for file in std::fs::read_dir(&dir).expect("the regressions folder") {
        let bytes = std::fs::read(file.expect("an entry").path()).expect("a regression");
        let Some((&selector, feed)) = bytes.split_first() else {
            continue;
        };
        let content_type = CONTENT_TYPES[usize::from(selector & 7) % CONTENT_TYPES.len()];
        let url = URLS[usize::from(selector >> 7)];
        let first = parse(feed, content_type, url);
        assert_eq!(first, parse(feed, content_type, url));
        replayed += 1;
    }
    assert!(replayed >= 10, "only {replayed} regressions");
}
