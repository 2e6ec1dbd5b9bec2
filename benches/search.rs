//! Body search (issue 14) over 10^5 synthetic articles of about 5 KB in eight languages.
//!
//! Measured: a query per keystroke, newest first (each prefix of a word as typed, 50 hits); a
//! query by relevance (BM25, 50 hits); the index build (fold, tokenize, insert in one
//! transaction, tokenizing in parallel as `search::sync` does, while inserting; one run, timed by hand) next to
//! its floor, folding the same text (in memory: reading costs nothing here); and the database
//! size next to the text's; and `rg -l -i WORD` over the same articles as files (when `rg`
//! is installed, and up to 10^5 articles), the brute-force floor. `LECTERN_BENCH_DOCS` (default 100000) sets the
//! number of articles; `LECTERN_BENCH_REUSE=1` times the queries alone against the database a
//! run before left in `target/bench-search-N` (no articles made, no build, no floors).
//!
//! Run: `cargo bench --bench search`.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::article::NoMarks;
use lectern::filter::fold::{Strength, fold_as};
use lectern::search::{Doc, Indexer, SearchQuery, Sort, Tokens, add_all, open_database, search};
use rayon::prelude::*;

/// Words of each language, written for this benchmark; articles draw on them, the first
/// ones most often.
const VOCABULARY: [(&str, &str); 8] = [
    (
        "vi",
        "và của là có được trong cho không người những một các với này đã để khi Việt Nam \
         Đại sứ quán Hà Nội thành phố chính phủ bộ trưởng kinh tế xã hội phát triển người dân \
         mưa lớn bão lũ lụt miền Trung Đà Nẵng hợp tác quốc tế đối ngoại hội nghị năm nay \
         giáo dục y tế bệnh viện học sinh sinh viên trường đại học nông nghiệp lúa gạo xuất khẩu",
    ),
    (
        "en",
        "the of and to in a is that for on was with as by at from government minister said \
         city harbour storm weather report economy market prices school hospital election \
         parliament ambassador embassy talks agreement border trade exports farmers rain flood \
         lighthouse ferry council budget police court museum festival",
    ),
    (
        "fr",
        "le la les de des du et un une est dans pour sur avec été élèves fête ministre \
         gouvernement ville Montréal Paris été hiver neige tempête école hôpital élection \
         député ambassadeur accord frontière marché prix agriculteurs fleuve musée théâtre",
    ),
    (
        "ar",
        "في من على إلى أن التي الذي مع عن هذا كان الحكومة الوزير المدينة السفير السفارة \
         الاقتصاد السوق الأسعار المدرسة المستشفى الانتخابات البرلمان الاتفاق الحدود المطر \
         العاصفة القاهرة بيروت دمشق المتحف المهرجان كتاب مكتبة",
    ),
    (
        "fa",
        "و در به از که این را با است برای یک آن می‌کند کتاب کتابی نویسنده ایرانی تهران \
         دولت وزیر شهر سفیر سفارت اقتصاد بازار قیمت مدرسه بیمارستان انتخابات مجلس \
         توافق مرز باران طوفان موزه جشنواره دانشگاه کشاورزی",
    ),
    (
        "he",
        "של את על עם זה הוא היא לא כי גם שלום ירושלים תל אביב הממשלה השר העיר השגריר \
         השגרירות הכלכלה השוק המחירים בית ספר בית חולים הבחירות הכנסת ההסכם הגבול \
         גשם סערה מוזיאון פסטיבל",
    ),
    (
        "zh",
        "我们 在 北京 上海 政府 经济 市场 价格 学校 医院 选举 大使 大使馆 会谈 协议 边境 \
         贸易 出口 农民 下雨 洪水 台风 博物馆 节日 城市 发展 国际 合作 今年 工作 人民 社会",
    ),
    (
        "ja",
        "東京 大阪 政府 経済 市場 価格 学校 病院 選挙 大使 大使館 会談 合意 国境 貿易 \
         輸出 農家 雨 洪水 台風 博物館 祭り 花火 タワー 都市 発展 国際 協力 今年 仕事",
    ),
];

/// splitmix64: the same articles on every run, without a `rand` dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A skewed pick in `0..n` (`n > 0`): low indices (common words) far more often.
    fn skewed(&mut self, n: usize) -> usize {
        let x = u128::from(self.next() % 1000);
        usize::try_from(x * x * x * n as u128 / 1_000_000_000).unwrap_or(0) % n
    }
}

/// One synthetic article.
struct Article {
    id: String,
    path: String,
    date: String,
    lang: &'static str,
    title: String,
    paragraphs: Vec<String>,
}

