//! What `lectern list` and `lectern show` print in each format: a table laid out like the
//! reader's list on a terminal, tab-separated logical rows in a pipe, clean text and JSON.

use assert_cmd::Command;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A Persian article ("hello world" as its title) and an English one, in `home/news`.
fn library(home: &tempfile::TempDir) -> std::path::PathBuf {
    let news = home.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("fa.txt"),
        "سلام بر دنیا\n\nاین یک متن کوتاه به زبان فارسی است که برای آزمون نوشته شده است.\n",
    )
    .unwrap();
    std::fs::write(
        news.join("en.txt"),
        "Harbour reopens after the storm\n\nThe old harbour opened again on Monday.\n\n\
         Boats were back by noon.\n",
    )
    .unwrap();
    news
}

fn lectern(home: &tempfile::TempDir, args: &[&str]) -> String {
    let output = Command::cargo_bin("lectern")
        .unwrap()
        .current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).unwrap()
}

fn json_rows(home: &tempfile::TempDir) -> Vec<Value> {
    serde_json::from_str(&lectern(home, &["list", "--format", "json", "news"])).unwrap()
}

#[test]
fn piped_list_is_one_logical_row_per_article_split_by_tabs() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    // The test's stdout is a pipe, so the default is the tab-separated form.
    let tsv = lectern(&home, &["list", "news"]);
    assert_eq!(tsv, lectern(&home, &["list", "--format", "tsv", "news"]));
    let rows = json_rows(&home);
    assert_eq!(tsv.lines().count(), rows.len());
    for (line, row) in tsv.lines().zip(&rows) {
        let text = |key: &str| row[key].as_str().unwrap_or("-").to_owned();
        let expected = [
            text("id"),
            text("lang"),
            text("dir"),
            text("date"),
            text("source"),
            row["words"].to_string(),
            // Logical order: the title exactly as written in the file.
            text("title"),
            text("path"),
        ];
        assert_eq!(line.split('\t').collect::<Vec<_>>(), expected, "{line}");
    }
    assert!(tsv.contains("\tسلام بر دنیا\t"));
}

#[test]
fn the_table_lays_titles_out_as_the_list_does() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let table = lectern(
        &home,
        &["list", "--format", "table", "--width", "100", "news"],
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    let header = lines[0];
    assert!(
        header.starts_with("ID ") && header.contains(" LANG "),
        "{header}"
    );
    let title_end = header.find("SOURCE").unwrap() - 1;
    let en = lines.iter().find(|l| l.contains("Harbour")).unwrap();
    assert_eq!(en.find("Harbour"), header.find("TITLE"));
    // Visual order, as the terminal shows it left to right: the letters of "سلام بر دنیا"
    // reversed (checked by hand), right-aligned so it ends where the title column ends.
    let visual = "ایند رب مالس";
    let fa = lines.iter().find(|l| l.contains(visual)).unwrap();
    let end = fa.find(visual).unwrap() + visual.len();
    assert_eq!(fa[..end].width(), title_end, "{fa}");
    let fa_row = json_rows(&home)
        .into_iter()
        .find(|row| row["title"] == "سلام بر دنیا")
        .unwrap();
    assert!(fa.starts_with(fa_row["id"].as_str().unwrap()), "{fa}");
}

#[test]
fn a_narrow_table_gives_up_source_then_date() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let narrow = lectern(
        &home,
        &["list", "--format", "table", "--width", "50", "news"],
    );
    for line in narrow.lines() {
        assert!(line.width() <= 50, "{line}");
    }
    assert!(
        !narrow.contains("SOURCE") && !narrow.contains("DATE"),
        "{narrow}"
    );
    let middle = lectern(
        &home,
        &["list", "--format", "table", "--width", "70", "news"],
    );
    assert!(
        !middle.contains("SOURCE") && middle.contains("DATE"),
        "{middle}"
    );
}

#[test]
fn show_text_is_the_clean_article_in_logical_order() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let text = lectern(&home, &["show", "--format", "text", "news/en.txt"]);
    assert_eq!(
        text,
        "Harbour reopens after the storm\n\nThe old harbour opened again on Monday.\n\n\
         Boats were back by noon.\n"
    );
    let fa = lectern(&home, &["show", "--format", "text", "news/fa.txt"]);
    assert!(fa.starts_with("سلام بر دنیا\n\nاین یک"), "{fa}");
}

#[test]
fn show_json_has_the_list_keys_and_the_paragraphs() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let shown: Value = serde_json::from_str(&lectern(
        &home,
        &["show", "--format", "json", "news/en.txt"],
    ))
    .unwrap();
    let row = json_rows(&home)
        .into_iter()
        .find(|row| row["title"] == "Harbour reopens after the storm")
        .unwrap();
    for (key, value) in row.as_object().unwrap() {
        if key != "path" {
            assert_eq!(&shown[key], value, "{key}");
        }
    }
    assert_eq!(shown["url"], Value::Null);
    assert_eq!(
        shown["paragraphs"],
        serde_json::json!([
            "The old harbour opened again on Monday.",
            "Boats were back by noon."
        ])
    );
}

#[test]
fn json_paths_are_the_real_files_whatever_their_names() {
    use std::os::unix::ffi::OsStrExt;
    let home = tempfile::tempdir().unwrap();
    let news = home.path().join("odd");
    std::fs::create_dir_all(&news).unwrap();
    let body = "\n\nA body long enough to be a paragraph of its own here.\n";
    std::fs::write(news.join("lone-esc\u{1b}.txt"), format!("Escape{body}")).unwrap();
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(news.join(latin1), format!("Latin{body}")).unwrap();
    let out = lectern(&home, &["list", "--format", "json", news.to_str().unwrap()]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let row = |title: &str| rows.iter().find(|r| r["title"] == title).unwrap().clone();
    // The escape is in the JSON string (escaped by JSON), so the path names the file.
    let escape = row("Escape");
    let path = escape["path"].as_str().unwrap();
    assert_eq!(path, news.join("lone-esc\u{1b}.txt").to_str().unwrap());
    assert!(std::path::Path::new(path).is_file());
    assert!(escape.get("path_bytes").is_none());
    assert!(
        out.contains("lone-esc\\u001b.txt"),
        "JSON escapes it: {out}"
    );
    // A name that is not UTF-8: U+FFFD in `path`, the bytes themselves in `path_bytes`.
    let latin = row("Latin");
    assert!(latin["path"].as_str().unwrap().ends_with("caf\u{FFFD}.txt"));
    let bytes: Vec<u8> = (latin["path_bytes"].as_array().unwrap().iter())
        .map(|b| u8::try_from(b.as_u64().unwrap()).unwrap())
        .collect();
    assert_eq!(bytes, news.join(latin1).as_os_str().as_bytes());
}
