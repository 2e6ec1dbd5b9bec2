//! The command line, driven as a user would through `assert_cmd`.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

/// lectern with an empty configuration and data home, run from an unrelated folder.
fn lectern(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_CACHE_HOME", home.path().join("cache"));
    cmd
}

#[test]
fn list_json_prints_the_bundled_articles_from_any_folder() {
    let home = tempfile::tempdir().unwrap();
    let output = lectern(&home)
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let langs: Vec<&str> = rows.iter().map(|r| r["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["vi", "vi", "vi", "en", "ar"]);
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Taliban cam kết hợp tác với Nga trước các mối đe dọa của IS",
            "Taliban phủ nhận liên lạc với Nga để đánh IS",
            "Taliban chuẩn bị lên đường sang Nga sau cuộc gặp trực tiếp với đại diện Hoa Kỳ",
            "Afghanistan | Taliban ready to collaborate with Moscow, Beijing and Tehran",
            "\"طالبان\" تتفق مع روسيا والصين وإيران على تعزيز التعاون الأمني",
        ]
    );
    for row in &rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "date",
                "date_source",
                "dir",
                "id",
                "lang",
                "path",
                "source",
                "title",
                "words"
            ]
        );
        // Bundled articles have no file time: a date, if any, was read in the text.
        assert!(matches!(row["date_source"].as_str(), None | Some("text")));
        assert!(row["path"].as_str().unwrap().starts_with("bundled:"));
        assert!(row["words"].as_u64().unwrap() > 100);
    }
    assert_eq!(rows[4]["path"], "bundled:004_203a56a6419ab15d.txt");
    assert_eq!(rows[4]["dir"], "rtl");
    assert_eq!(rows[0]["dir"], "ltr");
}

#[test]
fn warnings_go_to_stderr_one_line_each_and_the_status_is_zero() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("ok.txt"), "A title\n\nA body.\n").unwrap();
    std::fs::write(lib.join("bin.txt"), b"\0\x01\x02").unwrap();
    std::fs::write(lib.join("empty.md"), b"").unwrap();
    let output = lectern(&home)
        .args(["list", "--format", "json", "lib"])
        .assert()
        .success()
        .get_output()
        .clone();
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["path"], "lib/ok.txt");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "lectern: warning: lib/bin.txt: skipped: binary file (contains NUL bytes)",
            "lectern: warning: lib/empty.md: skipped: empty file",
        ]
    );
}

#[test]
fn the_configured_library_is_used_when_no_path_is_given() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::create_dir(home.path().join("news")).unwrap();
    std::fs::write(home.path().join("news/a.md"), "Configured\n\nBody.\n").unwrap();
    let news = home.path().join("news");
    std::fs::write(
        config.join("config.toml"),
        format!("library = [{:?}]\n", news.display().to_string()),
    )
    .unwrap();
    lectern(&home)
        .arg("list")
        .assert()
        .success()
        .stdout(contains("Configured"))
        .stdout(contains("Taliban").not());
}

#[test]
fn a_bad_config_names_file_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("bad.toml");
    std::fs::write(&path, "library = []\nmax_file_sise = 3\n").unwrap();
    lectern(&home)
        .args(["--config", "bad.toml", "list"])
        .assert()
        .code(2)
        .stderr(contains("bad.toml:2:1: unknown field `max_file_sise`"));
    lectern(&home)
        .args(["list", "--config", "missing.toml"])
        .assert()
        .code(2)
        .stderr(contains("missing.toml"));
}

#[test]
fn a_missing_path_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    lectern(&home)
        .args(["list", "nowhere"])
        .assert()
        .code(2)
        .stderr(contains("nowhere: no such file or directory"));
}