fn article(index: usize, words: &[Vec<&'static str>]) -> Article {
    let mut rng = Rng(index as u64 ^ 0x5EED);
    let language = index % VOCABULARY.len();
    let (lang, _) = VOCABULARY[language];
    let pool = &words[language];
    let cjk = lang == "zh" || lang == "ja";
    let join = if cjk { "" } else { " " };
    let sentence = |rng: &mut Rng, n: usize| -> String {
        let picked: Vec<&str> = (0..n).map(|_| pool[rng.skewed(pool.len())]).collect();
        picked.join(join)
    };
    // A rare word in one article of a thousand: a query with few hits.
    let rare = if index % 1000 == 7 { " zebrafish" } else { "" };
    let title = format!("{}{rare}", sentence(&mut rng, 8));
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < 5000 {
        let mut paragraph = String::new();
        for _ in 0..4 {
            paragraph.push_str(&sentence(&mut rng, 12));
            paragraph.push_str(if cjk { "。" } else { ". " });
        }
        size += paragraph.len();
        paragraphs.push(paragraph);
    }
    // Dates over four years, several articles a day.
    let day = index * 1461 / 100_000.max(index + 1);
    let date = format!(
        "{}-{:02}-{:02}",
        2022 + day / 365,
        1 + (day % 365) / 31 % 12,
        1 + day % 28
    );
    Article {
        id: format!("{index:016x}"),
        path: format!("corpus/{index:07}.txt"),
        date,
        lang,
        title,
        paragraphs,
    }
}

/// What the index keeps of an article.
fn doc_of(a: &Article) -> Doc<'_> {
    Doc {
        id: &a.id,
        path: &a.path,
        date: Some(&a.date),
        lang: a.lang,
        source: None,
        title: &a.title,
    }
}

/// Builds the index of `articles` in `dir` as `search::sync` does; returns the time taken.
fn build(dir: &Path, articles: &[Article]) -> Duration {
    let _ = std::fs::remove_dir_all(dir);
    let start = Instant::now();
    let mut conn = open_database(dir).expect("database");
    let tx = conn.transaction().expect("transaction");
    {
        let mut indexer = Indexer::new(&tx).expect("statements");
        let tokens = |a: &Article| {
            Ok(Tokens::of(
                &a.title,
                a.paragraphs.iter().map(String::as_str),
            ))
        };
        let failed = add_all(&mut indexer, articles, doc_of, tokens, |_| {}).expect("insert");
        assert!(failed.is_empty());
    }
    tx.commit().expect("commit");
    drop(conn);
    start.elapsed()
}

/// The floor: folding every article, on one core and on both; also prints the cost of
/// tokenizing (folding, then words and bigrams) on one.
fn floor(articles: &[Article]) -> (Duration, Duration) {
    // The floor: fold every article, single-threaded and on both cores.
    let start = Instant::now();
    let mut folded = 0;
    for a in articles {
        folded += fold_as(&a.title, Strength::Full).len();
        folded += a
            .paragraphs
            .iter()
            .map(|p| fold_as(p, Strength::Full).len())
            .sum::<usize>();
    }
    let fold_one = start.elapsed();
    let start = Instant::now();
    let folded_parallel: usize = (articles.par_iter())
        .map(|a| {
            a.paragraphs
                .iter()
                .map(|p| fold_as(p, Strength::Full).len())
                .sum::<usize>()
        })
        .sum();
    let fold_both = start.elapsed();
    let start = Instant::now();
    let tokens: usize = (articles.iter())
        .map(|a| {
            Tokens::of(&a.title, a.paragraphs.iter().map(String::as_str))
                .body
                .len()
        })
        .sum();
    let tokenize_one = start.elapsed();
    eprintln!(
        "floor: folding {folded} bytes took {fold_one:?} on one core, {fold_both:?} on two \
         ({folded_parallel} bytes); tokenizing (fold + words + bigrams, {tokens} bytes) {tokenize_one:?} on one"
    );

    (fold_one, fold_both)
}

