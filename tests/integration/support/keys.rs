//! Driving an `App` as a person at the keyboard would, through the keymap in force: shared by
//! the areas that test screens on `TestBackend`.

use lectern::action::Action;
use lectern::app::App;
use lectern::keymap::Key;

/// Presses `key` (as `config.toml` names it) on the current screen; it must be bound there.
pub fn press(app: &mut App, key: &str) {
    let key: Key = key.parse().unwrap();
    let action = (app.config.keys.0.resolve_key(app.mode(), key))
        .unwrap_or_else(|| panic!("{key} is bound to nothing on {:?}", app.mode()));
    app.update(action);
}

/// Types `text` into the prompt that has the keyboard, a character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

/// The screen as drawn now: a buffer the size of the app's terminal.
pub fn draw(app: &App) -> ratatui::buffer::Buffer {
    let (width, height) = app.size;
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .unwrap();
    terminal.backend().buffer().clone()
}
