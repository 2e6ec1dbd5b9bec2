//! The walk: every file to read under the library's folders, and a warning for each path that
//! cannot be followed. Files are only found here; [`super::load`] reads them.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use super::read::{self, Problem};
use super::{EXTENSIONS, Warning, display_path};

/// The roots worth walking, in the order given: a root whose canonical path came before is
/// dropped (`news` and `./news/`, or 500 copies of one folder), and so is a root inside a
/// folder that is also a root, when that folder's walk reads it anyway (not under a hidden
/// folder, and a folder or a file of a read extension): reading it twice cost a warning
/// "same article as <its own path>" for each of its files.
pub fn distinct_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    let canonical: Vec<PathBuf> = (roots.iter())
        .map(|root| std::fs::canonicalize(root).unwrap_or_else(|_| root.clone()))
        .collect();
    let folders: Vec<&PathBuf> = (canonical.iter()).filter(|path| path.is_dir()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for (root, real) in roots.iter().zip(&canonical) {
        if !seen.insert(real) {
            continue;
        }
        let walked_anyway = folders.iter().any(|folder| {
            real.strip_prefix(folder).is_ok_and(|below| {
                let hidden = (below.components())
                    .any(|part| part.as_os_str().as_encoded_bytes().starts_with(b"."));
                !below.as_os_str().is_empty() && !hidden && (real.is_dir() || wanted(real))
            })
        });
        if !walked_anyway {
            kept.push(root.clone());
        }
    }
    kept
}

/// Whether a walked file is read: by its extension.
fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

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
    let file_type = found.file_type()?;
    if !(named || wanted(path)) || file_type.is_dir() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_nested_roots_are_walked_once() {
        let dir = tempfile::tempdir().expect("dir");
        let news = dir.path().join("news");
        for folder in ["sub", ".hidden"] {
            std::fs::create_dir_all(news.join(folder)).expect("folders");
        }
        for file in ["sub/a.txt", "sub/b.dat", ".hidden/c.txt"] {
            std::fs::write(news.join(file), "x").expect("write");
        }
        let other = dir.path().join("other");
        std::fs::create_dir(&other).expect("other");
        let given = |names: &[&str]| -> Vec<PathBuf> {
            names.iter().map(|name| dir.path().join(name)).collect()
        };
        let roots = given(&[
            "news/sub",
            "news",
            "news/./",
            "news/sub/a.txt",
            "news/sub/b.dat",
            "news/.hidden/c.txt",
            "other",
            "news",
            "missing",
            "missing",
        ]);
        // `news/sub` and `a.txt` are walked under `news`; `b.dat` is not (its extension),
        // nor is anything under a hidden folder.
        assert_eq!(
            distinct_roots(&roots),
            given(&[
                "news",
                "news/sub/b.dat",
                "news/.hidden/c.txt",
                "other",
                "missing"
            ])
        );
        let copies = vec![news.clone(); 500];
        assert_eq!(distinct_roots(&copies), [news]);
    }
}
