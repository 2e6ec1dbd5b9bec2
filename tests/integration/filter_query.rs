//! Query parsing: terms, fields, and which edits narrow the previous query.
//!
//! Expected values are worked out by hand from the rules in `src/filter/query.rs`.

use lectern::filter::Query;

fn needles(query: &Query) -> Vec<(&str, bool)> {
    query
        .terms()
        .iter()
        .map(|term| (term.needle(), term.keeps_diacritics()))
        .collect()
}

#[test]
fn terms_are_folded_and_diacritics_decide_the_key() {
    let query = Query::parse("  Việt   NAM  đà ");
    assert_eq!(
        needles(&query),
        [("việt", true), ("nam", false), ("đà", true)]
    );
}

#[test]
fn fields_are_recognised_and_others_are_text() {
    let query = Query::parse("lang:VI is:bookmarked is:u foo:bar Lang:en");
    assert_eq!(query.langs(), ["vi", "en"]);
    let states = query.states();
    assert!(states.bookmarked && states.unread && !states.read);
    assert_eq!(needles(&query), [("foo:bar", false)]);
    assert!(query.unknown_fields().is_empty());
}

#[test]
fn unknown_state_is_reported_and_matches_nothing() {
    let query = Query::parse("kinh is:starred");
    assert_eq!(query.unknown_fields(), ["is:starred"]);
    assert!(query.matches_nothing());
}

#[test]
fn half_typed_fields_and_lone_marks_constrain_nothing() {
    assert!(Query::parse("lang: is: \u{0640} \u{0301}").is_empty());
    assert!(Query::parse("   ").is_empty());
}

#[test]
fn pasted_walls_of_text_are_cut_on_a_char_boundary() {
    let query = Query::parse(&"ệ".repeat(1000));
    // A query reads at most 256 characters: 256 of the 1000 (precomposed, one char each).
    assert_eq!(query.terms()[0].needle(), "ệ".repeat(256));
    assert!(query.terms()[0].keeps_diacritics());
}

#[test]
fn typing_on_narrows() {
    let steps = [
        "k",
        "ki",
        "kinh",
        "kinh ",
        "kinh t",
        "kinh te lang:",
        "kinh te lang:v",
    ];
    for pair in steps.windows(2) {
        let (old, new) = (Query::parse(pair[0]), Query::parse(pair[1]));
        assert!(new.narrows(&old), "{:?} → {:?}", pair[0], pair[1]);
    }
    let steps = ["is:", "is:b", "is:bookmarked", "is:bookmarked is:r"];
    for pair in steps.windows(2) {
        assert!(Query::parse(pair[1]).narrows(&Query::parse(pair[0])));
    }
}

#[test]
fn widening_or_editing_does_not_narrow() {
    let pairs = [
        ("kinh", "kin"),
        ("kinh te", "kinh"),
        ("kinh", "xkinh"),
        ("viet", "việt"),
        ("việ", "viet"),
        ("lang:vi", "lang:vi lang:en"),
        ("lang:vi", "kinh"),
        ("is:bookmarked", "kinh"),
        ("is:x", "kinh"),
        ("lang", "lang:"),
    ];
    for (old, new) in pairs {
        assert!(
            !Query::parse(new).narrows(&Query::parse(old)),
            "{old:?} → {new:?}"
        );
    }
}

#[test]
fn source_and_feed_keep_names_holding_the_letters_in_order() {
    use lectern::filter::Fields;
    use lectern::filter::fold::fold;
    let query = Query::parse("source:Jaz FEED:Đài");
    // Folded: no case, no diacritics, đ as d.
    assert_eq!(query.sources(), ["jaz", "dai"]);
    assert!(needles(&query).is_empty());
    let keeps = |source: &str| {
        let folded = fold(source);
        query.matches_fields(&Fields {
            source: &folded,
            ..Fields::default()
        })
    };
    // Either value (alternatives), letters in order, spaces skipped.
    assert!(keeps("Al Jazeera"));
    assert!(keeps("Đài Tiếng nói Việt Nam"));
    assert!(keeps("Da Nang Times, Inc."));
    assert!(!keeps("Le Monde"));
    assert!(!keeps("zaj"));
    assert!(!keeps(""));
    // Typing on narrows; another name widens.
    assert!(Query::parse("source:jaze").narrows(&Query::parse("source:jaz")));
    assert!(!Query::parse("source:monde").narrows(&Query::parse("source:jaz")));
    assert!(Query::parse("source:jaz").narrows(&Query::parse("")));
}

#[test]
fn tag_keeps_feeds_with_a_tag_starting_with_the_value() {
    use lectern::filter::Fields;
    let query = Query::parse("tag:World tag:eu");
    assert_eq!(query.tags(), ["world", "eu"]);
    let keeps = |tags: &[&str]| {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        query.matches_fields(&Fields {
            tags: &tags,
            ..Fields::default()
        })
    };
    assert!(keeps(&["world"]) && keeps(&["sport", "europe"]));
    assert!(!keeps(&["sport"]) && !keeps(&[]) && !keeps(&["oldworld"]));
    assert!(Query::parse("tag:worl").narrows(&Query::parse("tag:wo")));
    assert!(!Query::parse("tag:eu").narrows(&Query::parse("tag:wo")));
}
