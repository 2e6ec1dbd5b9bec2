use super::*;

/// The schema version the writes accept: any.
const V: i64 = i64::MAX;

fn database() -> Connection {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (connection, _) = crate::db::open(&tmp.path().join("t.db")).expect("open");
    // The connection keeps the file open; the folder may go.
    connection
}

fn read(id: &str, at: &str) -> Change {
    Change::Read {
        id: id.to_owned(),
        at: at.to_owned(),
    }
}

#[test]
fn a_window_behind_the_read_log_reads_every_mark_again() {
    let mut connection = database();
    write(&mut connection, &[read("a", "t1")], V)
        .expect("write")
        .expect("current");
    write(
        &mut connection,
        &[read("b", "t2"), Change::Unread("a".to_owned())],
        V,
    )
    .expect("write")
    .expect("current");
    // Through the log: only what the second save changed.
    let (changes, now) = changes_since(&mut connection, 1).expect("since");
    assert_eq!(now, 2);
    assert_eq!(changes, [Change::Unread("a".to_owned()), read("b", "t2")]);
    // Saves up to 2 forgotten: a window at 1 gets every row, removals included.
    connection
        .execute_batch(
            "DELETE FROM read_log;
             INSERT INTO counter (name, value) VALUES ('read_log_pruned', 2);",
        )
        .expect("prune");
    let (mut changes, _) = changes_since(&mut connection, 1).expect("since");
    changes.sort_by_key(|change| format!("{change:?}"));
    assert_eq!(changes, [read("b", "t2"), Change::Unread("a".to_owned())]);
    assert!(
        changes_since(&mut connection, 2)
            .expect("since")
            .0
            .is_empty()
    );
}

#[test]
fn written_changes_load_back_and_removals_show_as_changes() {
    let mut connection = database();
    write(&mut connection, &[read("a", "t1"), read("b", "t1")], V)
        .expect("write")
        .expect("current");
    write(&mut connection, &[read("a", "t2")], V)
        .expect("again")
        .expect("current");
    let (state, seq) = load(&mut connection).expect("load");
    assert!(state.is_read("a") && state.is_read("b"));
    assert_eq!(seq, 2);
    write(&mut connection, &[Change::Unread("b".to_owned())], V)
        .expect("unread")
        .expect("current");
    let (changes, now) = changes_since(&mut connection, seq).expect("since");
    assert_eq!(changes, [Change::Unread("b".to_owned())]);
    assert_eq!(now, 3);
    let (state, _) = load(&mut connection).expect("load");
    assert!(state.is_read("a") && !state.is_read("b"));
    // Marking a read article read again keeps its first time and its seq.
    let at: String = connection
        .query_row("SELECT read_at FROM read_marks WHERE id = 'a'", [], |row| {
            row.get(0)
        })
        .expect("row");
    assert_eq!(at, "t1");
    assert!(
        changes_since(&mut connection, 3)
            .expect("since")
            .0
            .is_empty()
    );
}
