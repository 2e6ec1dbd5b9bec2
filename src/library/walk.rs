//! The walk: every file to read under the library's folders, and a warning for each path that
//! cannot be followed. Files are only found here; [`super::load`] reads them.

use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use super::read::{self, Problem};
use super::{EXTENSIONS, Warning, display_path};

/// Every file to read under `roots` (named files whatever their extension), in path order,
/// and a warning for each path the walk could not follow.
pub fn walk(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let Some((first, rest)) = roots.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    // Read what is there: no .gitignore rules, but skip hidden files and folders (.git).
    builder
        .standard_filters(false)
        .hidden(true)
        .follow_links(true);
    let found = Mutex::new((Vec::new(), Vec::new()));
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let visited = visit(entry);
            if visited.is_some() {
                let mut found = found
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match visited {
                    Some(Ok(path)) => found.0.push(path),
                    Some(Err(warning)) => found.1.push(warning),
                    None => {}
                }
            }
            WalkState::Continue
        })
    });
    let (mut files, warnings) = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // By bytes: comparing paths component by component cost a tenth of a warm load.
    files.sort_unstable_by(|a, b| a.as_os_str().as_bytes().cmp(b.as_os_str().as_bytes()));
    (files, warnings)
}

/// One walked path: a file to read, a warning, or nothing (folders, other extensions).
fn visit(found: Result<ignore::DirEntry, ignore::Error>) -> Option<Result<PathBuf, Warning>> {
    let found = match found {
        Ok(found) => found,
        Err(error) => return Some(Err(walk_warning(&error))),
    };
    let path = found.path();
    let named = found.depth() == 0;
    let wanted = named
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
    let file_type = found.file_type()?;
    if !wanted || file_type.is_dir() {
        return None;
    }
    if !file_type.is_file() {
        return Some(Err(Warning {
            path: display_path(path),
            problem: Problem::NotRegular(read::kind_name(file_type)),
        }));
    }
    Some(Ok(found.into_path()))
}

/// Turns a walk error (a loop, a vanished file, no permission) into a warning with its path.
fn walk_warning(error: &ignore::Error) -> Warning {
    let mut path = None;
    let mut inner = error;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| display_path(p));
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            ignore::Error::Loop { child, .. } => {
                let path = path.unwrap_or_else(|| display_path(child));
                return Warning {
                    path,
                    problem: Problem::SymlinkLoop,
                };
            }
            _ => break,
        }
    }
    let reason = inner
        .io_error()
        .map_or_else(|| inner.to_string(), ToString::to_string);
    Warning {
        path: path.unwrap_or_else(|| "?".to_owned()),
        problem: Problem::Io(reason),
    }
}
