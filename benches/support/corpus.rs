//! The synthetic corpus: N article files recombined from the bundled articles' clean paragraphs,
//! shared by `examples/gen_corpus.rs` and the benchmarks (each includes it with `#[path]`).
//!
//! Every file is a pure function of the seed and its index, so the corpus is the same whatever
//! the thread count. Languages keep the bundle's mix (a random bundled article picks each file's
//! language: 3 Vietnamese : 1 English : 1 Arabic). Titles are 4–14 words of that language whose
//! first words spell the file's (scrambled) index in the language's vocabulary, so no two titles,
//! and therefore no two contents, are alike.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use lectern::library::Library;
use rayon::prelude::*;

/// Files per leaf folder (`DIR/07/3a/0000123.txt`).
const PER_FOLDER: usize = 100;
/// Top-level folders the leaves are dealt over.
const TOP_FOLDERS: usize = 16;
/// Modification times start here (2022-01-01T00:00:00Z) and spread over four years.
const EPOCH_START: u64 = 1_640_995_200;
const SPAN_SECONDS: u64 = 4 * 365 * 86_400;
/// Odd multiplier that scrambles indices before they become title words; any number that shares
/// no factor with the vocabulary size makes `index -> words` one-to-one.
const SCRAMBLE: u128 = 1_000_000_007;

/// A tiny deterministic generator (splitmix64): no `rand` dependency for a benchmark fixture.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The generator for file `index` of the corpus made with `seed`.
    pub fn for_file(seed: u64, index: usize) -> Self {
        Self(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n.max(1) as u64).unwrap_or(0)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }
}

/// What one language contributes: clean paragraphs, distinct words, words as often as they occur.
struct Language {
    code: String,
    paragraphs: Vec<String>,
    vocabulary: Vec<String>,
    words: Vec<String>,
}

/// The material of the corpus, taken from the bundled articles as lectern itself parses them.
pub struct Pools {
    languages: Vec<Language>,
    /// For each bundled article, its language's index in `languages`: picking one at random keeps
    /// the bundle's mix of scripts.
    mix: Vec<usize>,
}

/// What [`generate`] wrote.
pub struct Written {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Files per language code, in the bundle's order of first appearance.
    pub by_lang: Vec<(String, usize)>,
}

impl Pools {
    /// Clean paragraphs and words of the bundled articles, grouped by detected language.
    pub fn from_bundled() -> Result<Self> {
        let library = Library::bundled();
        let mut languages: Vec<Language> = Vec::new();
        let mut mix = Vec::new();
        for entry in &library.entries {
            let article = library
                .read(entry)
                .map_err(|w| anyhow::anyhow!("bundled article: {w}"))?;
            let at = languages
                .iter()
                .position(|l| l.code == article.meta.lang)
                .unwrap_or_else(|| {
                    languages.push(Language {
                        code: article.meta.lang.clone(),
                        paragraphs: Vec::new(),
                        vocabulary: Vec::new(),
                        words: Vec::new(),
                    });
                    languages.len() - 1
                });
            mix.push(at);
            let language = &mut languages[at];
            for text in std::iter::once(&article.meta.title).chain(&article.paragraphs) {
                for word in text.split_whitespace() {
                    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                    if word.chars().any(char::is_alphabetic) {
                        language.words.push(word.to_owned());
                    }
                }
            }
            language.paragraphs.extend(article.paragraphs);
        }
        for language in &mut languages {
            // Distinct ignoring case, so that titles stay distinct once the filter folds them.
            let mut seen = std::collections::HashSet::new();
            language.vocabulary = (language.words.iter())
                .filter(|w| seen.insert(w.to_lowercase()))
                .cloned()
                .collect();
            if language.paragraphs.is_empty() || language.vocabulary.len() < 2 {
                anyhow::bail!("bundled {} articles have no text", language.code);
            }
        }
        Ok(Self { languages, mix })
    }

