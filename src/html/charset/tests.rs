//! Each encoding the issue names, with bytes written from the encoding's code table by hand.

use super::*;

/// A page declaring `label` in a `<meta charset>`, with `body` as its paragraph.
fn page(label: &str, body: &[u8]) -> Vec<u8> {
    let mut page = format!("<html><head><meta charset=\"{label}\"></head><body><p>").into_bytes();
    page.extend_from_slice(body);
    page.extend_from_slice(b"</p></body></html>");
    page
}

/// The text of `<p>` in a page built by [`page`], and the warning.
fn paragraph(label: &str, body: &[u8]) -> (String, Option<String>) {
    let decoded = decode_page(&page(label, body), None, None);
    assert_eq!(decoded.replaced, 0, "{label}: {}", decoded.text);
    let start = decoded.text.find("<p>").unwrap() + 3;
    let end = decoded.text.rfind("</p>").unwrap();
    (decoded.text[start..end].to_owned(), decoded.warning)
}

#[test]
fn meta_charset_windows_1256_reads_arabic() {
    // 0xC7 0xE1 0xD3 0xE1 0xC7 0xE3 is "السلام" in windows-1256 (checked in its code table).
    let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body>".to_vec();
    page.extend_from_slice(b"\xC7\xE1\xD3\xE1\xC7\xE3</body></html>");
    let (text, replaced) = decode(&page);
    assert!(text.contains("السلام"), "{text}");
    assert_eq!(replaced, 0);
}

#[test]
fn iso_8859_6_reads_arabic() {
    // ISO-8859-6 puts U+0621..U+063A at 0xC1..0xDA and U+0640..U+064A at 0xE0..0xEA: alef
    // U+0627 = 0xC7, lam U+0644 = 0xE4, seen U+0633 = 0xD3, meem U+0645 = 0xE5; the Arabic
    // comma U+060C is 0xAC.
    let (text, warning) = paragraph("iso-8859-6", b"\xC7\xE4\xD3\xE4\xC7\xE5\xAC");
    assert_eq!(text, "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}\u{60C}");
    assert_eq!(warning, None);
}

#[test]
fn http_equiv_windows_1258() {
    // 0xD0 is Đ in windows-1258.
    let page = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>\xD0a";
    assert!(decode(page).0.ends_with("Đa"));
}

#[test]
fn windows_1258_keeps_its_combining_tone_marks() {
    // windows-1258: 0xEA = ê U+00EA, 0xEC = combining acute U+0301, 0xF2 = combining dot below
    // U+0323. "Tiếng Việt" is stored as base letters and separate tone marks; decoding keeps
    // them apart (NFC is the article path's step: see tests/integration/html_charsets.rs).
    let (text, _) = paragraph("windows-1258", b"Ti\xEA\xECng Vi\xEA\xF2t");
    assert_eq!(text, "Ti\u{EA}\u{301}ng Vi\u{EA}\u{323}t");
}

#[test]
fn hebrew_in_logical_order_has_no_warning() {
    // Hebrew letters alef..tav U+05D0..U+05EA sit at 0xE0..0xFA in windows-1255 and both
    // ISO-8859-8 forms: shin U+05E9 = 0xF9, lamed U+05DC = 0xEC, vav U+05D5 = 0xE5, final mem
    // U+05DD = 0xED: "שלום".
    for label in ["windows-1255", "iso-8859-8-i", "logical"] {
        let (text, warning) = paragraph(label, b"\xF9\xEC\xE5\xED");
        assert_eq!(text, "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", "{label}");
        assert_eq!(warning, None, "{label}");
    }
}

#[test]
fn visual_hebrew_is_decoded_with_a_warning() {
    for label in ["iso-8859-8", "visual"] {
        let (text, warning) = paragraph(label, b"\xF9\xEC\xE5\xED");
        assert_eq!(text, "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", "{label}");
        assert!(
            warning
                .unwrap()
                .starts_with("ISO-8859-8 is visual-order Hebrew")
        );
    }
}

