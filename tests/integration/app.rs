//! The interactive app driven through `App::update`, as the keys would drive it.

use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::keymap::Mode;
use lectern::library::Library;
use lectern::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app(data: &tempfile::TempDir) -> App {
    let (store, _) = Store::open(data.path());
    App::new(Library::bundled(), store, &[], Config::default(), (100, 30))
}

fn key(app: &App, code: KeyCode) -> Option<Action> {
    resolve(app, KeyEvent::new(code, KeyModifiers::NONE))
}

fn resolve(app: &App, event: KeyEvent) -> Option<Action> {
    app.config.keys.0.resolve(app.mode(), event)
}

fn reader(app: &App) -> &lectern::app::Reader {
    match &app.view {
        View::Reader(reader) => reader,
        _ => panic!("not reading"),
    }
}

fn selected_lang(app: &App) -> String {
    app.selected_entry().unwrap().meta.lang.clone()
}

#[test]
fn the_list_moves_within_its_bounds() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    app.update(Action::Up);
    assert_eq!(app.list.selected, 0);
    app.update(Action::Bottom);
    assert_eq!(app.list.selected, 4);
    app.update(Action::Down);
    assert_eq!(app.list.selected, 4);
    app.update(Action::PageUp);
    assert_eq!(app.list.selected, 0);
}

#[test]
fn opening_marks_read_and_the_reader_walks_the_list() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    let first = app.selected_entry().unwrap().meta.id.clone();
    assert!(!app.store.is_read(&first));
    app.update(Action::Open);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(app.store.is_read(&first));
    app.update(Action::NextArticle);
    assert_eq!(reader(&app).entry, app.list.visible[1]);
    app.update(Action::PreviousArticle);
    app.update(Action::PreviousArticle);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "this is the first article"
    );
    app.update(Action::Back);
    assert!(matches!(app.view, View::List));
}

#[test]
fn the_reader_scrolls_within_the_text() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    app.update(Action::Open);
    app.update(Action::Up);
    assert_eq!(reader(&app).scroll, 0);
    app.update(Action::Bottom);
    let open = reader(&app);
    assert_eq!(open.scroll + app.reader_rows(), open.layout.lines.len());
    app.update(Action::PageDown);
    assert_eq!(
        reader(&app).scroll + app.reader_rows(),
        reader(&app).layout.lines.len()
    );
    let lines = reader(&app).layout.lines.len();
    app.update(Action::ToggleRaw);
    let open = reader(&app);
    assert!(open.raw && open.scroll == 0 && open.layout.lines.len() > lines);
    // A narrower terminal lays the text out again, with more lines.
    app.update(Action::ToggleRaw);
    app.update(Action::Resize(40, 30));
    assert!(reader(&app).layout.lines.len() > lines);
}

#[test]
fn the_filter_prompt_takes_typed_keys_and_enter_or_esc() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    assert_eq!(key(&app, KeyCode::Char('/')), Some(Action::Filter));
    app.update(Action::Filter);
    assert_eq!(app.mode(), Mode::Prompt);
    // In the prompt, `q` and `j` are letters, not quit and down.
    assert_eq!(key(&app, KeyCode::Char('q')), Some(Action::Type('q')));
    for c in "lang:en".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.list.visible.len(), 1);
    app.update(key(&app, KeyCode::Enter).unwrap());
    assert_eq!((app.mode(), app.list.query()), (Mode::List, "lang:en"));
    assert_eq!(selected_lang(&app), "en");
    app.update(Action::Filter);
    app.update(key(&app, KeyCode::Esc).unwrap());
    assert_eq!(
        (app.mode(), app.list.query(), app.list.visible.len()),
        (Mode::List, "", 5)
    );
    // The article that was selected stays selected when the filter goes.
    assert_eq!(selected_lang(&app), "en");
}

#[test]
fn ctrl_c_quits_anywhere() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.update(Action::Filter);
    assert_eq!(resolve(&app, ctrl_c), Some(Action::Quit));
    app.update(Action::Help);
    assert_eq!(resolve(&app, ctrl_c), Some(Action::Quit));
}

#[test]
fn bookmarks_and_read_state_feed_the_filter() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app(&data);
    app.update(Action::Bottom);
    app.update(Action::ToggleBookmark);
    assert_eq!(
        app.message.as_ref().unwrap().text.split(':').next(),
        Some("bookmarked")
    );
    app.update(Action::Filter);
    for c in "is:bookmarked".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.list.visible.len(), 1);
    assert_eq!(selected_lang(&app), "ar");
    app.update(Action::ClearFilter);
    app.update(Action::ToggleRead);
    app.update(Action::Filter);
    for c in "is:unread".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.list.visible.len(), 4);
    // Saved in the background at once; flushed, a second store on the same folder sees it.
    app.store.flush().unwrap();
    let (other, _) = Store::open(data.path());
    assert_eq!(other.bookmarks().len(), 1);
}

#[test]
fn rebound_keys_take_effect() {
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path());
    let config = Config::parse("[keys.list]\nj = \"bottom\"\nx = \"none\"\n", "c").unwrap();
    let app = App::new(Library::bundled(), store, &[], config, (80, 24));
    assert_eq!(key(&app, KeyCode::Char('j')), Some(Action::Bottom));
    assert_eq!(key(&app, KeyCode::Char('x')), None);
    assert_eq!(key(&app, KeyCode::Down), Some(Action::Down));
}

/// An app whose store is still being opened in the background, as the reader's start opens
/// it, on a database where an earlier run marked the bundled articles `read` read.
fn app_opening_marks(data: &tempfile::TempDir, read: &[usize]) -> App {
    let bundled = Library::bundled();
    {
        let (mut earlier, _) = Store::open(data.path());
        for &index in read {
            earlier
                .set_read(&bundled.entries[index].meta.id, true)
                .unwrap();
        }
        earlier.flush().unwrap();
    }
    let (store, notices) = Store::open_in_background(data.path(), std::time::Duration::ZERO);
    assert!(notices.is_empty(), "{notices:?}");
    App::new(bundled, store, &[], Config::default(), (100, 30))
}

/// The reader's start opens the store in the background: a key that acts on the marks before
/// they have arrived waits for them, and the heading counts them once they are in.
#[test]
fn marks_still_on_their_way_are_waited_for_and_counted() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_opening_marks(&data, &[0, 1]);
    // Three of the five are unread, whether or not the marks were in for the first frame.
    app.update(Action::MarkAllRead);
    assert_eq!(
        app.message.as_ref().unwrap().text.split(" (").next(),
        Some("3 articles marked read")
    );
    assert_eq!(app.counts.unread, 0);
    app.update(Action::Undo);
    assert_eq!(app.counts.unread, 3);
}

/// Marks that arrive after the first frame reach the heading with the next tick.
#[test]
fn marks_arriving_after_the_first_frame_reach_the_heading() {
    let data = tempfile::tempdir().unwrap();
    let mut app = app_opening_marks(&data, &[2]);
    let started = std::time::Instant::now();
    while app.counts.unread != 4 && started.elapsed() < std::time::Duration::from_secs(20) {
        app.update(Action::Tick);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(app.counts.unread, 4);
    assert!(app.store.marks_loaded());
}
