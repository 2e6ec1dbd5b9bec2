//! The real terminal (issue 7, item 3): lectern run from an interactive bash in tmux gives the
//! terminal back exactly as it found it (`stty -g`, alternate screen, cursor) whichever way it
//! ends, and an article carrying title-setting escapes leaves the pane title alone.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::tmux::Tmux;

fn lectern() -> &'static str {
    env!("CARGO_BIN_EXE_lectern")
}

/// Starts lectern in the foreground of `shell` through `sh -c 'exec'`, so that `lectern.pid`
/// holds lectern's own pid, and waits for its list.
fn start_lectern(shell: &Tmux, args: &str) -> u32 {
    let pid_file = shell.home.join("lectern.pid");
    let _ = fs::remove_file(&pid_file);
    shell.type_line(&format!(
        "sh -c 'echo $$ > lectern.pid; exec {} {args}'",
        lectern()
    ));
    shell.wait_for("lectern · ");
    let pid = fs::read_to_string(&pid_file).expect("pid file");
    assert_eq!(
        shell.format("#{alternate_on}"),
        "1",
        "lectern uses the alternate screen"
    );
    assert_mouse_buttons_only(shell);
    pid.trim().parse().expect("a pid")
}

/// lectern asks for mouse buttons (1000) in SGR coordinates (1006), never for motion reports
/// (1002 while a button is held, 1003 always).
fn assert_mouse_buttons_only(shell: &Tmux) {
    let flags = ["standard", "sgr", "button", "all"]
        .map(|mode| shell.format(&format!("#{{mouse_{mode}_flag}}")));
    assert_eq!(
        flags,
        ["1", "1", "0", "0"],
        "mouse modes 1000, 1006, 1002, 1003"
    );
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

fn stty(shell: &Tmux, file: &str) -> String {
    shell.run(&format!("stty -g > {file}"));
    fs::read_to_string(shell.home.join(file)).expect("stty output")
}

/// Ends one lectern run by `end` and checks the terminal is as it was before.
fn check_restored(name: &str, end: impl Fn(&Tmux, u32)) {
    let home = tempfile::tempdir().expect("home");
    let shell = Tmux::shell(home.path(), 100);
    let before = stty(&shell, "before");
    let pid = start_lectern(&shell, "");
    end(&shell, pid);
    shell.wait_for_shell();
    let after = stty(&shell, "after");
    assert_eq!(before, after, "{name}: terminal settings changed");
    assert_eq!(
        shell.format("#{alternate_on}"),
        "0",
        "{name}: alternate screen left on"
    );
    assert_eq!(
        shell.format("#{cursor_flag}"),
        "1",
        "{name}: cursor left hidden"
    );
    assert_eq!(
        shell.format("#{mouse_any_flag}"),
        "0",
        "{name}: mouse reporting left on"
    );
}

#[test]
fn q_restores_the_terminal() {
    check_restored("q", |shell, _| shell.keys(&["q"]));
}

#[test]
fn ctrl_c_restores_the_terminal() {
    check_restored("ctrl-c", |shell, _| shell.keys(&["C-c"]));
}

#[test]
fn sigterm_restores_the_terminal() {
    check_restored("SIGTERM", |_, pid| signal(pid, "TERM"));
}

#[test]
fn sighup_restores_the_terminal() {
    check_restored("SIGHUP", |_, pid| signal(pid, "HUP"));
}

#[test]
fn ctrl_z_then_fg_restores_the_terminal_both_times() {
    check_restored("ctrl-z, fg", |shell, _| {
        let before = fs::read_to_string(shell.home.join("before")).expect("before");
        shell.keys(&["C-z"]);
        shell.wait_for_shell();
        // While suspended the shell has the terminal, exactly as it left it.
        assert_eq!(stty(shell, "suspended"), before, "settings while suspended");
        assert_eq!(
            shell.format("#{alternate_on}"),
            "0",
            "alternate screen while suspended"
        );
        assert_eq!(
            shell.format("#{cursor_flag}"),
            "1",
            "cursor while suspended"
        );
        assert_eq!(
            shell.format("#{mouse_any_flag}"),
            "0",
            "mouse reporting while suspended"
        );
        shell.type_line("fg");
        shell.wait_until("lectern came back", |s| {
            s.format("#{alternate_on}") == "1" && s.screen().contains("lectern · ")
        });
        assert_mouse_buttons_only(shell);
        shell.keys(&["q"]);
    });
}

/// Writes an article whose title and body try to set the window and pane title.
fn write_title_payload(dir: &Path) {
    fs::create_dir_all(dir).expect("library");
    fs::write(
        dir.join("title.txt"),
        "Headline \x1b]0;PWNED0\x07 with \x1b]2;PWNED2\x1b\\ title escapes\n\n\
         Body \x1b]0;PWNED0\x07 and \u{9d}2;PWNEDC1\u{9c} and \x1b]2;PWNED2\x1b\\ text.\n",
    )
    .expect("article");
}

#[test]
fn an_article_cannot_change_the_pane_title() {
    let home = tempfile::tempdir().expect("home");
    let library = home.path().join("news");
    write_title_payload(&library);
    let shell = Tmux::shell(home.path(), 100);
    assert!(
        shell
            .tmux(&["select-pane", "-t", "0", "-T", "trusted"])
            .status
            .success()
    );
    assert_eq!(shell.format("#{pane_title}"), "trusted");

    start_lectern(&shell, "news");
    shell.wait_for("Headline");
    shell.keys(&["Enter"]);
    shell.wait_for("Body");
    shell.keys(&["r"]);
    shell.wait_for("raw text");
    shell.keys(&["b"]);
    shell.wait_for("bookmarked");
    assert_eq!(
        shell.format("#{pane_title}"),
        "trusted",
        "title changed while reading"
    );
    shell.keys(&["q", "q"]);
    shell.wait_for_shell();
    shell.run(&format!("{} show news/title.txt", lectern()));
    shell.run(&format!("{} list news", lectern()));
    shell.run(&format!("{} bookmarks", lectern()));
    assert_eq!(
        shell.format("#{pane_title}"),
        "trusted",
        "title changed by a command"
    );

    // The control: the same bytes printed raw do set the title in this very pane.
    shell.run("cat news/title.txt");
    shell.wait_until("saw the raw escape set the title", |s| {
        s.format("#{pane_title}").starts_with("PWNED")
    });
}

/// Whether process `pid` is gone (or a zombie waiting for init to reap it).
fn gone(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
        stat.rsplit(") ").next().is_some_and(|s| s.starts_with('Z'))
    })
}

#[test]
fn lectern_ends_when_its_terminal_goes_away() {
    // Found running at 50% CPU 49 minutes after its tmux was killed: crossterm 0.29 spins on
    // the hung-up terminal's end-of-file and never returns to look at the SIGHUP flag.
    let home = tempfile::tempdir().expect("home");
    let shell = Tmux::shell(home.path(), 100);
    let pid = start_lectern(&shell, "");
    // Closing the pane's terminal sends SIGHUP and leaves reads at end-of-file.
    assert!(shell.tmux(&["kill-server"]).status.success());
    let start = std::time::Instant::now();
    while !gone(pid) {
        assert!(
            start.elapsed() < crate::support::tmux::PATIENCE,
            "lectern {pid} still running with its terminal gone"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
