//! The interactive reader (a plain list of titles until the TUI issue lands).

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::widgets::{Block, List, ListState};

use crate::library::Library;

/// Shows the library's titles until `q`, `Esc` or `ctrl-c`.
///
/// # Errors
/// The terminal could not be set up or read.
pub fn run(library: &Library) -> std::io::Result<()> {
    let titles: Vec<String> = library
        .entries
        .iter()
        .map(|e| strip_bidi_controls(&e.meta.title))
        .collect();
    let mut terminal = ratatui::init();
    let mut state = ListState::default().with_selected(Some(0));
    let result = loop {
        let list = List::new(titles.clone())
            .block(Block::bordered().title(" lectern "))
            .highlight_symbol("> ");
        if let Err(error) =
            terminal.draw(|frame| frame.render_stateful_widget(list, frame.area(), &mut state))
        {
            break Err(error);
        }
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => match key.code {
                KeyCode::Char('q') | KeyCode::Esc => break Ok(()),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => break Ok(()),
                KeyCode::Char('j') | KeyCode::Down => state.select_next(),
                KeyCode::Char('k') | KeyCode::Up => state.select_previous(),
                _ => {}
            },
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    ratatui::restore();
    result
}

/// Bidi controls are for the layout engine, never for the screen.
fn strip_bidi_controls(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}
