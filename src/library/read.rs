//! Reading one file into an article, refusing what is not a regular text file.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use thiserror::Error;

use crate::article::{self, Article, DecodeError, decode_owned};
use crate::html;
use crate::regular_file::OpenError;

/// Why a file was skipped, or what was wrong with one that still loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    /// Contains NUL bytes.
    #[error("skipped: binary file (contains NUL bytes)")]
    Binary,
    /// Larger than the configured cap.
    #[error("skipped: {size} bytes is over the {cap}-byte limit (max_file_size)")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The cap in bytes.
        cap: u64,
    },
    /// A FIFO, socket, device or directory where a file was expected.
    #[error("skipped: not a regular file ({0})")]
    NotRegular(&'static str),
    /// A symbolic link that leads back to one of its own ancestors.
    #[error("skipped: symbolic link loop")]
    SymlinkLoop,
    /// Nothing but white space.
    #[error("skipped: empty file")]
    Empty,
    /// The same content as an article already in the library.
    #[error("skipped: same article as {0}")]
    Duplicate(String),
    /// The operating system refused.
    #[error("skipped: {0}")]
    Io(String),
    /// Invalid UTF-8 was replaced; the article loaded.
    #[error("{0} invalid UTF-8 sequence(s) shown as \u{FFFD}")]
    Replaced(usize),
    /// Malformed front matter; the article loaded with the block as text.
    #[error("{0}")]
    FrontMatter(String),
    /// A web page that loaded with a remark ("no article found").
    #[error("{0}")]
    Page(String),
}

impl Problem {
    /// Whether the file was left out of the library.
    pub fn skipped(&self) -> bool {
        !matches!(
            self,
            Self::Replaced(_) | Self::FrontMatter(_) | Self::Page(_)
        )
    }
}

pub use crate::regular_file::kind_name;

/// Stats a path and refuses what is not a regular file of at most `cap` bytes.
pub fn check(path: &Path, cap: u64) -> Result<fs::Metadata, Problem> {
    let metadata = fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(Problem::NotRegular(kind_name(metadata.file_type())));
    }
    if metadata.len() > cap {
        return Err(Problem::TooLarge {
            size: metadata.len(),
            cap,
        });
    }
    Ok(metadata)
}

/// Opens `path` for reading if it is a regular file (see [`crate::regular_file::open`]).
///
/// # Errors
/// The file cannot be opened, or is a FIFO, device, socket or folder.
pub fn open_regular(path: &Path) -> Result<(File, fs::Metadata), Problem> {
    crate::regular_file::open(path).map_err(|error| match error {
        OpenError::Io(error) => io(error),
        OpenError::NotRegular(kind) => Problem::NotRegular(kind),
    })
}

/// Reads a file that passed [`check`], never past the cap (it may have grown since), and
/// only if it is still a regular file.
pub fn read_checked(path: &Path, size: u64, cap: u64) -> Result<Vec<u8>, Problem> {
    // The size is a hint for the buffer; the cap still bounds what is read.
    let hint = usize::try_from(size.min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint);
    let (file, _) = open_regular(path)?;
    // `u64::MAX` means no limit: one more than it would wrap to nothing.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(Problem::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

/// Reads at most `cap` bytes of a regular file, never opening anything else (a FIFO would block).
pub fn read_bytes(path: &Path, cap: u64) -> Result<(Vec<u8>, Option<SystemTime>), Problem> {
    let metadata = check(path, cap)?;
    let bytes = read_checked(path, metadata.len(), cap)?;
    Ok((bytes, metadata.modified().ok()))
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(io)`
fn io(error: std::io::Error) -> Problem {
    Problem::Io(error.to_string())
}

/// Decodes and parses bytes into an article, with the problems that did not stop it.
pub fn parse_bytes(
    bytes: Vec<u8>,
    path: String,
    modified: Option<SystemTime>,
) -> Result<(Article, Vec<Problem>), Problem> {
    if html::is_page(&path) {
        return parse_page(&bytes, path, modified);
    }
    let decoded = decode_owned(bytes).map_err(|DecodeError::Binary| Problem::Binary)?;
    if decoded.text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut problems = Vec::new();
    if decoded.replaced > 0 {
        problems.push(Problem::Replaced(decoded.replaced));
    }
    let (article, warnings) = article::parse(decoded.text, path, modified);
    problems.extend(warnings.into_iter().map(Problem::FrontMatter));
    Ok((article, problems))
}

/// Reads a web page: its article through [`html::read`], then the same decoding (sanitiser,
/// NFC) and parsing as any text; the page's whole text becomes `raw`.
fn parse_page(
    bytes: &[u8],
    path: String,
    modified: Option<SystemTime>,
) -> Result<(Article, Vec<Problem>), Problem> {
    let page = html::read(bytes);
    let clean = |text: String| {
        decode_owned(text.into_bytes())
            .map(|d| d.text)
            .map_err(|DecodeError::Binary| Problem::Binary)
    };
    let raw = clean(page.raw)?;
    if raw.trim().is_empty() {
        return Err(Problem::Empty);
    }
    let mut problems = Vec::new();
    if page.replaced > 0 {
        problems.push(Problem::Replaced(page.replaced));
    }
    // The page's declared direction is in the text's front matter (`dir`), as it is in the
    // Markdown file `lectern add` saves.
    let (mut article, warnings) = article::parse(clean(page.text)?, path, modified);
    article.raw = raw;
    problems.extend(warnings.into_iter().map(Problem::FrontMatter));
    problems.extend(page.warnings.into_iter().map(Problem::Page));
    Ok((article, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_swapped_for_a_fifo_after_its_check_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "Title\n\nBody.\n").expect("write");
        let metadata = check(&path, 100).expect("a file");
        // Swapped between the check and the read.
        fs::remove_file(&path).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert_eq!(
            read_checked(&path, metadata.len(), 100),
            Err(Problem::NotRegular("FIFO"))
        );
    }
}
