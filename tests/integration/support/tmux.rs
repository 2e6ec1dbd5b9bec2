//! A tmux server of the test's own, driven with `send-keys` and read with `capture-pane` and
//! tmux's format variables. Its one pane runs either a command directly (the pane ends with it)
//! or an interactive bash with job control. tmux is installed when missing; when it cannot be,
//! the test fails rather than skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails: a hang guard, not a speed test.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Rows of every pane.
const ROWS: &str = "30";

/// How many tmux servers this test binary started: each gets its own socket.
static STARTED: AtomicUsize = AtomicUsize::new(0);

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

/// One tmux server with one pane, its XDG folders inside `home`; killed when dropped.
pub struct Tmux {
    socket: String,
    /// The folder the pane starts in; XDG folders live inside it.
    pub home: PathBuf,
}

impl Tmux {
    /// Runs `command` (through `sh -c`, with the test's environment) in a 100×30 pane.
    pub fn start(home: &Path, command: &str) -> Self {
        Self::start_sized(home, command, 100)
    }

    /// Runs `command` (through `sh -c`, with the test's environment) in a `columns`×30 pane.
    pub fn start_sized(home: &Path, command: &str, columns: u16) -> Self {
        let h = home.display();
        let script = format!(
            "cd {h} && TERM=xterm-256color XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config \
             XDG_CACHE_HOME={h}/cache exec {command}"
        );
        Self::new_session(home, columns, &script)
    }

    /// Starts bash (no rc files, prompt `$ `, an empty environment but for `PATH`, `HOME`,
    /// `TERM` and the XDG folders) in a `columns`×30 pane and waits for it.
    pub fn shell(home: &Path, columns: u16) -> Self {
        let h = home.display();
        let script = format!(
            "cd {h} && exec env -i PATH=/usr/bin:/bin HOME={h} TERM=xterm-256color PS1='$ ' \
             XDG_DATA_HOME={h}/data XDG_CONFIG_HOME={h}/config XDG_CACHE_HOME={h}/cache \
             bash --norc --noprofile -i"
        );
        let tmux = Self::new_session(home, columns, &script);
        tmux.wait_for_shell();
        tmux
    }

    /// Starts a server on a socket of its own, with no config file, running `script`.
    fn new_session(home: &Path, columns: u16, script: &str) -> Self {
        ensure_tmux();
        let name = home
            .file_name()
            .map_or_else(|| "home".into(), |name| name.to_string_lossy().into_owned());
        let nth = STARTED.fetch_add(1, Ordering::Relaxed);
        let tmux = Self {
            socket: format!("lectern-test-{}-{name}-{nth}", std::process::id()),
            home: home.to_owned(),
        };
        let columns = columns.to_string();
        let output = tmux.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            &columns,
            "-y",
            ROWS,
            "sh",
            "-c",
            script,
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        tmux
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

    /// Types `text` literally.
    pub fn literal(&self, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", "0", "-l", text])
                .status
                .success()
        );
    }

    /// Types `line` literally, then Enter.
    pub fn type_line(&self, line: &str) {
        self.literal(line);
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

    /// Waits until the screen shows `text`; returns that screen.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never saw {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until bash is in the foreground of the pane again.
    pub fn wait_for_shell(&self) {
        self.wait_until("got back to bash", |s| {
            s.format("#{pane_current_command}") == "bash"
        });
    }

    /// Waits until the pane's command has ended, and the server with it.
    pub fn wait_for_exit(&self) {
        self.wait_until("saw the command exit", |s| {
            !s.tmux(&["has-session"]).status.success()
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

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
