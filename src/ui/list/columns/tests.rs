use super::*;

#[test]
fn language_tags_fit_their_column() {
    assert_eq!(lang_tag("vi"), "vi");
    assert_eq!(lang_tag("und"), "und");
    assert_eq!(lang_tag("zh-Hant"), "zh…");
    // Wide letters count two cells: one fits beside the ellipsis.
    assert_eq!(lang_tag("中文"), "中…");
    assert_eq!(lang_tag(""), "");
    for code in ["vi", "und", "zh-Hant", "中文", "x\u{301}yz\u{301}w"] {
        assert!(str_width(&lang_tag(code)) < usize::from(LANG), "{code}");
    }
}
