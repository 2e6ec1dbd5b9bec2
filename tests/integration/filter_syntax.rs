//! fzf's extended search terms (`'exact`, `^prefix`, `suffix$`, `!not`, `a | b`) and the
//! warnings of the query parser, on titles written here.
//!
//! Expectations follow from the rules in `src/filter/query/term.rs`: exact terms look for
//! the folded needle as one piece, anchored ones at either end of the title or the source.

#![allow(clippy::single_range_in_vec_init)] // one highlighted range is a real answer

use lectern::filter::{Fields, Query, SearchIndex, SearchKey, filter, highlight};

const ROWS: [(&str, Option<&str>, &str); 5] = [
    ("Taliban meets envoys in Moscow", Some("Agency"), "en"),
    ("Talks in Doha with the Taliban", None, "en"),
    ("Bão số 5 đổ bộ Đà Nẵng", None, "vi"),
    ("Đà Nẵng đón khách trở lại", None, "vi"),
    ("Mưa lớn ở Huế", Some("Tuổi Trẻ"), "vi"),
];

/// Rows `query` finds, in row order.
fn found(query: &str) -> Vec<usize> {
    let keys: Vec<SearchKey> = ROWS.iter().map(|(t, s, _)| SearchKey::new(t, *s)).collect();
    let index: SearchIndex = keys.iter().collect();
    let fields = |row: usize| Fields {
        lang: ROWS[row].2,
        ..Fields::default()
    };
    let mut rows: Vec<usize> = (filter(query, &index, fields).iter())
        .map(|hit| hit.index as usize)
        .collect();
    rows.sort_unstable();
    rows
}

#[test]
fn exact_and_anchored_terms() {
    assert_eq!(found("'taliban"), [0, 1]);
    assert_eq!(found("^taliban"), [0]);
    assert_eq!(found("taliban$"), [1]);
    // The source is a line of its own: `^` and `$` anchor there too.
    assert_eq!(found("^agency$"), [0]);
    assert_eq!(found("tre$"), [4]);
    assert_eq!(found("^tuoi"), [4]);
    // Exact terms fold like the others, and keep typed diacritics exact.
    assert_eq!(found("'da nang"), [2, 3]);
    assert_eq!(found("'đà"), [2, 3]);
    assert_eq!(found("'hue"), [4]);
    assert_eq!(found("'huê"), Vec::<usize>::new());
    // Fuzzy "tlbn" finds the Taliban; as one piece it is nowhere.
    assert_eq!(found("tlbn"), [0, 1]);
    assert_eq!(found("'tlbn"), Vec::<usize>::new());
}

#[test]
fn negation_and_alternatives() {
    assert_eq!(found("!taliban"), [2, 3, 4]);
    assert_eq!(found("!taliban !hue"), [2, 3]);
    assert_eq!(found("!^taliban lang:en"), [1]);
    assert_eq!(found("'moscow | 'doha"), [0, 1]);
    // Fuzzy, "doha" is also in "Đà Nẵng đón khách" (d, o, h, a in order).
    assert_eq!(found("moscow | doha"), [0, 1, 3]);
    assert_eq!(found("'moscow | 'hue | 'nang"), [0, 2, 3, 4]);
    // A group is one AND term: (moscow or doha) and "talks".
    assert_eq!(found("'moscow | 'doha talks"), [1]);
    // Repeated lang: terms are alternatives; is: terms all apply.
    assert_eq!(found("lang:en lang:vi"), [0, 1, 2, 3, 4]);
    assert_eq!(found("lang:en taliban$"), [1]);
    // A dangling bar while typing changes nothing.
    assert_eq!(found("taliban |"), found("taliban"));
}

#[test]
fn exact_and_anchored_terms_highlight_the_piece_found() {
    // T 0 a 1 l 2 ... "Talks in Doha with the Taliban": Taliban at 23..30.
    let title = "Talks in Doha with the Taliban";
    assert_eq!(highlight(&Query::parse("taliban$"), title), [23..30]);
    assert_eq!(highlight(&Query::parse("'ta"), title), [0..2]);
    assert_eq!(highlight(&Query::parse("^ta"), title), [0..2]);
    assert!(highlight(&Query::parse("!doha"), title).is_empty());
}

#[test]
fn unknown_fields_and_values_are_reported() {
    let query = Query::parse("kinh is:unred");
    assert!(query.matches_nothing());
    assert_eq!(query.warnings().len(), 1);
    assert!(query.warnings()[0].contains("is:unred"));
    // An unknown language code is said, and still filters as typed.
    let query = Query::parse("lang:xx");
    assert!(query.warnings()[0].contains("lang:xx"));
    assert_eq!(
        (query.langs(), query.matches_nothing()),
        (&["xx".to_owned()][..], false)
    );
    // An unknown field name is searched as text, and said.
    let query = Query::parse("foo:bar");
    assert!(query.warnings()[0].contains("foo:"));
    assert_eq!(query.terms()[0].needle(), "foo:bar");
    // Marks on a field, and a bar next to a field, are said too.
    assert!(Query::parse("!lang:vi").langs().is_empty());
    assert_eq!(Query::parse("!lang:vi").warnings().len(), 1);
    assert_eq!(Query::parse("kinh | lang:vi").warnings().len(), 1);
}

#[test]
fn what_is_typed_on_the_way_is_not_reported() {
    for input in [
        "lang:",
        "lang:v",
        "lang:vi",
        "lang:und",
        "lang:ceb",
        "is:",
        "is:u",
        "is:bookmarked",
        "kinh |",
        "10:30",
        "foo:",
        "https://example.org",
        "'",
        "!",
        "^",
        "kinh$",
    ] {
        assert!(Query::parse(input).warnings().is_empty(), "{input}");
    }
}

mod status_bar {
    use lectern::action::Action;
    use lectern::app::App;
    use lectern::config::Config;
    use lectern::library::Library;
    use lectern::store::Store;

    /// The app on the bundled articles after typing `query` into the filter prompt.
    fn typed(query: &str, data: &tempfile::TempDir) -> App {
        let (store, _) = Store::open(data.path());
        let mut app = App::new(Library::bundled(), store, &[], Config::default(), (100, 30));
        app.update(Action::Filter);
        query.chars().for_each(|c| app.update(Action::Type(c)));
        app
    }

    #[test]
    fn the_status_bar_says_why_a_field_matches_nothing() {
        let data = tempfile::tempdir().unwrap();
        let app = typed("is:unred", &data);
        let message = app.message.as_ref().unwrap();
        assert!(message.error && message.text.contains("is:unred"));
        assert!(app.list.visible.is_empty());
        // An unknown code is a note, not an error; a good query says nothing.
        let app = typed("lang:xx", &data);
        let message = app.message.as_ref().unwrap();
        assert!(!message.error && message.text.contains("lang:xx"));
        let app = typed("lang:en is:unread", &data);
        assert!(app.message.is_none());
        assert_eq!(app.list.visible.len(), 1);
    }
}
