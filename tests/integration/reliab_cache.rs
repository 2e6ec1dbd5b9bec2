//! Reliability of the index cache through the binary (#17): a coarse clock never keeps a
//! stale title.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::support::pages::lectern;

/// The titles `lectern list --format json lib` prints, in `home`.
fn listed_titles(home: &tempfile::TempDir) -> Vec<String> {
    let output = lectern(home, 60)
        .args(["list", "--format", "json", "lib"])
        .assert()
        .success()
        .get_output()
        .clone();
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    rows.iter()
        .map(|row| row["title"].as_str().unwrap().to_owned())
        .collect()
}

fn write_at(path: &Path, text: &str, time: SystemTime) {
    std::fs::write(path, text).unwrap();
    File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .unwrap();
}

#[test]
fn a_same_size_rewrite_in_the_second_of_a_list_shows_its_new_title() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    let file = lib.join("a.txt");
    // One whole second for both writes, as a coarse clock gives, taken 3 s ahead (a share
    // whose clock runs ahead does that too) so that both loads start less than 2 s after
    // it unless the machine stalls for 5 s: neither may trust the stamp.
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap();
    let second = SystemTime::UNIX_EPOCH + Duration::from_secs(now.as_secs() + 3);
    write_at(&file, "Kabul talks\n\nBody.\n", second);
    assert_eq!(listed_titles(&home), ["Kabul talks"]);
    write_at(&file, "Paris talks\n\nBody.\n", second);
    assert_eq!(listed_titles(&home), ["Paris talks"]);
}
