//! The interactive shell driven through keys, as a person would: the list scrolls like
//! `less`, the prompt edits like readline and takes pastes as text, triage keys, comparison
//! marks, and the reader keeping its place across a resize.

use std::fs;
use std::path::Path;

use lectern::action::{Action, Pointer};
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::keymap::{Key, Mode};
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// `n` articles "Article NN" whose bodies are a few short paragraphs, and one Vietnamese and
/// one Arabic title among them.
fn folder(dir: &Path, n: usize) {
    for i in 0..n {
        let title = match i {
            3 => "Đà Nẵng mưa lớn".to_owned(),
            5 => "لافروف في موسكو".to_owned(),
            _ => format!("Article {i:02}"),
        };
        let body: Vec<String> = (0..40)
            .map(|p| format!("Paragraph {p} of article {i}, written for this test by hand."))
            .collect();
        let date = format!("2024-01-{:02}", 28 - i % 28);
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nurl = \"https://news.example/{i}\"\n+++\n{}\n",
            body.join("\n\n")
        );
        fs::write(dir.join(format!("{i:02}.md")), text).unwrap();
    }
}

struct Fixture {
    _tmp: tempfile::TempDir,
    app: App,
}

fn app_with(n: usize, size: (u16, u16), config: Config) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    fs::create_dir(&articles).unwrap();
    folder(&articles, n);
    let library = Library::load(&[articles], LoadOptions::default());
    let (store, _) = Store::open(&tmp.path().join("data"));
    let app = App::new(library, store, &[], config, size);
    Fixture { _tmp: tmp, app }
}

fn app(n: usize, size: (u16, u16)) -> Fixture {
    app_with(n, size, Config::default())
}

/// Presses a key as the terminal would send it, through the live keymap.
fn press(app: &mut App, key: &str) {
    let key: Key = key.parse().unwrap();
    if let Some(action) = app.config.keys.0.resolve_key(app.mode(), key) {
        app.update(action);
    }
}

fn keys(app: &mut App, keys: &[&str]) {
    for key in keys {
        press(app, key);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = app.config.keys.0.resolve(app.mode(), event) {
            app.update(action);
        }
    }
}

fn selected_title(app: &App) -> String {
    app.selected_entry().unwrap().meta.title.clone()
}

/// The open article's reader; the test fails when none is open.
fn reading(app: &App) -> &lectern::app::Reader {
    match &app.view {
        View::Reader(reader) => reader,
        _ => panic!("not reading"),
    }
}

fn unread(app: &App) -> usize {
    (app.library.entries.iter())
        .filter(|e| !app.store.is_read(&e.meta.id))
        .count()
}

#[test]
fn up_moves_the_selection_within_the_view_and_scrolls_only_at_its_top() {
    // 100×8: a heading, six rows of articles and the status bar; 29 articles.
    let mut f = app(29, (100, 8));
    for _ in 0..10 {
        press(&mut f.app, "j");
    }
    assert_eq!((f.app.list.selected, f.app.list.offset), (10, 5));
    press(&mut f.app, "k");
    assert_eq!(
        (f.app.list.selected, f.app.list.offset),
        (9, 5),
        "the rows stay"
    );
    for _ in 0..4 {
        press(&mut f.app, "k");
    }
    assert_eq!((f.app.list.selected, f.app.list.offset), (5, 5));
    press(&mut f.app, "k");
    assert_eq!((f.app.list.selected, f.app.list.offset), (4, 4));
}

#[test]
fn a_pasted_newline_is_a_space_in_the_prompt_and_runs_nothing() {
    let mut f = app(29, (100, 20));
    press(&mut f.app, "/");
    f.app.update(Action::Paste("Article\nb 1".to_owned()));
    assert_eq!(f.app.list.query(), "Article b 1");
    assert_eq!(f.app.mode(), Mode::Prompt);
    assert_eq!(f.app.counts.bookmarked, 0, "the b was text, not a bookmark");
    // Outside a prompt a paste does nothing at all.
    press(&mut f.app, "enter");
    f.app.update(Action::Paste("b\nq".to_owned()));
    assert!(!f.app.quit);
    assert_eq!(f.app.counts.bookmarked, 0);
    assert_eq!(f.app.list.query(), "Article b 1");
}

#[test]
fn a_huge_paste_is_cut_to_the_bound_with_a_message() {
    let mut f = app(5, (100, 20));
    press(&mut f.app, "/");
    f.app.update(Action::Paste("x ".repeat(500_000)));
    let max = lectern::app::prompt::MAX_CHARS;
    assert_eq!(f.app.list.query().chars().count(), max);
    let message = f.app.message.clone().unwrap();
    assert!(message.text.contains(&max.to_string()), "{message:?}");
}

#[test]
fn alt_letters_are_never_typed() {
    let mut f = app(5, (100, 20));
    press(&mut f.app, "/");
    type_text(&mut f.app, "nang");
    press(&mut f.app, "alt-x");
    press(&mut f.app, "ctrl-x");
    assert_eq!(f.app.list.query(), "nang");
    // alt-b is a word movement: typing goes in before the word.
    press(&mut f.app, "alt-b");
    type_text(&mut f.app, "da ");
    assert_eq!(f.app.list.query(), "da nang");
}

