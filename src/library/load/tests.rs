//! The loader against a coarse clock: the racy-timestamp rule.

use std::fs::File;
use std::time::{Duration, SystemTime};

use super::*;

/// The titles a load of `root` at the moment `start` lists.
fn titles(root: &std::path::Path, cache: &std::path::Path, start: SystemTime) -> Vec<String> {
    let options = LoadOptions {
        cache_dir: Some(cache.to_owned()),
        ..LoadOptions::default()
    };
    let (sender, receiver) = mpsc::channel();
    load(&[root.to_owned()], &options, &sender, start);
    drop(sender);
    let mut titles = Vec::new();
    for progress in receiver {
        if let Progress::Batch(batch) = progress {
            for loaded in batch {
                if let Loaded::Article(entry, _, _) = loaded {
                    titles.push(entry.meta.title);
                }
            }
        }
    }
    titles
}

/// Writes `text` to `path` and gives it the modification time `time`, as a filesystem
/// with whole-second times would for any write within that second.
fn write_at(path: &std::path::Path, text: &str, time: SystemTime) {
    std::fs::write(path, text).expect("write");
    File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .expect("set time");
}

#[test]
fn a_file_rewritten_at_the_same_size_in_the_second_of_a_load_is_read_again() {
    let dir = tempfile::tempdir().expect("dir");
    let (root, cache) = (dir.path().join("news"), dir.path().join("cache"));
    std::fs::create_dir_all(&root).expect("root");
    let file = root.join("a.txt");
    // A coarse clock: every write in this second gets the time of its start.
    let second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let within = |millis| second + Duration::from_millis(millis);
    write_at(&file, "Kabul talks\n\nBody.\n", second);
    assert_eq!(titles(&root, &cache, within(100)), ["Kabul talks"]);
    // Rewritten after that load, in the same second, at the same size.
    write_at(&file, "Paris talks\n\nBody.\n", second);
    assert_eq!(titles(&root, &cache, within(900)), ["Paris talks"]);
    // A load long after caches it for good; a record is then trusted on its stamp (the
    // rule's bargain: a rewrite keeping size and time, seconds later, is not seen).
    assert_eq!(titles(&root, &cache, within(10_000)), ["Paris talks"]);
    write_at(&file, "Rome talks!\n\nBody.\n", second);
    assert_eq!(titles(&root, &cache, within(20_000)), ["Paris talks"]);
}
