//! OPML import and export: readers' exports, folders and categories, hostile names, round trips.

use super::*;

#[test]
fn round_trip() {
    let feeds = vec![
        Subscription {
            url: "https://a.example/rss?x=1&y=2".to_owned(),
            title: Some("الجزيرة \"نت\" <A&B>".to_owned()),
            tags: vec!["world".to_owned(), "ar".to_owned()],
            ..Subscription::default()
        },
        Subscription {
            url: "https://b.example/atom".to_owned(),
            ..Subscription::default()
        },
    ];
    let text = export(&feeds, &|url| {
        url.contains("b.example")
            .then(|| "https://b.example/".to_owned())
    });
    assert!(text.contains("htmlUrl=\"https://b.example/\""), "{text}");
    let back = import(&text).unwrap();
    assert!(back.warnings.is_empty());
    assert_eq!(back.feeds[0], feeds[0]);
    assert_eq!(back.feeds[1].url, feeds[1].url);
    assert_eq!(
        back.feeds[1].title.as_deref(),
        Some("https://b.example/atom")
    );
}

#[test]
fn newsboat_and_feedly_exports() {
    let newsboat = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>newsboat - Exported Feeds</title></head><body>
<outline type="rss" xmlUrl="https://vnexpress.net/rss/tin-moi-nhat.rss" htmlUrl="https://vnexpress.net" title="VnExpress &amp; b&#224;i"/>
<outline type="rss" xmlUrl="https://www.bbc.co.uk/persian/index.xml" htmlUrl="" title="BBC فارسی"/>
</body></opml>"#;
    let got = import(newsboat).unwrap();
    let names: Vec<_> = got
        .feeds
        .iter()
        .map(|f| f.title.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(names, ["VnExpress & bài", "BBC فارسی"]);
    assert!(got.feeds.iter().all(|f| f.tags.is_empty()));

    let feedly = r#"<opml version="2.0"><body>
<outline text="World" title="World">
  <outline type="rss" text="Haaretz" xmlUrl="https://www.haaretz.co.il/srv/rss" category="/news"/>
  <outline text="Asia"><outline type="rss" text="新华网" xmlUrl="http://www.xinhuanet.com/rss"/></outline>
</outline>
<outline type="rss" text="Loose" xmlUrl="https://loose.example/feed"/>
</body></opml>"#;
    let got = import(feedly).unwrap();
    let tags: Vec<(&str, Vec<&str>)> = got
        .feeds
        .iter()
        .map(|f| {
            (
                f.title.as_deref().unwrap_or(""),
                f.tags.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [
            ("Haaretz", vec!["World", "news"]),
            ("新华网", vec!["World", "Asia"]),
            ("Loose", vec![])
        ]
    );
}

#[test]
fn hostile_opml() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<opml version="2.0"><body>
<outline text="&c;" xmlUrl="https://a.example/rss"/>
<outline text="dup" xmlUrl="https://a.example/rss"/>
<outline text="local" xmlUrl="file:///etc/passwd"/>
<outline text="js" xmlUrl="javascript:alert(1)"/>
</body></opml>"#;
    let got = import(bomb).unwrap();
    assert_eq!(got.feeds.len(), 1);
    assert_eq!(got.feeds[0].title.as_deref(), Some("&c;"));
    assert_eq!(got.warnings.len(), 2, "{:?}", got.warnings);
    assert!(got.warnings[0].contains("file:///etc/passwd"));
    assert!(
        import("<html><body/></html>")
            .unwrap_err()
            .to_string()
            .contains("not OPML")
    );
    assert!(import("<opml><body><outline").is_err());
}

#[test]
fn control_characters_are_dropped_and_an_export_reads_back_the_same() {
    // The fuzzer's case: raw C0 controls (and a NUL) inside a title were kept, and the
    // export of what was imported imported as something else.
    let opml = "<opml version=\"2.0\"><body><outline type=\"rss\" \
        xmlUrl=\"https://x.example/f\" title=\"Tin \u{2}\0\0\u{1b}]0;t\u{7}\tất\" \
        category=\"a\u{1b},b\"/></body></opml>";
    let got = import(opml).unwrap();
    assert_eq!(got.feeds[0].title.as_deref(), Some("Tin ]0;t ất"));
    assert_eq!(got.feeds[0].tags, ["a", "b"]);
    let again = import(&export(&got.feeds, &|_| None)).unwrap();
    assert_eq!(again.feeds, got.feeds);
    // The fuzzer's own input (`fuzz/regressions/opml`).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/opml");
    for file in std::fs::read_dir(&dir).expect("the regressions folder") {
        let bytes = std::fs::read(file.expect("an entry").path()).expect("a regression");
        let got = import(&String::from_utf8_lossy(&bytes)).unwrap();
        let again = import(&export(&got.feeds, &|_| None)).unwrap();
        assert_eq!(again.feeds, got.feeds);
    }
}

#[test]
fn a_folder_name_with_separators_is_split_as_a_category_and_reads_back_the_same() {
    // The fuzzer's open case: a folder named `News/World` was one tag, which the export's
    // `category` split in two.
    let opml = r#"<opml version="2.0"><body>
<outline text="News/World"><outline text="Asia, East">
  <outline type="rss" text="VnExpress" xmlUrl="https://vnexpress.net/rss" category="/vi"/>
</outline></outline></body></opml>"#;
    let got = import(opml).unwrap();
    assert_eq!(got.feeds[0].tags, ["News", "World", "Asia", "East", "vi"]);
    let again = import(&export(&got.feeds, &|_| None)).unwrap();
    assert_eq!(again.feeds, got.feeds);
}

#[test]
fn tags_an_export_would_split_are_named() {
    let feed = |url: &str, tags: &[&str]| Subscription {
        url: url.to_owned(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..Subscription::default()
    };
    let feeds = [
        feed("https://a.example/f", &["world", "asia/east"]),
        feed("https://b.example/f", &["x,y", "plain"]),
    ];
    assert_eq!(
        split_tags(&feeds),
        [
            ("https://a.example/f", "asia/east"),
            ("https://b.example/f", "x,y")
        ]
    );
}
