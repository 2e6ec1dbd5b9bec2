//! The terminal side: the event loop around `App`, with signals, suspend and the library's
//! loading progress. The terminal's modes are set and restored in [`modes`], events read in
//! [`input`].

mod input;
mod modes;

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};
use signal_hook::consts::{SIGHUP, SIGTERM};

use crate::action::Action;
use crate::app::App;
use crate::keymap::Clicks;
use crate::library::Progress;
use crate::text::BidiMode;
use input::{Input, Read};

/// How often the loop wakes to look at the signal flags when no event arrives.
const POLL: Duration = Duration::from_millis(200);

/// How often the loop looks for loaded files while a library loads, and for the lines of
/// body-search hits while they are cut: about one frame.
const LOADING_POLL: Duration = Duration::from_millis(16);

/// Most time spent taking in loaded files between two looks at the keyboard, so typing
/// stays responsive while a large library streams in.
const LOADING_BUDGET: Duration = Duration::from_millis(8);

/// How often the app looks for changes from outside (another window's marks, a rescan).
const TICK: Duration = Duration::from_millis(250);

/// How long the event loop gets to notice a SIGTERM/SIGHUP before the process is ended anyway.
const GRACE: Duration = Duration::from_secs(2);

/// Runs the interactive reader until the user quits or a SIGTERM/SIGHUP arrives, taking in
/// the library's `progress` while it loads in the background.
///
/// # Errors
/// The terminal could not be set up, read or written.
pub fn run(mut app: App, progress: Option<Receiver<Progress>>) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let bidi = app.config.bidi;
    end_if_stuck_after(Arc::clone(&stop), bidi);
    let mut terminal = modes::enter(bidi)?;
    modes::restore_on_panic(bidi);
    let result = event_loop(&mut terminal, &mut app, progress, &stop, bidi);
    modes::leave(bidi);
    // Saves run on the store's thread: wait for the last one, and say so if it failed.
    let saved = app
        .store
        .flush()
        .map_err(|error| io::Error::other(format!("bookmarks and read marks not saved: {error}")));
    result.and(saved)
}

/// Whether lectern has a terminal to run in: input and output both go to one. Not from cron,
/// a pipe, or `ssh host lectern` without `-t`.
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Watches for SIGTERM/SIGHUP on a thread of its own. The event loop normally sees the flag
/// within [`POLL`]; when it has not left [`GRACE`] later it is stuck inside crossterm, which
/// (0.29) spins forever reading a hung-up terminal's endless end-of-file. Then the terminal is
/// restored as far as it still exists and the process ends. The store's thread has saved every
/// change made before the signal by then (a save takes milliseconds), so nothing is lost.
fn end_if_stuck_after(stop: Arc<AtomicBool>, bidi: BidiMode) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(POLL);
        }
        std::thread::sleep(GRACE);
        modes::leave(bidi);
        crate::library::remove_unfinished();
        std::process::exit(1);
    });
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut progress: Option<Receiver<Progress>>,
    stop: &AtomicBool,
    bidi: BidiMode,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut input = Input::default();
    let mut dirty = true;
    let mut drawn = Instant::now();
    let mut clicks = Clicks::default();
    let mut ticked = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        let mut pending = false;
        if let Some(receiver) = &progress {
            let taken = take_in(app, receiver);
            dirty |= taken.any;
            pending = taken.more;
            if taken.done {
                progress = None;
            }
        }
        dirty |= app.take_snippets();
        // While batches keep coming, draw about once a frame rather than after each one.
        if dirty && (!pending || drawn.elapsed() >= LOADING_POLL) {
            draw(terminal, app)?;
            drawn = Instant::now();
            dirty = false;
        }
        let wait = if pending {
            input::NO_WAIT
        } else if progress.is_some() || app.cutting_snippets() {
            LOADING_POLL
        } else {
            POLL
        };
        if input.read(wait)? == Read::Interrupt {
            return Ok(());
        }
        // Handle what was read, in order, for at most a budget: then draw, read again.
        let start = Instant::now();
        while let Some(event) = input.next() {
            dirty |= handle(terminal, app, &mut clicks, event, bidi)?;
            if app.quit || start.elapsed() >= input::BUDGET {
                break;
            }
        }
        dirty |= do_effects(app);
        if ticked.elapsed() >= TICK {
            app.update(crate::action::Action::Tick);
            ticked = Instant::now();
            dirty = true;
        }
    }
    Ok(())
}

/// Does what the app asked of the world outside; returns whether anything was done.
fn do_effects(app: &mut App) -> bool {
    let effects = std::mem::take(&mut app.effects);
    let any = !effects.is_empty();
    for effect in effects {
        if let Err(error) = crate::launch::perform(&effect) {
            app.update(crate::action::Action::None);
            app.message = Some(crate::app::Message {
                text: error.to_string(),
                error: true,
            });
        }
    }
    any
}

/// Hands one event to the app; returns whether anything may have changed on screen.
fn handle(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    clicks: &mut Clicks,
    event: Event,
    bidi: BidiMode,
) -> io::Result<bool> {
    let action = match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if input::is_suspend(key) {
                modes::suspend(terminal, bidi)?;
                return Ok(true);
            }
            app.config.keys.0.resolve(app.mode(), key)
        }
        Event::Mouse(mouse) => clicks.resolve(mouse, Instant::now()),
        Event::Resize(columns, rows) => Some(Action::Resize(columns, rows)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    };
    let Some(action) = action else {
        return Ok(false);
    };
    app.update(action);
    Ok(true)
}

/// What one look at the loader brought.
struct Taken {
    /// Something arrived.
    any: bool,
    /// The time budget ran out with more perhaps waiting.
    more: bool,
    /// Loading is over.
    done: bool,
}

/// Takes in what the loader has sent, for at most [`LOADING_BUDGET`].
fn take_in(app: &mut App, receiver: &Receiver<Progress>) -> Taken {
    let start = Instant::now();
    let mut taken = Taken {
        any: false,
        more: false,
        done: false,
    };
    loop {
        if start.elapsed() >= LOADING_BUDGET {
            taken.more = true;
            return taken;
        }
        match receiver.try_recv() {
            Ok(step) => {
                taken.done = matches!(step, Progress::Done);
                app.receive(step);
                taken.any = true;
                if taken.done {
                    return taken;
                }
            }
            Err(TryRecvError::Empty) => return taken,
            // The loader died without finishing: keep what came, and say loading is over.
            Err(TryRecvError::Disconnected) => {
                app.receive(Progress::Done);
                taken.any = true;
                taken.done = true;
                return taken;
            }
        }
    }
}

/// One frame, inside a synchronized update (mode 2026) so the terminal never shows half of it.
fn draw(terminal: &mut DefaultTerminal, app: &App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| crate::ui::draw(app, frame))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}
