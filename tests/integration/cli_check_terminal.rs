//! `lectern check-terminal`: the samples in each mode, checked letter by letter, and the answer
//! written into the configuration file with its comments kept; once through a pipe, once in a
//! real terminal (tmux) as a person would answer.

use assert_cmd::Command;

use crate::support::tmux::Tmux;

/// lectern in a fresh home.
fn lectern(home: &tempfile::TempDir) -> Command {
    crate::support::pages::lectern(home, 60)
}

/// The sample in visual order, derived by hand: the line is right to left, so the Hebrew (its
/// logical end) comes first on screen, each word's letters reversed, the number kept.
const VISUAL: &str = "םלוע םולש 2024 مكيلع مالسلا";
const LOGICAL: &str = "السلام عليكم 2024 שלום עולם";

#[test]
fn print_shows_the_three_modes_without_asking() {
    let home = tempfile::tempdir().unwrap();
    let output = lectern(&home)
        .args(["check-terminal", "--print"])
        .write_stdin("1\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(&format!("  1.  {VISUAL}\n")), "{page}");
    assert!(page.contains(&format!("  3.  {LOGICAL}\n")), "{page}");
    // Line 2 is the visual line with joined presentation forms for the Arabic letters.
    let second = page.lines().find(|l| l.starts_with("  2.  ")).unwrap();
    assert!(second.starts_with("  2.  םלוע םולש 2024 "), "{second}");
    assert!(second.contains('\u{FEFC}'), "lam-alef ligature: {second}");
    assert!(
        page.contains("bidi = \"app\", shaping = \"off\"  (now)"),
        "{page}"
    );
    // Piped: no escape sequence.
    assert!(!page.contains('\x1b'));
    // Nothing was written.
    assert!(!home.path().join("config").exists());
}

#[test]
fn the_answer_goes_into_the_config_file_with_its_comments() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/lectern/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let before = "# mine\nlibrary = [\"news\"]\n\n[theme]\naccent = \"red\" # bright\n";
    std::fs::write(&config, before).unwrap();
    std::fs::create_dir(home.path().join("news")).unwrap();
    let output = lectern(&home)
        .arg("check-terminal")
        .write_stdin("2\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("wrote bidi = \"app\" and shaping = \"forms\""),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# mine\nlibrary = [\"news\"]\nbidi = \"app\"\nshaping = \"forms\"\n\n[theme]\naccent = \"red\" # bright\n"
    );
    // A second run marks the new setting as the current one and can set it back.
    let output = lectern(&home)
        .arg("check-terminal")
        .write_stdin("3\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("shaping = \"forms\"  (now)"), "{stdout}");
    let after = std::fs::read_to_string(&config).unwrap();
    assert!(
        after.contains("bidi = \"terminal\"\nshaping = \"off\"\n"),
        "{after}"
    );
    assert!(
        after.starts_with("# mine\n") && after.ends_with("# bright\n"),
        "{after}"
    );
}

#[test]
fn a_missing_file_is_created_and_a_bad_answer_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    lectern(&home)
        .arg("check-terminal")
        .write_stdin("7\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "\"7\" is not 1, 2 or 3; nothing changed",
        ));
    let config = home.path().join("config/lectern/config.toml");
    assert!(!config.exists());
    lectern(&home)
        .arg("check-terminal")
        .write_stdin("\n")
        .assert()
        .success();
    assert!(!config.exists());
    lectern(&home)
        .arg("check-terminal")
        .write_stdin("3\n")
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "bidi = \"terminal\"\nshaping = \"off\"\n"
    );
}

#[test]
fn in_a_terminal_a_person_picks_a_line() {
    let home = tempfile::tempdir().unwrap();
    // The pane stays a while after lectern ends, for its last words to be read.
    let command = format!(
        "sh -c '{} check-terminal; sleep 30'",
        env!("CARGO_BIN_EXE_lectern")
    );
    let shell = Tmux::start(home.path(), &command);
    // tmux does no bidi: the app lines show as sent (the BDSM escapes are not shown).
    let screen = shell.wait_for("Type 1, 2 or 3");
    assert!(screen.contains(&format!("1.  {VISUAL}")), "{screen}");
    assert!(screen.contains(&format!("3.  {LOGICAL}")), "{screen}");
    shell.type_line("2");
    shell.wait_for("wrote bidi");
    let config = home.path().join("config/lectern/config.toml");
    assert_eq!(
        std::fs::read_to_string(config).unwrap(),
        "bidi = \"app\"\nshaping = \"forms\"\n"
    );
}
