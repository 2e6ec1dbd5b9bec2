//! Incremental filtering (narrowing on previous matches, candidates appended while the
//! library loads) gives exactly what filtering from scratch gives, keystroke by keystroke.
//!
//! The oracle is the one-shot `filter`, which always scans every candidate; this checks
//! the narrowing shortcut against it, not any particular match.

use lectern::filter::{Fields, Filter, SearchIndex, SearchKey, filter};
use proptest::prelude::*;

/// Words the titles are made of: Vietnamese with and without diacritics, English, Arabic
/// with tashkeel, hamza and tatweel.
const WORDS: &[&str] = &[
    "Việt",
    "Viet",
    "Nam",
    "Đà",
    "Nẵng",
    "kinh",
    "tế",
    "điểm",
    "nóng",
    "Taliban",
    "Moscow",
    "ready",
    "talks",
    "أحمد",
    "احمد",
    "الحُكُومَة",
    "طـالبان",
    "روسيا",
    "٢٠٢١",
    "2021",
    "کتاب",
    "الكتاب",
    "مدینه",
    "المدينة",
];

/// Keystrokes: letters with and without diacritics, Arabic letters and their Persian
/// variants, space, field fragments, fzf's marks and bar, and `<` for backspace.
const KEYS: &[&str] = &[
    "v", "i", "e", "ệ", "t", "n", "a", "ẵ", "g", "đ", "d", "k", "h", "m", " ", " ", "ا", "أ", "ح",
    "ط", "ل", "ب", "2", "lang:", "vi", "ar", "is:", "b", "u", "r", "<", "<", "'", "^", "$", "!",
    " | ", "ک", "ك", "ی", "ه", "ة",
];

/// Languages, two sharing a first letter so that `lang:f` and `lang:fr` differ.
const LANGS: &[&str] = &["vi", "en", "ar", "fa", "fr"];

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..5).prop_map(|words| words.join(" "))
}

fn article() -> impl Strategy<Value = (String, usize, bool, bool)> {
    (title(), 0..LANGS.len(), any::<bool>(), any::<bool>())
}

/// Checks every prefix of a typing session against filtering from scratch.
fn check_session(
    articles: &[(String, usize, bool, bool)],
    keys_typed: &[&str],
    loaded: &[usize],
) -> Result<(), TestCaseError> {
    let keys: Vec<SearchKey> = (articles.iter())
        .map(|(title, ..)| SearchKey::new(title, None))
        .collect();
    let fields = |row: usize| {
        let (_, lang, bookmarked, read) = &articles[row];
        Fields {
            lang: LANGS[*lang],
            bookmarked: *bookmarked,
            read: *read,
            ..Fields::default()
        }
    };
    let mut incremental = Filter::new();
    let mut typed = String::new();
    let mut count = 0;
    for (key, more) in keys_typed.iter().zip(loaded) {
        if *key == "<" {
            typed.pop();
        } else {
            typed.push_str(key);
        }
        count = (count + more).min(articles.len());
        // The list as loaded so far: the first `count` rows.
        let index: SearchIndex = keys[..count].iter().collect();
        let expected = filter(&typed, &index, fields);
        let got = incremental.update(&typed, &index, fields);
        prop_assert_eq!(got, expected.as_slice(), "query {:?} over {}", typed, count);
    }
    Ok(())
}

/// Keystrokes for field terms: `lang:` and `is:` values typed, extended and erased.
const FIELD_KEYS: &[&str] = &[
    "lang:", "is:", "v", "i", "a", "r", "f", "e", "n", "b", "u", "d", " ", "<", "<", "<",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn typing_and_loading_match_filtering_from_scratch(
        articles in prop::collection::vec(article(), 0..120),
        keys in prop::collection::vec(prop::sample::select(KEYS), 1..16),
        loaded in prop::collection::vec(0usize..40, 16),
    ) {
        check_session(&articles, &keys, &loaded)?;
    }

    #[test]
    fn typing_field_terms_matches_filtering_from_scratch(
        articles in prop::collection::vec(article(), 0..60),
        keys in prop::collection::vec(prop::sample::select(FIELD_KEYS), 1..16),
        loaded in prop::collection::vec(0usize..20, 16),
    ) {
        check_session(&articles, &keys, &loaded)?;
    }
}

/// Long enough for the parallel path (from 16 Ki rows) and for narrowing only when the
/// previous hits are few (from 32 Ki rows).
#[test]
fn large_lists_narrow_like_from_scratch() {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % 1_000_003).unwrap()
    };
    // One title in 50 names Zürich: "z" then matches few rows, so typing on re-matches
    // the previous hits rather than scanning everything.
    let articles: Vec<(String, usize, bool, bool)> = (0..50_000)
        .map(|n| {
            let mut title: Vec<&str> = (0..=next() % 6)
                .map(|_| WORDS[next() % WORDS.len()])
                .collect();
            if n % 50 == 0 {
                title.push("Zürich");
            }
            (
                title.join(" "),
                next() % LANGS.len(),
                next() % 3 == 0,
                next() % 2 == 0,
            )
        })
        .collect();
    let sessions: [&[&str]; 4] = [
        &["z", "ü", "r", "<", "<", "u", "r", "i", " ", "v"],
        &["k", "i", "n", "h", " ", "t", "e"],
        &["ط", "ا", "ل", "ب", "ا", "ن"],
        &[
            "d", "a", " ", "n", "<", "<", "<", "i", "e", "m", " ", "is:", "u",
        ],
    ];
    let loaded = [20_000, 0, 10_000, 0, 0, 20_000, 0, 0, 0, 0, 0, 0, 0];
    for keys in sessions {
        check_session(&articles, keys, &loaded).unwrap();
    }
}
