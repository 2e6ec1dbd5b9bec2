//! Background loading and the index cache: rows arrive in batches and end in list order, and
//! a second load takes unchanged files from the cache and rereads only what changed.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use lectern::library::{Library, LoadOptions, Progress};

/// A hand-written article whose first line is its title.
fn article(title: &str, body: &str) -> String {
    format!("{title}\n\n{body} Đây là nội dung đủ dài để thành một đoạn văn của bài báo.\n")
}

/// Writes `text` to `path` and gives it modification time `day` days after a fixed date.
fn write(path: &Path, text: &str, day: u64) {
    fs::create_dir_all(path.parent().expect("parent")).expect("folders");
    fs::write(path, text).expect("write");
    set_day(path, day);
}

fn set_day(path: &Path, day: u64) {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + day * 86_400);
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("set time");
}

struct Fixture {
    _tmp: tempfile::TempDir,
    news: PathBuf,
    options: LoadOptions,
}

/// 30 articles in nested folders, with distinct titles and dates.
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().expect("temp");
    let news = tmp.path().join("news");
    for n in 0..30u64 {
        let path = news.join(format!("{:02}/{n:03}.txt", n % 4));
        write(
            &path,
            &article(&format!("Bài số {n}"), &format!("Số {n}.")),
            n,
        );
    }
    let options = LoadOptions {
        cache_dir: Some(tmp.path().join("cache")),
        ..LoadOptions::default()
    };
    Fixture {
        _tmp: tmp,
        news,
        options,
    }
}

