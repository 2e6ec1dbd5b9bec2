//! Writing the index cache: records into frames, frames into a temporary file, and the
//! file into place atomically; then old cache files are swept away.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use xxhash_rust::xxh3::xxh3_64;

use super::header::header;
use super::{MAX_FRAME, Record, corrupt, unfinished};

/// Appends a record to a frame under construction.
///
/// # Errors
/// The record cannot be encoded.
pub fn encode_into(frame: &mut Vec<u8>, record: &Record<'_>) -> io::Result<()> {
    let bytes = postcard::to_stdvec(record).map_err(|_| corrupt("unencodable record"))?;
    copy_into(frame, &bytes)
}

/// Appends a record's encoded bytes (as [`Stored::bytes`] gives them) to a frame.
///
/// # Errors
/// The record is too large for a frame.
pub fn copy_into(frame: &mut Vec<u8>, record: &[u8]) -> io::Result<()> {
    let len = u32::try_from(record.len()).map_err(|_| corrupt("record too large"))?;
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(record);
    Ok(())
}

/// Writes a new cache file frame by frame, then puts it in place atomically.
pub struct Writer {
    file: BufWriter<tempfile::NamedTempFile>,
    target: PathBuf,
    /// The temporary file's path, for [`unfinished::done`].
    temporary: PathBuf,
}

impl Writer {
    /// Starts the cache file of the library made of `roots`, to replace `target` when
    /// [`Writer::commit`]ted. `stat_time` is a moment before any of its files was stat'ed
    /// (nanoseconds since 1970): a record is trusted only if its file is older than that by
    /// the racy-timestamp rule (`stored::RACY`).
    ///
    /// # Errors
    /// The cache folder cannot be created or written.
    pub fn create(target: PathBuf, roots: &[PathBuf], stat_time: i128) -> io::Result<Self> {
        let dir = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temporary = tempfile::NamedTempFile::new_in(dir)?;
        unfinished::begin(temporary.as_file(), temporary.path());
        let path = temporary.path().to_owned();
        let mut file = BufWriter::new(temporary);
        file.write_all(&header(roots))?;
        let time = stat_time.to_le_bytes();
        file.write_all(&time)?;
        file.write_all(&xxh3_64(&time).to_le_bytes())?;
        Ok(Self {
            file,
            target,
            temporary: path,
        })
    }

    /// Appends one frame of records (built with [`encode_into`] and [`copy_into`]).
    ///
    /// # Errors
    /// The frame is too large, or cannot be written.
    pub fn frame(&mut self, frame: &[u8]) -> io::Result<()> {
        if frame.is_empty() {
            return Ok(());
        }
        let len = u32::try_from(frame.len())
            .ok()
            .filter(|&len| len as usize <= MAX_FRAME)
            .ok_or_else(|| corrupt("frame too large"))?;
        self.file.write_all(&len.to_le_bytes())?;
        self.file.write_all(&xxh3_64(frame).to_le_bytes())?;
        self.file.write_all(frame)
    }

    /// Ends the file and renames it over the old cache.
    ///
    /// # Errors
    /// Writing or renaming failed; the old cache is then left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.write_all(&0u32.to_le_bytes())?;
        let file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        let persisted = file.persist(&self.target).map_err(|e| e.error);
        unfinished::done(&self.temporary);
        persisted?;
        if let Some(dir) = self.target.parent() {
            sweep(dir);
        }
        Ok(())
    }
}

/// Cache files unused this long are removed when another is written, so that a folder
/// listed once (a download, a temporary folder) does not leave its index behind for ever.
const UNUSED: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Removes the cache files in `dir` not used for [`UNUSED`], and leftover temporary files.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with("index-") && name.ends_with(".bin");
        let temporary = name.starts_with(".tmp");
        let unused = (entry.metadata().and_then(|m| m.modified()).ok())
            .and_then(|time| time.elapsed().ok())
            .is_some_and(|age| age > UNUSED);
        if (ours || temporary) && unused {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::time::SystemTime;

    use super::*;

    #[test]
    fn writing_sweeps_only_long_unused_cache_files() {
        let dir = tempfile::tempdir().expect("dir");
        let old = SystemTime::now() - UNUSED - Duration::from_secs(60);
        let names = ["index-old.bin", "index-recent.bin", ".tmpAbc", "notes.txt"];
        for name in names {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").expect("write");
            if name != "index-recent.bin" {
                File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_modified(old))
                    .expect("age");
            }
        }
        let writer = Writer::create(dir.path().join("index.bin"), &[], 0).expect("create");
        writer.commit().expect("commit");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["index-recent.bin", "index.bin", "notes.txt"]);
    }
}
