//! Cache files still being written (`.tmp*` in the cache folder): each is locked while its
//! writer lives, removed on every way out of the process, and swept at the next start when
//! no live process holds it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

/// The temporary files this process is writing. A kill or an exit while a load runs would
/// leave them (up to megabytes each): every exit path removes them with [`remove_all`].
static WRITING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set by [`remove_all`]: the process is ending, and a file begun after it is removed at
/// once (its writer, on another thread, then fails to put it in place).
static ENDING: AtomicBool = AtomicBool::new(false);

fn writing() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    WRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Notes that `file`, opened at `path`, is being written: it is locked (the sweep of another
/// lectern leaves it alone) and removed by [`remove_all`] unless [`done`] comes first.
pub(super) fn begin(file: &File, path: &Path) {
    // Where locks are not supported the sweep's time test still spares it.
    let _ = file.try_lock();
    let mut writing = writing();
    if ENDING.load(Ordering::SeqCst) {
        let _ = std::fs::remove_file(path);
    } else {
        writing.push(path.to_owned());
    }
}

/// `path` was put in place or removed: no longer ours to remove.
pub(super) fn done(path: &Path) {
    writing().retain(|held| held != path);
}

/// Removes every cache file this process has not finished writing. For the exit paths:
/// quitting, a signal, an error.
pub fn remove_all() {
    let mut writing = writing();
    ENDING.store(true, Ordering::SeqCst);
    for path in writing.drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Ends the process on SIGTERM, SIGINT or SIGHUP as the signal would, after removing the
/// unfinished cache files: for the commands that print and exit (the interactive reader
/// handles these signals itself, restores the terminal, and returns).
pub fn remove_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("lectern-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_all();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

/// Removes the temporary files in the cache folder `dir` that a killed lectern left: those
/// no live writer holds locked, and older than `began` (the start of this load). The time
/// spares a file another lectern created a moment ago and has not yet locked.
pub fn sweep(dir: &Path, began: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry.file_name().as_encoded_bytes().starts_with(b".tmp") {
            continue;
        }
        let path = entry.path();
        let Ok((file, metadata)) = crate::regular_file::open(&path) else {
            continue;
        };
        let old = metadata.modified().is_ok_and(|time| time < began);
        if old && file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_sweep_removes_only_old_unlocked_temporary_files() {
        let dir = tempfile::tempdir().expect("dir");
        let names = [".tmpLeft", ".tmpHeld", ".tmpYoung", "index-a.bin"];
        for name in names {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let held = File::open(dir.path().join(".tmpHeld")).expect("open");
        held.try_lock().expect("lock");
        let began = SystemTime::now() + Duration::from_secs(60);
        let young = File::options()
            .write(true)
            .open(dir.path().join(".tmpYoung"))
            .expect("open");
        young
            .set_modified(began + Duration::from_secs(1))
            .expect("time");
        sweep(dir.path(), began);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".tmpHeld", ".tmpYoung", "index-a.bin"]);
    }
}