fn titles(library: &Library) -> Vec<String> {
    (library.entries.iter())
        .map(|e| e.meta.title.clone())
        .collect()
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .map(|d| d.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default()
}

#[test]
fn progress_counts_the_files_then_sends_them_in_batches() {
    let f = fixture();
    fs::write(f.news.join("01/empty.txt"), "").expect("empty");
    let (mut library, progress) = Library::start(std::slice::from_ref(&f.news), f.options);
    let steps: Vec<Progress> = progress.iter().collect();
    assert!(
        matches!(steps.first(), Some(Progress::Found { files: 31, .. })),
        "{:?}",
        steps.first()
    );
    assert!(matches!(steps.last(), Some(Progress::Done)));
    let read: usize = (steps.iter())
        .map(|s| match s {
            Progress::Batch(batch) => batch.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(
        read, 31,
        "every found file is reported once, read or skipped"
    );
    let mut done = false;
    for step in steps {
        assert!(!done, "nothing after Done");
        done = library.apply(step);
    }
    assert_eq!(library.entries.len(), 30);
    assert_eq!(library.index.len(), 30);
    assert_eq!(library.warnings.len(), 1, "{:?}", library.warnings);
    // Newest first: article 29 has the latest file date.
    assert_eq!(
        titles(&library)[..3],
        ["Bài số 29", "Bài số 28", "Bài số 27"]
    );
    // Row i of the index is entry i's key, after the reordering.
    for (row, entry) in library.entries.iter().enumerate() {
        let folded = entry
            .meta
            .title
            .to_lowercase()
            .replace("à", "a")
            .replace("ố", "o");
        assert_eq!(library.index.full(row), folded);
    }
}

#[test]
fn a_second_load_takes_unchanged_files_from_the_cache() {
    let f = fixture();
    let roots = [f.news.clone()];
    let first = Library::load(&roots, f.options.clone());
    let cache_dir = f.options.cache_dir.clone().expect("cache dir");
    assert_eq!(
        cache_files(&cache_dir).len(),
        1,
        "one cache file per library"
    );

    // Same size and time, new words: only a cache hit can still show the old title.
    let quiet = f.news.join("00/000.txt");
    write(&quiet, &article("Bài số X", "Số 0."), 0);
    // A changed size is noticed whatever the time.
    let grown = f.news.join("01/001.txt");
    write(&grown, &article("Bài số 1 (cập nhật)", "Số 1."), 1);
    fs::remove_file(f.news.join("02/002.txt")).expect("remove");

    let second = Library::load(&roots, f.options.clone());
    let titles = titles(&second);
    assert_eq!(second.entries.len(), 29);
    assert!(titles.contains(&"Bài số 0".to_owned()), "cached title kept");
    assert!(titles.contains(&"Bài số 1 (cập nhật)".to_owned()));
    assert!(!titles.contains(&"Bài số 2".to_owned()));
    assert_eq!(first.entries[0].meta, second.entries[0].meta);

    // A new time makes it read again.
    set_day(&quiet, 40);
    // The second load rewrote the cache (files had changed): records it carried over
    // unchanged are still hits, so a quiet change to one of them stays unseen.
    write(&f.news.join("03/003.txt"), &article("Bài số Z", "Số 3."), 3);
    let third = Library::load(&roots, f.options);
    assert_eq!(third.entries[0].meta.title, "Bài số X");
    let titles = self::titles(&third);
    assert!(
        titles.contains(&"Bài số 3".to_owned()),
        "carried-over record used"
    );
    assert!(!titles.contains(&"Bài số Z".to_owned()));
}

#[test]
fn a_damaged_cache_is_rebuilt_without_a_word() {
    let f = fixture();
    let roots = [f.news.clone()];
    let expected = titles(&Library::load(&roots, f.options.clone()));
    let cache_dir = f.options.cache_dir.clone().expect("cache dir");
    let file = cache_files(&cache_dir).pop().expect("cache file");
    let good = fs::read(&file).expect("read");
    for bad in [
        Vec::new(),
        vec![0; good.len()],
        good[..good.len() / 2].to_vec(),
    ] {
        fs::write(&file, &bad).expect("damage");
        let library = Library::load(&roots, f.options.clone());
        assert_eq!(titles(&library), expected);
        assert!(library.warnings.is_empty(), "{:?}", library.warnings);
        // Rebuilt as it was, but for the time of its writing and that time's checksum.
        let rebuilt = fs::read(&file).expect("rebuilt");
        assert_eq!(rebuilt.len(), good.len(), "rebuilt as it was");
        let differing: Vec<usize> = (0..good.len()).filter(|&i| rebuilt[i] != good[i]).collect();
        let spread = differing.last().map_or(0, |last| last + 1 - differing[0]);
        assert!(
            spread <= 24,
            "rebuilt as it was but for its time: {differing:?}"
        );
    }
    fs::remove_dir_all(&cache_dir).expect("delete");
    assert_eq!(titles(&Library::load(&roots, f.options)), expected);
}

#[test]
fn an_unwritable_cache_costs_nothing_but_time() {
    let f = fixture();
    let blocker = f.news.parent().expect("tmp").join("not-a-folder");
    fs::write(&blocker, "a file where the cache folder should be").expect("blocker");
    let options = LoadOptions {
        cache_dir: Some(blocker.join("lectern")),
        ..LoadOptions::default()
    };
    let library = Library::load(std::slice::from_ref(&f.news), options);
    assert_eq!(library.entries.len(), 30);
    assert!(library.warnings.is_empty(), "{:?}", library.warnings);
}

#[test]
fn a_cache_copied_from_another_library_is_not_believed() {
    // Two libraries whose files have the same names, sizes and times but other titles.
    let tmp = tempfile::tempdir().expect("temp");
    let (kabul, paris) = (tmp.path().join("kabul"), tmp.path().join("paris"));
    write(&kabul.join("a.txt"), &article("Kabul talks", "Một."), 1);
    write(&paris.join("a.txt"), &article("Paris talks", "Một."), 1);
    let cache = tmp.path().join("cache");
    let options = LoadOptions {
        cache_dir: Some(cache.clone()),
        ..LoadOptions::default()
    };
    let first = Library::load(std::slice::from_ref(&kabul), options.clone());
    assert_eq!(titles(&first), ["Kabul talks"]);
    // The Kabul cache put where the Paris library's would be.
    let [kabul_cache] = cache_files(&cache).try_into().expect("one cache file");
    let paris_cache = lectern::library::cached_libraries(&cache);
    assert_eq!(paris_cache.len(), 1, "the cache records its library");
    let loaded = Library::load(std::slice::from_ref(&paris), options.clone());
    assert_eq!(titles(&loaded), ["Paris talks"]);
    let paris_file = (cache_files(&cache).into_iter())
        .find(|file| *file != kabul_cache)
        .expect("the Paris cache");
    fs::copy(&kabul_cache, &paris_file).expect("swap the caches");
    let again = Library::load(std::slice::from_ref(&paris), options);
    assert_eq!(
        titles(&again),
        ["Paris talks"],
        "the file is read, not the copy"
    );
}
