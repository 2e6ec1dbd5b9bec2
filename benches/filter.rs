//! Keystroke → filtered list over 10^4, 10^5 and 10^6 folded titles: frizbee through
//! `Filter` (narrowing on, and from scratch) against fuzzy-matcher's `SkimMatcherV2` on
//! the same folded keys, all in the same run. Also the cost of building a `SearchKey`.
//!
//! Titles are generated from the words of the bundled articles (Vietnamese, English,
//! Arabic) with a fixed xorshift seed. Both matchers get rayon's pool (2 threads here):
//! fuzzy-matcher has no parallel API of its own, so it is given `par_iter`, which makes
//! the ratio a comparison of matchers rather than of thread counts.
//!
//! Run: `cargo bench --bench filter`; medians are in `target/criterion/*/*/new/estimates.json`.

use std::cmp::Reverse;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use lectern::filter::{Fields, Filter, Query, SearchIndex, SearchKey, fold};
use rayon::prelude::*;

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Typing sessions: every prefix is typed (so narrowing starts from the true previous
/// keystroke), the marked ones are measured.
const SESSIONS: [(&str, &[&str]); 3] = [
    ("kinh te", &["k", "ki", "kinh", "kinh te"]),
    ("da nang", &["da nang"]),
    ("طالبان", &["ط", "طا", "طال", "طالب", "طالبا", "طالبان"]),
];

const SOURCES: [Option<&str>; 7] = [
    Some("VnExpress"),
    Some("Tuổi Trẻ"),
    Some("Reuters"),
    Some("AFP"),
    Some("الجزيرة"),
    Some("Thanh Niên"),
    None,
];

/// A tiny deterministic generator (xorshift64).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap_or(0)
    }
}

/// Words of the bundled articles, by language: Vietnamese (000–002), English (003),
/// Arabic (004).
fn word_pools() -> [Vec<String>; 3] {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("bundled articles")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    files.sort();
    let mut pools: [Vec<String>; 3] = Default::default();
    for (n, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("bundled article");
        let pool = &mut pools[match n {
            0..=2 => 0,
            3 => 1,
            _ => 2,
        }];
        for word in text.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.chars().any(char::is_alphabetic) {
                pool.push(word.to_owned());
            }
        }
    }
    pools
}

struct Library {
    index: SearchIndex,
    langs: Vec<&'static str>,
}

impl Library {
    fn fields(&self, row: usize) -> Fields<'_> {
        Fields {
            lang: self.langs.get(row).copied().unwrap_or(""),
            bookmarked: row.is_multiple_of(17),
            read: row.is_multiple_of(3),
            source: "",
            tags: &[],
        }
    }
}

fn library(size: usize, pools: &[Vec<String>; 3]) -> Library {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut index = SearchIndex::new();
    let mut langs = Vec::with_capacity(size);
    for _ in 0..size {
        // 45% Vietnamese, 35% English, 20% Arabic.
        let (pool, lang) = match rng.below(20) {
            0..=8 => (&pools[0], "vi"),
            9..=15 => (&pools[1], "en"),
            _ => (&pools[2], "ar"),
        };
        let words = 4 + rng.below(9);
        let title: Vec<&str> = (0..words)
            .map(|_| pool[rng.below(pool.len())].as_str())
            .collect();
        index.push(&SearchKey::new(
            &title.join(" "),
            SOURCES[rng.below(SOURCES.len())],
        ));
        langs.push(lang);
    }
    Library { index, langs }
}

/// The baseline: every term must match (`SkimMatcherV2` on the same keys, the light key for
/// terms with diacritics), scores summed, ranked by score then list order.
fn skim_filter(matcher: &SkimMatcherV2, input: &str, index: &SearchIndex) -> Vec<(u32, i64)> {
    let query = Query::parse(input);
    let mut hits: Vec<(u32, i64)> = (0..index.len())
        .into_par_iter()
        .filter_map(|row| {
            let mut total = 0;
            for term in query.terms() {
                let key = if term.keeps_diacritics() {
                    index.light(row)
                } else {
                    index.full(row)
                };
                total += matcher.fuzzy_match(key, term.needle())?;
            }
            Some((u32::try_from(row).unwrap_or(u32::MAX), total))
        })
        .collect();
    hits.sort_by_key(|&(_, score)| Reverse(score));
    hits
}

/// A filter that has been typed into, keystroke by keystroke, up to `input`.
fn typed_up_to(input: &str, library: &Library) -> Filter {
    let mut filter = Filter::new();
    filter.update("", &library.index, |row| library.fields(row));
    let mut typed = String::new();
    for c in input.chars() {
        typed.push(c);
        filter.update(&typed, &library.index, |row| library.fields(row));
    }
    filter
}

/// The measured keystroke's previous text: the input without its last character.
fn before(input: &str) -> &str {
    input
        .char_indices()
        .last()
        .map_or("", |(at, _)| &input[..at])
}

fn keystrokes(c: &mut Criterion) {
    let pools = word_pools();
    let skim = SkimMatcherV2::default();
    for size in SIZES {
        let library = library(size, &pools);
        let mut group = c.benchmark_group(format!("filter/{size}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(if size >= 1_000_000 { 3 } else { 1 }));
        for (_, measured) in SESSIONS {
            for &input in measured {
                let primed = typed_up_to(before(input), &library);
                group.bench_with_input(
                    BenchmarkId::new("frizbee_narrowing", input),
                    input,
                    |b, input| {
                        b.iter_batched(
                            || primed.clone(),
                            |mut filter| {
                                black_box(
                                    filter
                                        .update(input, &library.index, |row| library.fields(row))
                                        .len(),
                                );
                                filter
                            },
                            BatchSize::PerIteration,
                        );
                    },
                );
                group.bench_with_input(
                    BenchmarkId::new("frizbee_scratch", input),
                    input,
                    |b, input| {
                        b.iter_batched(
                            Filter::new,
                            |mut filter| {
                                black_box(
                                    filter
                                        .update(input, &library.index, |row| library.fields(row))
                                        .len(),
                                );
                                filter
                            },
                            BatchSize::PerIteration,
                        );
                    },
                );
                group.bench_with_input(
                    BenchmarkId::new("fuzzy_matcher", input),
                    input,
                    |b, input| {
                        b.iter_with_large_drop(|| skim_filter(&skim, input, &library.index));
                    },
                );
            }
        }
        group.finish();
    }
}

fn key_building(c: &mut Criterion) {
    let pools = word_pools();
    let mut rng = Rng(7);
    let titles: Vec<String> = (0..10_000)
        .map(|n| {
            let pool = &pools[n % 3];
            let words: Vec<&str> = (0..8)
                .map(|_| pool[rng.below(pool.len())].as_str())
                .collect();
            words.join(" ")
        })
        .collect();
    let mut group = c.benchmark_group("search_key");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2));
    group.bench_function("new_10k_titles", |b| {
        b.iter(|| {
            for title in &titles {
                black_box(SearchKey::new(title, Some("VnExpress")));
            }
        });
    });
    group.bench_function("fold_10k_titles", |b| {
        b.iter(|| {
            for title in &titles {
                black_box(fold::fold(title));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, key_building, keystrokes);
criterion_main!(benches);
