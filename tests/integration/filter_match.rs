//! Which articles a query finds and in what order, through the public filter API.
//!
//! Every expectation is a hand-made example: the titles are written here and whether
//! they should match follows from the folding rules and "all terms are subsequences".

use lectern::filter::{Fields, Filter, Hit, Query, SearchIndex, SearchKey, filter};

struct Article {
    title: &'static str,
    source: Option<&'static str>,
    lang: &'static str,
    bookmarked: bool,
    read: bool,
}

fn article(title: &'static str) -> Article {
    Article {
        title,
        source: None,
        lang: "vi",
        bookmarked: false,
        read: false,
    }
}

fn index(articles: &[Article]) -> SearchIndex {
    let keys: Vec<SearchKey> = articles
        .iter()
        .map(|article| SearchKey::new(article.title, article.source))
        .collect();
    keys.iter().collect()
}

fn fields(articles: &[Article]) -> impl Fn(usize) -> Fields<'static> + Sync + '_ {
    |row| Fields {
        lang: articles[row].lang,
        bookmarked: articles[row].bookmarked,
        read: articles[row].read,
        ..Fields::default()
    }
}

/// Indices of the articles `query` finds, best first.
fn found(query: &str, articles: &[Article]) -> Vec<u32> {
    let hits = filter(query, &index(articles), fields(articles));
    hits.iter().map(|hit| hit.index).collect()
}

