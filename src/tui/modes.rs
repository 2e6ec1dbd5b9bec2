//! The terminal's modes: raw mode and the alternate screen (through ratatui), mouse buttons,
//! bracketed paste and the bidi mode; set on entering, undone on leaving, suspending and
//! panicking.

use std::io::{self, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::text::BidiMode;

/// Terminal `BiDi` spec (terminal-wg): explicit mode, the application does the reordering.
const BDSM_EXPLICIT: &str = "\x1b[8l";
/// Back to the terminal's implicit (own) reordering.
const BDSM_IMPLICIT: &str = "\x1b[8h";

/// Mouse button and wheel reports (1000) in SGR coordinates (1006). Not crossterm's
/// `EnableMouseCapture`, which also asks for every motion (1003) and so takes the terminal's
/// own text selection away.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Every mouse mode off, also those lectern never sets (1002, 1003, 1015), in case a program
/// before it left one on.
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// Bracketed paste: pasted text arrives as one event, not as keys.
const PASTE_ON: &str = "\x1b[?2004h";
/// Pasted text arrives as typed keys again.
const PASTE_OFF: &str = "\x1b[?2004l";

/// Show the cursor: ratatui hides it while drawing, and a suspend keeps the terminal alive.
const CURSOR_SHOW: &str = "\x1b[?25h";

/// Takes the terminal: raw mode and the alternate screen, then lectern's own modes.
///
/// # Errors
/// The terminal could not be put into raw mode or written to.
pub fn enter(bidi: BidiMode) -> io::Result<DefaultTerminal> {
    // `try_init` also installs ratatui's panic hook, which restores raw mode and the screen.
    // Half set up (raw mode on, no alternate screen) is worse than not at all.
    let terminal = ratatui::try_init().inspect_err(|_| ratatui::restore())?;
    write_modes(&modes_on(bidi));
    Ok(terminal)
}

/// Gives the terminal back as it was found: lectern's modes off, then the screen and raw mode.
pub fn leave(bidi: BidiMode) {
    write_modes(&modes_off(bidi));
    ratatui::restore();
}

/// Makes a panic undo lectern's own modes before ratatui's hook restores the screen and raw
/// mode, so the shell is not left with mouse reports, bracketed paste or the bidi mode on.
pub fn restore_on_panic(bidi: BidiMode) {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        write_modes(&modes_off(bidi));
        restore(info);
    }));
}

/// ctrl-z: give the terminal back, stop until `fg`, then take it again and redraw everything.
///
/// # Errors
/// The stop signal could not be raised, or the terminal could not be taken again.
pub fn suspend(terminal: &mut DefaultTerminal, bidi: BidiMode) -> io::Result<()> {
    leave(bidi);
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    write_modes(&modes_on(bidi));
    terminal.clear()
}

fn modes_on(bidi: BidiMode) -> String {
    let mut on = format!("{MOUSE_ON}{PASTE_ON}");
    if bidi == BidiMode::App {
        on.push_str(BDSM_EXPLICIT);
    }
    on
}

fn modes_off(bidi: BidiMode) -> String {
    let mut off = format!("{MOUSE_OFF}{PASTE_OFF}{CURSOR_SHOW}");
    if bidi == BidiMode::App {
        off.push_str(BDSM_IMPLICIT);
    }
    off
}

/// Writes mode changes in one go. They are niceties: a terminal that refuses them, or is
/// already gone, still gets the rest of the restore.
fn write_modes(sequences: &str) {
    let mut out = io::stdout();
    let _ = out
        .write_all(sequences.as_bytes())
        .and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mouse_reports_are_buttons_only_and_every_mode_set_is_undone() {
        let on = modes_on(BidiMode::App);
        assert_eq!(on, "\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[8l");
        assert!(
            !on.contains("?1002h") && !on.contains("?1003h"),
            "no motion"
        );
        let off = modes_off(BidiMode::App);
        for undo in ["\x1b[?1000l", "\x1b[?1006l", "\x1b[?2004l", "\x1b[8h"] {
            assert!(off.contains(undo), "{undo:?} missing from {off:?}");
        }
        for motion in ["\x1b[?1002l", "\x1b[?1003l", "\x1b[?1015l"] {
            assert!(off.contains(motion), "{motion:?} missing from {off:?}");
        }
    }

    #[test]
    fn the_bidi_mode_is_left_alone_unless_lectern_reorders() {
        assert!(!modes_on(BidiMode::Terminal).contains("\x1b[8"));
        assert!(!modes_off(BidiMode::Terminal).contains("\x1b[8"));
    }
}
