//! The database's schema as a list of migrations, each applied once in its own transaction.
//!
//! `PRAGMA user_version` counts the migrations applied. To change the schema, add a migration
//! at the end of [`MIGRATIONS`] (never edit one that has shipped): a database from before it
//! gets it at its next open, and an older lectern sees a newer version and only reads.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order: migration `n` (from 0) takes `user_version` from `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: bookmarks and read marks. A row is never deleted when a mark is removed: its flag
    // goes to 0 and its `seq` moves on, so other windows learn of the removal by asking
    // for rows with a `seq` above the last they saw.
    "CREATE TABLE counter (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO counter (name, value) VALUES ('seq', 0);
    CREATE TABLE bookmarks (
        id TEXT PRIMARY KEY,
        bookmarked INTEGER NOT NULL,
        title TEXT NOT NULL,
        source TEXT,
        date TEXT,
        lang TEXT NOT NULL,
        path TEXT NOT NULL,
        added TEXT NOT NULL,
        seq INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX bookmarks_seq ON bookmarks (seq);
    CREATE TABLE read_marks (
        id TEXT PRIMARY KEY,
        read INTEGER NOT NULL,
        read_at TEXT NOT NULL,
        seq INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX read_marks_seq ON read_marks (seq);",
    // 2: which read marks each save changed, one row per save, instead of the index on
    // `read_marks (seq)`: marking 10^4 articles read moved 10^4 entries of that index, 19 of
    // its 32 ms. Other windows read the ids of the saves after the last they saw.
    "DROP INDEX read_marks_seq;
    CREATE TABLE read_log (
        seq INTEGER PRIMARY KEY,
        ids TEXT NOT NULL
    );",
    // 3: feeds (#15). `feeds` keeps what polite fetching needs between runs (validators, when
    // next due, failures); `feed_articles` one row per entry, keyed by the lectern article id
    // (16 hex digits of xxh3 of feed URL + "\n" + item key) so bookmarks and read marks, which
    // are keyed by id, survive an entry's update and the feed's move to a new URL.
    "CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT,
        site_url TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetched INTEGER,
        last_status INTEGER,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_due INTEGER,
        gone INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE TABLE feed_articles (
        id TEXT PRIMARY KEY,
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        published INTEGER,
        first_seen INTEGER NOT NULL,
        updated INTEGER,
        text TEXT NOT NULL,
        raw TEXT,
        extract_error TEXT,
        UNIQUE (feed_url, item_key)
    );
    CREATE INDEX feed_articles_first_seen ON feed_articles (first_seen);",
];

/// The schema version this build writes: the number of its migrations.
pub fn current_version(migrations: &[&str]) -> i64 {
    i64::try_from(migrations.len()).unwrap_or(i64::MAX)
}

/// The database's `user_version`.
pub(crate) fn version(connection: &Connection) -> rusqlite::Result<i64> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations the database has not had yet, each in one `BEGIN IMMEDIATE`
/// transaction that also sets `user_version`, so a crash leaves it at a whole version.
/// Another process migrating at the same time is waited for (the busy timeout) and what it
/// applied is not applied again.
pub(crate) fn migrate(connection: &mut Connection, migrations: &[&str]) -> rusqlite::Result<()> {
    // Up to date: no write lock is asked for, so another process's long write holds nothing up.
    if version(connection)? >= current_version(migrations) {
        return Ok(());
    }
    loop {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let applied = version(&transaction)?;
        let Some(next) = usize::try_from(applied)
            .ok()
            .and_then(|applied| migrations.get(applied))
        else {
            return Ok(());
        };
        transaction.execute_batch(next)?;
        transaction.pragma_update(None, "user_version", applied + 1)?;
        transaction.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_each_and_count_in_user_version() {
        let mut connection = Connection::open_in_memory().expect("memory database");
        let extra = [MIGRATIONS[0], "CREATE TABLE later (x INTEGER);"];
        migrate(&mut connection, &extra[..1]).expect("first");
        assert_eq!(version(&connection).expect("version"), 1);
        // Running again applies nothing (a second CREATE TABLE counter would fail).
        migrate(&mut connection, &extra).expect("second");
        assert_eq!(version(&connection).expect("version"), 2);
        connection
            .execute("INSERT INTO later (x) VALUES (1)", [])
            .expect("the later table exists");
        assert_eq!(current_version(&extra), 2);
    }

    #[test]
    fn a_failing_migration_leaves_the_version_before_it() {
        let mut connection = Connection::open_in_memory().expect("memory database");
        let broken = [MIGRATIONS[0], "CREATE TABLE half (x); NOT SQL"];
        assert!(migrate(&mut connection, &broken).is_err());
        assert_eq!(version(&connection).expect("version"), 1);
        let half: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'half'",
                [],
                |row| row.get(0),
            )
            .expect("count");
        assert_eq!(half, 0, "rolled back whole");
    }
}
