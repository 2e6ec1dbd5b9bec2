//! Reading one file into an article, refusing what is not a regular text file.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use thiserror::Error;

use crate::article::{self, Article, DecodeError, decode_owned};
use crate::html;

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

/// What a file holds that is not a regular file, named for people.
pub fn kind_name(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_fifo() {
        "FIFO"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

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

/// Reads a file that passed [`check`], never past the cap (it may have grown since).
pub fn read_checked(path: &Path, size: u64, cap: u64) -> Result<Vec<u8>, Problem> {
    // The size is a hint for the buffer; the cap still bounds what is read.
    let hint = usize::try_from(size.min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint);
    File::open(path)
        .map_err(io)?
        .take(cap + 1)
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
