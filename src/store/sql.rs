//! The store's tables in the database: loading every mark, writing a batch of changes in one
//! short transaction, and reading what other processes changed since a given `seq` (bookmarks
//! by their `seq` column, read marks through `read_log`).

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::state::{Bookmark, Change, State};

/// Every bookmark and read mark, and the change counter they were read at, in one read
/// transaction so the two agree.
pub(crate) fn load(connection: &mut Connection) -> rusqlite::Result<(State, i64)> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let seq = counter(&transaction)?;
    let mut state = State::default();
    let mut changes = bookmark_rows(&transaction, -1, true)?;
    changes.extend(read_rows(&transaction, true)?);
    for change in changes {
        state.apply(&change);
    }
    transaction.commit()?;
    Ok((state, seq))
}

/// What changed since `seq` (rows whose `seq` is above it), as changes to apply, and the
/// counter they were read at.
pub(crate) fn changes_since(
    connection: &mut Connection,
    seq: i64,
) -> rusqlite::Result<(Vec<Change>, i64)> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let now = counter(&transaction)?;
    let changes = if now > seq {
        let mut changes = bookmark_rows(&transaction, seq, false)?;
        changes.extend(read_changes_since(&transaction, seq)?);
        changes
    } else {
        Vec::new()
    };
    transaction.commit()?;
    Ok((changes, now))
}

/// The change counter; 0 in a database without the store's tables (read-only, too old to tell).
fn counter(transaction: &Transaction<'_>) -> rusqlite::Result<i64> {
    Ok(transaction
        .query_row("SELECT value FROM counter WHERE name = 'seq'", [], |row| {
            row.get(0)
        })
        .optional()?
        .unwrap_or(0))
}

/// Bookmark rows with a `seq` above `after`, as changes; with `set_only`, the bookmarks that
/// are set alone.
fn bookmark_rows(
    transaction: &Transaction<'_>,
    after: i64,
    set_only: bool,
) -> rusqlite::Result<Vec<Change>> {
    let mut changes = Vec::new();
    let set = if set_only { " AND bookmarked = 1" } else { "" };
    let mut bookmarks = transaction.prepare(&format!(
        "SELECT id, bookmarked, title, source, date, lang, path, added FROM bookmarks WHERE seq > ?1{set}"
    ))?;
    let mut found = bookmarks.query([after])?;
    while let Some(row) = found.next()? {
        let id: String = row.get(0)?;
        let bookmarked: bool = row.get(1)?;
        changes.push(if bookmarked {
            Change::Bookmark(Bookmark {
                id,
                title: row.get(2)?,
                source: row.get(3)?,
                date: row.get(4)?,
                lang: row.get(5)?,
                path: row.get(6)?,
                bookmarked_at: row.get(7)?,
            })
        } else {
            Change::Unbookmark(id)
        });
    }
    Ok(changes)
}

/// Every read-mark row as a change; with `set_only`, the marks that are set alone.
fn read_rows(transaction: &Transaction<'_>, set_only: bool) -> rusqlite::Result<Vec<Change>> {
    let set = if set_only { " WHERE read = 1" } else { "" };
    let mut marks =
        transaction.prepare(&format!("SELECT id, read, read_at FROM read_marks{set}"))?;
    let found = marks.query_map([], read_change)?;
    found.collect()
}

/// A `read_marks` row (`id, read, read_at`) as the change that sets it.
fn read_change(row: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let id: String = row.get(0)?;
    let read: bool = row.get(1)?;
    Ok(if read {
        Change::Read {
            id,
            at: row.get(2)?,
        }
    } else {
        Change::Unread(id)
    })
}

