//! The one SQLite database lectern keeps (`<data dir>/lectern.db`): opened safely whatever
//! is found at its path, checked, migrated, and set up for several processes at once (WAL,
//! a bounded busy timeout). The store, and later search and feeds, all open it through [`open`].

mod file;
mod outcome;
mod schema;
pub(crate) mod time;

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use outcome::{DbError, MovedAside, OpenInfo, ReadOnly};
pub use schema::{MIGRATIONS, current_version};

/// The database's file name inside the data folder.
pub const DB_FILE: &str = "lectern.db";
/// How long a write waits for another process's write to finish before it fails (and is
/// retried later): long enough for any short transaction, short enough that nobody waits for ever.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// Opens (creating if needed) the database at `path` with this build's [`MIGRATIONS`].
///
/// # Errors
/// See [`open_with`].
pub fn open(path: &Path) -> Result<(Connection, OpenInfo), DbError> {
    open_with(path, MIGRATIONS)
}

/// Opens the database at `path`, bringing its schema up to `migrations`.
///
/// A directory, FIFO, device or dangling link at the path is refused at once. A symlink to
/// a file is followed. A new file is created with mode 0600; an existing file keeps its mode.
/// A file that is not a database, is truncated, or fails `PRAGMA quick_check` in a table that
/// holds the user's data ([`kept_tables`]; not the search index) is moved aside
/// (see [`OpenInfo::moved_aside`]) and a new one created. A database from a newer lectern, or
/// one in a folder that cannot be written, is opened read-only (see [`OpenInfo::read_only`]).
///
/// # Errors
/// [`DbError`]: the path is no file, the folder refuses a new file, a file-system step or
/// SQLite failed.
pub fn open_with(path: &Path, migrations: &[&str]) -> Result<(Connection, OpenInfo), DbError> {
    let not_a_file = |what| DbError::NotAFile {
        path: path.to_path_buf(),
        what,
    };
    let (real, existed) = match file::find(path).map_err(not_a_file)? {
        file::Found::Absent => (path.to_path_buf(), false),
        file::Found::File(real) => (real, true),
    };
    let folder = real.parent().unwrap_or_else(|| Path::new("."));
    if let Err(error) = probe_writable(folder) {
        if !existed {
            return Err(io_error("create", &real, error));
        }
        let connection = open_read_only(&real)?;
        let read_only = ReadOnly::NotWritable {
            error: format!("{}: {error}", folder.display()),
        };
        let info = info(real, false, None, Some(read_only));
        return Ok((connection, info));
    }
    file::create_private(&real).map_err(|error| io_error("create", &real, error))?;
    let mut moved_aside = None;
    let reason = file::not_a_database(&real).map_err(|error| io_error("read", &real, error))?;
    if let Some(reason) = reason {
        moved_aside = Some(set_aside(&real, reason)?);
    }
    let opened = match open_waiting(&real, migrations) {
        Err(Opened::Corrupt(reason)) if moved_aside.is_none() => {
            moved_aside = Some(set_aside(&real, reason)?);
            open_waiting(&real, migrations)
        }
        other => other,
    };
    match opened {
        Ok((connection, read_only)) => {
            let created = !existed || moved_aside.is_some();
            Ok((connection, info(real, created, moved_aside, read_only)))
        }
        Err(Opened::Corrupt(reason) | Opened::Refused(reason)) => {
            Err(DbError::Unusable { path: real, reason })
        }
        Err(Opened::Failed(source)) => Err(DbError::Sqlite { path: real, source }),
    }
}

fn info(
    file: PathBuf,
    created: bool,
    moved_aside: Option<MovedAside>,
    read_only: Option<ReadOnly>,
) -> OpenInfo {
    OpenInfo {
        file,
        created,
        moved_aside,
        read_only,
    }
}

fn io_error(action: &'static str, path: &Path, source: io::Error) -> DbError {
    DbError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Moves the unusable file aside and puts a new private one in its place.
fn set_aside(real: &Path, reason: String) -> Result<MovedAside, DbError> {
    match file::move_aside(real, SystemTime::now()) {
        Ok(backup) => {
            file::create_private(real).map_err(|error| io_error("create", real, error))?;
            Ok(MovedAside { backup, reason })
        }
        Err(source) => Err(DbError::CorruptKept {
            path: real.to_path_buf(),
            reason,
            source,
        }),
    }
}

/// Why [`open_checked`] failed.
enum Opened {
    /// The file is damaged: the reason.
    Corrupt(String),
    /// Anything else (busy past the timeout, disk full, ...).
    Failed(rusqlite::Error),
    /// Sound, but not usable as lectern needs it: why.
    Refused(String),
}

impl From<rusqlite::Error> for Opened {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt(error.to_string())
            }
            _ => Self::Failed(error),
        }
    }
}

