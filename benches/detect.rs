//! Language detection and whole-article parsing, on the bundled articles, the cleaning fixtures
//! and the headlines written for the tests: `lectern::article::language` next to whatlang's detector over all its
//! languages (what lectern ran before), and `parse` per article. The floor, in the same run, is
//! counting the letters of the same text (one pass over its characters).
//!
//! Run: `cargo bench --bench detect`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::article::{language, parse};

/// The bundled articles (vi, en, ar) and the cleaning fixtures (one or two per language).
fn articles() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = ["assets/articles", "tests/data/clean"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("article folder"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn titles() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lang/titles.tsv");
    let text = std::fs::read_to_string(path).expect("titles.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, t)| t.to_owned()))
        .collect()
}

/// The first KB of each article's text, what parsing gives the detector.
fn samples(articles: &[String]) -> Vec<String> {
    articles
        .iter()
        .map(|a| {
            let end = (0..=1024.min(a.len()))
                .rev()
                .find(|&i| a.is_char_boundary(i));
            a[..end.unwrap_or(0)].to_owned()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let bodies = samples(&articles);
    let titles = titles();
    for (name, texts) in [("bodies", &bodies), ("titles", &titles)] {
        let mut group = c.benchmark_group(format!("detect {name}"));
        group.bench_function("floor: count letters", |b| {
            b.iter(|| {
                (texts.iter())
                    .map(|t| black_box(t).chars().filter(|c| c.is_alphabetic()).count())
                    .sum::<usize>()
            });
        });
        group.bench_function("whatlang, all languages", |b| {
            b.iter(|| {
                (texts.iter())
                    .filter_map(|t| whatlang::detect(black_box(t)))
                    .count()
            });
        });
        group.bench_function("lectern language", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| language(black_box(t)).len())
                    .sum::<usize>()
            });
        });
        group.finish();
    }
    c.bench_function("parse bundled articles", |b| {
        b.iter(|| {
            (articles.iter())
                .map(|a| {
                    parse(black_box(a.clone()), String::new(), None)
                        .0
                        .paragraphs
                        .len()
                })
                .sum::<usize>()
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
