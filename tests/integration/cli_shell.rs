//! What lectern gives the shell around it: completion scripts, the man page, the long version, and a suggestion for a mistyped command.

use assert_cmd::Command;
use predicates::str::contains;

/// lectern in a fresh home whose configuration is broken: none of these commands may read it.
fn lectern(home: &tempfile::TempDir) -> Command {
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "this is = = not toml").unwrap();
    crate::support::pages::lectern(home, 60)
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.assert().success().get_output().clone();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_script_that_knows_the_commands_and_formats() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(lectern(&home).args(["completions", shell]));
        for word in ["list", "show", "compare", "bookmarks", "--format"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
        // The formats of `list` are values the script offers (elvish and powershell scripts
        // complete flags, not their values).
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                script.contains("json"),
                "{shell}: the json format is missing"
            );
        }
    }
}

#[test]
fn bash_completes_paths_as_files() {
    let home = tempfile::tempdir().unwrap();
    let script = stdout_of(lectern(&home).args(["completions", "bash"]));
    assert!(script.starts_with("_lectern()"), "{}", &script[..80]);
    assert!(script.contains("compgen -f"), "paths complete as files");
}

#[test]
fn zsh_knows_that_paths_are_files() {
    let home = tempfile::tempdir().unwrap();
    let script = stdout_of(lectern(&home).args(["completions", "zsh"]));
    assert!(script.starts_with("#compdef lectern"), "{}", &script[..80]);
    assert!(script.contains("_files"), "paths complete as files");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    lectern(&home)
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("possible values"));
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let home = tempfile::tempdir().unwrap();
    let page = stdout_of(lectern(&home).arg("man"));
    assert!(page.contains(".TH lectern 1"), "{}", &page[..200]);
    assert!(page.contains(".SH NAME"));
    assert!(page.contains(".SH SYNOPSIS"));
    for name in [
        "list",
        "show",
        "compare",
        "add",
        "search",
        "bookmarks",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("lectern\\-{name}")) || page.contains(name),
            "{name}"
        );
    }
}

#[test]
fn the_long_version_names_the_unicode_tables() {
    let home = tempfile::tempdir().unwrap();
    let version = stdout_of(lectern(&home).arg("--version"));
    assert!(
        version.starts_with(&format!("lectern {}\n", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    assert!(version.contains("Unicode tables: bidi 16.0.0"), "{version}");
    assert!(version.contains("width "), "{version}");
    // The short form stays one line, as scripts expect.
    let short = stdout_of(lectern(&home).arg("-V"));
    assert_eq!(short, format!("lectern {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_mistyped_command_is_suggested() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = lectern(&home);
    std::fs::remove_file(home.path().join("config/lectern/config.toml")).unwrap();
    cmd.arg("lsit")
        .assert()
        .code(2)
        .stderr(contains("did you mean 'lectern list'?"));
}

#[test]
fn a_missing_file_that_is_no_command_says_so_plainly() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = lectern(&home);
    std::fs::remove_file(home.path().join("config/lectern/config.toml")).unwrap();
    let output = cmd.arg("notes.md").assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("notes.md: no such file or directory"),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}
