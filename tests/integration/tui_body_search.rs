//! Body search in the interface: `/?words` searches the articles' text, each hit shows the
//! line that matched under its title, and opening one finds the words in the reader.

use std::time::{Duration, Instant};

use crate::support::keys::{draw, press, type_text};
use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::keymap::Mode;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::style::Modifier;

/// Four articles; only the second has "Đại sứ", in its body and not its title.
fn app(dir: &tempfile::TempDir) -> App {
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let article = |name: &str, date: &str, title: &str, body: &str| {
        let text = format!("---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n");
        std::fs::write(news.join(name), text).unwrap();
    };
    article(
        "a.md",
        "2024-03-01",
        "Mưa lớn ở Huế",
        "Mưa kéo dài ba ngày ở miền Trung.",
    );
    article(
        "b.md",
        "2024-03-02",
        "Tin ngoại giao",
        "Sáng nay, Đại sứ Việt Nam tại Pháp đã trình quốc thư lên Tổng thống.",
    );
    article(
        "c.md",
        "2024-03-03",
        "Harbour news",
        "The harbour wall will be rebuilt.",
    );
    article(
        "d.md",
        "2024-03-04",
        "Council notes",
        "Also on the agenda: the harbour.",
    );
    let options = LoadOptions::default();
    let library = Library::load(std::slice::from_ref(&news), options.clone());
    let (store, _) = Store::open(&dir.path().join("data"));
    let mut app = App::new(library, store, &[], Config::default(), (60, 12));
    app.rescan.source = Some((vec![news], options));
    app.color = false;
    app
}

/// Ticks until the index is up to date (the worker thread has finished).
fn wait_for_index(app: &mut App) {
    let start = Instant::now();
    while app.body.progress().is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "indexing never ended"
        );
        std::thread::sleep(Duration::from_millis(10));
        app.update(Action::Tick);
    }
}

/// The screen's rows, once the lines under the hits are in (cut on a worker thread): the text
/// and the underlined part of each.
fn rows(app: &mut App) -> Vec<(String, String)> {
    let start = Instant::now();
    while app.cutting_snippets() {
        assert!(start.elapsed() < Duration::from_secs(20), "lines never cut");
        std::thread::sleep(Duration::from_millis(5));
        app.take_snippets();
    }
    let (width, height) = app.size;
    let buffer = draw(app);
    (0..height)
        .map(|y| {
            let (mut text, mut lit) = (String::new(), String::new());
            for x in 0..width {
                let cell = &buffer[(x, y)];
                text.push_str(cell.symbol());
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    lit.push_str(cell.symbol());
                }
            }
            (text.trim_end().to_owned(), lit)
        })
        .collect()
}

#[test]
fn a_body_search_lists_hits_with_the_matching_line_and_opens_at_the_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    press(&mut app, "/");
    type_text(&mut app, "?dai su");
    wait_for_index(&mut app);
    assert_eq!(app.mode(), Mode::Prompt);
    let titles: Vec<&str> = (app.list.visible.iter())
        .map(|&i| app.library.entries[i].meta.title.as_str())
        .collect();
    assert_eq!(titles, ["Tin ngoại giao"]);
    let screen = rows(&mut app);
    // The heading, then the hit's title, then its line of text with the words lit.
    assert!(screen[1].0.contains("Tin ngoại giao"), "{screen:?}");
    assert!(
        screen[2]
            .0
            .trim_start()
            .starts_with("Sáng nay, Đại sứ Việt Nam"),
        "{screen:?}"
    );
    assert_eq!(screen[2].1, "Đạisứ");
    assert!(screen.last().unwrap().0.contains("/?dai su"), "{screen:?}");
    // Accepted, then opened: the reader finds the words.
    press(&mut app, "enter");
    press(&mut app, "enter");
    let View::Reader(reader) = &app.view else {
        panic!("not reading")
    };
    let find = reader.find.as_ref().expect("the words are found");
    assert_eq!(find.hits.len(), 2, "dai and su");
    assert!(rows(&mut app).last().unwrap().0.contains("match 1 of 2"));
}

#[test]
fn words_in_no_article_say_so_and_the_title_filter_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    press(&mut app, "/");
    type_text(&mut app, "?zebrafish");
    wait_for_index(&mut app);
    assert!(app.list.visible.is_empty());
    assert!(rows(&mut app)[1].0.contains("no article has these words"));
    // Without the marker the prompt filters titles again, one row each.
    press(&mut app, "ctrl-u");
    type_text(&mut app, "harbour");
    assert_eq!(app.row_height(), 1);
    assert_eq!(app.list.visible.len(), 1);
}

#[test]
fn hits_come_newest_first_while_typing_and_by_relevance_once_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    press(&mut app, "/");
    type_text(&mut app, "?harbour");
    wait_for_index(&mut app);
    let titles = |app: &App| -> Vec<String> {
        (app.list.visible.iter())
            .map(|&i| app.library.entries[i].meta.title.clone())
            .collect()
    };
    // d.md is the newest; c.md has the word in its title, which weighs five times.
    assert_eq!(titles(&app), ["Council notes", "Harbour news"]);
    press(&mut app, "enter");
    assert_eq!(app.mode(), Mode::List);
    assert_eq!(titles(&app), ["Harbour news", "Council notes"]);
}

#[test]
fn a_damaged_index_is_made_again_and_the_search_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = app(&dir);
    press(&mut first, "/");
    type_text(&mut first, "?dai su");
    wait_for_index(&mut first);
    assert_eq!(first.list.visible.len(), 1);
    drop(first);
    let data = dir.path().join("data");
    crate::support::store::damage_table(&data, "search_text_data");
    std::fs::remove_dir_all(dir.path().join("news")).unwrap();
    let mut again = app(&dir);
    press(&mut again, "/");
    type_text(&mut again, "?dai su");
    wait_for_index(&mut again);
    let titles: Vec<&str> = (again.list.visible.iter())
        .map(|&i| again.library.entries[i].meta.title.as_str())
        .collect();
    assert_eq!(titles, ["Tin ngoại giao"]);
    // Not moved aside: nothing but the database's own files.
    assert_eq!(crate::support::store::other_files(&data), [] as [String; 0]);
}
