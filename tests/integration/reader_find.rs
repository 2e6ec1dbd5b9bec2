//! Finding in the reader: `/` lights up every occurrence of a folded phrase as it is typed,
//! whatever the script and direction, and the next and previous match keys scroll to each.

use crate::support::keys::{draw, press, type_text};
use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::keymap::Mode;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// An article whose phrase "Đại sứ" is in its second paragraph and, as "đại sứ", far below;
/// and an Arabic paragraph with "السفير" (the ambassador).
fn article() -> String {
    let mut text = String::from("Ambassadors meet in Hanoi\n\n");
    text.push_str("Đại sứ Nga đã gặp các quan chức tại Hà Nội vào sáng thứ Hai.\n\n");
    text.extend((0..30).map(|n| format!("Filler paragraph number {n} says nothing of note.\n\n")));
    text.push_str("Tòa đại sứ quán đóng cửa vào cuối tuần.\n\n");
    text.push_str("قال السفير الروسي إن المحادثات كانت مفيدة\n");
    text
}

fn app(dir: &tempfile::TempDir) -> App {
    std::fs::write(dir.path().join("meet.txt"), article()).unwrap();
    let library = Library::load(&[dir.path().to_owned()], LoadOptions::default());
    let (store, _) = Store::open(&dir.path().join("state"));
    let mut app = App::new(library, store, &[], Config::default(), (60, 16));
    app.update(Action::Open);
    assert!(matches!(app.view, View::Reader(_)));
    app
}

/// Row by row, the symbols of the cells lit up as a hit (underlined), and as the current one
/// (reversed), left to right as on the screen; rows without any are left out.
fn lit(buffer: &Buffer) -> Vec<(String, String)> {
    let area = buffer.area;
    let mut rows = Vec::new();
    // The status bar (last row) is reversed as a whole: it is not text.
    for y in 0..area.height - 1 {
        let (mut hit, mut current) = (String::new(), String::new());
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(Modifier::REVERSED) {
                current.push_str(cell.symbol());
            } else if cell.modifier.contains(Modifier::UNDERLINED) {
                hit.push_str(cell.symbol());
            }
        }
        if !hit.is_empty() || !current.is_empty() {
            rows.push((hit, current));
        }
    }
    rows
}

fn status(buffer: &Buffer) -> String {
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect::<String>()
}

#[test]
fn typing_lights_up_every_occurrence_folded() {
    // Without colour, a hit is underlined: the cells say what is lit whatever the theme.
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.color = false;
    press(&mut app, "/");
    assert_eq!(app.mode(), Mode::Prompt);
    type_text(&mut app, "dai su");
    let screen = draw(&app);
    // The first is the current one; the other is far below, off the screen.
    assert_eq!(lit(&screen), [(String::new(), "Đại sứ".to_owned())]);
    assert!(status(&screen).contains("/dai su"), "{}", status(&screen));
    assert!(
        status(&screen).contains("match 1 of 2"),
        "{}",
        status(&screen)
    );
}

#[test]
fn the_next_match_scrolls_to_it_and_wraps_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.color = false;
    press(&mut app, "/");
    type_text(&mut app, "dai su");
    press(&mut app, "enter");
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, "ctrl-n");
    let screen = draw(&app);
    assert_eq!(lit(&screen), [(String::new(), "đại sứ".to_owned())]);
    assert!(
        status(&screen).contains("match 2 of 2"),
        "{}",
        status(&screen)
    );
    let View::Reader(reader) = &app.view else {
        panic!()
    };
    assert!(reader.scroll > 20, "scrolled to the end: {}", reader.scroll);
    press(&mut app, "ctrl-n");
    assert!(status(&draw(&app)).contains("match 1 of 2"));
    press(&mut app, "ctrl-p");
    assert!(status(&draw(&app)).contains("match 2 of 2"));
}

#[test]
fn an_arabic_hit_lights_the_word_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.color = false;
    press(&mut app, "/");
    type_text(&mut app, "السفير");
    let screen = draw(&app);
    // On screen the word is in visual order: its letters from right to left.
    let shown: String = "السفير".chars().rev().collect();
    assert_eq!(lit(&screen), [(String::new(), shown)]);
}

#[test]
fn nothing_found_is_said_and_escape_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.color = false;
    press(&mut app, "/");
    type_text(&mut app, "xyzzy");
    press(&mut app, "enter");
    let message = app.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("not found: xyzzy"),
        "{message:?}"
    );
    press(&mut app, "/");
    press(&mut app, "ctrl-u");
    type_text(&mut app, "filler");
    assert!(status(&draw(&app)).contains("match 1 of 30"));
    press(&mut app, "esc");
    assert_eq!(app.mode(), Mode::Reader);
    assert!(lit(&draw(&app)).is_empty());
    // Back in the reader, `f` is the list's filter.
    press(&mut app, "f");
    assert!(matches!(app.view, View::List));
    assert_eq!(app.mode(), Mode::Prompt);
}
