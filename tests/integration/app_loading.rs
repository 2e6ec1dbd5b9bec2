//! The app while its library loads in the background: the list fills batch by batch, the
//! status bar counts, the filter works on what has arrived, and the end puts the list in
//! order without losing a selection the person made (an untouched list opens at its top).

use std::fs::{self, File};
use std::time::{Duration, SystemTime};

use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions, Progress};
use lectern::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 30 articles "Tin số N" (N = 0..29), file N dated N days after a fixed day.
fn folder(dir: &std::path::Path) {
    for n in 0..30u64 {
        let path = dir.join(format!("{:02}/{n:03}.txt", n % 3));
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        let text = format!("Tin số {n}\n\nNội dung của bài số {n}, viết tay cho phép thử này.\n");
        fs::write(&path, text).expect("write");
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + n * 86_400);
        File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(time))
            .expect("time");
    }
}

/// The loader's steps, with its one batch cut into batches of `size`, as a big library
/// would send them.
fn steps(dir: &std::path::Path, size: usize) -> (Library, Vec<Progress>) {
    let (library, progress) = Library::start(&[dir.to_owned()], LoadOptions::default());
    let mut steps = Vec::new();
    for step in progress {
        match step {
            Progress::Batch(batch) => {
                let mut batch = batch.into_iter().peekable();
                while batch.peek().is_some() {
                    steps.push(Progress::Batch(batch.by_ref().take(size).collect()));
                }
            }
            other => steps.push(other),
        }
    }
    (library, steps)
}

/// An app over the 30-article folder, loading, with the loader's steps still to receive.
fn loading_app(size: (u16, u16)) -> (tempfile::TempDir, App, Vec<Progress>) {
    let tmp = tempfile::tempdir().expect("temp");
    folder(tmp.path());
    let (library, steps) = steps(tmp.path(), 10);
    let (store, _) = Store::open(&tmp.path().join("data"));
    let mut app = App::new(library, store, &[], Config::default(), size);
    app.start_loading();
    (tmp, app, steps)
}

fn status_line(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, height - 1)].symbol().to_owned())
        .collect()
}

fn title(app: &App, position: usize) -> &str {
    &app.library.entries[app.list.visible[position]].meta.title
}

#[test]
fn the_list_fills_as_batches_arrive_and_is_ordered_at_the_end() {
    let (_tmp, mut app, steps) = loading_app((100, 20));
    assert_eq!(steps.len(), 5, "found, three batches of ten, done");
    assert!(status_line(&app).contains("looking for articles…"));

    let mut steps = steps.into_iter();
    app.receive(steps.next().expect("found"));
    assert!(
        status_line(&app).contains("loaded 0 / 30"),
        "{}",
        status_line(&app)
    );
    app.receive(steps.next().expect("batch 1"));
    assert_eq!(app.list.visible.len(), 10);
    assert!(status_line(&app).contains("loaded 10 / 30"));

    // Filter what has arrived; later batches join the result.
    app.update(Action::Filter);
    for c in "so 2".chars() {
        app.update(Action::Type(c));
    }
    let first: Vec<String> = (0..app.list.visible.len())
        .map(|i| title(&app, i).to_owned())
        .collect();
    app.update(Action::Down);
    let selected = app.selected_entry().map(|e| e.meta.id.clone());
    app.receive(steps.next().expect("batch 2"));
    app.receive(steps.next().expect("batch 3"));
    assert!(app.list.visible.len() >= first.len());
    assert_eq!(
        app.selected_entry().map(|e| e.meta.id.clone()),
        selected,
        "new rows do not move the selection to another article"
    );
    // Every title with "2" in its number matches "so 2" (a subsequence of "tin so N...").
    let expected = (0..30).filter(|n| n.to_string().contains('2')).count();
    assert_eq!(app.list.visible.len(), expected);

    app.receive(steps.next().expect("done"));
    assert!(app.loading.is_none());
    assert!(!status_line(&app).contains("loaded"));
    assert_eq!(
        app.selected_entry().map(|e| e.meta.id.clone()),
        selected,
        "the selection survives the reordering"
    );
    app.update(Action::ClearFilter);
    // Newest first once loading is done.
    let order: Vec<&str> = (0..3).map(|i| title(&app, i)).collect();
    assert_eq!(order, ["Tin số 29", "Tin số 28", "Tin số 27"]);
    assert_eq!(app.counts.unread, 30);
}

#[test]
fn an_untouched_list_opens_at_its_newest_article_once_in_order() {
    let (_tmp, mut app, steps) = loading_app((100, 20));
    let mut steps = steps.into_iter();
    app.receive(steps.next().expect("found"));
    app.receive(steps.next().expect("batch 1"));
    // The first file read is number 0 (folders in name order), the oldest: it must not stay
    // selected, somewhere down the ordered list, when nobody chose it.
    assert_eq!(
        app.selected_entry().map(|e| e.meta.title.as_str()),
        Some("Tin số 0")
    );
    for step in steps {
        app.receive(step);
    }
    assert!(app.loading.is_none());
    assert_eq!(app.list.selected, 0);
    assert_eq!(
        app.selected_entry().map(|e| e.meta.title.as_str()),
        Some("Tin số 29")
    );
}

#[test]
fn articles_opened_while_loading_stay_themselves_when_the_list_is_ordered() {
    let (_tmp, mut app, steps) = loading_app((120, 30));
    let mut steps = steps.into_iter();
    app.receive(steps.next().expect("found"));
    app.receive(steps.next().expect("batch 1"));
    // Mark one article for comparison, and read another beside it.
    app.update(Action::MarkCompare);
    let marked = app.selected_entry().expect("row").meta.id.clone();
    app.update(Action::Down);
    app.update(Action::Open);
    let View::Reader(reader) = &app.view else {
        panic!("not reading")
    };
    let open = reader.article.meta.id.clone();
    app.update(Action::Compare);
    for step in steps {
        app.receive(step);
    }
    assert!(app.loading.is_none());
    // The rows were reordered (newest first): every pane still points at its own article.
    let View::Compare(compare) = &app.view else {
        panic!("not comparing")
    };
    for pane in &compare.pair.sides {
        assert_eq!(
            app.library.entries[pane.entry].meta.id,
            pane.article.meta.id
        );
    }
    let ids: Vec<&str> = (compare.pair.sides.iter())
        .map(|p| p.article.meta.id.as_str())
        .collect();
    assert_eq!(ids, [marked.as_str(), open.as_str()]);
    app.update(Action::Back);
    let View::Reader(reader) = &app.view else {
        panic!("not reading")
    };
    assert_eq!(app.library.entries[reader.entry].meta.id, open);
    // So a bookmark made now lands on the article on screen.
    app.update(Action::ToggleBookmark);
    assert!(app.store.is_bookmarked(&open));
    assert_eq!(app.counts.bookmarked, 1);
}
