//! Saving a page as a Markdown article in a library folder: a file name from the title, never
//! over an existing file, and one article per address.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;
use thiserror::Error;

use crate::article::{self, DecodeError, decode_owned};
use crate::html::Page;

use super::{Library, LoadOptions};

mod slug;

pub use slug::slug;

/// How many numbered names (`slug-2.md` ...) are tried before giving up.
const MAX_TRIES: usize = 1000;

/// An article that is in the folder now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file.
    pub path: PathBuf,
    /// Its id, as `lectern list` shows it.
    pub id: String,
    /// Whether it was there already (same URL), and nothing was written.
    pub existing: bool,
}

/// Why a page was not saved.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The page holds no text.
    #[error("nothing to save: the page has no text")]
    Empty,
    /// The page decoded to something binary.
    #[error("nothing to save: the page is binary")]
    Binary,
    /// The folder could not be made or written.
    #[error("{path}: {source}")]
    Io {
        /// The folder or file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The text to save for a page: its front matter and paragraphs after the cleaning the
/// library applies to a page it reads (sanitiser, NFC), so the saved file reads the same.
///
/// # Errors
/// The page has no text.
pub fn page_text(page: Page) -> Result<String, SaveError> {
    // The page's front matter already says `dir` when the page declares it.
    let text = decode_owned(page.text.into_bytes())
        .map_err(|DecodeError::Binary| SaveError::Binary)?
        .text;
    if text.trim().is_empty() {
        return Err(SaveError::Empty);
    }
    Ok(text)
}

/// Saves `text` into `dir` (made if missing) as `<slug of its title>.md`, or the article of
/// `dir` with the same URL if there is one.
///
/// # Errors
/// The folder cannot be made, read or written.
pub fn save(dir: &Path, text: &str, options: &LoadOptions) -> Result<Saved, SaveError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| SaveError::Io { path, source }
    };
    let (article, _) = article::parse(text.to_owned(), String::new(), None);
    if let Some(url) = article.meta.url.as_deref()
        && let Some(saved) = find_url(dir, url, options)
    {
        return Ok(saved);
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut file = NamedTempFile::new_in(dir).map_err(io(dir))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(io(file.path()))?;
    let slug = slug(&article.meta.title);
    for n in 1..=MAX_TRIES {
        let path = dir.join(numbered(&slug, n));
        // `persist_noclobber` links the file in place: it fails, atomically, when the name
        // is taken, so a file the user wrote meanwhile is never replaced.
        match file.persist_noclobber(&path) {
            Ok(_) => {
                return Ok(Saved {
                    path,
                    id: article.meta.id,
                    existing: false,
                });
            }
            Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                file = error.file;
            }
            Err(error) => return Err(io(&path)(error.error)),
        }
    }
    Err(io(dir)(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{MAX_TRIES} files named {slug}-N.md already"),
    )))
}

/// `slug.md`, `slug-2.md`, `slug-3.md` ...
fn numbered(slug: &str, n: usize) -> String {
    if n == 1 {
        format!("{slug}.md")
    } else {
        format!("{slug}-{n}.md")
    }
}

/// The article of `dir` (read as the library reads it) whose front matter has this URL.
fn find_url(dir: &Path, url: &str, options: &LoadOptions) -> Option<Saved> {
    if !dir.is_dir() {
        return None;
    }
    let library = Library::load(&[dir.to_owned()], options.clone());
    library
        .entries
        .iter()
        .find(|e| e.meta.url.as_deref() == Some(url))
        .and_then(|e| {
            Some(Saved {
                path: e.file()?.to_owned(),
                id: e.meta.id.clone(),
                existing: true,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_saved_is_the_page_text_cleaned() {
        let page = |text: &str| Page {
            text: text.to_owned(),
            raw: String::new(),
            dir: None,
            replaced: 0,
            warnings: Vec::new(),
        };
        // NFC on the way in: e + combining circumflex + combining acute is ế.
        let text = page_text(page("+++\ntitle = \"t\"\n+++\ne\u{302}\u{301}\n")).unwrap();
        assert_eq!(text, "+++\ntitle = \"t\"\n+++\n\u{1EBF}\n");
        assert!(matches!(page_text(page(" \n")), Err(SaveError::Empty)));
    }

    fn options() -> LoadOptions {
        LoadOptions::default()
    }

    #[test]
    fn never_overwrites_and_numbers_the_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a-title.md"), "mine").unwrap();
        let saved = save(
            dir.path(),
            "+++\ntitle = \"A title\"\n+++\nBody one.\n",
            &options(),
        )
        .unwrap();
        assert_eq!(saved.path, dir.path().join("a-title-2.md"));
        assert!(!saved.existing);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a-title.md")).unwrap(),
            "mine"
        );
        let other = save(
            dir.path(),
            "+++\ntitle = \"A title\"\n+++\nBody two.\n",
            &options(),
        )
        .unwrap();
        assert_eq!(other.path, dir.path().join("a-title-3.md"));
        assert_ne!(saved.id, other.id);
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn the_same_url_is_saved_once() {
        let dir = tempfile::tempdir().unwrap();
        let text = "+++\ntitle = \"T\"\nurl = \"https://example.org/a\"\n+++\nBody.\n";
        let first = save(dir.path(), text, &options()).unwrap();
        let changed = "+++\ntitle = \"T, updated\"\nurl = \"https://example.org/a\"\n+++\nNew.\n";
        let second = save(dir.path(), changed, &options()).unwrap();
        assert!(second.existing);
        assert_eq!(second.path, first.path);
        assert_eq!(second.id, first.id);
        assert_eq!(std::fs::read_to_string(&first.path).unwrap(), text);
    }

    #[test]
    fn the_id_is_the_one_the_library_gives() {
        let dir = tempfile::tempdir().unwrap();
        let saved = save(dir.path(), "+++\ntitle = \"T\"\n+++\nBody.\n", &options()).unwrap();
        let library = Library::load(&[dir.path().to_owned()], options());
        assert_eq!(library.entries.len(), 1);
        assert_eq!(library.entries[0].meta.id, saved.id);
    }
}
