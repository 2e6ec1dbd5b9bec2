//! Reading the terminal: every event already waiting is taken at once, so a burst of keys is
//! handled in one go and drawn once, and ctrl-c quits whatever is queued before it.

use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Most time spent reading waiting events, and then handling them, before the screen is drawn.
pub const BUDGET: Duration = Duration::from_millis(8);

/// The shortest wait, meaning "only what is already there". crossterm's `/dev/tty` reader
/// (feature `use-dev-tty`) does not look at the terminal at all when given no time.
pub const NO_WAIT: Duration = Duration::from_micros(100);

/// Most events read ahead of handling; more are read once some are handled. Far more than
/// the terminal's input buffer (4 KiB) holds, so only a flood of keys is held back.
const MOST_QUEUED: usize = 1 << 16;

/// Events read from the terminal and not yet handled, oldest first.
#[derive(Default)]
pub struct Input {
    queued: VecDeque<Event>,
}

/// What one read found.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// Events (or none) are queued to be handled in order.
    Queued,
    /// ctrl-c was among them: quit now, whatever else is waiting.
    Interrupt,
}

impl Input {
    /// Waits up to `wait` for an event (not at all when events are queued), then reads every
    /// event already waiting, for at most [`BUDGET`].
    ///
    /// # Errors
    /// The terminal could not be read.
    pub fn read(&mut self, wait: Duration) -> io::Result<Read> {
        let wait = if self.queued.is_empty() {
            wait
        } else {
            NO_WAIT
        };
        if self.queued.len() >= MOST_QUEUED || !event::poll(wait)? {
            return Ok(Read::Queued);
        }
        let start = Instant::now();
        loop {
            let event = event::read()?;
            if is_interrupt(&event) {
                return Ok(Read::Interrupt);
            }
            self.queued.push_back(event);
            if self.queued.len() >= MOST_QUEUED
                || start.elapsed() >= BUDGET
                || !event::poll(NO_WAIT)?
            {
                return Ok(Read::Queued);
            }
        }
    }

    /// The oldest event not yet handled.
    pub fn next(&mut self) -> Option<Event> {
        self.queued.pop_front()
    }
}

/// ctrl-c: quit, in every screen and mode.
fn is_interrupt(event: &Event) -> bool {
    matches!(event, Event::Key(key) if key.kind != KeyEventKind::Release
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c' | 'C')))
}

/// ctrl-z: suspend to the shell.
pub fn is_suspend(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn ctrl_c_interrupts_and_c_alone_does_not() {
        assert!(is_interrupt(&key(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL
        )));
        assert!(is_interrupt(&key(
            KeyCode::Char('C'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        )));
        assert!(!is_interrupt(&key(KeyCode::Char('c'), KeyModifiers::NONE)));
        assert!(!is_interrupt(&key(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL
        )));
        assert!(!is_interrupt(&Event::Paste("\u{3}".to_owned())));
    }
}
