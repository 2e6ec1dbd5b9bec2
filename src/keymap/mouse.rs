//! Mouse events as actions: the wheel scrolls what is under the pointer, a click selects, a
//! second click on the same cell soon after is a double click.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use crate::action::{Action, Pointer};

/// Lines one notch of the wheel scrolls.
const WHEEL_LINES: i16 = 3;

/// The longest pause between the two clicks of a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Remembers the last click, to tell a double click from two single ones.
#[derive(Debug, Default)]
pub struct Clicks {
    last: Option<(Pointer, Instant)>,
}

impl Clicks {
    /// What a mouse event does, `now` being when it arrived.
    pub fn resolve(&mut self, event: MouseEvent, now: Instant) -> Option<Action> {
        let at = Pointer {
            column: event.column,
            row: event.row,
        };
        match event.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel(at, WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(at, -WHEEL_LINES)),
            MouseEventKind::Down(MouseButton::Left) => {
                let double = self.last.is_some_and(|(where_, when)| {
                    where_ == at && now.saturating_duration_since(when) <= DOUBLE_CLICK
                });
                // A third click starts again rather than making a second double click.
                self.last = (!double).then_some((at, now));
                Some(Action::Click(at, double))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn two_quick_clicks_on_one_cell_are_a_double_click() {
        let mut clicks = Clicks::default();
        let start = Instant::now();
        let click = MouseEventKind::Down(MouseButton::Left);
        let at = Pointer { column: 3, row: 4 };
        assert_eq!(
            clicks.resolve(event(click, 3, 4), start),
            Some(Action::Click(at, false))
        );
        let soon = start + Duration::from_millis(200);
        assert_eq!(
            clicks.resolve(event(click, 3, 4), soon),
            Some(Action::Click(at, true))
        );
        let third = soon + Duration::from_millis(100);
        assert_eq!(
            clicks.resolve(event(click, 3, 4), third),
            Some(Action::Click(at, false))
        );
        let late = third + Duration::from_secs(1);
        assert_eq!(
            clicks.resolve(event(click, 3, 4), late),
            Some(Action::Click(at, false))
        );
        let elsewhere = late + Duration::from_millis(100);
        let moved = clicks.resolve(event(click, 9, 4), elsewhere);
        assert_eq!(
            moved,
            Some(Action::Click(Pointer { column: 9, row: 4 }, false))
        );
    }

    #[test]
    fn the_wheel_scrolls_where_it_is_and_motion_does_nothing() {
        let mut clicks = Clicks::default();
        let now = Instant::now();
        let down = clicks.resolve(event(MouseEventKind::ScrollDown, 1, 2), now);
        assert_eq!(down, Some(Action::Wheel(Pointer { column: 1, row: 2 }, 3)));
        assert_eq!(
            clicks.resolve(event(MouseEventKind::Moved, 1, 2), now),
            None
        );
    }
}
