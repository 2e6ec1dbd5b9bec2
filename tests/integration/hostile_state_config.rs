//! Bad databases and config files (issue 7, item 6; issue 14) met by the real binary: with a
//! database that is all NUL, JSON, truncated, from a newer lectern, or in a read-only folder,
//! lectern still starts in a terminal, shows its list and a status-bar message naming the
//! file, keeps the original bytes, and `lectern bookmarks` still works (also while another
//! process holds the write lock). An old `state.json` is imported once and kept. A config with a syntax error is
//! reported with line and column and left untouched. (`store_bad_state` covers the
//! same files at the `Store` level.)

use std::fs;
use std::path::Path;
use std::process::Command;

use lectern::store::Store;

use crate::support::tmux::Tmux;

const BOOKMARKED: &str = r#"{"version": 1, "bookmarks": {"00000000000000aa": {"title": "Kept", "lang": "en", "path": "/n/a.txt", "bookmarked_at": "2026-01-02T00:00:00Z"}}, "read": {}}"#;

fn lectern() -> &'static str {
    env!("CARGO_BIN_EXE_lectern")
}

fn state_dir(home: &Path) -> std::path::PathBuf {
    home.join("data").join("lectern")
}

/// Files in the state folder whose name starts with `lectern.db.broken-`, without their logs.
fn backups(home: &Path) -> Vec<Vec<u8>> {
    fs::read_dir(state_dir(home))
        .expect("state folder")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("lectern.db.broken-")
                && !e.file_name().to_string_lossy().ends_with("-wal")
        })
        .map(|e| fs::read(e.path()).expect("backup"))
        .collect()
}

/// Starts lectern (bundled library) in tmux through `wrapper`, checks the list and a
/// status-bar message containing `says`, presses `b` (a save attempt) and quits.
fn run_app(home: &Path, wrapper: &str, says: &str) {
    let shell = Tmux::shell(home, 250);
    shell.type_line(&format!("{wrapper}{}", lectern()));
    let screen = shell.wait_for("lectern · 5 articles");
    let status = shell.wait_for(says);
    let bottom = status
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    assert!(bottom.contains(says), "status bar {bottom:?} on:\n{screen}");
    shell.keys(&["b"]);
    shell.wait_for("bookmark");
    shell.keys(&["q"]);
    shell.wait_for_shell();
}

