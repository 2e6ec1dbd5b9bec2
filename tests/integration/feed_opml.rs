//! `lectern feed import` and `export` through the binary, on feeds.toml in a fresh home.

use crate::support::pages::lectern;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

#[test]
fn import_a_newsboat_export_then_export_it_back() {
    let home = tempfile::tempdir().unwrap();
    let output = lectern(&home, 60)
        .args(["feed", "import"])
        .arg(fixture("newsboat.opml"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout, "2 added, 0 already there, 1 skipped\n");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("file:///etc/passwd"), "{stderr}");
    let feeds = std::fs::read_to_string(home.path().join("config/lectern/feeds.toml")).unwrap();
    assert!(feeds.contains("title = \"الجزيرة نت\""), "{feeds}");

    // Again: nothing new.
    let again = lectern(&home, 60)
        .args(["feed", "import"])
        .arg(fixture("newsboat.opml"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(again).unwrap(),
        "0 added, 2 already there, 1 skipped\n"
    );

    let exported = lectern(&home, 60)
        .args(["feed", "export"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let exported = String::from_utf8(exported).unwrap();
    assert!(exported.contains("<opml version=\"2.0\">"), "{exported}");
    assert!(
        exported.contains(
            "text=\"VnExpress - Tin mới nhất\" title=\"VnExpress - Tin mới nhất\" \
             xmlUrl=\"https://vnexpress.net/rss/tin-moi-nhat.rss\""
        ),
        "{exported}"
    );
    assert!(exported.contains("xmlUrl=\"https://www.aljazeera.net/aljazeerarss\""));
}

#[test]
fn a_file_that_is_not_opml_is_an_error_naming_it() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("x.opml"), "<html><body>no</body></html>").unwrap();
    let output = lectern(&home, 60)
        .args(["feed", "import", "x.opml"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("x.opml") && stderr.contains("not OPML"),
        "{stderr}"
    );
    assert!(!home.path().join("config/lectern/feeds.toml").exists());
}

#[test]
fn a_folder_with_separators_round_trips_and_a_hand_written_tag_that_cannot_is_named() {
    let home = tempfile::tempdir().unwrap();
    let opml = r#"<opml version="2.0"><body><outline text="News/World">
<outline type="rss" text="VnExpress" xmlUrl="https://vnexpress.net/rss"/></outline></body></opml>"#;
    std::fs::write(home.path().join("in.opml"), opml).unwrap();
    lectern(&home, 60)
        .args(["feed", "import", "in.opml"])
        .assert()
        .success();
    let file = home.path().join("config/lectern/feeds.toml");
    let feeds = std::fs::read_to_string(&file).unwrap();
    assert!(feeds.contains(r#"tags = ["News", "World"]"#), "{feeds}");
    // A tag written by hand with a separator: exported as the two it becomes, and said so.
    let feeds = feeds.replace(r#"["News", "World"]"#, r#"["asia/east"]"#);
    std::fs::write(&file, feeds).unwrap();
    let output = lectern(&home, 60)
        .args(["feed", "export"])
        .assert()
        .success()
        .get_output()
        .clone();
    let exported = String::from_utf8(output.stdout).unwrap();
    assert!(exported.contains(r#"category="asia/east""#), "{exported}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("https://vnexpress.net/rss") && stderr.contains("\"asia/east\""),
        "{stderr}"
    );
}
