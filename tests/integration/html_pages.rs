//! Web pages in the library: the article and its metadata are read from `.html` files, and the
//! page's furniture, scripts and escape sequences stay out of what is shown.

use assert_cmd::Command;
use serde_json::Value;

/// lectern with empty configuration, data and cache homes.
fn lectern(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"));
    cmd
}

/// `lectern show` of one page written to `name`.
fn show(name: &str, page: &[u8]) -> String {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(name), page).unwrap();
    let output = lectern(&home).args(["show", name]).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

/// The `list --format json` rows of a folder holding these pages.
fn list(pages: &[(&str, &[u8])]) -> Vec<Value> {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for (name, page) in pages {
        std::fs::write(lib.join(name), page).unwrap();
    }
    let output = lectern(&home)
        .args(["list", "--format", "json", "lib"])
        .assert()
        .success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

const ENGLISH: &str = r#"<!doctype html><html lang="en"><head><title>Harbour Plan | Coastline Herald</title>
<meta property="og:title" content="Harbour plan approved after long debate">
<meta property="og:site_name" content="Coastline Herald">
<meta property="article:published_time" content="2025-06-14T08:30:00Z">
<link rel="canonical" href="https://coastline.example/news/harbour-plan">
<script>document.write("tracking pixel loaded");</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Harbour plan approved after long debate</h1>
<p>The town council voted on Thursday evening to approve the long-awaited plan for rebuilding the old harbour wall, ending a dispute that had lasted nearly four years.</p>
<p>Councillors voted nine to four in favour of the proposal, which will see the crumbling stone wall replaced with a reinforced structure designed to withstand winter storms.</p>
<figure><img src="w.jpg" alt="The harbour wall at low tide"><figcaption>The old wall. Photo: Sam Rivers</figcaption></figure>
<p>Fishermen who use the harbour every day welcomed the decision, saying that repeated flooding had damaged boats and made the quay dangerous in bad weather.</p>
<p>Work is expected to begin in the autumn and should take about eighteen months, the council said in a statement released after the meeting.</p>
</article></main>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Bridge closed for repairs</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment">Great news at last! Posted by reader42</div></section>
<footer><p>Copyright 2025 Coastline Herald. Contact us | Privacy</p></footer></body></html>"#;

#[test]
fn an_english_page_shows_only_its_article() {
    let shown = show("harbour.html", ENGLISH.as_bytes());
    assert!(shown.contains("The town council voted"), "{shown}");
    assert!(shown.contains("the council said in a statement"), "{shown}");
    for furniture in [
        "Sport",
        "Related stories",
        "Bridge closed",
        "reader42",
        "Privacy",
        "tracking",
        "Photo: Sam",
    ] {
        assert!(!shown.contains(furniture), "{furniture} in {shown}");
    }
}

#[test]
fn metadata_comes_from_open_graph_and_the_folder_lists_html() {
    let rows = list(&[
        ("harbour.html", ENGLISH.as_bytes()),
        (
            "notes.htm",
            ENGLISH
                .replace(
                    "og:title\" content=\"Harbour plan approved after long debate",
                    "og:title\" content=\"Second copy",
                )
                .replace("nine to four", "eight to five")
                .as_bytes(),
        ),
    ]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["path"], "lib/harbour.html");
    assert_eq!(row["title"], "Harbour plan approved after long debate");
    assert_eq!(row["source"], "Coastline Herald");
    assert_eq!(row["date"], "2025-06-14");
    assert_eq!(row["lang"], "en");
    assert_eq!(rows[1]["title"], "Second copy");
}

#[test]
fn json_ld_gives_title_and_date() {
    let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Library opens a new reading room","datePublished":"2024-11-02T09:00:00Z"}</script></head>
<body><article><p>The city library opened a new reading room on the second floor this weekend, with space for sixty readers and long tables by the windows.</p>
<p>Visitors praised the quiet and the light, and the librarians said that the room would stay open until nine in the evening on weekdays.</p></article></body></html>"#;
    let rows = list(&[("room.html", page.as_bytes())]);
    assert_eq!(rows[0]["title"], "Library opens a new reading room");
    assert_eq!(rows[0]["date"], "2024-11-02");
}

const ARABIC: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>الميناء</title></head>
<body><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav><article>
<h1>البلدية توافق على خطة تجديد الميناء القديم</h1>
<p>وافق المجلس البلدي مساء الخميس على الخطة التي طال انتظارها لإعادة بناء جدار الميناء القديم، بعد نقاش استمر قرابة أربع سنوات بين السكان والمسؤولين.</p>
<p>وقال الصيادون الذين يستخدمون الميناء كل يوم إن الفيضانات المتكررة أضرت بقواربهم ومعداتهم وجعلت الرصيف خطيرا في أيام العواصف الشديدة.</p>
<p>ومن المتوقع أن تبدأ الأعمال في الخريف المقبل وأن تستغرق نحو ثمانية عشر شهرا، بحسب بيان صدر عن المجلس بعد الاجتماع مباشرة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"#;

#[test]
fn an_arabic_page_is_right_to_left_in_arabic() {
    let rows = list(&[("port.html", ARABIC.as_bytes())]);
    assert_eq!(rows[0]["dir"], "rtl");
    assert_eq!(rows[0]["lang"], "ar");
    // `show` prints lines in visual order: the logical title is checked in the list.
    assert_eq!(
        rows[0]["title"],
        "البلدية توافق على خطة تجديد الميناء القديم"
    );
}

#[test]
fn a_windows_1256_page_is_decoded_by_its_meta_charset() {
    let page = ARABIC.replace("utf-8", "windows-1256");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&page);
    assert!(!unmappable);
    assert_ne!(bytes.as_ref(), page.as_bytes());
    let rows = list(&[("port.html", &bytes)]);
    assert_eq!(
        rows[0]["title"],
        "البلدية توافق على خطة تجديد الميناء القديم"
    );
    assert_eq!(rows[0]["lang"], "ar");
}

