//! Layout cost per script and article size, uncached and on a cache hit.
//!
//! Articles are the bundled seeds (Vietnamese 000, English 003, Arabic 004),
//! one paragraph per non-empty line, repeated to 5, 10 and 50 KB, laid out
//! at width 80. The baseline, measured in the same run, is a grapheme
//! segmentation pass over the same paragraphs: work any layout has to do at
//! least, so `lay_out / baseline` is comparable across noisy runs.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lectern::article::Dir;
use lectern::text::{BidiMode, LayoutCache, LayoutKey, LayoutOptions, Shaping, lay_out, sanitize};
use std::hint::black_box;
use std::time::Duration;
use unicode_segmentation::UnicodeSegmentation;

const WIDTH: usize = 80;

/// The seed article whose file name starts with `prefix`, as paragraphs.
fn seed(prefix: &str) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let path = std::fs::read_dir(dir)
        .expect("assets/articles exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .expect("the seed article exists");
    let text = sanitize(&std::fs::read_to_string(path).expect("the seed is readable"));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// `paragraphs` repeated until they hold at least `bytes` bytes.
fn sized(paragraphs: &[String], bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    for paragraph in paragraphs.iter().cycle() {
        if total >= bytes {
            break;
        }
        total += paragraph.len() + 1;
        out.push(paragraph.clone());
    }
    out
}

fn bench_layout(c: &mut Criterion) {
    let scripts = [
        ("vi", seed("000_"), Dir::Ltr),
        ("en", seed("003_"), Dir::Ltr),
        ("ar", seed("004_"), Dir::Rtl),
    ];
    let mut group = c.benchmark_group("layout");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (script, paragraphs, dir) in &scripts {
        for kb in [5, 10, 50] {
            let article = sized(paragraphs, kb * 1000);
            let options = LayoutOptions {
                bidi: BidiMode::App,
                shaping: Shaping::Off,
                dir: *dir,
            };
            let name = format!("{script}/{kb}KB");
            group.bench_function(BenchmarkId::new("baseline_graphemes", &name), |b| {
                b.iter(|| {
                    black_box(&article)
                        .iter()
                        .map(|p| p.graphemes(true).count())
                        .sum::<usize>()
                });
            });
            group.bench_function(BenchmarkId::new("uncached", &name), |b| {
                b.iter(|| lay_out(black_box(&article), WIDTH, &options));
            });
            if kb == 10 {
                let forms = LayoutOptions {
                    shaping: Shaping::Forms,
                    ..options
                };
                group.bench_function(BenchmarkId::new("uncached_forms", &name), |b| {
                    b.iter(|| lay_out(black_box(&article), WIDTH, &forms));
                });
            }
            let mut cache = LayoutCache::default();
            let key = LayoutKey {
                article: &name,
                width: WIDTH,
                options,
                raw: false,
            };
            cache.get_or_insert_with(&key, || lay_out(&article, WIDTH, &options));
            group.bench_function(BenchmarkId::new("cached", &name), |b| {
                b.iter(|| {
                    cache.get_or_insert_with(black_box(&key), || lay_out(&article, WIDTH, &options))
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