/// The brute-force floor: `rg -l -i WORD` over the same articles written as files, next to
/// the same word searched in the index (newest first and by relevance), medians of 7 runs
/// each with the files in the page cache. Skipped, saying so, when `rg` is not installed.
fn ripgrep_floor(dir: &Path, articles: &[Article], conn: &rusqlite::Connection) {
    let files = dir.join("files");
    std::fs::create_dir_all(&files).expect("files folder");
    articles.par_iter().for_each(|a| {
        let text = format!("{}\n\n{}\n", a.title, a.paragraphs.join("\n\n"));
        let name = files.join(a.path.trim_start_matches("corpus/"));
        std::fs::write(name, text).expect("write an article");
    });
    for word in ["zebrafish", "government", "đại"] {
        let rg = std::process::Command::new("rg")
            .args(["-l", "-i", word])
            .arg(&files)
            .stdout(std::process::Stdio::null())
            .status();
        if rg.is_err() {
            eprintln!("rg floor: rg is not installed (apt-get install ripgrep); skipped");
            return;
        }
        let rg = median(|| {
            let _ = std::process::Command::new("rg")
                .args(["-l", "-i", word])
                .arg(&files)
                .stdout(std::process::Stdio::null())
                .status();
        });
        let ours = |sort| {
            let query = SearchQuery::parse(word, sort == Sort::Date);
            median(|| {
                search(conn, &query, sort, 50, |_| true, &NoMarks).expect("search");
            })
        };
        let (newest, relevance) = (ours(Sort::Date), ours(Sort::Relevance));
        eprintln!(
            "rg floor, {word:?}: rg -l -i {rg:?}; index newest first {newest:?} ({:.0} × faster), by relevance {relevance:?} ({:.0} × faster)",
            rg.as_secs_f64() / newest.as_secs_f64(),
            rg.as_secs_f64() / relevance.as_secs_f64()
        );
    }
}

/// The median time of 7 runs.
fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[3]
}

#[allow(clippy::cast_precision_loss)] // ratios of sizes, printed
fn bench(c: &mut Criterion) {
    let count: usize = std::env::var("LECTERN_BENCH_DOCS").map_or(100_000, |n| {
        n.trim().parse().expect("LECTERN_BENCH_DOCS: a number")
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-search-{count}"));
    let reuse =
        std::env::var_os("LECTERN_BENCH_REUSE").is_some() && dir.join("lectern.db").exists();
    if reuse {
        eprintln!("reusing {}", dir.display());
    } else {
        let words: Vec<Vec<&str>> = (VOCABULARY.iter())
            .map(|(_, text)| text.split_whitespace().collect())
            .collect();
        let articles: Vec<Article> = (0..count)
            .into_par_iter()
            .map(|i| article(i, &words))
            .collect();
        let bodies: usize = (articles.iter())
            .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
            .sum();
        eprintln!("{count} articles, {bodies} bytes of text");

        let (fold_one, fold_both) = floor(&articles);
        let took = build(&dir, &articles);
        let size = ["lectern.db", "lectern.db-wal"]
            .iter()
            .filter_map(|name| std::fs::metadata(dir.join(name)).ok())
            .map(|m| m.len())
            .sum::<u64>();
        eprintln!(
            "index build: {took:?} = {:.2} × folding on one core, {:.2} × on two; database {size} bytes = {:.2} × the text",
            took.as_secs_f64() / fold_one.as_secs_f64(),
            took.as_secs_f64() / fold_both.as_secs_f64(),
            size as f64 / bodies as f64
        );
        // The goal compares with rg over 10^5 files; 10^6 would write 5 GB more for nothing.
        if count <= 100_000 {
            let conn = open_database(&dir).expect("database");
            ripgrep_floor(&dir, &articles, &conn);
        }
    }
    let conn = open_database(&dir).expect("database");

    let mut group = c.benchmark_group(format!("search/{count}"));
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(5));
    // Each keystroke of three words, and a rare word.
    let keystrokes = "đ|đạ|đại|đại s|đại sứ|g|gov|government|北|北京|z|zebrafish".split('|');
    for typed in keystrokes {
        let query = SearchQuery::parse(typed, true);
        let hits = search(&conn, &query, Sort::Date, 50, |_| true, &NoMarks).expect("search");
        eprintln!("newest first, typed {typed:?}: {} hits", hits.len());
        group.bench_function(format!("newest first, typed {typed:?}"), |b| {
            b.iter(|| search(&conn, &query, Sort::Date, 50, |_| true, &NoMarks).expect("search"));
        });
    }
    // Words; a phrase of three words each in an eighth of the articles, alone and less one.
    let ranked = "đại sứ|government|北京|zebrafish|\"đại sứ quán\"|\"đại sứ quán\" -mưa";
    for typed in ranked.split('|') {
        let query = SearchQuery::parse(typed, false);
        group.bench_function(format!("by relevance, {typed:?}"), |b| {
            b.iter(|| {
                search(&conn, &query, Sort::Relevance, 50, |_| true, &NoMarks).expect("search")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
