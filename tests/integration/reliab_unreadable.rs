//! A file made unreadable after the index cache listed it (#17): opening it says why, and
//! the list marks its row with the reason (`!` where `N` goes, the reason where the source
//! goes) until it opens again.

use std::os::unix::fs::PermissionsExt;

use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;

use crate::support::keys::draw;

/// The screen row showing the title `title`, as text.
fn row_of(app: &App, title: &str) -> String {
    let buffer = draw(app);
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|line| line.contains(title))
        .unwrap_or_else(|| panic!("no row shows {title}"))
}

#[test]
fn a_file_unreadable_when_opened_is_marked_in_the_list_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let text = "---\ntitle: Alpha talks\ndate: 2024-03-02\nsource: Wire\n---\n\nBody.\n";
    let alpha = news.join("a.md");
    std::fs::write(&alpha, text).unwrap();
    let beta = "---\ntitle: Beta talks\ndate: 2024-03-01\nsource: Wire\n---\n\nBody.\n";
    std::fs::write(news.join("b.md"), beta).unwrap();
    let library = Library::load(std::slice::from_ref(&news), LoadOptions::default());
    let (store, _) = Store::open(&dir.path().join("data"));
    let mut app = App::new(library, store, &[], Config::default(), (120, 10));
    let before = row_of(&app, "Alpha talks");
    assert_eq!(before.chars().nth(1), Some('N'), "{before}");
    assert!(before.contains("Wire"), "{before}");

    // Unreadable now. Root reads a file whatever its mode, so where that is who runs the
    // test, a folder takes the file's place: it fails to read the same way, when opened.
    std::fs::set_permissions(&alpha, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&alpha).is_ok() {
        std::fs::remove_file(&alpha).unwrap();
        std::fs::create_dir(&alpha).unwrap();
    }
    app.update(Action::Top);
    app.update(Action::Open);
    assert!(matches!(app.view, View::List), "it did not open");
    let said = app.message.clone().expect("the status bar says why");
    assert!(said.error && said.text.contains("a.md"), "{}", said.text);
    let marked = row_of(&app, "Alpha talks");
    assert_eq!(marked.chars().nth(1), Some('!'), "{marked}");
    assert!(
        !marked.contains("Wire"),
        "the reason replaces the source: {marked}"
    );
    let reason = app.unreadable.values().next().expect("a reason").clone();
    assert!(
        !reason.is_empty() && !reason.starts_with("skipped"),
        "{reason}"
    );
    let shown: String = reason.chars().take(8).collect();
    assert!(marked.contains(&shown), "{marked} lacks {reason}");
    // The other row is as it was.
    assert_eq!(row_of(&app, "Beta talks").chars().nth(1), Some('N'));

    // Readable again: it opens, and the mark goes.
    if alpha.is_dir() {
        std::fs::remove_dir(&alpha).unwrap();
    }
    std::fs::write(&alpha, text).unwrap();
    std::fs::set_permissions(&alpha, std::fs::Permissions::from_mode(0o644)).unwrap();
    app.update(Action::Open);
    assert!(matches!(app.view, View::Reader(_)), "{:?}", app.message);
    app.update(Action::Back);
    let after = row_of(&app, "Alpha talks");
    assert!(!after.contains('!') && after.contains("Wire"), "{after}");
}
