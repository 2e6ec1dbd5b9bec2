//! Input under load in a real terminal (tmux): every key of a large burst is handled, a burst
//! of resizes mixed with keys leaves the reader laid out for the final size, and ctrl-c quits
//! whatever keys are queued before it.

use std::fs;
use std::path::Path;

use crate::support::tmux::Tmux;

fn lectern() -> &'static str {
    env!("CARGO_BIN_EXE_lectern")
}

/// Writes `text` as the only article of `home/news`.
fn write_library(home: &Path, text: &str) {
    let news = home.join("news");
    fs::create_dir_all(&news).expect("library");
    fs::write(news.join("article.txt"), text).expect("article");
}

/// Starts lectern on `home/news` and opens its only article, whose title is `title`.
fn open_the_article(shell: &Tmux, title: &str) {
    shell.type_line(&format!("{} news", lectern()));
    shell.wait_for("1/1");
    shell.keys(&["Enter"]);
    shell.wait_until(&format!("opened {title:?}"), |s| {
        s.screen().lines().next().is_some_and(|l| l.trim() == title)
    });
}

/// The status bar: the last row of the pane.
fn status(shell: &Tmux) -> String {
    shell.screen().lines().last().unwrap_or_default().to_owned()
}

#[test]
fn every_key_of_a_five_thousand_key_burst_is_handled() {
    // crossterm 0.29 (mio, edge-triggered) stopped such a burst at line 2,049: the bytes
    // left in the terminal after its 1,024-byte reads waited for the next keypress.
    let home = tempfile::tempdir().expect("home");
    let lines: Vec<String> = (1..=6500).map(|n| format!("Line {n}.")).collect();
    write_library(home.path(), &format!("Burst\n\n{}\n", lines.join("\n\n")));
    let shell = Tmux::shell(home.path(), 100);
    open_the_article(&shell, "Burst");
    // 6,500 one-line paragraphs with a blank line between: 12,999 lines.
    shell.wait_until("saw the top of the article", |s| {
        status(s).ends_with(" 1-26/12999 0%")
    });

    let keys = "j".repeat(5000);
    assert!(
        shell
            .tmux(&["send-keys", "-t", "0", "-l", &keys])
            .status
            .success()
    );
    // One line down per key: the first row shown is line 5,001, "Line 2501." (lines
    // 2n-1 hold "Line n."), and the 26 rows end at line 5,026. 5,026 × 100 / 12,999 = 38.
    shell.wait_until("handled all 5,000 keys", |s| {
        status(s).ends_with(" 5001-5026/12999 38%")
    });
    let screen = shell.screen();
    assert_eq!(screen.lines().nth(3), Some(" Line 2501."), "{screen}");
}

