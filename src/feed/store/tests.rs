use rusqlite::Connection;

use super::*;
use crate::feed::Item;

fn database() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (connection, _) = crate::db::open(&dir.path().join("lectern.db")).expect("open");
    (dir, connection)
}

fn item(key: &str, title: &str) -> Item {
    Item {
        key: key.to_owned(),
        title: title.to_owned(),
        link: Some(format!("https://example.org/{key}")),
        published: Some(1_700_000_000),
        ..Item::default()
    }
}

fn feed(items: Vec<Item>) -> (Parsed, Vec<Entry>) {
    let entries = items
        .iter()
        .map(|item| Entry {
            text: format!(
                "+++\ntitle = \"{}\"\n+++\nbody of {}\n",
                item.title, item.key
            ),
            ..Entry::default()
        })
        .collect();
    (
        Parsed {
            items,
            ..Parsed::default()
        },
        entries,
    )
}

const URL: &str = "https://example.org/feed.xml";

#[test]
fn ids_are_sixteen_hex_digits_of_url_and_key() {
    let id = article_id(URL, "a");
    assert_eq!(id.len(), 16);
    assert!(
        id.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_eq!(id, article_id(URL, "a"));
    assert_ne!(id, article_id(URL, "b"));
    assert_ne!(id, article_id("https://example.org/other.xml", "a"));
    assert_eq!(
        id,
        format!("{:016x}", xxh3_64(b"https://example.org/feed.xml\na"))
    );
}

#[test]
fn a_second_ingest_duplicates_nothing_and_an_update_keeps_the_id() {
    let (_dir, mut connection) = database();
    let (parsed, entries) = feed(vec![item("a", "First"), item("b", "Second")]);
    let first = ingest(&mut connection, URL, &parsed, &entries).expect("ingest");
    assert_eq!((first.new, first.updated), (2, 0));
    assert_eq!(first.new_ids, [article_id(URL, "a"), article_id(URL, "b")]);
    let again = ingest(&mut connection, URL, &parsed, &entries).expect("ingest");
    assert_eq!((again.new, again.updated), (0, 0));
    let (changed, mut changed_entries) = feed(vec![item("a", "First, corrected")]);
    changed_entries[0].text = "corrected text".to_owned();
    let update = ingest(&mut connection, URL, &changed, &changed_entries).expect("ingest");
    assert_eq!((update.new, update.updated), (0, 1));
    let stored = articles(&connection).expect("articles");
    assert_eq!(stored.len(), 2);
    assert_eq!(
        article_text(&connection, &article_id(URL, "a")).expect("text"),
        Some("corrected text".to_owned())
    );
    assert_eq!(
        article_text(&connection, "0000000000000000").expect("text"),
        None
    );
}

#[test]
fn counts_retention_and_purge_spare_bookmarks() {
    let (_dir, mut connection) = database();
    let (parsed, entries) = feed(vec![item("a", "A"), item("b", "B"), item("c", "C")]);
    ingest(&mut connection, URL, &parsed, &entries).expect("ingest");
    record(
        &connection,
        &FeedState {
            url: URL.to_owned(),
            ..FeedState::default()
        },
    )
    .expect("record");
    let (a, b, c) = (
        article_id(URL, "a"),
        article_id(URL, "b"),
        article_id(URL, "c"),
    );
    for id in [&a, &b] {
        connection
            .execute(
                "INSERT INTO read_marks VALUES (?1, 1, '2026-01-01T00:00:00Z', 1)",
                [id],
            )
            .expect("read");
    }
    connection
        .execute(
            "INSERT INTO bookmarks VALUES (?1, 1, 't', NULL, NULL, 'en', 'p', 'x', 2)",
            [&b],
        )
        .expect("bookmark");
    let rows = summary(&connection).expect("summary");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].articles, rows[0].unread), (3, 1));
    // Nothing is old enough yet.
    assert_eq!(retain(&connection, 90, now()).expect("retain"), 0);
    // 91 days on: a (read) goes, b (read, bookmarked) and c (unread) stay.
    assert_eq!(
        retain(&connection, 90, now() + 91 * 86_400).expect("retain"),
        1
    );
    let left: Vec<String> = articles(&connection)
        .expect("articles")
        .into_iter()
        .map(|article| article.id)
        .collect();
    assert!(!left.contains(&a) && left.contains(&b) && left.contains(&c));
    assert_eq!(purge(&mut connection, URL).expect("purge"), 1);
    let left = articles(&connection).expect("articles");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, b);
    assert_eq!(feed_state(&connection, URL).expect("state"), None);
}

#[test]
fn a_moved_feed_keeps_its_articles_ids_and_state() {
    let (_dir, mut connection) = database();
    let (parsed, entries) = feed(vec![item("a", "A")]);
    ingest(&mut connection, URL, &parsed, &entries).expect("ingest");
    let state = FeedState {
        url: URL.to_owned(),
        etag: Some("\"v1\"".to_owned()),
        ..FeedState::default()
    };
    record(&connection, &state).expect("record");
    let new = "https://example.net/feed.xml";
    move_feed(&mut connection, URL, new).expect("move");
    assert_eq!(feed_state(&connection, URL).expect("old"), None);
    let moved = feed_state(&connection, new).expect("new").expect("moved");
    assert_eq!(moved.etag.as_deref(), Some("\"v1\""));
    let stored = articles(&connection).expect("articles");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, article_id(URL, "a"));
    assert_eq!(stored[0].feed_url, new);
    // The same entry from the new address is the same article, not a second one.
    let again = ingest(&mut connection, new, &parsed, &entries).expect("ingest");
    assert_eq!((again.new, again.updated), (0, 0));
}
