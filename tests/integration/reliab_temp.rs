//! Temporary cache files (#17): a load ended by a signal leaves no partial index behind, and
//! a start sweeps what a killed lectern left, sparing a file a live writer holds; quitting the
//! interface with q or ctrl-c during a cold load leaves none either.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::pages::lectern;

/// The names of the temporary files in `dir`.
fn temporary_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".tmp"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_start_sweeps_leftover_temporary_files_but_not_a_locked_one() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("a.txt"), "A title\n\nA body.\n").unwrap();
    let cache = home.path().join("cache/lectern");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(cache.join(".tmpStale1"), vec![b'x'; 4096]).unwrap();
    std::fs::write(cache.join(".tmpHeld22"), b"being written").unwrap();
    // A live writer (this test) holds it.
    let held = File::open(cache.join(".tmpHeld22")).unwrap();
    held.try_lock().unwrap();
    lectern(&home, 60).args(["list", "lib"]).assert().success();
    assert_eq!(temporary_files(&cache), [".tmpHeld22"]);
    drop(held);
}

/// A home whose `lib` holds 3,000 articles: enough to read for a while, the cache being
/// written as files are read.
fn cold_library() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for n in 0..3000 {
        let text = format!("Article {n}\n\n{}\n", "Words of a body. ".repeat(200));
        std::fs::write(lib.join(format!("{n:05}.txt")), text).unwrap();
    }
    home
}

#[test]
fn sigterm_during_a_cold_load_leaves_no_temporary_file() {
    let home = cold_library();
    let cache = home.path().join("cache/lectern");
    let binary = assert_cmd::cargo::cargo_bin("lectern");
    // The load must be caught writing its cache; a fast machine may finish first, so it is
    // tried again (on a cold cache) until it is, a generous number of times.
    for _attempt in 0..20 {
        let _ = std::fs::remove_dir_all(home.path().join("cache"));
        let mut child = Command::new(&binary)
            .current_dir(home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .args(["list", "lib"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let mut caught = false;
        while started.elapsed() < Duration::from_secs(60) {
            if !temporary_files(&cache).is_empty() {
                caught = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if caught {
            let pid = i32::try_from(child.id()).unwrap();
            let killed = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
        }
        let status = child.wait().unwrap();
        if caught {
            use std::os::unix::process::ExitStatusExt;
            if status.signal() == Some(15) {
                assert_eq!(temporary_files(&cache), Vec::<String>::new());
                return;
            }
        }
    }
    panic!("the load was never caught writing its cache in 20 tries");
}

/// Quits the interface with `key` while it is caught writing its cold cache of 3,000 files;
/// after it has exited, no temporary file is left. False when every try finished loading
/// before it was caught.
fn quit_during_a_cold_load_leaves_no_temporary_file(key: &str) -> bool {
    let home = cold_library();
    let cache = home.path().join("cache/lectern");
    let binary = assert_cmd::cargo::cargo_bin("lectern");
    let command = format!(
        "sh -c '{} lib; echo exited $?; sleep 600'",
        binary.display()
    );
    for _attempt in 0..20 {
        let _ = std::fs::remove_dir_all(home.path().join("cache"));
        let tmux = crate::support::tmux::Tmux::start(home.path(), &command);
        // The key goes in only once the reader has the terminal (the alternate screen comes
        // after raw mode): before it, the terminal itself turns ctrl-c into a SIGINT that ends
        // the pane's shell too, which no reader could handle.
        let caught =
            || !temporary_files(&cache).is_empty() && tmux.format("#{alternate_on}") == "1";
        let started = Instant::now();
        while !caught() && started.elapsed() < Duration::from_secs(60) {
            if tmux.screen().contains("exited") {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if !caught() {
            continue;
        }
        tmux.keys(&[key]);
        let screen = tmux.wait_for("exited");
        assert!(screen.contains("exited 0"), "{screen}");
        assert_eq!(temporary_files(&cache), Vec::<String>::new(), "after {key}");
        return true;
    }
    false
}

#[test]
fn quitting_the_interface_during_a_cold_load_leaves_no_temporary_file() {
    for key in ["q", "C-c"] {
        assert!(
            quit_during_a_cold_load_leaves_no_temporary_file(key),
            "{key}: the load was never caught writing its cache in 20 tries"
        );
    }
}
