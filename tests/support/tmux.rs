//! A tmux server of the test's own with one pane running an interactive bash (job control on),
//! driven with `send-keys` and read with `capture-pane` and tmux's format variables. tmux is
//! installed when missing; when it cannot be, the test fails rather than skips.

#![allow(dead_code)] // Each test file uses its own part of this support module.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails: a hang guard, not a speed test.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Makes sure tmux is there, installing Debian's package when it is not.
pub fn ensure_tmux() {
    let present = || {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if present() {
        return;
    }
    let install = Command::new("sh")
        .args([
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux",
        ])
        .status();
    assert!(
        install.is_ok_and(|s| s.success()) && present(),
        "tmux is missing and could not be installed"
    );
}

/// One tmux server with a bash in its only pane, killed when dropped.
pub struct Shell {
    socket: String,
    /// The folder the shell starts in; XDG folders live inside it.
    pub home: PathBuf,
}

impl Shell {
    /// Starts bash (no rc files, prompt `$ `) in a `columns`×30 pane inside `home`.
    pub fn start(home: &Path, columns: u16) -> Self {
        ensure_tmux();
        let name = home
            .file_name()
            .map_or_else(|| "home".into(), |name| name.to_string_lossy().into_owned());
        let shell = Self {
            socket: format!("lectern-hostile-{}-{name}", std::process::id()),
            home: home.to_owned(),
        };
        let h = home.display();
        let script = format!(
            "cd {h} && exec env -i PATH=/usr/bin:/bin HOME={h} TERM=xterm-256color PS1='$ ' \
             XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config XDG_CACHE_HOME={h}/cache \
             bash --norc --noprofile -i"
        );
        let columns = columns.to_string();
        let output = shell.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &columns,
            "-y",
            "30",
            "sh",
            "-c",
            &script,
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        shell.wait_for_shell();
        shell
    }

    /// Runs a tmux command on this server.
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Sends tmux key names (`Enter`, `C-c`, `q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success());
    }

    /// Types `line` literally, then Enter.
    pub fn type_line(&self, line: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "0", "-l", line])
                .status
                .success()
        );
        self.keys(&["Enter"]);
    }

    /// The pane as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    /// A tmux format variable of the pane, such as `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        let output = self.tmux(&["display-message", "-p", "-t", "0", format]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Waits until `done` holds, failing with `what` and the screen after [`PATIENCE`].
    pub fn wait_until(&self, what: &str, done: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < PATIENCE,
                "never {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("saw {text:?}"), |s| s.screen().contains(text));
        self.screen()
    }

    /// Waits until bash is in the foreground of the pane again.
    pub fn wait_for_shell(&self) {
        self.wait_until("got back to bash", |s| {
            s.format("#{pane_current_command}") == "bash"
        });
    }

    /// Runs `command` in the shell and waits for it to finish (it writes a marker file).
    pub fn run(&self, command: &str) {
        let marker = self.home.join(".done");
        let _ = std::fs::remove_file(&marker);
        self.type_line(&format!("{command}; : > {}", marker.display()));
        self.wait_until(&format!("finished {command:?}"), |_| marker.exists());
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