#[test]
fn while_typing_the_best_match_is_selected() {
    let mut f = app(29, (100, 20));
    keys(&mut f.app, &["G"]);
    press(&mut f.app, "/");
    type_text(&mut f.app, "da nang");
    assert_eq!(f.app.list.selected, 0);
    assert_eq!(selected_title(&f.app), "Đà Nẵng mưa lớn");
    press(&mut f.app, "enter");
    press(&mut f.app, "enter");
    let reader = reading(&f.app);
    assert_eq!(reader.article.meta.title, "Đà Nẵng mưa lớn");
}

#[test]
fn backspace_on_an_empty_prompt_closes_it() {
    let mut f = app(5, (100, 20));
    press(&mut f.app, "/");
    type_text(&mut f.app, "a");
    keys(&mut f.app, &["backspace"]);
    assert_eq!(f.app.mode(), Mode::Prompt);
    keys(&mut f.app, &["backspace"]);
    assert_eq!(f.app.mode(), Mode::List);
}

#[test]
fn n_walks_the_unread_articles_and_space_at_the_end_goes_to_the_next() {
    let mut f = app(6, (100, 200));
    // Read rows 1 and 2 from the list; then n from the top skips them.
    keys(&mut f.app, &["j", "x", "j", "x", "g", "n"]);
    assert_eq!(f.app.list.selected, 3);
    keys(&mut f.app, &["N"]);
    assert_eq!(f.app.list.selected, 0);
    // In the reader, space pages down, and at the end opens the next unread article.
    keys(&mut f.app, &["enter"]);
    let first = selected_title(&f.app);
    keys(&mut f.app, &["G", "space"]);
    let reader = reading(&f.app);
    assert_ne!(reader.article.meta.title, first);
    assert_eq!(f.app.list.selected, 3);
}

#[test]
fn mark_all_read_acts_on_what_the_filter_shows_and_undo_takes_it_back() {
    let mut f = app(29, (100, 20));
    press(&mut f.app, "/");
    type_text(&mut f.app, "article 1");
    press(&mut f.app, "enter");
    let shown = f.app.list.visible.len();
    assert!(shown > 1 && shown < 29, "{shown}");
    press(&mut f.app, "A");
    assert_eq!(unread(&f.app), 29 - shown);
    assert_eq!(f.app.counts.unread, 29 - shown);
    assert!(f.app.message.as_ref().unwrap().text.contains("u undoes"));
    press(&mut f.app, "u");
    assert_eq!(unread(&f.app), 29);
    assert_eq!(f.app.counts.unread, 29);
}

#[test]
fn marking_a_second_article_opens_the_comparison_and_leaves_no_mark() {
    let mut f = app(6, (120, 30));
    press(&mut f.app, "v");
    assert!(f.app.compare_mark.is_some());
    assert!(
        f.app
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("on another article")
    );
    press(&mut f.app, "c");
    assert!(
        f.app
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("marked for comparison"),
        "c on the marked article says so"
    );
    press(&mut f.app, "j");
    press(&mut f.app, "v");
    assert!(matches!(f.app.view, View::Compare(_)));
    assert_eq!(f.app.compare_mark, None);
    press(&mut f.app, "q");
    assert!(matches!(f.app.view, View::List));
    // The next c has no stale mark to use.
    press(&mut f.app, "c");
    assert!(matches!(f.app.view, View::List));
    // Esc clears a mark before it clears the filter.
    press(&mut f.app, "v");
    press(&mut f.app, "esc");
    assert_eq!(f.app.compare_mark, None);
}

#[test]
fn comparing_from_the_reader_goes_back_to_the_reader() {
    let mut f = app(6, (120, 30));
    keys(&mut f.app, &["v", "j", "enter", "c"]);
    assert!(matches!(f.app.view, View::Compare(_)));
    press(&mut f.app, "esc");
    assert!(matches!(f.app.view, View::Reader(_)));
}

#[test]
fn the_reader_keeps_its_place_in_the_text_across_a_resize() {
    let mut f = app(3, (100, 30));
    press(&mut f.app, "enter");
    for _ in 0..37 {
        press(&mut f.app, "j");
    }
    let top = |app: &App| {
        let reader = reading(app);
        let line = &reader.layout.lines[reader.scroll];
        (line.paragraph, line.to_plain())
    };
    let (paragraph, _) = top(&f.app);
    f.app.update(Action::Resize(40, 30));
    let (narrow, text) = top(&f.app);
    assert_eq!(narrow, paragraph, "{text}");
    f.app.update(Action::Resize(100, 30));
    assert_eq!(top(&f.app).0, paragraph);
}