fn bookmarks_json(home: &Path) -> serde_json::Value {
    let output = Command::new(lectern())
        .args(["bookmarks", "--format", "json"])
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("lectern bookmarks");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn check_unusable(bytes: &[u8], reason: &str) {
    let home = tempfile::tempdir().expect("home");
    fs::create_dir_all(state_dir(home.path())).expect("state folder");
    let file = state_dir(home.path()).join("lectern.db");
    fs::write(&file, bytes).expect("bad database");
    run_app(
        home.path(),
        "",
        &format!("{} was unusable ({reason}", file.display()),
    );
    assert_eq!(
        backups(home.path()),
        [bytes.to_vec()],
        "original kept byte for byte"
    );
    // The app went on working: the bookmark made after the notice was saved.
    assert_eq!(
        bookmarks_json(home.path()).as_array().map(Vec::len),
        Some(1)
    );
}

/// A database in the state folder holding the bookmark "Kept", closed (its log checkpointed).
fn kept_database(home: &Path) -> std::path::PathBuf {
    let dir = state_dir(home);
    let (mut store, _) = Store::open(&dir);
    let meta = lectern::article::Meta {
        id: "00000000000000aa".to_owned(),
        title: "Kept".to_owned(),
        lang: "en".to_owned(),
        path: "/n/a.txt".to_owned(),
        ..lectern::article::Meta::default()
    };
    store.toggle_bookmark(&meta).expect("saved");
    store.flush().expect("saved");
    drop(store);
    dir.join("lectern.db")
}

#[test]
fn an_all_nul_database() {
    check_unusable(&[0; 4096], "not a database");
}

#[test]
fn a_json_file_under_the_database_name() {
    check_unusable(BOOKMARKED.as_bytes(), "not a database");
}

#[test]
fn a_truncated_database() {
    let home = tempfile::tempdir().expect("home");
    let file = kept_database(home.path());
    let whole = fs::read(&file).expect("database");
    let cut = &whole[..whole.len() / 2];
    fs::write(&file, cut).expect("truncate");
    run_app(
        home.path(),
        "",
        &format!("{} was unusable (", file.display()),
    );
    assert_eq!(backups(home.path()), [cut.to_vec()], "kept byte for byte");
}

#[test]
fn an_old_state_file_is_imported_once_and_kept() {
    let home = tempfile::tempdir().expect("home");
    let dir = state_dir(home.path());
    fs::create_dir_all(&dir).expect("state folder");
    fs::write(dir.join("state.json"), BOOKMARKED).expect("old state");
    assert_eq!(bookmarks_json(home.path())[0]["title"], "Kept");
    assert!(!dir.join("state.json").exists());
    assert_eq!(
        fs::read_to_string(dir.join("state.json.imported")).expect("kept"),
        BOOKMARKED
    );
    // Once: the second run finds it in the database, not in the old file.
    assert_eq!(bookmarks_json(home.path())[0]["title"], "Kept");
}

#[test]
fn a_database_from_a_newer_lectern_is_shown_and_never_written() {
    let home = tempfile::tempdir().expect("home");
    let file = kept_database(home.path());
    {
        let connection = rusqlite::Connection::open(&file).expect("open");
        connection
            .pragma_update(None, "user_version", 99)
            .expect("a newer lectern");
    }
    let bytes = fs::read(&file).expect("database");
    run_app(
        home.path(),
        "",
        &format!(
            "database {} is from a newer lectern (version 99",
            file.display()
        ),
    );
    assert_eq!(fs::read(&file).expect("database"), bytes, "untouched");
    assert!(backups(home.path()).is_empty());
    let listed = bookmarks_json(home.path());
    assert_eq!(listed[0]["title"], "Kept", "{listed}");
}

#[test]
fn a_read_only_state_folder() {
    let home = tempfile::tempdir().expect("home");
    let file = kept_database(home.path());
    let dir = state_dir(home.path());
    let bytes = fs::read(&file).expect("database");
    let chmod = |mode: &str| {
        let status = Command::new("chmod")
            .args([mode, &dir.display().to_string()])
            .status();
        assert!(status.is_ok_and(|s| s.success()));
    };
    chmod("a-w");
    // Root ignores permissions; without these capabilities it obeys them like anyone else.
    let wrapper = "/usr/sbin/capsh --drop=cap_dac_override,cap_dac_read_search,cap_fowner -- -c 'exec \"$0\"' ";
    run_app(
        home.path(),
        wrapper,
        &format!("cannot write {}", dir.display()),
    );
    chmod("u+w");
    assert_eq!(fs::read(&file).expect("database"), bytes);
    assert_eq!(bookmarks_json(home.path())[0]["title"], "Kept");
}

#[test]
fn lectern_bookmarks_does_not_wait_for_a_writer() {
    let home = tempfile::tempdir().expect("home");
    let file = kept_database(home.path());
    let writer = rusqlite::Connection::open(&file).expect("open");
    writer
        .execute_batch("BEGIN EXCLUSIVE")
        .expect("hold the write lock");
    let start = std::time::Instant::now();
    assert_eq!(bookmarks_json(home.path())[0]["title"], "Kept");
    let took = start.elapsed();
    writer.execute_batch("COMMIT").expect("release");
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_config_syntax_error_gives_line_and_column_and_leaves_the_file_alone() {
    let home = tempfile::tempdir().expect("home");
    let config_dir = home.path().join("config").join("lectern");
    fs::create_dir_all(&config_dir).expect("config folder");
    let file = config_dir.join("config.toml");
    // Line 3 is `max_file_size = = 3`: the second `=` is at column 17 (counted by hand).
    let text = "# mine\nlibrary = [\"/news\"]\nmax_file_size = = 3\nbidi = \"app\"\r\n";
    fs::write(&file, text).expect("config");
    for args in [
        &["list"][..],
        &[],
        &["bookmarks"],
        &["--config", file.to_str().expect("UTF-8")],
    ] {
        let output = Command::new(lectern())
            .args(args)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .output()
            .expect("lectern");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("{}:3:17:", file.display())),
            "{args:?}: {stderr}"
        );
        assert_eq!(
            fs::read(&file).expect("config"),
            text.as_bytes(),
            "file untouched"
        );
    }
}
