//! One page file through the `lectern` binary, in a fresh home: what `show` prints as JSON and
//! what `list` says on stderr. Shared by the areas that feed lectern hand-made pages.

use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// lectern with empty configuration, data and cache homes in `home`, stopped after `secs`.
pub fn lectern(home: &tempfile::TempDir, secs: u64) -> Command {
    let mut cmd = Command::cargo_bin("lectern").unwrap();
    cmd.current_dir(home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .timeout(Duration::from_secs(secs));
    cmd
}

/// Runs `lectern ARGS… --format json page.html` on `page`; the finished, successful output.
fn run(page: &[u8], command: &str) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("page.html"), page).unwrap();
    lectern(&home, 60)
        .args([command, "--format", "json", "page.html"])
        .assert()
        .success()
        .get_output()
        .clone()
}

/// `lectern show --format json` of `page`: the JSON and stderr.
pub fn show_json(page: &[u8]) -> (Value, String) {
    let output = run(page, "show");
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// What `lectern list` says on stderr about `page`.
pub fn list_stderr(page: &[u8]) -> String {
    String::from_utf8(run(page, "list").stderr).unwrap()
}