/// The read marks that saves after `seq` changed, as they are now: from the ids in
/// `read_log`, or every row when the log no longer reaches back that far.
fn read_changes_since(transaction: &Transaction<'_>, seq: i64) -> rusqlite::Result<Vec<Change>> {
    let pruned: i64 = transaction
        .query_row(
            "SELECT value FROM counter WHERE name = 'read_log_pruned'",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0);
    if seq < pruned {
        return read_rows(transaction, false);
    }
    let mut logged = transaction.prepare("SELECT ids FROM read_log WHERE seq > ?1")?;
    let mut ids = std::collections::BTreeSet::new();
    for saved in logged.query_map([seq], |row| row.get::<_, String>(0))? {
        ids.extend(saved?.split('\n').map(str::to_owned));
    }
    let mut mark = transaction.prepare("SELECT id, read, read_at FROM read_marks WHERE id = ?1")?;
    let mut changes = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(change) = mark.query_row([id], read_change).optional()? {
            changes.push(change);
        }
    }
    Ok(changes)
}

/// Records which read marks the save `seq` changed, and forgets the saves more than
/// [`READ_LOG_SAVES`] before it (a window that far behind reads every mark again).
fn log_read_changes(
    transaction: &Transaction<'_>,
    seq: i64,
    changes: &[Change],
) -> rusqlite::Result<()> {
    let mut ids = String::new();
    for change in changes {
        if let Change::Read { id, .. } | Change::Unread(id) = change {
            if !ids.is_empty() {
                ids.push('\n');
            }
            ids.push_str(id);
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    transaction.execute(
        "INSERT INTO read_log (seq, ids) VALUES (?1, ?2)",
        params![seq, ids],
    )?;
    let forget = seq - READ_LOG_SAVES;
    if transaction.execute("DELETE FROM read_log WHERE seq <= ?1", [forget])? > 0 {
        transaction.execute(
            "INSERT INTO counter (name, value) VALUES ('read_log_pruned', ?1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [forget],
        )?;
    }
    Ok(())
}

/// How many saves back `read_log` reaches.
const READ_LOG_SAVES: i64 = 1000;

/// Writes `changes` in one `BEGIN IMMEDIATE` transaction under one new `seq`. Setting what is
/// already set keeps the older row (and its time); a removed mark keeps its row with the flag
/// at 0, so other windows see the removal.
///
/// Returns `Err(version)`, writing nothing, when a newer lectern has migrated the database
/// since it was opened (its `user_version` is above `supported`).
pub(crate) fn write(
    connection: &mut Connection,
    changes: &[Change],
    supported: i64,
) -> rusqlite::Result<Result<(), i64>> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = transaction.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > supported {
        return Ok(Err(found));
    }
    let seq: i64 = transaction.query_row(
        "UPDATE counter SET value = value + 1 WHERE name = 'seq' RETURNING value",
        [],
        |row| row.get(0),
    )?;
    {
        let mut bookmark = transaction.prepare(
            "INSERT INTO bookmarks (id, bookmarked, title, source, date, lang, path, added, seq)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET bookmarked = 1, title = excluded.title,
                 source = excluded.source, date = excluded.date, lang = excluded.lang,
                 path = excluded.path, added = excluded.added, seq = excluded.seq
             WHERE bookmarked = 0",
        )?;
        let mut unbookmark = transaction.prepare(
            "UPDATE bookmarks SET bookmarked = 0, seq = ?2 WHERE id = ?1 AND bookmarked = 1",
        )?;
        let mut read = transaction.prepare(
            "INSERT INTO read_marks (id, read, read_at, seq) VALUES (?1, 1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET read = 1, read_at = excluded.read_at, seq = excluded.seq
             WHERE read = 0",
        )?;
        let mut unread = transaction
            .prepare("UPDATE read_marks SET read = 0, seq = ?2 WHERE id = ?1 AND read = 1")?;
        for change in changes {
            match change {
                Change::Bookmark(b) => bookmark.execute(params![
                    b.id,
                    b.title,
                    b.source,
                    b.date,
                    b.lang,
                    b.path,
                    b.bookmarked_at,
                    seq
                ])?,
                Change::Unbookmark(id) => unbookmark.execute(params![id, seq])?,
                Change::Read { id, at } => read.execute(params![id, at, seq])?,
                Change::Unread(id) => unread.execute(params![id, seq])?,
            };
        }
    }
    log_read_changes(&transaction, seq, changes)?;
    transaction.commit().map(Ok)
}

#[cfg(test)]
mod tests;
