//! `lectern add`: pages from files and from a loopback HTTP server become Markdown articles
//! the library lists; broken and hostile servers end in one-line errors, never a hang.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::support::http::{Reply, Server};

/// lectern with empty configuration, data and cache homes, and no proxy.
pub fn lectern(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        // A hang is a failure, not a stuck test run.
        .timeout(Duration::from_secs(20));
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs `lectern add ARGS`; returns the exit code, stdout and stderr.
pub fn add(home: &tempfile::TempDir, args: &[&str]) -> (i32, String, String) {
    let output = lectern(home).arg("add").args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The rows of `lectern list --format json PATHS`.
fn list(home: &tempfile::TempDir, paths: &[&str]) -> Vec<Value> {
    let output = lectern(home)
        .args(["list", "--format", "json"])
        .args(paths)
        .assert()
        .success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

/// The files of a folder, by name.
pub fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

pub const ENGLISH: &str = r#"<!doctype html><html lang="en"><head><title>Harbour Plan | Coastline Herald</title>
<meta property="og:title" content="Harbour plan approved after long debate">
<meta property="og:site_name" content="Coastline Herald"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Harbour plan approved after long debate</h1>
<p>The town council voted on Thursday evening to approve the long-awaited plan for rebuilding the old harbour wall, ending a dispute that had lasted nearly four years.</p>
<p>Councillors voted nine to four in favour of the proposal, which will see the crumbling stone wall replaced with a reinforced structure designed to withstand winter storms.</p>
<p>Fishermen who use the harbour every day welcomed the decision, saying that repeated flooding had damaged boats and made the quay dangerous in bad weather.</p>
<p>Work is expected to begin in the autumn and should take about eighteen months, the council said in a statement released after the meeting.</p>
</article></main>
<footer><p>Copyright 2025 Coastline Herald. Contact us | Privacy</p></footer></body></html>"#;

const ARABIC: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>البلدية توافق على خطة الميناء</title></head>
<body><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav><article>
<h1>البلدية توافق على خطة الميناء</h1>
<p>وافق المجلس البلدي مساء الخميس على الخطة التي طال انتظارها لإعادة بناء جدار الميناء القديم، منهيا خلافا استمر قرابة أربع سنوات بين السكان والسلطات المحلية.</p>
<p>وصوت أعضاء المجلس بتسعة أصوات مقابل أربعة لصالح المقترح الذي سيستبدل الجدار الحجري المتهالك بهيكل معزز مصمم لمقاومة عواصف الشتاء القوية.</p>
<p>وقال الصيادون الذين يستخدمون الميناء كل يوم إن الفيضانات المتكررة أضرت بقواربهم ومعداتهم وجعلت الرصيف خطيرا في أيام العواصف الشديدة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"#;

/// The id and path of `ID  PATH` lines.
pub fn printed(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .map(|line| {
            let (id, path) = line.split_once("  ").unwrap();
            (id.to_owned(), path.to_owned())
        })
        .collect()
}

#[test]
fn a_saved_page_becomes_a_markdown_article_with_the_printed_id() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("page.html"), ENGLISH).unwrap();
    let (code, stdout, stderr) = add(&home, &["page.html", "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    let lines = printed(&stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].1, "lib/harbour-plan-approved-after-long-debate.md");
    let text = std::fs::read_to_string(home.path().join(&lines[0].1)).unwrap();
    assert!(text.starts_with("+++\n"), "{text}");
    assert!(text.contains("title = \"Harbour plan approved after long debate\""));
    assert!(text.contains("The town council voted on Thursday evening"));
    assert!(!text.contains("Contact us"), "{text}");
    let rows = list(&home, &["lib"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], lines[0].0.as_str());
    assert_eq!(rows[0]["title"], "Harbour plan approved after long debate");
    assert_eq!(rows[0]["source"], "Coastline Herald");
}

#[test]
fn a_fetched_page_is_saved_with_its_address_and_opens() {
    let server = Server::start(vec![
        ("/a", Reply::ok("text/html; charset=utf-8", ENGLISH)),
        ("/old", Reply::redirect("/a")),
    ]);
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = add(&home, &[&server.url("/old"), "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    let (id, path) = printed(&stdout).remove(0);
    let text = std::fs::read_to_string(home.path().join(&path)).unwrap();
    // The address after the redirect, since the page names none.
    assert!(
        text.contains(&format!("url = \"{}\"", server.url("/a"))),
        "{text}"
    );
    let rows = list(&home, &["lib"]);
    assert_eq!(rows[0]["id"], id.as_str());
    let shown = lectern(&home)
        .args(["show", "--format", "text", &path])
        .assert()
        .success();
    let shown = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(
        shown.starts_with("Harbour plan approved after long debate\n"),
        "{shown}"
    );
    assert!(shown.contains("Fishermen who use the harbour"));
    let requests = server.requests.lock().unwrap().join("");
    let agent = format!("user-agent: lectern/{}", env!("CARGO_PKG_VERSION"));
    assert!(requests.to_lowercase().contains(&agent), "{requests}");
}

#[test]
fn an_arabic_page_is_right_to_left() {
    let server = Server::start(vec![("/ar", Reply::ok("text/html", ARABIC))]);
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = add(&home, &[&server.url("/ar"), "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    let (id, path) = printed(&stdout).remove(0);
    assert_eq!(path, "lib/البلدية-توافق-على-خطة-الميناء.md");
    let text = std::fs::read_to_string(home.path().join(&path)).unwrap();
    assert!(text.contains("dir = \"rtl\"\n"), "{text}");
    let rows = list(&home, &["lib"]);
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[0]["dir"], "rtl");
    assert_eq!(rows[0]["lang"], "ar");
    assert_eq!(rows[0]["title"], "البلدية توافق على خطة الميناء");
}

#[test]
fn the_same_address_twice_keeps_one_article() {
    let server = Server::start(vec![("/a", Reply::ok("text/html", ENGLISH))]);
    let home = tempfile::tempdir().unwrap();
    let url = server.url("/a");
    let (code, first, stderr) = add(&home, &[&url, "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    let (id, path) = printed(&first).remove(0);
    let (code, second, stderr) = add(&home, &[&url, "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(second, format!("already saved: {path} ({id})\n"));
    assert_eq!(files(&home.path().join("lib")).len(), 1);
}

#[test]
fn a_file_with_the_same_name_is_never_overwritten() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    let mine = lib.join("harbour-plan-approved-after-long-debate.md");
    std::fs::write(&mine, "My own notes.\n").unwrap();
    std::fs::write(home.path().join("page.html"), ENGLISH).unwrap();
    let (code, stdout, stderr) = add(&home, &["page.html", "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        printed(&stdout)[0].1,
        "lib/harbour-plan-approved-after-long-debate-2.md"
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "My own notes.\n");
}

#[test]
fn without_a_library_pages_go_to_the_data_folder_and_join_the_bundled_articles() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("page.html"), ENGLISH).unwrap();
    let (code, stdout, stderr) = add(&home, &["page.html"]);
    assert_eq!(code, 0, "{stderr}");
    let (id, path) = printed(&stdout).remove(0);
    let dir = home.path().join("data/lectern/articles");
    assert_eq!(
        Path::new(&path),
        dir.join("harbour-plan-approved-after-long-debate.md")
    );
    let rows = list(&home, &[]);
    // The five bundled articles and the saved one.
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().any(|r| r["id"] == id.as_str()));
    assert_eq!(
        rows.iter()
            .filter(|r| r["path"].as_str().unwrap().starts_with("bundled:"))
            .count(),
        5
    );
}

#[test]
fn add_needs_a_source() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, stderr) = add(&home, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("SOURCE"), "{stderr}");
}

#[test]
fn prose_that_looks_like_markdown_stays_prose_in_the_saved_file() {
    let home = tempfile::tempdir().unwrap();
    let page = "<html lang=en><head><title>Lookalikes</title></head><body><article>\
        <h1>Lookalikes</h1>\
        <p>The council approved the long-awaited plan to rebuild the old harbour wall after four years of debate.</p>\
        <p>## not a heading, but two hash signs the council's statement put first for emphasis.</p>\
        <p>```</p>\
        <p>Fishermen said repeated floods had damaged their boats and made the quay dangerous.</p>\
        <p>[1]: https://example.com is how the statement printed its first footnote.</p>\
        </article></body></html>";
    std::fs::write(home.path().join("page.html"), page).unwrap();
    let (code, stdout, stderr) = add(&home, &["page.html", "--to", "lib"]);
    assert_eq!(code, 0, "{stderr}");
    let saved = &printed(&stdout)[0].1;
    let output = lectern(&home)
        .args(["show", saved, "--format", "json"])
        .output()
        .unwrap();
    let article: Value = serde_json::from_slice(&output.stdout).unwrap();
    let paragraphs: Vec<&str> = article["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        paragraphs,
        [
            "The council approved the long-awaited plan to rebuild the old harbour wall after four years of debate.",
            "## not a heading, but two hash signs the council's statement put first for emphasis.",
            "```",
            "Fishermen said repeated floods had damaged their boats and made the quay dangerous.",
            "[1]: https://example.com is how the statement printed its first footnote.",
        ]
    );
    // No heading, no verbatim block.
    assert!(
        article["blocks"]
            .as_array()
            .is_none_or(|blocks| blocks.iter().all(|block| block == "prose")),
        "{article}"
    );
}
