//! The terminal side: set-up and restore, signals, suspend, and the event loop around `App`.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};
use signal_hook::consts::{SIGHUP, SIGTERM};

use crate::app::App;
use crate::library::Progress;
use crate::text::BidiMode;

/// Terminal `BiDi` spec (terminal-wg): explicit mode, the application does the reordering.
const BDSM_EXPLICIT: &str = "\x1b[8l";
/// Back to the terminal's implicit (own) reordering.
const BDSM_IMPLICIT: &str = "\x1b[8h";

/// How often the loop wakes to look at the signal flags when no event arrives.
const POLL: Duration = Duration::from_millis(200);

/// How often the loop looks for loaded files while a library loads: about one frame.
const LOADING_POLL: Duration = Duration::from_millis(16);

/// Most time spent taking in loaded files between two looks at the keyboard, so typing
/// stays responsive while a large library streams in.
const LOADING_BUDGET: Duration = Duration::from_millis(8);

/// The shortest wait, meaning "only what is already there". crossterm's `/dev/tty` reader
/// (feature `use-dev-tty`) does not look at the terminal at all when given no time.
const NO_WAIT: Duration = Duration::from_micros(100);

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
    let mut terminal = enter(bidi);
    // ratatui's hook (installed by `init`) restores the screen and raw mode; ours runs first and
    // undoes what ratatui does not know about: the mouse and the bidi mode.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let mut out = io::stdout();
        if bidi == BidiMode::App {
            let _ = out.write_all(BDSM_IMPLICIT.as_bytes());
        }
        let _ = execute!(out, DisableMouseCapture);
        restore(info);
    }));
    let result = event_loop(&mut terminal, &mut app, progress, &stop, bidi);
    leave(bidi);
    result
}

/// Whether lectern has a terminal to run in: input and output both go to one. Not from cron,
/// a pipe, or `ssh host lectern` without `-t`.
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Watches for SIGTERM/SIGHUP on a thread of its own. The event loop normally sees the flag
/// within [`POLL`]; when it has not left [`GRACE`] later it is stuck inside crossterm, which
/// (0.29) spins forever reading a hung-up terminal's endless end-of-file. Then the terminal is
/// restored as far as it still exists and the process ends.
fn end_if_stuck_after(stop: Arc<AtomicBool>, bidi: BidiMode) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(POLL);
        }
        std::thread::sleep(GRACE);
        leave(bidi);
        std::process::exit(1);
    });
}

fn enter(bidi: BidiMode) -> DefaultTerminal {
    let terminal = ratatui::init();
    let mut out = io::stdout();
    // Mouse and BDSM are niceties: a terminal that refuses them still works.
    let _ = execute!(out, EnableMouseCapture);
    if bidi == BidiMode::App {
        let _ = out
            .write_all(BDSM_EXPLICIT.as_bytes())
            .and_then(|()| out.flush());
    }
    terminal
}

fn leave(bidi: BidiMode) {
    let mut out = io::stdout();
    if bidi == BidiMode::App {
        let _ = out.write_all(BDSM_IMPLICIT.as_bytes());
    }
    // ratatui's restore leaves the cursor hidden; at exit `Terminal`'s drop shows it, but a
    // suspend (ctrl-z) keeps the terminal alive, so the shell got a hidden cursor.
    let _ = execute!(out, DisableMouseCapture, ratatui::crossterm::cursor::Show);
    ratatui::restore();
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut progress: Option<Receiver<Progress>>,
    stop: &AtomicBool,
    bidi: BidiMode,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(crate::action::Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut drawn = Instant::now();
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
        // While batches keep coming, draw about once a frame rather than after each one.
        if dirty && (!pending || drawn.elapsed() >= LOADING_POLL) {
            draw(terminal, app)?;
            drawn = Instant::now();
            dirty = false;
        }
        let wait = if pending {
            NO_WAIT
        } else if progress.is_some() {
            LOADING_POLL
        } else {
            POLL
        };
        if !event::poll(wait)? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if is_suspend(key) {
                    suspend(terminal, bidi)?;
                    dirty = true;
                    continue;
                }
                app.key_action(key)
            }
            Event::Mouse(mouse) => App::mouse_action(mouse),
            Event::Resize(columns, rows) => Some(crate::action::Action::Resize(columns, rows)),
            _ => None,
        };
        if let Some(action) = action {
            app.update(action);
            dirty = true;
        }
    }
    Ok(())
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

fn is_suspend(key: event::KeyEvent) -> bool {
    key.modifiers.contains(event::KeyModifiers::CONTROL)
        && matches!(key.code, event::KeyCode::Char('z' | 'Z'))
}

/// ctrl-z: give the terminal back, stop until `fg`, then take it again and redraw everything.
fn suspend(terminal: &mut DefaultTerminal, bidi: BidiMode) -> io::Result<()> {
    leave(bidi);
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    *terminal = enter(bidi);
    terminal.clear()
}
