//! lectern in a real terminal (tmux), driven as a person would: a paste with a line break
//! into the filter, readline editing of a mixed Arabic and Latin query, `n` through the
//! unread articles, `A` and its undo, resizing the reader and a comparison (down to 10×3 and
//! back), and a bookmark made in a second window showing up in the first.

use crate::support::tmux::Tmux;

fn lectern() -> &'static str {
    env!("CARGO_BIN_EXE_lectern")
}

/// The last row of the pane: the status bar.
fn status(shell: &Tmux) -> String {
    shell.screen().lines().last().unwrap_or_default().to_owned()
}

/// The first row of the pane: the list's heading.
fn heading(shell: &Tmux) -> String {
    shell.screen().lines().next().unwrap_or_default().to_owned()
}

fn start(home: &std::path::Path) -> Tmux {
    let tmux = Tmux::start(home, lectern());
    tmux.wait_for("lectern · 5 articles");
    tmux
}

fn resize(shell: &Tmux, columns: u16, rows: u16) {
    let (x, y) = (columns.to_string(), rows.to_string());
    let output = shell.tmux(&["resize-window", "-t", "0", "-x", &x, "-y", &y]);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_person_at_the_keyboard() {
    let home = tempfile::tempdir().expect("home");
    let shell = start(home.path());

    // A paste with a line break goes into the prompt as text and runs nothing.
    shell.keys(&["/"]);
    let buffer = shell.tmux(&["set-buffer", "-b", "p", "Azerbaijan\nb Karabakh"]);
    assert!(buffer.status.success());
    let paste = shell.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "0"]);
    assert!(paste.status.success());
    shell.wait_until("showed the pasted query", |s| {
        status(s).starts_with("/Azerbaijan b Karabakh")
    });
    assert!(
        heading(&shell).contains("0 bookmarked"),
        "{}",
        shell.screen()
    );

    // Readline editing of a mixed query: clear it, type Latin then Arabic, edit by word.
    shell.keys(&["C-u"]);
    shell.tmux(&["send-keys", "-t", "0", "-l", "kabul لافروف"]);
    // The Arabic word reads right to left after the Latin one.
    shell.wait_until("showed the mixed query", |s| {
        status(s).starts_with("/kabul فورفال")
    });
    shell.keys(&["M-b", "C-k"]);
    shell.tmux(&["send-keys", "-t", "0", "-l", "x"]);
    shell.wait_until("edited the query by word", |s| {
        status(s).starts_with("/kabul x")
    });
    shell.keys(&["C-a", "C-d", "C-e", "BSpace"]);
    shell.wait_until("edited at both ends", |s| status(s).starts_with("/abul "));
    // Esc clears the filter: all five articles again.
    shell.keys(&["Escape"]);
    shell.wait_until("cleared the filter", |s| status(s).contains("/5"));

    // n walks the unread articles; A reads them all; u undoes it.
    shell.keys(&["g", "x", "j", "x", "g", "n"]);
    shell.wait_until("moved to the third article", |s| status(s).ends_with("3/5"));
    shell.keys(&["A"]);
    shell.wait_until("read everything", |s| heading(s).contains("0 unread"));
    shell.keys(&["u"]);
    shell.wait_until("undid", |s| heading(s).contains("3 unread"));

    // The reader across a resize: narrower, then back; the text always fits.
    shell.keys(&["Enter"]);
    shell.wait_until("opened the reader", |s| status(s).contains('%'));
    resize(&shell, 40, 20);
    shell.wait_until("laid out for 40 columns", |s| {
        let screen = s.screen();
        screen.lines().count() == 20
            && screen
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40)
    });
    resize(&shell, 100, 30);
    shell.wait_until("laid out for 100 columns again", |s| {
        s.screen().lines().any(|l| l.chars().count() > 60)
    });

    // A comparison down to 10×3 and back.
    shell.keys(&["q", "g", "v", "j", "v"]);
    shell.wait_until("opened the comparison", |s| status(s).contains("sync"));
    resize(&shell, 10, 3);
    shell.wait_until("drew at 10×3", |s| s.screen().lines().count() == 3);
    resize(&shell, 120, 30);
    shell.wait_until("drew side by side again", |s| {
        s.screen().lines().filter(|l| l.contains('│')).count() > 20 && status(s).contains("sync")
    });
    assert_eq!(shell.format("#{pane_current_command}"), "lectern");
    shell.keys(&["q"]);

    // A bookmark made in a second window shows up in this one.
    shell.wait_until("went back to the list", |s| {
        heading(s).contains("lectern · 5 articles")
    });
    assert!(
        heading(&shell).contains("0 bookmarked"),
        "{}",
        shell.screen()
    );
    let second = start(home.path());
    second.keys(&["b"]);
    shell.wait_until("saw the other window's bookmark", |s| {
        heading(s).contains("1 bookmarked")
    });
    for window in [&second, &shell] {
        window.keys(&["q"]);
        window.wait_for_exit();
    }
}
