//! Hostile and broken page files through `lectern show` and `list`: huge pages, an entity bomb,
//! bad UTF-8, a 1 MB title, a page cut mid-tag, a page with no article. None may hang or panic.

use std::fmt::Write as _;

use serde_json::Value;

use super::support::pages::{lectern, list_stderr, show_json};

/// The title and the paragraphs, separated by blank lines.
fn text_of(json: &Value) -> String {
    let paragraphs = json["paragraphs"].as_array().unwrap();
    let texts: Vec<&str> = paragraphs.iter().map(|p| p.as_str().unwrap()).collect();
    format!(
        "{}\n\n{}",
        json["title"].as_str().unwrap(),
        texts.join("\n\n")
    )
}

const PARAGRAPH: &str = "<p>The harbour wall was rebuilt over the winter, and the fishing boats \
    came back in spring to a quay that no longer floods at every high tide.</p>\n";

/// A page of `bytes` bytes at least: an article of many paragraphs.
fn big_page(bytes: usize) -> String {
    let count = bytes / PARAGRAPH.len() + 1;
    format!(
        "<html><head><title>Big</title></head><body><article><h1>Big</h1>{}</article></body></html>",
        PARAGRAPH.repeat(count)
    )
}

#[test]
fn a_50_mb_page_is_refused_by_max_file_size_with_a_clear_message() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("big.html"), big_page(50 << 20)).unwrap();
    let output = lectern(&home, 60)
        .args(["show", "big.html"])
        .assert()
        .failure();
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("big.html"), "{stderr}");
    assert!(stderr.contains("max_file_size"), "{stderr}");
}

#[test]
fn a_50_mb_page_under_a_raised_limit_is_read_in_time() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "max_file_size = 67108864\n").unwrap();
    std::fs::write(home.path().join("big.html"), big_page(50 << 20)).unwrap();
    // A generous limit: the point is that it ends (the test build is slower than a release).
    let output = lectern(&home, 300)
        .args(["list", "--format", "json", "big.html"])
        .assert()
        .success();
    let rows: Vec<Value> = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(rows.len(), 1);
    // 50 MiB of 147-byte paragraphs: 356,664 paragraphs of 28 words (27 without "a"), so
    // over 9.5 million words when none is lost.
    assert!(rows[0]["words"].as_u64().unwrap() > 9_500_000, "{rows:?}");
}

#[test]
fn an_entity_bomb_in_a_doctype_is_not_expanded() {
    // HTML has no DTD entities: the internal subset is not read, `&lol9;` stays as text.
    let mut page = String::from("<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n");
    page.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for level in 2..=9 {
        let previous = level - 1;
        let refs = format!("&lol{previous};").repeat(10);
        writeln!(page, "<!ENTITY lol{level} \"{refs}\">").unwrap();
    }
    page.push_str("]>\n<html><body><article><h1>Bomb</h1>");
    page.push_str(&PARAGRAPH.repeat(4));
    page.push_str("<p>Here it goes: &lol9; and that is all.</p></article></body></html>");
    let (json, _) = show_json(page.as_bytes());
    let text = text_of(&json);
    assert!(text.contains("harbour wall"), "{text}");
    assert!(!text.contains("lollol"), "{text}");
    assert!(text.len() < 10_000, "{} bytes", text.len());
}

#[test]
fn invalid_utf8_under_a_utf8_declaration_becomes_replacement_characters() {
    let mut page = b"<html><head><meta charset=\"utf-8\"></head><body><article>".to_vec();
    page.extend_from_slice(PARAGRAPH.repeat(3).as_bytes());
    // Three bad sequences: a lone continuation byte, 0xFF, and a lead byte without its tail.
    page.extend_from_slice(
        b"<p>caf\xC3\xA9 one \x80 two \xFF three \xE2\x82 end of the story.</p>",
    );
    page.extend_from_slice(b"</article></body></html>");
    let (json, _) = show_json(&page);
    let text = text_of(&json);
    assert!(
        text.contains("café one \u{FFFD} two \u{FFFD} three \u{FFFD} end"),
        "{text}"
    );
    let stderr = list_stderr(&page);
    assert!(
        stderr.contains("3 invalid UTF-8 sequence(s)"),
        "the count of replaced sequences: {stderr}"
    );
}

#[test]
fn a_1_mb_title_is_bounded() {
    let title = "Harbour ".repeat(1 << 17);
    let page = format!(
        "<html><head><title>{title}</title></head><body><article><h1>Short heading</h1>{}</article></body></html>",
        PARAGRAPH.repeat(4)
    );
    let (json, _) = show_json(page.as_bytes());
    let shown = json["title"].as_str().unwrap();
    assert!(!shown.is_empty());
    assert!(
        shown.chars().count() <= 1000,
        "{} chars",
        shown.chars().count()
    );
    assert!(!shown.contains(['\n', '\u{1b}']), "{shown:?}");
}

#[test]
fn a_page_cut_mid_tag_keeps_what_came_before() {
    let page = format!(
        "<html><head><title>Cut</title></head><body><article>{}<p>The last words bef",
        PARAGRAPH.repeat(4)
    );
    for cut in [
        page.clone(),
        format!("{page}</p><a hre"),
        format!("{page}<"),
    ] {
        let (json, _) = show_json(cut.as_bytes());
        let text = text_of(&json);
        assert!(text.contains("harbour wall"), "{text}");
        assert!(!text.contains("<a") && !text.contains("hre"), "{text}");
    }
}

#[test]
fn a_page_with_no_article_says_so_and_keeps_its_text() {
    let page = "<html><head><title>Photo gallery</title></head><body>\
                <nav><a href=\"/\">Home</a> <a href=\"/x\">Sport</a></nav>\
                <div><img src=\"a.jpg\" alt=\"Boats at dawn\"></div>\
                <footer>Contact us</footer></body></html>";
    let (json, _) = show_json(page.as_bytes());
    let stderr = list_stderr(page.as_bytes());
    assert!(stderr.contains("no article found"), "{stderr}");
    let text = text_of(&json);
    assert!(
        text.contains("Sport") && text.contains("Contact us"),
        "{text}"
    );
}