#[test]
fn lists_and_tables_keep_their_shape() {
    let page = "<html><body><article><p>The weather office published its weekly figures for the three coastal towns on Monday morning, as it does every week of the year.</p>\
<ul><li>Rain fell on five days</li><li>Wind was strongest on Friday</li></ul><ol><li>North beach</li><li>South beach</li></ol>\
<table><tr><th>Town</th><th>Rain</th></tr><tr><td>Alder</td><td>12 mm</td></tr></table>\
<pre>station  value\n  A1      12</pre>\
<p>Forecasters expect a drier week ahead, with only light showers along the coast and calmer seas by the weekend.</p></article></body></html>";
    let shown = show("weather.html", page.as_bytes());
    for expected in [
        "• Rain fell on five days",
        "1. North beach",
        "2. South beach",
        "Town │ Rain",
        "Alder │ 12 mm",
    ] {
        assert!(shown.contains(expected), "{expected:?} missing in {shown}");
    }
}

#[test]
fn a_page_without_an_article_warns_and_does_not_panic() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("empty.html"),
        "<html><head><title>Nothing</title></head><body></body></html>",
    )
    .unwrap();
    let output = lectern(&home)
        .args(["list", "--format", "json", "empty.html"])
        .assert()
        .success();
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("empty.html"), "{stderr}");
}

#[test]
fn escape_sequences_in_a_page_never_reach_the_output() {
    let page = ENGLISH
        .replace(
            "ending a dispute",
            "ending \u{1b}]52;c;ZXZpbA==\u{7} a \u{1b}[2J dispute",
        )
        .replace(
            "Harbour plan approved after long debate\">",
            "Harbour \u{1b}[31m plan\">",
        );
    let shown = show("harbour.html", page.as_bytes());
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("dispute"), "{shown}");
}

#[test]
fn a_page_nested_100000_deep_is_read_as_text_without_parsing() {
    let home = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let page = format!(
        "<html><body>{}Deep harbour text{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(home.path().join("deep.html"), page).unwrap();
    // Parsed, this page took minutes; it is stripped of its tags instead, with a warning.
    let output = lectern(&home)
        .args(["show", "--format", "text", "deep.html"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("Deep harbour text"), "{stdout}");
}