#[test]
fn a_rebound_or_unbound_key_changes_the_hints() {
    let config = Config::parse(
        "[keys.list]\n\"/\" = \"none\"\nf = \"filter\"\n\"?\" = \"none\"\n",
        "c",
    )
    .unwrap();
    let f = app_with(3, (100, 20), config);
    let hints = lectern::ui::hint_line(&f.app, Mode::List);
    assert!(hints.contains("f filter"), "{hints}");
    assert!(
        !hints.contains("/ filter") && !hints.contains("help"),
        "{hints}"
    );
    let defaults = app(3, (100, 20));
    let hints = lectern::ui::hint_line(&defaults.app, Mode::List);
    assert!(
        hints.contains("/ filter") && hints.contains("? help"),
        "{hints}"
    );
}

#[test]
fn a_click_selects_a_row_and_a_double_click_opens_it() {
    let mut f = app(10, (100, 20));
    // Row 0 is the heading: the third article is on screen row 3.
    let at = Pointer { column: 10, row: 3 };
    f.app.update(Action::Click(at, false));
    assert_eq!(f.app.list.selected, 2);
    assert!(matches!(f.app.view, View::List));
    f.app.update(Action::Click(at, true));
    assert!(matches!(f.app.view, View::Reader(_)));
    // The wheel scrolls the reader.
    f.app.update(Action::Wheel(at, 3));
    let reader = reading(&f.app);
    assert_eq!(reader.scroll, 3);
}

#[test]
fn open_and_copy_ask_for_the_web_address_and_never_for_anything_else() {
    let mut f = app(3, (100, 20));
    press(&mut f.app, "o");
    press(&mut f.app, "y");
    let url = f.app.selected_entry().unwrap().meta.url.clone().unwrap();
    assert_eq!(
        f.app.effects,
        [
            lectern::app::Effect::OpenUrl(url.clone()),
            lectern::app::Effect::CopyToClipboard(url)
        ]
    );
}

#[test]
fn list_filter_reads_a_bounded_query_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    folder(tmp.path(), 3);
    // 30,000 one-letter terms and 100 KB of letters: bounded, so this returns at once.
    for query in ["a ".repeat(30_000), "x".repeat(100_000)] {
        let output = assert_cmd::Command::cargo_bin("lectern")
            .unwrap()
            .env("XDG_DATA_HOME", tmp.path().join("data"))
            .env("XDG_CACHE_HOME", tmp.path().join("cache"))
            .args(["list", "--filter", &query])
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("the filter uses its first 16 terms and 256 characters"),
            "{stderr}"
        );
    }
}

#[test]
fn a_resize_under_the_help_box_still_lays_the_reader_out() {
    let mut f = app(3, (100, 30));
    keys(&mut f.app, &["enter", "?"]);
    f.app.update(Action::Resize(40, 30));
    keys(&mut f.app, &["esc"]);
    let reader = reading(&f.app);
    assert_eq!(reader.layout.width, 38);
}

#[test]
fn a_resize_with_a_blank_line_on_top_keeps_the_paragraph_that_ended_there() {
    let mut f = app(3, (100, 30));
    press(&mut f.app, "enter");
    let blank_row = |app: &App| {
        let reader = reading(app);
        (reader.layout.lines.iter()).position(|l| l.glyphs.is_empty() && l.paragraph == 5)
    };
    // Scroll until the blank line after paragraph 5 is on top, then narrow the screen.
    let row = blank_row(&f.app).unwrap();
    for _ in 0..row {
        press(&mut f.app, "j");
    }
    f.app.update(Action::Resize(40, 30));
    let reader = reading(&f.app);
    let top = &reader.layout.lines[reader.scroll];
    assert_eq!(
        (top.paragraph, top.glyphs.is_empty()),
        (5, true),
        "the blank after paragraph 5, not its first line"
    );
}

#[test]
fn rescan_takes_in_files_added_and_removed_since_start() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    fs::create_dir(&articles).unwrap();
    folder(&articles, 3);
    let library = Library::load(std::slice::from_ref(&articles), LoadOptions::default());
    let (store, _) = Store::open(&tmp.path().join("data"));
    let mut app = App::new(library, store, &[], Config::default(), (100, 20));
    app.rescan.source = Some((vec![articles.clone()], LoadOptions::default()));
    press(&mut app, "j");
    let selected = selected_title(&app);
    fs::write(
        articles.join("new.md"),
        "A fresh article\n\nWritten after the start.\n",
    )
    .unwrap();
    fs::remove_file(articles.join("00.md")).unwrap();
    press(&mut app, "R");
    // The library is read on a thread; ticks take the result (a hang guard, not a timer).
    let start = std::time::Instant::now();
    while app
        .message
        .as_ref()
        .is_none_or(|m| !m.text.starts_with("library read again"))
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            app.message
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.update(Action::Tick);
    }
    let titles: Vec<&str> = (app.library.entries.iter())
        .map(|e| e.meta.title.as_str())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.contains(&"A fresh article"), "{titles:?}");
    assert!(!titles.contains(&"Article 00"), "{titles:?}");
    assert_eq!(
        selected_title(&app),
        selected,
        "the selection stays on its article"
    );
}
