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

/// An English page with a heading, a quote declared right to left whose letters are mostly
/// Latin (15 Latin letters in "Coastline Herald", 11 Arabic ones: left to right by its
/// letters), `bdi` and `bdo`, a `pre` table and an image.
const BLOCKS: &str = r#"<!doctype html><html lang="en"><head><title>Ferry timetable changes for winter | Coastline Herald</title>
<meta property="og:site_name" content="Coastline Herald"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<p>The ferry company announced on Monday that its winter timetable will cut the number of daily crossings to the islands from six to four, starting in November.</p>
<p>Passengers who travel to work on the early boat said the change would leave them waiting more than an hour in the cold at the northern pier every morning.</p>
<h2>What the operator said</h2>
<p>The operator said that fuel costs had doubled since the spring and that fewer crossings were the only way to keep the route running through the winter months.</p>
<blockquote dir="rtl" lang="ar"><p>Coastline Herald: الميناء مغلق</p></blockquote>
<p>Ships from <bdi>دبي</bdi> 3 times a week, the sign said <bdo dir="rtl">PORT</bdo> backwards.</p>
<figure><img src="f.jpg" alt="The ferry at the northern pier"><figcaption>Photo: Sam Rivers</figcaption></figure>
<pre>berth  depth
  A      9 m
  B     12 m   (closed for repairs until March)</pre>
<p>The council will discuss the timetable again in January, after a survey of passengers that the ferry company has agreed to pay for and publish in full.</p>
</article></main>
<footer><p>Copyright 2025 Coastline Herald.</p></footer></body></html>"#;

/// `lectern show ARGS blocks.html` of [`BLOCKS`].
fn show_blocks(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("blocks.html"), BLOCKS).unwrap();
    let output = lectern(&home)
        .arg("show")
        .args(args)
        .arg("blocks.html")
        .assert()
        .success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

/// The third line of the `pre`, longer than 20 cells.
const LONG_PRE_LINE: &str = "  B     12 m   (closed for repairs until March)";

