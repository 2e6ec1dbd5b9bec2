//! Opening a file that must be a regular file, without ever blocking on what is not one.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// What [`kind_name`] calls a kind that is neither folder, FIFO, socket nor device.
pub const OTHER_KIND: &str = "special file";

/// What a file holds that is not a regular file, named for people.
pub fn kind_name(file_type: fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "directory"
    } else if file_type.is_fifo() {
        "FIFO"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "device"
    } else {
        OTHER_KIND
    }
}

/// Why an opened path was refused.
#[derive(Debug)]
pub enum OpenError {
    /// It could not be opened.
    Io(io::Error),
    /// It is a FIFO, device, socket or folder (named by [`kind_name`]).
    NotRegular(&'static str),
}

impl From<OpenError> for io::Error {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Io(error) => error,
            OpenError::NotRegular(kind) => io::Error::other(format!("a {kind}, not a file")),
        }
    }
}

/// Opens `path` for reading only if what is opened is a regular file. The open does not wait
/// (a FIFO swapped in after an earlier check would block it for ever), and the kind is
/// checked on the opened handle, never again on the path, so no swap can slip between.
///
/// # Errors
/// The path cannot be opened, or is no regular file.
pub fn open(path: &Path) -> Result<(File, fs::Metadata), OpenError> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(OpenError::Io)?;
    let metadata = file.metadata().map_err(OpenError::Io)?;
    if !metadata.is_file() {
        return Err(OpenError::NotRegular(kind_name(metadata.file_type())));
    }
    Ok((file, metadata))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_open_and_a_fifo_does_not_block() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        assert!(matches!(open(&fifo), Err(OpenError::NotRegular("FIFO"))));
        assert!(matches!(
            open(Path::new("/dev/zero")),
            Err(OpenError::NotRegular("device"))
        ));
        assert!(matches!(
            open(dir.path()),
            Err(OpenError::NotRegular("directory"))
        ));
        let file = dir.path().join("a.txt");
        fs::write(&file, "text").expect("write");
        assert_eq!(open(&file).expect("a file").1.len(), 4);
    }
}
