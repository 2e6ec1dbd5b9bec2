//! Titles, languages and cleaning of the five bundled seed articles, checked by reading each seed.

use lectern::article::{Article, Dir};
use lectern::library::Library;

fn seed(prefix: &str) -> Article {
    let library = Library::bundled();
    let entry = library
        .entries
        .iter()
        .find(|e| e.meta.path.starts_with(&format!("bundled:{prefix}")))
        .unwrap_or_else(|| panic!("no bundled article {prefix}"));
    library.read(entry).unwrap()
}

/// Each furniture line is gone from the paragraphs and still in the raw text.
fn assert_cleaned(article: &Article, furniture: &[&str]) {
    for line in furniture {
        assert!(article.raw.contains(line), "raw lost {line:?}");
        assert!(
            !article.paragraphs.iter().any(|p| p.contains(line)),
            "paragraphs kept furniture {line:?}"
        );
    }
}

fn assert_kept(article: &Article, body: &[&str]) {
    for text in body {
        assert!(
            article.paragraphs.iter().any(|p| p.contains(text)),
            "paragraphs lost {text:?}"
        );
    }
}

#[test]
fn seed_000_vietnamese_with_related_and_teasers() {
    let a = seed("000");
    assert_eq!(
        a.meta.title,
        "Taliban cam kết hợp tác với Nga trước các mối đe dọa của IS"
    );
    assert_eq!((a.meta.lang.as_str(), a.meta.dir), ("vi", Dir::Ltr));
    assert_eq!(a.meta.source.as_deref(), Some("CLO"));
    assert_eq!(a.meta.date.as_deref(), Some("2021-10-21"));
    assert_cleaned(
        &a,
        &[
            "Thứ năm, 21/10/2021 11:05 AM - 0 Trả lời",
            "taliban cam ket hop tac voi nga truoc cac moi de doa cua is hinh 1",
            "Bài liên quan",
            "Bình Luận",
            "Tin khác",
            "Thời tiết châu Âu thay đổi bất thường",
            "Thế giới 24h",
        ],
    );
    assert_kept(
        &a,
        &[
            "(CLO) Taliban đã đồng ý làm việc với Nga",
            "Cuộc hội đàm diễn ra sau khi Tổng thống Nga Vladimir Putin",
            "Các quốc gia cũng kêu gọi tổ chức hội nghị các nhà tài trợ quốc tế",
        ],
    );
    assert_eq!(a.paragraphs.first().map(|p| &p[..5]), Some("(CLO)"));
}

#[test]
fn seed_001_vietnamese_with_appended_story() {
    let a = seed("001");
    assert_eq!(a.meta.title, "Taliban phủ nhận liên lạc với Nga để đánh IS");
    assert_eq!(a.meta.lang, "vi");
    assert_eq!(a.meta.source.as_deref(), Some("An ninh thủ đô"));
    assert_cleaned(
        &a,
        &[
            "Video đang HOT",
            "Theo_An ninh thủ đô",
            "Nga mở rộng cuộc chiến chống IS sang Trung Á",
            "Theo_VOV",
        ],
    );
    assert_kept(
        &a,
        &[
            "Phiến quân Taliban đã phủ nhận việc cử đại diện",
            "Moscow đang tiến hành không kích IS ở Syria",
        ],
    );
}

#[test]
fn seed_002_vietnamese_with_images_and_multimedia() {
    let a = seed("002");
    assert_eq!(
        a.meta.title,
        "Taliban chuẩn bị lên đường sang Nga sau cuộc gặp trực tiếp với đại diện Hoa Kỳ"
    );
    assert_eq!(a.meta.lang, "vi");
    assert_cleaned(
        &a,
        &[
            "![]() |",
            "Tin bài liên quan",
            "Taliban và Hoa Kỳ đã đàm phán tại Qatar",
            "Đọc nhiều",
            "Multimedia",
            "[Video] Người truyền cảm hứng về tình yêu nước",
            "https://thoidai.com.vn/",
        ],
    );
    assert_kept(
        &a,
        &[
            "Bà Zakharova nhấn mạnh",
            "Washington đồng ý viện trợ nhân đạo cho Afghanistan",
        ],
    );
    // The photo's caption (an AP credit on the line under the image) is furniture: it leaves
    // the paragraphs and stays in the raw text.
    assert!(!a.paragraphs.iter().any(|p| p.contains("Nguồn: AP")));
    assert!(
        a.raw
            .contains("Các lãnh đạo Taliban tại Doha, Qatar ngày 12/08. Nguồn: AP")
    );
}

#[test]
fn seed_003_english_with_source_site() {
    let a = seed("003");
    assert_eq!(
        a.meta.title,
        "Afghanistan | Taliban ready to collaborate with Moscow, Beijing and Tehran"
    );
    assert_eq!((a.meta.lang.as_str(), a.meta.dir), ("en", Dir::Ltr));
    assert_eq!(a.meta.source.as_deref(), Some("France Media Agency"));
    assert_cleaned(&a, &["source site"]);
    assert_kept(
        &a,
        &[
            "Donor conference",
            "Mr. Lavrov noted in this regard Wednesday",
        ],
    );
}

#[test]
fn seed_004_arabic_behind_a_javascript_notice() {
    let a = seed("004");
    assert_eq!(
        a.meta.title,
        "\"طالبان\" تتفق مع روسيا والصين وإيران على تعزيز التعاون الأمني"
    );
    assert_eq!((a.meta.lang.as_str(), a.meta.dir), ("ar", Dir::Rtl));
    assert_cleaned(
        &a,
        &[
            "Sorry, you need to enable JavaScript to visit this website.",
            "اقرأ المزيد",
            "(Related Nodes field)",
            "المزيد من دوليات",
        ],
    );
    assert_kept(
        &a,
        &[
            "توصّلت روسيا والصين وإيران الأربعاء 20 أكتوبر",
            "وقال مبعوث الكرملين إلى أفغانستان زامير كابولوف",
            "لكننا كنا على دراية أيضاً",
        ],
    );
}

#[test]
fn bundled_ids_are_stable_and_distinct() {
    let library = Library::bundled();
    let mut ids: Vec<&str> = library.entries.iter().map(|e| e.meta.id.as_str()).collect();
    assert!(
        ids.iter()
            .all(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
    );
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 5);
    let again = Library::bundled();
    assert_eq!(
        library
            .entries
            .iter()
            .map(|e| &e.meta.id)
            .collect::<Vec<_>>(),
        again.entries.iter().map(|e| &e.meta.id).collect::<Vec<_>>()
    );
}
