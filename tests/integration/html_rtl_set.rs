//! The right-to-left page set (`tests/pages/rtl/`): eight news pages in Arabic, Persian, Urdu
//! and Hebrew with their furniture, read through the library. Each page's article must match
//! its `.expected.txt` with a token-shingle F1 of at least 0.9, and each paragraph must get
//! the direction the file names.
//!
//! `NAME.expected.txt`: a line `dirs: rtl ltr ...` (one per paragraph that follows, title
//! first), a blank line, then the title and the paragraphs separated by blank lines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lectern::library::{Library, LoadOptions};
use lectern::text::{Dir, news_paragraph_dir};

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/rtl")
}

/// The pages of the set, by name.
fn names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(pages_dir())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".html").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// The expected paragraphs (title first) and their directions.
fn expected(name: &str) -> Vec<(String, Dir)> {
    let text = std::fs::read_to_string(pages_dir().join(format!("{name}.expected.txt"))).unwrap();
    let (header, body) = text.split_once("\n\n").unwrap();
    let dirs: Vec<Dir> = header
        .strip_prefix("dirs: ")
        .unwrap()
        .split_whitespace()
        .map(|d| match d {
            "rtl" => Dir::Rtl,
            "ltr" => Dir::Ltr,
            other => panic!("{name}: direction {other}"),
        })
        .collect();
    let paragraphs: Vec<String> = body.trim().split("\n\n").map(str::to_owned).collect();
    assert_eq!(
        dirs.len(),
        paragraphs.len(),
        "{name}: one direction per paragraph"
    );
    paragraphs.into_iter().zip(dirs).collect()
}

/// lectern's article of a page: the title then the paragraphs, and the article's direction.
fn extracted(name: &str) -> (Vec<String>, Dir) {
    let path = pages_dir().join(format!("{name}.html"));
    let library = Library::load(&[path], LoadOptions::default());
    assert!(
        library.warnings.is_empty(),
        "{name}: {:?}",
        library.warnings
    );
    let article = library.read(&library.entries[0]).unwrap();
    let mut paragraphs = vec![article.meta.title.clone()];
    paragraphs.extend(article.paragraphs);
    (paragraphs, article.meta.dir)
}

/// Runs of 4 words, counted, as the extraction benchmark's scorer takes them: words are runs of
/// letters, digits and `_` (Python's `\w`), lower-cased; a text of 1 to 3 words is one run.
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let lower = text.to_lowercase();
    let words: Vec<String> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    for i in 0..words.len().saturating_sub(3).max(1) {
        let end = (i + 4).min(words.len());
        *counts.entry(words[i..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Shingles in common, in the prediction, and in the truth.
fn overlap(truth: &str, prediction: &str) -> (usize, usize, usize) {
    let (t, p) = (shingles(truth), shingles(prediction));
    let common = t
        .iter()
        .map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    (common, p.values().sum(), t.values().sum())
}

fn f1(common: usize, predicted: usize, truth: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let (c, p, t) = (common as f64, predicted.max(1) as f64, truth.max(1) as f64);
    let (precision, recall) = (c / p, c / t);
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

#[test]
fn shingle_f1_counts_runs_of_four_words() {
    // Truth "a b c d e": runs abcd, bcde; prediction "a b c d x": abcd, bcdx. One in common.
    assert_eq!(overlap("a b c d e", "A, b c d x"), (1, 2, 2));
    assert!((f1(1, 2, 2) - 0.5).abs() < 1e-9);
    // Short texts are one run; nothing predicted is no match.
    assert_eq!(overlap("two words", "two words"), (1, 1, 1));
    assert_eq!(overlap("a b c d", ""), (0, 0, 1));
}

#[test]
fn every_rtl_page_extracts_with_f1_at_least_0_9() {
    let names = names();
    assert_eq!(names.len(), 8);
    let mut total = (0, 0, 0);
    let mut low = Vec::new();
    for name in &names {
        let truth: Vec<String> = expected(name).into_iter().map(|(p, _)| p).collect();
        let (paragraphs, _) = extracted(name);
        let (c, p, t) = overlap(&truth.join("\n\n"), &paragraphs.join("\n\n"));
        total = (total.0 + c, total.1 + p, total.2 + t);
        let score = f1(c, p, t);
        eprintln!("{name}: F1 {score:.3} ({c} of {p} predicted, {t} true)");
        if score < 0.9 {
            low.push(format!("{name}: {score:.3}\n{}", paragraphs.join("\n\n")));
        }
    }
    eprintln!("set: F1 {:.3}", f1(total.0, total.1, total.2));
    assert!(low.is_empty(), "{}", low.join("\n-----\n"));
}

#[test]
fn every_rtl_page_paragraph_has_its_direction() {
    let (mut right, mut all) = (0, 0);
    let mut wrong = Vec::new();
    for name in names() {
        let (paragraphs, dir) = extracted(&name);
        assert_eq!(dir, Dir::Rtl, "{name}: the article's direction");
        for (truth, want) in expected(&name) {
            // The extracted paragraph that holds this one best.
            let best = paragraphs
                .iter()
                .max_by_key(|p| overlap(&truth, p).0)
                .unwrap();
            all += 1;
            let got = news_paragraph_dir(best, dir);
            if got == want {
                right += 1;
            } else {
                wrong.push(format!("{name}: {want:?} wanted, {got:?} for {best}"));
            }
        }
    }
    eprintln!("directions right: {right} of {all}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
