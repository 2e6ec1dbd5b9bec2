//! `gen_corpus DIR N [--seed S]`: writes N synthetic articles under DIR for benchmarks.
//!
//! The articles recombine the bundled articles' clean paragraphs (see `benches/support/corpus.rs`);
//! the same seed gives the same files. Run it in release: 10^5 files take seconds.
//! `cargo run --release --example gen_corpus -- target/corpus-100000 100000`

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Parser;

/// Command-line arguments.
#[derive(Parser)]
#[command(about = "Write N synthetic articles under DIR (deterministic for a seed)")]
struct Args {
    /// Folder to write into (created if missing).
    dir: PathBuf,
    /// How many articles.
    n: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let pools = corpus::Pools::from_bundled()?;
    let written = corpus::generate(&pools, &args.dir, args.n, args.seed)?;
    let mix: Vec<String> = (written.by_lang.iter())
        .map(|(lang, count)| format!("{count} {lang}"))
        .collect();
    println!(
        "wrote {} files, {} bytes ({}) to {} in {:.2} s",
        written.files,
        written.bytes,
        mix.join(", "),
        args.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::corpus::{Pools, Written, civil_date, generate};
    use lectern::library::{Library, LoadOptions};

    /// Generates a small corpus and loads it with lectern itself.
    fn load(n: usize, seed: u64) -> (Written, Library) {
        let dir = tempfile::tempdir().expect("temp dir");
        let pools = Pools::from_bundled().expect("bundled pools");
        let written = generate(&pools, dir.path(), n, seed).expect("generate");
        let library = Library::load(&[dir.path().to_path_buf()], LoadOptions::default());
        (written, library)
    }

    #[test]
    fn civil_dates() {
        // Checked with `date -u -d @SECONDS +%F`.
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(1_640_995_200), "2022-01-01");
        assert_eq!(civil_date(1_709_164_800), "2024-02-29");
        assert_eq!(civil_date(1_767_139_200), "2025-12-31");
    }

    #[test]
    fn every_file_loads_as_a_distinct_article_in_the_bundle_mix() {
        let (written, library) = load(500, 7);
        assert_eq!(written.files, 500);
        // No file skipped (a duplicate content id would be), none with a problem.
        assert_eq!(library.entries.len(), 500, "{:?}", library.warnings.first());
        assert!(
            library.warnings.is_empty(),
            "{:?}",
            library.warnings.first()
        );
        let mut titles: Vec<&str> = library
            .entries
            .iter()
            .map(|e| e.meta.title.as_str())
            .collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), 500, "titles are distinct");
        // The bundle is 3 vi : 1 en : 1 ar, so 300 : 100 : 100 expected; allow sampling noise.
        let detected = |lang: &str| {
            library
                .entries
                .iter()
                .filter(|e| e.meta.lang == lang)
                .count()
        };
        assert!(
            (250..=350).contains(&detected("vi")),
            "vi {}",
            detected("vi")
        );
        assert!(
            (70..=130).contains(&detected("en")),
            "en {}",
            detected("en")
        );
        assert!(
            (70..=130).contains(&detected("ar")),
            "ar {}",
            detected("ar")
        );
        // What the generator meant is what lectern detects.
        for (lang, count) in &written.by_lang {
            assert_eq!(detected(lang), *count, "{lang}");
        }
        for entry in &library.entries {
            let words = entry.meta.title.split_whitespace().count();
            assert!((4..=14).contains(&words), "{}", entry.meta.title);
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_files() {
        let files = |seed: u64| {
            let dir = tempfile::tempdir().expect("temp dir");
            let pools = Pools::from_bundled().expect("bundled pools");
            generate(&pools, dir.path(), 120, seed).expect("generate");
            let mut found = Vec::new();
            for entry in walk(dir.path()) {
                let modified = entry.metadata().and_then(|m| m.modified()).expect("mtime");
                let text = std::fs::read(&entry).expect("read");
                let name = entry
                    .strip_prefix(dir.path())
                    .expect("inside")
                    .to_path_buf();
                found.push((name, text, modified));
            }
            found.sort();
            found
        };
        let first = files(3);
        assert_eq!(first.len(), 120);
        assert_eq!(first, files(3));
        assert_ne!(first, files(4));
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