#[test]
fn help_and_version() {
    let home = tempfile::tempdir().unwrap();
    lectern(&home)
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Usage: lectern"))
        .stdout(contains("list"));
    lectern(&home)
        .arg("list")
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("--format"));
    lectern(&home)
        .arg("--version")
        .assert()
        .success()
        .stdout(contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn show_lays_out_every_seed_within_the_width() {
    let home = tempfile::tempdir().unwrap();
    let seeds = [
        "000_65e81561ac61334e.txt",
        "001_4314d054bcb8a08f.txt",
        "002_a647aba9ab064e6b.txt",
        "003_3a0695fa8bce62a8.txt",
        "004_203a56a6419ab15d.txt",
    ];
    for seed in seeds {
        for width in [40usize, 80, 120] {
            let output = lectern(&home)
                .args([
                    "show",
                    &format!("bundled:{seed}"),
                    "--width",
                    &width.to_string(),
                ])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            let text = String::from_utf8(output).unwrap();
            assert!(!text.contains('\x1b'), "escape sequence without --color");
            let lines: Vec<&str> = text.lines().collect();
            // Seed 002, the shortest, takes 20 rows at 120 columns.
            assert!(lines.len() >= 20, "{seed} at {width}");
            for line in &lines {
                let cells = lectern::text::str_width(line);
                assert!(cells <= width, "{seed} at {width}: {cells} cells: {line}");
                assert_eq!(line.trim_end(), *line, "trailing spaces: {line:?}");
            }
            if seed.starts_with("004") {
                // Right-to-left lines are padded on the left to end exactly at the width.
                let body: Vec<&&str> = lines
                    .iter()
                    .skip_while(|l| !l.is_empty())
                    .filter(|l| !l.is_empty())
                    .collect();
                assert!(
                    body.iter().all(|l| lectern::text::str_width(l) == width),
                    "{seed} at {width}"
                );
            }
        }
    }
}

#[test]
fn show_finds_articles_by_id_and_by_file() {
    let home = tempfile::tempdir().unwrap();
    let rows: Vec<Value> = serde_json::from_slice(
        &lectern(&home)
            .args(["list", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let id = rows[3]["id"].as_str().unwrap().to_owned();
    let by_id = lectern(&home)
        .args(["show", &id, "--width", "60"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&by_id.stdout)
            .starts_with("Afghanistan | Taliban ready to collaborate")
    );
    std::fs::write(
        home.path().join("note.md"),
        "Tiêu đề\n\nNội dung bài viết.\n",
    )
    .unwrap();
    let by_file = lectern(&home)
        .args(["show", "note.md", "--width", "30"])
        .output()
        .unwrap();
    let text = String::from_utf8(by_file.stdout).unwrap();
    let today = String::from_utf8(
        std::process::Command::new("date")
            .args(["-u", "+%Y-%m-%d"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        text,
        // The file's time, marked as no publication date.
        format!("Tiêu đề\n{}? · vi\n\nNội dung bài viết.\n", today.trim())
    );
    lectern(&home)
        .args(["show", "0000000000000000"])
        .assert()
        .code(2)
        .stderr(contains("no such file, and no article with that id"));
    std::fs::write(home.path().join("bin.txt"), b"\0\0").unwrap();
    lectern(&home)
        .args(["show", "bin.txt"])
        .assert()
        .code(2)
        .stderr(contains("binary file"));
}

#[test]
fn show_reorders_arabic_and_can_leave_it_to_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("ar.txt"),
        "عنوان\n\nمرحبا (بالعالم) 2021.\n",
    )
    .unwrap();
    // Checked by hand: visual order reverses the letters of each word, keeps the number
    // left to right, mirrors the brackets and puts the final stop on the left; the text is
    // 21 cells (5 + 1 + 9 + 1 + 4 + 1), padded on the left to end at column 24.
    let app = lectern(&home)
        .args(["show", "ar.txt", "--width", "24"])
        .output()
        .unwrap();
    let text = String::from_utf8(app.stdout).unwrap();
    let body = text.lines().last().unwrap();
    assert_eq!(body, format!("{}.2021 (ملاعلاب) ابحرم", " ".repeat(24 - 21)));
    let terminal = lectern(&home)
        .args(["show", "ar.txt", "--width", "24", "--bidi", "terminal"])
        .output()
        .unwrap();
    let body = String::from_utf8(terminal.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned();
    assert_eq!(
        body,
        format!("{}مرحبا (بالعالم) 2021.", " ".repeat(24 - 21))
    );
}

#[test]
fn bookmarks_are_empty_at_first() {
    let home = tempfile::tempdir().unwrap();
    lectern(&home)
        .args(["bookmarks", "--format", "json"])
        .assert()
        .success()
        .stdout(contains("[]"));
    lectern(&home)
        .arg("bookmarks")
        .assert()
        .success()
        .stderr(contains("no bookmarks yet"));
}

#[test]
fn list_filter_uses_the_readers_matcher() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("lib")).unwrap();
    std::fs::write(
        home.path().join("lib/a.txt"),
        "Đà Nẵng đón khách\n\nDu lịch.\n",
    )
    .unwrap();
    std::fs::write(
        home.path().join("lib/b.txt"),
        "Hà Nội mưa to\n\nThời tiết.\n",
    )
    .unwrap();
    let titles = |args: &[&str]| -> Vec<String> {
        let out = lectern(&home)
            .args(["list", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.iter()
            .map(|r| r["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&["lib", "--filter", "da nang"]),
        ["Đà Nẵng đón khách"]
    );
    assert_eq!(titles(&["lib", "--filter", "HA NOI"]), ["Hà Nội mưa to"]);
    assert_eq!(
        titles(&["lib", "--filter", "is:bookmarked"]),
        Vec::<String>::new()
    );
    assert_eq!(
        titles(&["--filter", "lang:ar"]),
        ["\"طالبان\" تتفق مع روسيا والصين وإيران على تعزيز التعاون الأمني"]
    );
}

#[test]
fn the_reader_without_a_terminal_says_so_in_one_line() {
    // Run from cron or `ssh host lectern` without `-t`: it used to panic with a backtrace.
    use assert_cmd::assert::OutputAssertExt;
    let home = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
        .current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("RUST_BACKTRACE", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .assert()
        .code(2)
        .stdout("")
        .stderr("lectern: not a terminal; use lectern list/show to print\n");
}
