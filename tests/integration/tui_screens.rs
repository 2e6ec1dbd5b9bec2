//! Screens drawn on ratatui's `TestBackend`, compared with snapshots that were each read and
//! judged by hand: Arabic must read right to left with its first letter at the right edge.

use lectern::action::Action;
use lectern::app::App;
use lectern::config::Config;
use lectern::library::Library;
use lectern::store::Store;
use lectern::theme::{Part, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(size: (u16, u16), data: &tempfile::TempDir) -> App {
    let (store, _) = Store::open(data.path());
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), size);
    app.color = true;
    app
}

/// The screen as text, each row followed by a row of `^` under the cells in `part`'s style.
fn screen(app: &App, marked: Option<Part>) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let wanted = marked.map(|part| Theme::default().style(part, true));
    let mut out = String::new();
    for y in 0..height {
        let mut row = String::new();
        let mut marks = String::new();
        let mut skip = 0;
        for x in 0..width {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            row.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            let on = wanted.is_some_and(|w| w.fg.is_some() && cell.fg == w.fg.unwrap());
            marks.push_str(&(if on { "^" } else { " " }).repeat(skip + 1));
        }
        out.push_str(row.trim_end());
        out.push('\n');
        if wanted.is_some() && marks.contains('^') {
            out.push_str(marks.trim_end());
            out.push('\n');
        }
    }
    out
}

fn open(app: &mut App, lang: &str) {
    app.update(Action::Top);
    while app.selected_entry().unwrap().meta.lang != lang {
        app.update(Action::Down);
    }
    app.update(Action::Open);
}

#[test]
fn list_of_arabic_vietnamese_and_english_titles() {
    let data = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(screen(&app((110, 9), &data), None));
}

#[test]
fn reader_left_to_right() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app((72, 16), &data);
    open(&mut app, "en");
    insta::assert_snapshot!(screen(&app, None));
}

#[test]
fn reader_right_to_left() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app((72, 16), &data);
    open(&mut app, "ar");
    insta::assert_snapshot!(screen(&app, None));
}

#[test]
fn filter_highlights_the_matched_letters_of_an_arabic_title() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app((100, 6), &data);
    app.update(Action::Filter);
    for c in "تعاون".chars() {
        app.update(Action::Type(c));
    }
    insta::assert_snapshot!(screen(&app, Some(Part::Highlight)));
}

#[test]
fn help_lists_the_live_keys() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app((80, 34), &data);
    app.update(Action::Help);
    insta::assert_snapshot!(screen(&app, None));
}

#[test]
fn a_20_by_6_terminal_shows_what_fits() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app((20, 6), &data);
    let list = screen(&app, None);
    open(&mut app, "ar");
    let reader = screen(&app, None);
    app.update(Action::Help);
    let help = screen(&app, None);
    insta::assert_snapshot!(format!("{list}--\n{reader}--\n{help}"));
}

#[test]
fn tiny_and_empty_terminals_do_not_panic() {
    let data = tempfile::tempdir().unwrap();
    for size in [(0, 0), (1, 1), (2, 1), (1, 3), (3, 2), (5, 5)] {
        let mut app = app(size, &data);
        let _ = screen(&app, None);
        open(&mut app, "ar");
        let _ = screen(&app, None);
        app.update(Action::Help);
        let _ = screen(&app, None);
    }
}

#[test]
fn the_heading_counts_one_article_in_the_singular() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Only one\n\nA single article.\n").unwrap();
    let library = Library::load(
        &[dir.path().to_owned()],
        lectern::library::LoadOptions::default(),
    );
    let (store, _) = Store::open(data.path());
    let app = App::new(library, store, &[], Config::default(), (60, 6));
    let heading = screen(&app, None).lines().next().unwrap().to_owned();
    assert_eq!(
        heading.trim_end(),
        " lectern · 1 article · 0 bookmarked · 1 unread"
    );
}