#[test]
fn headings_pre_and_the_title_without_the_site_in_json() {
    let json: Value = serde_json::from_str(&show_blocks(&["--format", "json"])).unwrap();
    assert_eq!(json["title"], "Ferry timetable changes for winter");
    let paragraphs: Vec<&str> = json["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let blocks = json["blocks"].as_array().unwrap();
    let at = |text: &str| paragraphs.iter().position(|p| *p == text);
    let heading = at("What the operator said").expect("heading kept without its marks");
    assert_eq!(blocks[heading], "heading");
    let pre = format!("berth  depth\n  A      9 m\n{LONG_PRE_LINE}");
    let verbatim = at(&pre).expect("pre kept as written");
    assert_eq!(blocks[verbatim], "verbatim");
    // Bidi controls never print; the text is there in logical order.
    assert!(
        at("Coastline Herald: الميناء مغلق").is_some(),
        "{paragraphs:?}"
    );
    assert!(at("Ships from دبي 3 times a week, the sign said PORT backwards.").is_some());
    // The image's alt text and the caption are furniture.
    assert!(
        !paragraphs
            .iter()
            .any(|p| p.contains("ferry at the northern pier"))
    );
    assert!(!paragraphs.iter().any(|p| p.contains("Sam Rivers")));
}

#[test]
fn text_keeps_pre_lines_and_raw_keeps_the_image_alt_text() {
    let text = show_blocks(&["--format", "text"]);
    assert!(
        text.contains(&format!("\nberth  depth\n  A      9 m\n{LONG_PRE_LINE}\n")),
        "{text}"
    );
    let raw = show_blocks(&["--format", "text", "--raw"]);
    assert!(
        raw.contains("[image: The ferry at the northern pier]"),
        "{raw}"
    );
    assert!(raw.contains("Photo: Sam Rivers"), "{raw}");
}

#[test]
fn declared_direction_bdi_and_bdo_on_screen() {
    let shown = show_blocks(&["--width", "80", "--bidi", "app", "--shaping", "off"]);
    let lines: Vec<&str> = shown.lines().collect();
    // The quote is right to left as declared: the whole line reversed except the Latin run
    // ("Coastline Herald" at level 2), ": " resolved to the paragraph's level 1 (N1 between
    // L and R: embedding direction), right-aligned. By its letters alone it would be left
    // to right: "Coastline Herald: قلغم ءانيملا".
    let quote = "قلغم ءانيملا :Coastline Herald";
    let line = lines
        .iter()
        .find(|l| l.trim_start() == quote)
        .unwrap_or_else(|| panic!("{quote} not in\n{shown}"));
    assert_eq!(line.chars().count(), 80, "right-aligned: {line:?}");
    // `bdi` isolates دبي, so "3" follows "from" (an L) and stays left to right after it
    // (W7); without it, W2 would make "3" Arabic-Indic and draw it before دبي. `bdo dir=rtl`
    // forces PORT right to left (X6): TROP.
    let expected = "Ships from يبد 3 times a week, the sign said TROP backwards.";
    assert!(lines.contains(&expected), "{expected} not in\n{shown}");
}

#[test]
fn pre_lines_are_cut_at_the_width_not_rewrapped() {
    let shown = show_blocks(&["--width", "20"]);
    let chars: Vec<char> = LONG_PRE_LINE.chars().collect();
    let pieces: Vec<String> = chars.chunks(20).map(|c| c.iter().collect()).collect();
    let at = shown
        .lines()
        .position(|l| l == pieces[0])
        .unwrap_or_else(|| panic!("{:?} not in\n{shown}", pieces[0]));
    let next: Vec<&str> = shown.lines().skip(at).take(pieces.len()).collect();
    assert_eq!(next, pieces.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(shown.lines().any(|l| l == "  A      9 m"), "{shown}");
}

#[test]
fn the_reader_shows_headings_in_bold() {
    use lectern::action::Action;
    use lectern::app::App;
    use lectern::config::Config;
    use lectern::library::{Library, LoadOptions};
    use lectern::store::Store;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;

    let home = tempfile::tempdir().unwrap();
    let page = home.path().join("blocks.html");
    std::fs::write(&page, BLOCKS).unwrap();
    let options = LoadOptions {
        cache_dir: None,
        ..LoadOptions::default()
    };
    let library = Library::load(&[page], options);
    let (store, _) = Store::open(&home.path().join("data"));
    let size = (80, 40);
    let mut app = App::new(library, store, &[], Config::default(), size);
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(&app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let row = |text: &str| {
        (0..size.1)
            .find(|&y| {
                let line: String = (0..size.0).map(|x| buffer[(x, y)].symbol()).collect();
                line.trim() == text
            })
            .unwrap_or_else(|| panic!("{text} not on screen"))
    };
    let letters = |y: u16| (0..size.0).filter(move |&x| buffer[(x, y)].symbol() != " ");
    let bold = |x: u16, y: u16| buffer[(x, y)].modifier.contains(Modifier::BOLD);
    let heading = row("What the operator said");
    assert_eq!(letters(heading).count(), "WhattheoperatorSaid".len());
    assert!(
        letters(heading).all(|x| bold(x, heading)),
        "heading in bold"
    );
    // The paragraph after it (past the blank line) is not bold.
    assert!(letters(heading + 2).count() > 20);
    assert!(!letters(heading + 2).any(|x| bold(x, heading + 2)));
}

#[test]
fn an_english_and_an_arabic_page_compare_side_by_side_each_in_its_direction() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("en.html"), ENGLISH).unwrap();
    std::fs::write(home.path().join("ar.html"), ARABIC).unwrap();
    let output = lectern(&home)
        .args(["compare", "en.html", "ar.html", "--width", "100"])
        .assert()
        .success();
    let screen = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    let rows: Vec<(&str, &str)> = screen
        .lines()
        .filter_map(|line| line.split_once(" │ "))
        .collect();
    let reversed = |text: &str| text.chars().rev().collect::<String>();
    // The titles side by side: the Arabic one in visual order (right to left, no shaping),
    // pushed to the right edge of its column.
    assert!(rows[0].0.starts_with("Harbour plan approved"), "{screen}");
    let title = "البلدية توافق على خطة تجديد الميناء القديم";
    assert_eq!(rows[0].1.trim_start(), reversed(title), "{screen}");
    assert!(rows[0].1.starts_with(' '), "right-aligned: {screen}");
    // The first paragraphs face each other, the Arabic one starting at the right.
    let english = rows
        .iter()
        .position(|row| row.0.starts_with("The town council voted"))
        .unwrap();
    assert!(
        rows[english].1.ends_with(&reversed("وافق المجلس")),
        "{screen}"
    );
    // No furniture of either page (Arabic on screen is in visual order).
    for furniture in ["Home", "Related stories", "reader42"] {
        assert!(!screen.contains(furniture), "{furniture}: {screen}");
    }
    assert!(!screen.contains(&reversed("جميع الحقوق")), "{screen}");
}
