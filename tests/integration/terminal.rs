//! Real-terminal tests: the built binary driven in tmux with `send-keys`, read with
//! `capture-pane`, as a person would use it. tmux is installed if missing; if it cannot be,
//! the tests fail rather than skip.

use std::path::Path;
use std::process::Command;

use crate::support::tmux::Tmux;

fn lectern() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_lectern"))
}

#[test]
fn find_read_bookmark_quit_and_find_the_bookmark_again() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(home.path(), &lectern().display().to_string());
    tmux.wait_for("lectern · 5 articles");
    // Filter with a few Arabic letters: only the Arabic article is left.
    tmux.keys(&["/"]);
    tmux.literal("طالب");
    tmux.wait_for("1/1");
    tmux.keys(&["Enter", "Enter"]);
    // The reader shows the headline in visual order: its first letters at the right end.
    // 845 words: the 857 of the text less the 12 of the photo caption "(رويترز)" ends.
    let screen = tmux.wait_for("845 words");
    let title = screen.lines().next().unwrap();
    assert!(title.trim_end().ends_with("قفتت \"نابلاط\""), "{title:?}");
    tmux.keys(&["b"]);
    tmux.wait_for("bookmarked");
    tmux.keys(&["q"]);
    tmux.wait_for("1 bookmarked");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();

    let output = Command::new(lectern())
        .args(["bookmarks", "--format", "json"])
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let bookmarks: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bookmarks = bookmarks.as_array().unwrap();
    assert_eq!(bookmarks.len(), 1, "{bookmarks:?}");
    assert_eq!(bookmarks[0]["lang"], "ar");
    assert_eq!(bookmarks[0]["path"], "bundled:004_203a56a6419ab15d.txt");
    assert!(
        bookmarks[0]["title"]
            .as_str()
            .unwrap()
            .starts_with("\"طالبان\"")
    );

    // Next time, the bookmark is there.
    drop(tmux);
    let again = Tmux::start(home.path(), &lectern().display().to_string());
    again.wait_for("lectern · 5 articles · 1 bookmarked · 4 unread");
    again.keys(&["q"]);
    again.wait_for_exit();
}

#[test]
fn show_prints_arabic_right_to_left_in_a_terminal_without_bidi() {
    let home = tempfile::tempdir().unwrap();
    for width in [40usize, 80, 120] {
        let printed = Command::new(lectern())
            .args([
                "show",
                "bundled:004_203a56a6419ab15d.txt",
                "--width",
                &width.to_string(),
            ])
            .output()
            .unwrap()
            .stdout;
        let printed = String::from_utf8(printed).unwrap();
        let command = format!(
            "sh -c '{} show bundled:004_203a56a6419ab15d.txt --width {width} | head -n 20; sleep 30'",
            lectern().display()
        );
        let tmux = Tmux::start_sized(home.path(), &command, 130);
        let last = printed
            .lines()
            .take(20)
            .filter(|l| !l.trim().is_empty())
            .last()
            .unwrap();
        let screen = tmux.wait_for(last.trim());
        // tmux draws the bytes as they come, left to right: what is on screen is what we laid out.
        for (shown, expected) in screen.lines().zip(printed.lines()).take(20) {
            assert_eq!(shown.trim_end(), expected, "width {width}");
        }
        // Read right to left: the first paragraph's first word, "قمة", is at the right end of
        // its first line, its letters drawn in reverse order (checked by hand).
        let first_body_line = screen
            .lines()
            .skip_while(|l| !l.is_empty())
            .find(|l| !l.is_empty())
            .unwrap();
        assert!(first_body_line.ends_with("ةمق"), "{first_body_line:?}");
        assert_eq!(lectern::text::str_width(first_body_line), width);
    }
}

#[test]
fn compare_the_english_and_arabic_seeds_from_the_list() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(home.path(), &lectern().display().to_string());
    tmux.wait_for("lectern · 5 articles");
    // The English article is fourth, the Arabic one fifth: mark one, compare with the other.
    tmux.keys(&["j", "j", "j", "v"]);
    tmux.wait_for("marked for comparison");
    tmux.keys(&["j", "c"]);
    let screen = tmux.wait_for("sync · 1-");
    let first = screen.lines().next().unwrap();
    let (left, right) = first.split_once('│').expect("two panes side by side");
    assert!(left.starts_with("Afghanistan | Taliban ready"), "{left:?}");
    assert!(right.trim_end().ends_with("قفتت \"نابلاط\""), "{right:?}");
    let column = lectern::text::str_width(left);
    for line in screen.lines().take(25) {
        assert_eq!(
            lectern::text::str_width(line.split('│').next().unwrap()),
            column,
            "{line:?}"
        );
    }
    tmux.keys(&["a"]);
    tmux.wait_for("shared anchors highlighted");
    tmux.keys(&["s"]);
    tmux.wait_for("each pane on its own");
    tmux.keys(&["q"]);
    tmux.wait_for("lectern · 5 articles");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}