/// [`open_checked`], tried again for up to [`BUSY_TIMEOUT`] while another process holds a
/// lock SQLite does not wait for by itself (switching a new file to WAL while another process
/// creates it too).
fn open_waiting(
    real: &Path,
    migrations: &[&str],
) -> Result<(Connection, Option<ReadOnly>), Opened> {
    let start = std::time::Instant::now();
    loop {
        match open_checked(real, migrations) {
            Err(Opened::Failed(error))
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Opens the existing file read-write, checks it, and migrates it; a newer schema is
/// reopened read-only instead.
fn open_checked(
    real: &Path,
    migrations: &[&str],
) -> Result<(Connection, Option<ReadOnly>), Opened> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut connection = Connection::open_with_flags(real, flags)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    if let Some(problem) = kept_tables(&connection)? {
        return Err(Opened::Corrupt(problem));
    }
    let found = schema::version(&connection)?;
    let supported = current_version(migrations);
    if found > supported {
        drop(connection);
        let connection = open_read_only(real).map_err(|error| match error {
            DbError::Sqlite { source, .. } => Opened::Failed(source),
            other => Opened::Corrupt(other.to_string()),
        })?;
        return Ok((connection, Some(ReadOnly::Newer { found, supported })));
    }
    if connection.is_readonly(rusqlite::MAIN_DB)? {
        let error = "the file is read-only".to_owned();
        return Ok((connection, Some(ReadOnly::NotWritable { error })));
    }
    let mode: String =
        connection.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // Not damage: a file system without shared memory, say. Never moved aside for it.
        return Err(Opened::Refused(format!("journal mode {mode}, not wal")));
    }
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    schema::migrate(&mut connection, migrations)?;
    Ok((connection, None))
}

/// Opens the file for reading only. In a folder where SQLite cannot create the WAL index,
/// falls back to `immutable=1`, which reads the file as it is.
fn open_read_only(real: &Path) -> Result<Connection, DbError> {
    let sqlite = |source| DbError::Sqlite {
        path: real.to_path_buf(),
        source,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let readable = Connection::open_with_flags(real, flags).and_then(|connection| {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        schema::version(&connection)?;
        Ok(connection)
    });
    if let Ok(connection) = readable {
        return Ok(connection);
    }
    let uri = format!("file:{}?immutable=1", uri_path(real));
    let connection =
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).map_err(sqlite)?;
    schema::version(&connection).map_err(sqlite)?;
    Ok(connection)
}

/// `path` with the characters a URI gives meaning to percent-encoded.
fn uri_path(path: &Path) -> String {
    let mut uri = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri
}

/// Makes probe names unique within this process; the pid makes them unique between processes.
static PROBE_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Checks that `folder` takes new files (SQLite needs it for the write-ahead log).
fn probe_writable(folder: &Path) -> io::Result<()> {
    let count = PROBE_COUNTER.fetch_add(1, Ordering::Relaxed);
    let probe = folder.join(format!(".lectern-probe-{}-{count}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    std::fs::remove_file(probe)
}

/// The tables whose names start with this are the search index (derived from the articles).
pub const INDEX_PREFIX: &str = "search_";

/// The first problem `PRAGMA quick_check` finds in a table the user's data lives in (marks,
/// feeds, fetched articles), or `None`.
///
/// A whole-file check reads every page and, since `SQLite` 3.44, runs FTS5's own check of
/// the search index: 2 s for the 207 MB of a library of 10^5 articles and 20 s for 10^6,
/// with the file in the page cache, at every open (the interface opens the file two or
/// three times). The index is most of the file and is derived, so it is left out here:
/// damage there shows when it is read, and [`crate::search`] then makes it again.
///
/// # Errors
/// `SQLite` refused: the schema itself cannot be read (a damaged or foreign file), busy.
fn kept_tables(connection: &Connection) -> rusqlite::Result<Option<String>> {
    let names: Vec<String> = connection
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND substr(name, 1, length(?1)) <> ?1 AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )?
        .query_map([INDEX_PREFIX], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names {
        let pragma = format!("PRAGMA quick_check('{}')", name.replace('\'', "''"));
        let check: String = connection.query_row(&pragma, [], |row| row.get(0))?;
        if check != "ok" {
            return Ok(Some(format!("quick_check of {name}: {check}")));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
