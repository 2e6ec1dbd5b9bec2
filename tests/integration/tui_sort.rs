//! The sort key: `s` cycles the list through date, source and language order, keeping the
//! selection on its article and the filter applied; the heading says the order.

use lectern::action::Action;
use lectern::app::{App, SortKey};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;

use crate::support::keys::{draw, type_text};

/// Four articles: (file, date, source, lang, title).
const ARTICLES: [(&str, &str, &str, &str, &str); 4] = [
    ("a.md", "2024-03-04", "Zeit", "de", "Vier"),
    ("b.md", "2024-03-03", "Al Jazeera", "ar", "ثلاثة"),
    ("c.md", "2024-03-02", "Zeit", "de", "Zwei"),
    ("d.md", "2024-03-01", "Đài Tiếng nói", "vi", "Một"),
];

fn app(dir: &tempfile::TempDir) -> App {
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    for (file, date, source, lang, title) in ARTICLES {
        let text = format!(
            "---\ntitle: {title}\ndate: {date}\nsource: {source}\nlang: {lang}\n---\n\nText.\n"
        );
        std::fs::write(news.join(file), text).unwrap();
    }
    let library = Library::load(&[news], LoadOptions::default());
    let (store, _) = Store::open(&dir.path().join("data"));
    App::new(library, store, &[], Config::default(), (70, 10))
}

/// The heading: the first row of the screen.
fn heading(app: &App) -> String {
    let buffer = draw(app);
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol())
        .collect()
}

fn titles(app: &App) -> Vec<&str> {
    (app.list.visible.iter())
        .map(|&row| app.library.entries[row].meta.title.as_str())
        .collect()
}

#[test]
fn the_sort_key_cycles_date_source_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    assert_eq!(titles(&app), ["Vier", "ثلاثة", "Zwei", "Một"]);
    app.update(Action::Down);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, SortKey::Source);
    // Folded: "al jazeera" < "dai tieng noi" < "zeit"; the two Zeit articles newest first.
    assert_eq!(titles(&app), ["ثلاثة", "Một", "Vier", "Zwei"]);
    assert_eq!(app.selected_entry().unwrap().meta.title, "ثلاثة");
    assert_eq!(app.message.as_ref().unwrap().text, "sorted by source");
    assert!(
        heading(&app).trim_end().ends_with("unread · by source"),
        "{}",
        heading(&app)
    );
    app.update(Action::CycleSort);
    assert_eq!(titles(&app), ["ثلاثة", "Vier", "Zwei", "Một"]);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, SortKey::Date);
    assert_eq!(titles(&app), ["Vier", "ثلاثة", "Zwei", "Một"]);
    assert!(
        heading(&app).trim_end().ends_with("unread"),
        "{}",
        heading(&app)
    );
}

#[test]
fn a_filtered_list_is_sorted_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(&dir);
    app.update(Action::CycleSort);
    app.update(Action::Filter);
    type_text(&mut app, "lang:d lang:v");
    // By source: Đài (folded "dai") before Zeit; by date it would be Vier, Zwei, Một.
    assert_eq!(titles(&app), ["Một", "Vier", "Zwei"]);
    type_text(&mut app, " feed:zt");
    assert_eq!(titles(&app), ["Vier", "Zwei"]);
}
