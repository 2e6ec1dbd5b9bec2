//! Web pages in legacy character sets read through `lectern show`: the article path decodes
//! them, normalises to NFC and reports visual-order Hebrew.

use serde_json::Value;

use super::support::pages::{list_stderr, show_json};

/// A page declaring `charset` with one article of `paragraphs` (bytes in that charset).
fn page(charset: &str, title: &str, paragraphs: &[&[u8]]) -> Vec<u8> {
    let mut page = format!(
        "<!doctype html><html><head><meta charset=\"{charset}\"><title>{title}</title></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>"
    )
    .into_bytes();
    for paragraph in paragraphs {
        page.extend_from_slice(b"<p>");
        page.extend_from_slice(paragraph);
        page.extend_from_slice(b"</p>");
    }
    page.extend_from_slice(b"</article></body></html>");
    page
}

fn paragraphs(json: &Value) -> Vec<String> {
    json["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect()
}

/// "Tiếng Việt rất đẹp " in windows-1258 as base letters plus combining tone marks, from the
/// code table: ê 0xEA, combining acute U+0301 0xEC, combining dot below U+0323 0xF2, â 0xE2,
/// đ U+0111 0xF0, e + dot below.
const VIETNAMESE_1258: &[u8] = b"Ti\xEA\xECng Vi\xEA\xF2t r\xE2\xECt \xF0e\xF2p ";

#[test]
fn windows_1258_vietnamese_ends_in_nfc() {
    let body = VIETNAMESE_1258.repeat(30);
    let (json, _) = show_json(&page("windows-1258", "Vietnamese", &[&body, &body]));
    let paragraphs = paragraphs(&json);
    let joined = paragraphs.join("\n");
    // NFC composes ê + U+0301 into ế U+1EBF, ê + U+0323 into ệ U+1EC7, â + U+0301 into
    // ấ U+1EA5, e + U+0323 into ẹ U+1EB9: no combining mark is left.
    assert!(
        joined.contains("Ti\u{1EBF}ng Vi\u{1EC7}t r\u{1EA5}t \u{111}\u{1EB9}p"),
        "{joined}"
    );
    assert!(!joined.contains(['\u{301}', '\u{323}']), "{joined:?}");
}

#[test]
fn iso_8859_6_and_windows_1256_arabic_read_the_same() {
    // "السلام عليكم" in both: ISO-8859-6 alef 0xC7, lam 0xE4, seen 0xD3, meem 0xE5, ain 0xD9,
    // yeh 0xEA, kaf 0xE3; windows-1256 alef 0xC7, lam 0xE1, seen 0xD3, meem 0xE3, ain 0xDA,
    // yeh 0xED, kaf 0xDF.
    let iso = b"\xC7\xE4\xD3\xE4\xC7\xE5 \xD9\xE4\xEA\xE3\xE5 ".repeat(40);
    let windows = b"\xC7\xE1\xD3\xE1\xC7\xE3 \xDA\xE1\xED\xDF\xE3 ".repeat(40);
    for (charset, body) in [("iso-8859-6", iso), ("windows-1256", windows)] {
        let (json, _) = show_json(&page(charset, "Arabic", &[&body]));
        let joined = paragraphs(&json).join("\n");
        assert!(joined.contains("السلام عليكم السلام"), "{charset}: {joined}");
        assert!(!joined.contains('\u{FFFD}'), "{charset}: {joined}");
    }
}

#[test]
fn visual_hebrew_warns_and_logical_hebrew_does_not() {
    // "שלום עולם" (shin 0xF9, lamed 0xEC, vav 0xE5, final mem 0xED, ayin 0xF2).
    let body = b"\xF9\xEC\xE5\xED \xF2\xE5\xEC\xED ".repeat(40);
    for (charset, warns) in [
        ("iso-8859-8", true),
        ("iso-8859-8-i", false),
        ("windows-1255", false),
    ] {
        let page = page(charset, "Hebrew", &[&body]);
        let (json, _) = show_json(&page);
        let joined = paragraphs(&json).join("\n");
        assert!(joined.contains("שלום עולם שלום"), "{charset}: {joined}");
        let stderr = list_stderr(&page);
        assert_eq!(
            stderr.contains("visual-order Hebrew"),
            warns,
            "{charset}: {stderr}"
        );
    }
}

#[test]
fn an_undeclared_shift_jis_page_is_detected() {
    // "日本語のテキストです。" in Shift_JIS (see src/html/charset/tests.rs for the table).
    let sentence: &[u8] =
        b"\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x65\x83\x4C\x83\x58\x83\x67\x82\xC5\x82\xB7\x81\x42";
    let body = sentence.repeat(10);
    let mut page = b"<html><body><article><h1>News</h1>".to_vec();
    for _ in 0..2 {
        page.extend_from_slice(b"<p>");
        page.extend_from_slice(&body);
        page.extend_from_slice(b"</p>");
    }
    page.extend_from_slice(b"</article></body></html>");
    let (json, _) = show_json(&page);
    let joined = paragraphs(&json).join("\n");
    assert!(joined.contains("日本語のテキストです。日本語"), "{joined}");
}