/// `paragraphs` of words laid out at `width` columns, a blank line between two paragraphs.
/// ASCII words joined by single spaces break only at the spaces, and greedily.
fn lay_out(paragraphs: &[Vec<String>], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (n, words) in paragraphs.iter().enumerate() {
        if n > 0 {
            lines.push(String::new());
        }
        let mut line = String::new();
        for word in words {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[test]
fn after_a_burst_of_resizes_and_keys_the_reader_fits_the_final_width() {
    // A SIGWINCH that crossterm 0.29 (mio, edge-triggered) saw in the same wake-up as a key,
    // after it, was dropped: the text stayed laid out for the old width, cut at the new one.
    let home = tempfile::tempdir().expect("home");
    // 40 paragraphs of 200 words, w1 to w8000.
    let paragraphs: Vec<Vec<String>> = (0..40)
        .map(|p| (1..=200).map(|n| format!("w{}", p * 200 + n)).collect())
        .collect();
    let text: Vec<String> = paragraphs.iter().map(|words| words.join(" ")).collect();
    write_library(home.path(), &format!("Wide\n\n{}\n", text.join("\n\n")));
    let shell = Tmux::shell(home.path(), 100);
    open_the_article(&shell, "Wide");

    let tmux = |args: &[&str]| assert!(shell.tmux(args).status.success(), "tmux {args:?}");
    let keys = |n: usize| "j".repeat(n);
    let widths = [61, 97, 45, 110, 72, 53, 88, 40, 66, 103];
    let mut sent = 0;
    for (round, columns) in widths.iter().enumerate() {
        let columns = columns.to_string();
        let resize = ["resize-window", "-t", "0", "-x", &columns];
        let five = keys(5);
        let typed = ["send-keys", "-t", "0", "-l", &five];
        // Keys and resize in one tmux command and in two, both ways round.
        match round % 3 {
            0 => tmux(&[&typed[..], &[";"], &resize[..]].concat()),
            1 => tmux(&[&resize[..], &[";"], &typed[..]].concat()),
            _ => {
                tmux(&typed);
                tmux(&resize);
            }
        }
        sent += 5;
    }
    // The reader keeps the words at the top of the screen across a resize (its place is a
    // paragraph and an offset, not a row number), so the row after all this depends on how
    // the lines fell at each width: what must hold is that it scrolled, and that the screen is
    // laid out for the final width. Last, while lectern is busy with 300 keys, five more
    // arrive and then the resize: it wakes to both at once, keys first.
    let columns = 57;
    tmux(&["send-keys", "-t", "0", "-l", &keys(300)]);
    // Not a time limit: only so that lectern has read the 300 before the five come.
    std::thread::sleep(std::time::Duration::from_millis(50));
    tmux(&["send-keys", "-t", "0", "-l", &keys(5)]);
    tmux(&["resize-window", "-t", "0", "-x", &columns.to_string()]);
    sent += 305;

    // One cell of margin each side: 55 columns of text, 26 rows of it under the header.
    let lines = lay_out(&paragraphs, columns - 2);
    // The screen is laid out for the final width when its rule spans the text column and its
    // rows follow the layout at 55 columns line by line from wherever the top is.
    let follows = |screen: &str| -> Option<usize> {
        let rows: Vec<&str> = screen.lines().collect();
        if rows.len() != 30 || rows[2].trim() != "─".repeat(columns - 2) {
            return None;
        }
        let top = rows[3].trim();
        let at = lines
            .iter()
            .position(|line| !top.is_empty() && line == top)?;
        let same = rows[3..29].iter().zip(&lines[at..]).all(|(row, line)| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            row.trim_end() == line
        });
        same.then_some(at)
    };
    shell.wait_until("laid out for the final width, well past the start", |s| {
        follows(&s.screen()).is_some_and(|at| at + 1 >= sent / 2)
    });
}

/// The articles `lectern list --filter is:read` prints, as a JSON array.
fn read_articles(home: &Path) -> serde_json::Value {
    let output = std::process::Command::new(lectern())
        .args(["list", "--filter", "is:read", "--format", "json"])
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("lectern list");
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).expect("json")
}

#[test]
fn ctrl_c_quits_at_once_whatever_keys_are_queued_before_it() {
    let home = tempfile::tempdir().expect("home");
    // lectern runs as a child of `sh`, not as the pane's own process: tmux continues a pane
    // process that stops, and this test stops lectern.
    let shell = Tmux::start(home.path(), &format!("sh -c '{}; :'", lectern()));
    shell.wait_for("5 unread");
    // The control: `x` marks the selected article read, and a second `x` unread again.
    shell.keys(&["x"]);
    shell.wait_for("4 unread");
    // Saved by the store's thread a moment later.
    shell.wait_until("saved the read mark", |_| {
        read_articles(home.path()).as_array().map(Vec::len) == Some(1)
    });
    // Unread again: still being saved when lectern quits, which waits for the save.
    shell.keys(&["x"]);
    shell.wait_for("5 unread");

    // 199 `x` and a ctrl-c, waiting together in the terminal when lectern next reads: it
    // quits without handling the `x`s queued before the ctrl-c (handled, they would leave the
    // article read). lectern is stopped while they are typed, because the kernel may hand a
    // running reader one write in pieces, and keys read before the ctrl-c are rightly handled.
    let pid = child_of(&shell.format("#{pane_pid}"));
    kill(&pid, "STOP");
    let mut keys = "x".repeat(199);
    keys.push('\u{3}');
    shell.literal(&keys);
    kill(&pid, "CONT");
    shell.wait_for_exit();
    assert_eq!(read_articles(home.path()), serde_json::json!([]));
}

fn kill(pid: &str, signal: &str) {
    let output = std::process::Command::new("kill")
        .args([&format!("-{signal}"), pid])
        .output()
        .expect("kill");
    assert!(
        output.status.success(),
        "kill -{signal} {pid:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The process whose parent is `parent`, found in `/proc`.
fn child_of(parent: &str) -> String {
    let children = fs::read_dir("/proc").expect("/proc").filter_map(|entry| {
        let pid = entry.ok()?.file_name().into_string().ok()?;
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // `pid (command) state ppid …`; the command may hold spaces and parentheses.
        let its_parent = stat
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .to_owned();
        (its_parent == parent).then_some(pid)
    });
    let children: Vec<String> = children.collect();
    assert_eq!(children.len(), 1, "children of {parent}: {children:?}");
    children[0].clone()
}
