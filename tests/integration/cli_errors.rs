//! Errors that help (issue 16): each mistake a person makes on the command line or in the
//! configuration gets a message that names the fix, and pipes that close early are no error.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;

/// lectern in a fresh home, run from it.
fn lectern(home: &tempfile::TempDir) -> Command {
    crate::support::pages::lectern(home, 60)
}

/// The exit code and standard error of lectern with `args`.
fn fails(home: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let output = lectern(home).args(args).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), stderr)
}

fn write(home: &tempfile::TempDir, name: &str, text: &str) {
    let path = home.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const ARTICLE: &str = "Harbour wall to be rebuilt\n\nThe council approved the plan on Thursday.\n";

#[test]
fn showing_a_folder_points_to_list() {
    let home = tempfile::tempdir().unwrap();
    write(&home, "news/a.txt", ARTICLE);
    let (code, stderr) = fails(&home, &["show", "news"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "lectern: error: news is a folder, not an article; to see its articles: lectern list news\n"
    );
}

#[test]
fn a_missing_config_file_is_named_once() {
    let home = tempfile::tempdir().unwrap();
    let (code, stderr) = fails(&home, &["--config", "/nonexistent/c.toml", "list"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "lectern: error: /nonexistent/c.toml: no such file\n"
    );
}

#[test]
fn config_mistakes_name_the_fix() {
    let home = tempfile::tempdir().unwrap();
    for (text, expected) in [
        (
            "[theme]\naccent = \"#12345\"\n",
            "c.toml:2:10: \"#12345\" is not a colour: write \"#rrggbb\"",
        ),
        (
            "[keys.reader]\n\"ctrl+d\" = \"page_down\"\n",
            "c.toml:2:1: unknown key \"ctrl+d\": lectern writes it \"ctrl-d\"",
        ),
        (
            "[keys.reader]\nj = \"down\"\n\n[keys.reader]\nk = \"up\"\n",
            "c.toml:4:1: [keys.reader] is repeated: the first [keys.reader] is at line 1",
        ),
    ] {
        write(&home, "c.toml", text);
        let (code, stderr) = fails(&home, &["--config", "c.toml", "list"]);
        assert_eq!(code, 2, "{text}");
        assert!(
            stderr.starts_with(&format!("lectern: error: {expected}")),
            "{text}: {stderr}"
        );
    }
}

#[test]
fn the_same_file_twice_is_read_once_without_a_warning() {
    let home = tempfile::tempdir().unwrap();
    write(&home, "a.txt", ARTICLE);
    let output = lectern(&home)
        .args(["list", "--format", "tsv", "a.txt", "./a.txt"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
}

#[test]
fn an_id_is_found_in_the_folders_named_after_it() {
    let home = tempfile::tempdir().unwrap();
    write(&home, "news/a.txt", ARTICLE);
    write(
        &home,
        "news/b.txt",
        "Second article\n\nA different text altogether.\n",
    );
    let list = lectern(&home)
        .args(["list", "--format", "tsv", "news"])
        .output()
        .unwrap();
    let ids: Vec<String> = String::from_utf8(list.stdout)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    let shown = lectern(&home)
        .args(["show", &ids[0], "news", "--format", "text"])
        .output()
        .unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let compared = lectern(&home)
        .args(["compare", &ids[0], &ids[1], "news", "--width", "80"])
        .output()
        .unwrap();
    assert!(
        compared.status.success(),
        "{}",
        String::from_utf8_lossy(&compared.stderr)
    );
    let text = String::from_utf8(compared.stdout).unwrap();
    assert!(
        text.contains("Second article") && text.contains("Harbour wall"),
        "{text}"
    );
}

#[test]
fn the_raw_text_shows_blank_lines_once() {
    let home = tempfile::tempdir().unwrap();
    write(
        &home,
        "r.txt",
        "Title here\n\nline one\nline two\n\n\n\nafter three blanks\n",
    );
    let output = lectern(&home)
        .args(["show", "r.txt", "--raw", "--width", "40"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let body: Vec<&str> = text.lines().skip(3).collect();
    assert_eq!(
        body,
        [
            "Title here",
            "",
            "line one",
            "line two",
            "",
            "after three blanks"
        ]
    );
}

#[test]
fn a_pipe_closed_early_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    // Far more than a pipe's buffer, so lectern is still writing when the reader goes.
    let long = "A paragraph of a long article that goes on and on.\n\n".repeat(4000);
    write(&home, "long.txt", &format!("A long article\n\n{long}"));
    let mut child = std::process::Command::cargo_bin("lectern")
        .unwrap()
        .current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .args(["show", "long.txt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "A long article\n");
    // The reader is gone (as `| head -1` goes).
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn colour_is_asked_for_with_color_when() {
    let home = tempfile::tempdir().unwrap();
    write(&home, "a.txt", ARTICLE);
    let shown = |args: &[&str], no_color: bool| {
        let mut cmd = lectern(&home);
        cmd.args(["show", "a.txt"]).args(args);
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let output = cmd.output().unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    // Into a pipe, auto (the default) is plain; always is bold, even with NO_COLOR.
    assert!(!shown(&[], false).contains('\x1b'));
    assert!(!shown(&["--color", "auto"], false).contains('\x1b'));
    assert!(!shown(&["--color", "never"], false).contains('\x1b'));
    let bold = shown(&["--color", "always"], true);
    assert!(
        bold.starts_with("\x1b[1mHarbour wall to be rebuilt\x1b[0m\n"),
        "{bold:?}"
    );
    let (code, stderr) = fails(&home, &["show", "a.txt", "--color", "sometimes"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[possible values: auto, always, never]"),
        "{stderr}"
    );
}

#[test]
fn nothing_quoted_in_an_error_acts_on_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let title = "\u{1b}]0;PWNED\u{7}\u{9b}31m\u{202e}";
    let check = |args: &[&str], env: Option<(&str, &str)>, context: &str| {
        let mut command = lectern(&home);
        command.args(args);
        if let Some((key, value)) = env {
            command.env(key, value);
        }
        let output = command.output().unwrap();
        assert!(!output.status.success(), "{context}");
        assert!(!output.stderr.is_empty(), "{context}: says something");
        crate::support::escapes::assert_clean(&output.stderr, true, context);
    };
    // A configuration value, and a library path, with an OSC, a C1 CSI and an override.
    let config = format!(
        "bidi = \"{}\"\n",
        crate::support::escapes::toml_escaped(title)
    );
    write(&home, "bad.toml", &config);
    check(&["--config", "bad.toml", "list"], None, "config value");
    let library = format!(
        "library = [\"/nowhere/{}\"]\n",
        crate::support::escapes::toml_escaped(title)
    );
    write(&home, "library.toml", &library);
    check(&["--config", "library.toml", "list"], None, "library path");
    // A command-line path, a mistyped value clap quotes, and an XDG folder.
    check(
        &["show", &format!("/nowhere/{title}")],
        None,
        "path argument",
    );
    check(&["list", "--format", title], None, "clap value");
    // A configuration with a typo, in an XDG folder whose name carries the payload.
    let xdg = home.path().join(title);
    std::fs::create_dir_all(xdg.join("lectern")).unwrap();
    std::fs::write(xdg.join("lectern/config.toml"), "bidy = \"app\"\n").unwrap();
    check(
        &["list"],
        Some(("XDG_CONFIG_HOME", xdg.to_str().unwrap())),
        "XDG path",
    );
}