fn titles(titles: &[&'static str]) -> Vec<Article> {
    titles.iter().map(|&title| article(title)).collect()
}

#[test]
fn plain_latin_finds_vietnamese() {
    let list = titles(&[
        "Việt Nam thắng lớn",
        "Đà Nẵng mưa lớn",
        "Điểm nóng biển Đông",
        "Paris",
    ]);
    assert_eq!(found("viet", &list), [0]);
    assert_eq!(found("da nang", &list), [1]);
    assert_eq!(found("diem nong", &list), [2]);
    assert_eq!(found("DIEM NONG", &list), [2]);
}

#[test]
fn decomposed_text_matches_like_composed() {
    // The same title, NFC and NFD (ệ = e + dot below U+0323 + circumflex U+0302).
    let list = titles(&["Việt Nam", "Vie\u{0323}\u{0302}t Nam"]);
    assert_eq!(found("viet", &list), [0, 1]);
    assert_eq!(found("việt", &list), [0, 1]);
    assert_eq!(found("vie\u{0323}\u{0302}t", &list), [0, 1]);
}

#[test]
fn arabic_alef_variants_and_tashkeel_fold() {
    let list = titles(&["أحمد يزور طهران", "الحُكُومَة تستقيل", "طـــالبان في موسكو"]);
    assert_eq!(found("احمد", &list), [0]);
    assert_eq!(found("الحكومة", &list), [1]);
    assert_eq!(found("طالبان", &list), [2]);
}

#[test]
fn diacritics_typed_match_exactly_plain_letters_widen() {
    let list = titles(&["Viet Nam", "Việt Nam", "Viêt kiều"]);
    assert_eq!(found("viet", &list), [0, 1, 2]);
    assert_eq!(found("việt", &list), [1]);
    assert_eq!(found("Việt", &list), [1]);
    // Mixed: "nam" widens while "việt" stays exact.
    assert_eq!(found("việt nam", &list), [1]);
}

#[test]
fn digits_and_presentation_forms_match_their_plain_forms() {
    // ٢٠٢١ is Arabic-Indic, ۱۴۰۰ Persian; U+FEFB is the lam-alef ligature.
    let list = titles(&["انتخابات ٢٠٢١", "سال ۱۴۰۰", "\u{FEFB} للحرب"]);
    assert_eq!(found("2021", &list), [0]);
    assert_eq!(found("٢٠٢١", &list), [0]);
    assert_eq!(found("1400", &list), [1]);
    assert_eq!(found("لا", &list), [2]);
}

#[test]
fn source_is_searched_too() {
    let mut list = titles(&["Taliban ready to talk", "Taliban tới Moscow"]);
    list[1].source = Some("Báo Thanh Niên");
    assert_eq!(found("thanh nien", &list), [1]);
    assert_eq!(found("taliban nien", &list), [1]);
}

#[test]
fn all_terms_must_match_in_any_order() {
    let list = titles(&["Đà Nẵng mưa lớn", "Đà Lạt nắng đẹp", "Nẵng"]);
    assert_eq!(found("nang da", &list), [0, 1]);
    assert_eq!(found("da mua", &list), [0]);
    assert_eq!(found("da mua xyz", &list), Vec::<u32>::new());
}

fn flagged() -> Vec<Article> {
    let mut list = titles(&["Taliban A", "Taliban B", "طالبان C", "Taliban D"]);
    list[0].bookmarked = true;
    list[1].read = true;
    list[2].lang = "ar";
    list[2].bookmarked = true;
    list[3].lang = "en";
    list[3].read = true;
    list
}

#[test]
fn field_terms_filter_by_language_and_state() {
    let list = flagged();
    assert_eq!(found("lang:ar", &list), [2]);
    assert_eq!(found("lang:vi lang:en", &list), [0, 1, 3]);
    assert_eq!(found("is:bookmarked", &list), [0, 2]);
    assert_eq!(found("is:unread", &list), [0, 2]);
    assert_eq!(found("is:read", &list), [1, 3]);
    assert_eq!(found("is:read lang:en", &list), [3]);
    assert_eq!(found("taliban is:bookmarked", &list), [0]);
    // Prefixes work while typing: is:b is bookmarked, lang:e is English.
    assert_eq!(found("is:b lang:e", &list), Vec::<u32>::new());
    assert_eq!(found("lang:e", &list), [3]);
}

#[test]
fn unknown_state_matches_nothing_and_unknown_field_is_text() {
    let list = flagged();
    assert_eq!(found("is:starred", &list), Vec::<u32>::new());
    assert_eq!(Query::parse("is:starred").unknown_fields(), ["is:starred"]);
    let list = titles(&["ratio 16:9 screens", "Taliban"]);
    assert_eq!(found("16:9", &list), [0]);
}

#[test]
fn empty_query_keeps_everything_in_order() {
    let list = flagged();
    assert_eq!(found("", &list), [0, 1, 2, 3]);
    assert_eq!(found("   is: lang:", &list), [0, 1, 2, 3]);
}

#[test]
fn ranking_puts_tighter_matches_first_and_keeps_list_order_on_ties() {
    // "kinh" is contiguous at the start of 1 and 3, a word inside 2, and scattered in 0.
    let list = titles(&[
        "Khủng hoảng ở Iran, nông dân hết hy vọng",
        "Kinh tế phục hồi",
        "Bàn về kinh tế",
        "Kinh tế phục hồi",
    ]);
    let hits = filter("kinh", &index(&list), fields(&list));
    let order: Vec<u32> = hits.iter().map(|hit| hit.index).collect();
    assert_eq!(order, [1, 3, 2, 0]);
    assert_eq!(hits[0].score, hits[1].score);
    assert!(hits[1].score > hits[2].score && hits[2].score > hits[3].score);
}

#[test]
fn rows_appended_while_loading_are_filtered_too() {
    let list = titles(&[
        "Việt Nam",
        "Hà Nội",
        "Viet kieu",
        "Vịnh Hạ Long",
        "Việt Bắc",
    ]);
    let all = index(&list);
    let part = |rows: usize| index(&list[..rows]);
    let mut filter = Filter::new();
    let first: Vec<Hit> = filter.update("vi", &part(2), fields(&list)).to_vec();
    assert_eq!(first.iter().map(|hit| hit.index).collect::<Vec<_>>(), [0]);
    // Same query, more rows; then a narrower query, more rows again.
    let scratch = lectern::filter::filter("vi", &part(4), fields(&list));
    assert_eq!(filter.update("vi", &part(4), fields(&list)), scratch);
    let scratch = lectern::filter::filter("viet", &all, fields(&list));
    assert_eq!(filter.update("viet", &all, fields(&list)), scratch);
    assert_eq!(filter.hits().len(), 3);
}

#[test]
fn reset_after_a_state_change_gives_the_fresh_result() {
    let mut list = flagged();
    let index = index(&list);
    let mut filter = Filter::new();
    assert_eq!(filter.update("is:b", &index, fields(&list)).len(), 2);
    list[1].bookmarked = true;
    filter.reset();
    assert_eq!(
        filter.update("is:bookmarked", &index, fields(&list)).len(),
        3
    );
}

#[test]
fn a_reordered_index_ranks_in_its_new_order() {
    let list = titles(&["Kinh tế A", "Xã hội", "Kinh tế B"]);
    let mut index = index(&list);
    let mut filter = Filter::new();
    let rows = |hits: &[Hit]| hits.iter().map(|hit| hit.index).collect::<Vec<_>>();
    assert_eq!(
        rows(filter.update("kinh", &index, |_| Fields::default())),
        [0, 2]
    );
    // The list is re-sorted: old row 2 first. Equal scores now come out as 0 (was 2), 2.
    index.reorder(&[2, 1, 0]);
    filter.reset();
    assert_eq!(
        rows(filter.update("kinh", &index, |_| Fields::default())),
        [0, 2]
    );
    assert_eq!(index.full(0), "kinh te b");
}
