//! Every view and overlay drawn at sizes from 1×1 to 300×100: no panic, nothing of the
//! screen drawn through the status bar, and no position such as `1-0/216`.

use lectern::action::Action;
use lectern::app::App;
use lectern::config::Config;
use lectern::library::Library;
use lectern::store::Store;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The views to draw: keys pressed on the bundled library from the list.
const VIEWS: &[&[Action]] = &[
    &[],
    &[Action::Filter, Action::Type('v'), Action::Type('i')],
    &[Action::Open],
    &[Action::Bottom, Action::Open, Action::Bottom],
    &[Action::MarkCompare, Action::Down, Action::MarkCompare],
    &[
        Action::MarkCompare,
        Action::Bottom,
        Action::MarkCompare,
        Action::ToggleSync,
        Action::PageDown,
    ],
];

fn draw(views: usize, help: bool, size: (u16, u16), data: &tempfile::TempDir) -> String {
    let (store, _) = Store::open(data.path());
    let mut app = App::new(Library::bundled(), store, &[], Config::default(), (120, 40));
    for action in VIEWS[views] {
        app.update(action.clone());
    }
    app.update(Action::Resize(size.0, size.1));
    if help {
        app.update(Action::Help);
    }
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(&app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..size.0)
        .map(|x| buffer[(x, size.1 - 1)].symbol().to_owned())
        .collect()
}

/// A `first-last/total` in `status` whose last line is before its first.
fn backwards_position(status: &str) -> Option<(usize, usize)> {
    let bytes = status.as_bytes();
    for (i, _) in status.match_indices('-') {
        let digits_before = status[..i]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        let after = &status[i + 1..];
        let digits_after = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits_before == 0 || digits_after == 0 || bytes.get(i + 1 + digits_after) != Some(&b'/')
        {
            continue;
        }
        let first: usize = status[i - digits_before..i].parse().ok()?;
        let last: usize = after[..digits_after].parse().ok()?;
        if last < first {
            return Some((first, last));
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_view_draws_at_every_size(
        width in 1u16..=300,
        height in 1u16..=100,
        view in 0..VIEWS.len(),
        help in any::<bool>(),
    ) {
        let data = tempfile::tempdir().unwrap();
        let status = draw(view, help, (width, height), &data);
        if !help {
            prop_assert!(!status.contains(['─', '━', '│']), "a rule in the status bar: {status:?}");
            prop_assert_eq!(backwards_position(&status), None, "{:?}", status);
        }
    }
}

#[test]
fn the_sizes_that_used_to_panic_draw() {
    let data = tempfile::tempdir().unwrap();
    for (width, height) in [
        (120, 4),
        (60, 4),
        (120, 2),
        (60, 2),
        (40, 2),
        (2, 2),
        (1, 1),
        (10, 3),
    ] {
        for view in 0..VIEWS.len() {
            for help in [false, true] {
                let status = draw(view, help, (width, height), &data);
                if !help {
                    assert!(
                        !status.contains(['─', '━', '│']),
                        "{width}×{height} view {view}: {status:?}"
                    );
                    assert_eq!(backwards_position(&status), None, "{status:?}");
                }
            }
        }
    }
}

#[test]
fn the_position_checker_finds_a_backwards_range() {
    assert_eq!(backwards_position(" 1-0/216 "), Some((1, 0)));
    assert_eq!(backwards_position("sync 1-12/216"), None);
    assert_eq!(backwards_position("2024-03-06"), None);
}