    /// The text of file `index`, its language's index and its modification time.
    fn article(&self, seed: u64, index: usize, total: usize) -> (String, usize, SystemTime) {
        let mut rng = SplitMix64::for_file(seed, index);
        let lang_index = self.mix[rng.below(self.mix.len())];
        let language = &self.languages[lang_index];
        let seconds = rng.next_u64() % SPAN_SECONDS;
        let modified = SystemTime::UNIX_EPOCH + Duration::from_secs(EPOCH_START + seconds);

        let title = title(language, index, total, &mut rng);
        // Most 2–8 KB (a triangle peaking at 5 KB), one in fifty 20–50 KB: 5.6 KB on average.
        let target = if rng.below(50) == 0 {
            rng.between(20_000, 50_000)
        } else {
            rng.between(1_000, 4_000) + rng.between(1_000, 4_000)
        };
        let mut text = String::with_capacity(target + 512);
        if rng.below(2) == 0 {
            let date = civil_date(EPOCH_START + seconds);
            let source = source(&language.code, &mut rng);
            let front_matter = format!(
                "+++\ntitle = {}\nsource = {}\ndate = \"{date}\"\n+++\n\n",
                toml_string(&title),
                toml_string(source)
            );
            text.push_str(&front_matter);
        } else {
            text.push_str(&title);
            text.push_str("\n\n");
        }
        while text.len() < target {
            let paragraph = &language.paragraphs[rng.below(language.paragraphs.len())];
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        (text, lang_index, modified)
    }
}

/// 4–14 words; the first ones are `index`, scrambled, written in base `vocabulary.len()`.
fn title(language: &Language, index: usize, total: usize, rng: &mut SplitMix64) -> String {
    let base = language.vocabulary.len() as u128;
    let mut digits = 1;
    let mut capacity = base;
    while capacity < total as u128 {
        digits += 1;
        capacity *= base;
    }
    // `SCRAMBLE` is prime and larger than the vocabulary, so it shares no factor with `capacity`.
    let mut scrambled = (index as u128 * SCRAMBLE) % capacity;
    let mut words: Vec<&str> = Vec::with_capacity(14);
    for _ in 0..digits {
        let digit = usize::try_from(scrambled % base).unwrap_or(0);
        words.push(&language.vocabulary[digit]);
        scrambled /= base;
    }
    let length = rng.between(4, 14).max(digits);
    while words.len() < length {
        words.push(&language.words[rng.below(language.words.len())]);
    }
    words.join(" ")
}

fn source(lang: &str, rng: &mut SplitMix64) -> &'static str {
    let outlets: &[&str] = match lang {
        "vi" => &["VnExpress", "Tuổi Trẻ", "Thanh Niên", "VOV", "Dân Trí"],
        "ar" => &["الجزيرة", "العربية", "إندبندنت عربية", "بي بي سي عربي"],
        _ => &["Reuters", "AFP", "The Guardian", "Associated Press"],
    };
    outlets[rng.below(outlets.len())]
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `YYYY-MM-DD` of a Unix time, by the same calendar code lectern dates files with.
pub fn civil_date(unix_seconds: u64) -> String {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(unix_seconds);
    lectern::article::date::Date::from_system_time(time).map_or_else(String::new, |d| d.to_string())
}

/// Writes `total` articles under `dir` (`DIR/TT/LL/NNNNNNN.txt`, [`PER_FOLDER`] per leaf), in
/// parallel; existing files of the same names are overwritten.
pub fn generate(pools: &Pools, dir: &Path, total: usize, seed: u64) -> Result<Written> {
    let leaves = total.div_ceil(PER_FOLDER);
    let counts = (0..leaves)
        .into_par_iter()
        .map(|leaf| -> Result<(u64, Vec<usize>)> {
            let folder = dir
                .join(format!("{:02}", leaf % TOP_FOLDERS))
                .join(format!("{:02x}", leaf / TOP_FOLDERS));
            fs::create_dir_all(&folder)
                .with_context(|| format!("creating {}", folder.display()))?;
            let mut bytes = 0;
            let mut by_lang = vec![0; pools.languages.len()];
            for index in leaf * PER_FOLDER..((leaf + 1) * PER_FOLDER).min(total) {
                let (text, lang, modified) = pools.article(seed, index, total);
                let path = folder.join(format!("{index:07}.txt"));
                let mut file =
                    File::create(&path).with_context(|| format!("creating {}", path.display()))?;
                file.write_all(text.as_bytes())
                    .and_then(|()| file.set_modified(modified))
                    .with_context(|| format!("writing {}", path.display()))?;
                bytes += text.len() as u64;
                by_lang[lang] += 1;
            }
            Ok((bytes, by_lang))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut written = Written {
        files: 0,
        bytes: 0,
        by_lang: pools
            .languages
            .iter()
            .map(|l| (l.code.clone(), 0))
            .collect(),
    };
    for (bytes, by_lang) in counts {
        written.bytes += bytes;
        for (total, count) in written.by_lang.iter_mut().zip(by_lang) {
            total.1 += count;
            written.files += count;
        }
    }
    Ok(written)
}