#[test]
fn east_asian_multibyte_encodings() {
    // GB18030 (its GB2312 part): 中 U+4E2D = 0xD6D0, 文 U+6587 = 0xCEC4.
    assert_eq!(paragraph("gb18030", b"\xD6\xD0\xCE\xC4").0, "中文");
    // Shift_JIS: 日 U+65E5 = 0x93FA, 本 U+672C = 0x967B, 語 U+8A9E = 0x8CEA; hiragana
    // U+3041.. start at 0x829F, so の U+306E = 0x82CC.
    assert_eq!(
        paragraph("shift_jis", b"\x93\xFA\x96\x7B\x8C\xEA\x82\xCC").0,
        "日本語の"
    );
    // EUC-KR (KS X 1001 + 0x8080): 한 U+D55C = 0xC7D1, 국 U+AD6D = 0xB1B9.
    assert_eq!(paragraph("euc-kr", b"\xC7\xD1\xB1\xB9").0, "한국");
}

#[test]
fn undeclared_windows_1256_is_detected() {
    // A news sentence of my own, encoded to windows-1256 by encoding_rs's encoder (whose table
    // the Arabic tests above check byte by byte); detection must find the encoding back.
    let sentence = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى، \
                    وقال الوزير إن العمل سيبدأ في الشهر المقبل بعد موافقة الحكومة. ";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(sentence);
    assert!(!unmappable);
    let mut page = b"<html><body><p>".to_vec();
    for _ in 0..3 {
        page.extend_from_slice(&bytes);
    }
    page.extend_from_slice(b"</p></body></html>");
    let decoded = decode_page(&page, None, None);
    assert_eq!(decoded.encoding, "windows-1256");
    assert!(decoded.text.contains(sentence), "{}", decoded.text);
    assert_eq!(decoded.replaced, 0);
}

#[test]
fn undeclared_shift_jis_is_detected() {
    // "日本語のテキストです。": katakana U+30A1.. start at 0x8340, so テ U+30C6 = 0x8365,
    // キ U+30AD = 0x834C, ス U+30B9 = 0x8358, ト U+30C8 = 0x8367; で U+3067 = 0x82C5,
    // す U+3059 = 0x82B7; 。U+3002 = 0x8142.
    let sentence: &[u8] =
        b"\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x65\x83\x4C\x83\x58\x83\x67\x82\xC5\x82\xB7\x81\x42";
    let mut page = b"<html><body><p>".to_vec();
    for _ in 0..20 {
        page.extend_from_slice(sentence);
    }
    page.extend_from_slice(b"</p></body></html>");
    let decoded = decode_page(&page, None, Some("https://news.example.jp/a"));
    assert_eq!(decoded.encoding, "Shift_JIS");
    assert!(
        decoded.text.contains("日本語のテキストです。"),
        "{}",
        decoded.text
    );
}

#[test]
fn bom_wins_over_the_declaration() {
    let page = b"\xEF\xBB\xBF<meta charset=windows-1256>\xC3\xA9";
    assert!(decode(page).0.ends_with('é'));
}

#[test]
fn content_type_is_used_when_the_page_declares_nothing() {
    let served = Some("text/html; charset=windows-1256");
    assert!(
        decode_served(b"<p>\xC7\xE1</p>", served)
            .0
            .contains("\u{627}\u{644}")
    );
    // The page's own declaration comes first.
    let page = b"<meta charset=windows-1258><p>\xD0</p>";
    assert!(decode_served(page, served).0.contains('Đ'));
}

#[test]
fn no_declaration_is_utf8_and_counts_bad_bytes() {
    let (text, replaced) = decode(b"<p>caf\xC3\xA9 \xFF</p>");
    assert!(text.contains("café"));
    assert_eq!(replaced, 1);
}

#[test]
fn top_level_domains() {
    assert_eq!(
        top_level_domain("https://www.example.co.jp/a?b").as_deref(),
        Some("jp")
    );
    assert_eq!(
        top_level_domain("http://u@Host.KR:8080").as_deref(),
        Some("kr")
    );
    assert_eq!(top_level_domain("http://localhost/"), None);
}
