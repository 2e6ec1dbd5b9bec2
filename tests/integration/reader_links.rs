//! The list of an article's links over the reader (issue 13): a web page's links travel after
//! its text, the reader lists them numbered, and enter or a digit opens one in the browser.

use crate::support::keys::press;
use lectern::action::Action;
use lectern::app::{App, Effect, View};
use lectern::config::Config;
use lectern::keymap::Mode;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A page with five links: relative, absolute, a fragment (dropped), an escape in a link's
/// text, an Arabic one and a mail address.
const PAGE: &str = "<html lang='en'><head><title>Rain on the plains</title>\
    <link rel='canonical' href='https://news.example/world/rain'>\
    <meta property='article:published_time' content='2024-03-05T10:00:00Z'></head><body>\
    <nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><article><h1>Rain on the plains</h1>\
    <p>The <a href='/weather/report'>weather office</a> says the rain will last all week across \
    the plains, and that the rivers will rise before the weekend.</p>\
    <p>Farmers told <a href='https://radio.example/farm'>the farm radio \x1b[31mshow</a> they \
    had not seen such rain in ten years, and asked for help from the <a href='#top'>region</a>.</p>\
    <p>A summary in Arabic is on <a href='https://ar.example/مطر'>موقع الأخبار</a>, and \
    readers can <a href='mailto:desk@news.example'>write to the desk</a> with their photos.</p>\
    </article><footer>© News</footer></body></html>";

fn app_with_page(dir: &tempfile::TempDir, size: (u16, u16)) -> App {
    std::fs::write(dir.path().join("rain.html"), PAGE).unwrap();
    let library = Library::load(&[dir.path().to_owned()], LoadOptions::default());
    assert_eq!(library.entries.len(), 1, "{:?}", library.warnings);
    let (store, _) = Store::open(&dir.path().join("state"));
    let mut app = App::new(library, store, &[], Config::default(), size);
    app.update(Action::Open);
    app
}

fn screen(app: &App) -> String {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            row.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn the_page_s_links_are_the_article_s_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_page(&dir, (80, 20));
    let View::Reader(reader) = &app.view else {
        panic!("not reading")
    };
    let links: Vec<(&str, &str)> = (reader.article.links.iter())
        .map(|l| (l.text.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("weather office", "https://news.example/weather/report"),
            ("the farm radio show", "https://radio.example/farm"),
            ("موقع الأخبار", "https://ar.example/مطر"),
            ("write to the desk", "mailto:desk@news.example"),
        ]
    );
    // The text of each link stays in its paragraph, without brackets or addresses.
    let body = reader.article.paragraphs.join("\n");
    assert!(body.contains("The weather office says"), "{body}");
    assert!(
        !body.contains("]: <") && !body.contains("https://"),
        "{body}"
    );
}

#[test]
fn enter_and_digits_open_links_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_page(&dir, (80, 20));
    press(&mut app, "L");
    assert_eq!(app.mode(), Mode::Links);
    press(&mut app, "j");
    press(&mut app, "enter");
    assert_eq!(
        app.effects,
        [Effect::OpenUrl("https://radio.example/farm".to_owned())]
    );
    app.effects.clear();
    press(&mut app, "4");
    assert_eq!(
        app.effects,
        [Effect::OpenUrl("mailto:desk@news.example".to_owned())]
    );
    app.effects.clear();
    // No fifth link: nothing opens, and the status bar says why.
    press(&mut app, "5");
    assert!(app.effects.is_empty());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("no link 5: this article has 4")
    );
    // Moving stops at the last link.
    for _ in 0..10 {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert_eq!(
        app.effects,
        [Effect::OpenUrl("mailto:desk@news.example".to_owned())]
    );
    press(&mut app, "esc");
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, "L");
    press(&mut app, "L");
    assert_eq!(app.mode(), Mode::Reader);
}

#[test]
fn an_article_without_links_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path());
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), (80, 20));
    app.update(Action::Open);
    press(&mut app, "L");
    assert_eq!(app.mode(), Mode::Reader);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("no links in this article")
    );
}

#[test]
fn the_list_of_links_over_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_page(&dir, (80, 16));
    press(&mut app, "L");
    press(&mut app, "j");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_narrow_screen_cuts_each_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_page(&dir, (40, 12));
    press(&mut app, "L");
    insta::assert_snapshot!(screen(&app));
}
