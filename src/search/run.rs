//! Running a query against the index: the hits, newest first or by relevance.

use rusqlite::{Connection, OptionalExtension, Row};

use super::SearchError;
use super::query::SearchQuery;
use crate::article::Marks;

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first: cheap at every keystroke (the index is read backwards, and stops at
    /// the limit). Nothing is scored: FTS5's BM25 counts, before the first row, every
    /// article holding each word of the query (a 30 ms scan at 10^6 articles for a common
    /// word, where the newest 50 hits take 0.1 ms).
    #[default]
    Date,
    /// Best first by BM25, the title weighing five times the body, among the newest
    /// [`RANKED`] matches.
    Relevance,
}

/// One article that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The index's rowid (its order is newest first).
    pub rowid: i64,
    /// The article id.
    pub id: String,
    /// Its file, as indexed.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: Option<String>,
    /// Its language.
    pub lang: String,
    /// Its source.
    pub source: Option<String>,
    /// Relevance, higher is better (BM25 with the sign turned; 0 newest first, which does
    /// not score, and when no word was asked).
    pub score: f64,
}

/// How many of the newest matches a search by relevance ranks.
pub const RANKED: usize = 10_000;

const COLUMNS: &str = "d.rowid, d.id, d.path, d.title, d.date, d.lang, d.source";

fn hit(row: &Row<'_>, score: f64) -> rusqlite::Result<Hit> {
    Ok(Hit {
        rowid: row.get(0)?,
        id: row.get(1)?,
        path: row.get(2)?,
        title: row.get(3)?,
        date: row.get(4)?,
        lang: row.get(5)?,
        source: row.get(6)?,
        score,
    })
}

/// Runs `query`: at most `limit` hits in `sort` order, of the articles `keep` accepts (the
/// ones loaded now) and that pass the query's fields (`marks` answers `is:`).
///
/// Cheap enough for every keystroke in [`Sort::Date`] order; callable from any thread with
/// its own connection (see [`super::open_database`]).
///
/// # Errors
/// `SQLite` refused (a damaged index).
pub fn search(
    conn: &Connection,
    query: &SearchQuery,
    sort: Sort,
    limit: usize,
    keep: impl Fn(&str) -> bool,
    marks: &dyn Marks,
) -> Result<Vec<Hit>, SearchError> {
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    // Ranked rows carry only (rowid, rank); the others carry the article's columns.
    let ranked = sort == Sort::Relevance && query.expression().is_some();
    let (sql, argument) = if let Some(expression) = query.expression() {
        let sql = match sort {
            Sort::Date => format!(
                "SELECT {COLUMNS}, 0.0 FROM search_text t JOIN search_docs d ON d.rowid = t.rowid
                 WHERE search_text MATCH ?1 ORDER BY t.rowid DESC"
            ),
            // Only the newest RANKED matches are ranked: FTS5 scores every row it is given
            // before it can sort, and a common word matches an eighth of a large library.
            // The rowid of the RANKED-th newest match bounds the rows (none: all of them).
            // `+t.rank` sorts in SQLite: FTS5's own sorted plan finds each row again after
            // sorting (22.6 against 12.2 ms for 10,000 rows), and the articles are looked up
            // only for the hits read (a join before the sort: 19.9 ms).
            Sort::Relevance => format!(
                "SELECT t.rowid, t.rank FROM search_text t
                 WHERE search_text MATCH ?1 AND t.rowid >= IFNULL((SELECT rowid FROM search_text
                     WHERE search_text MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET {}), 0)
                 ORDER BY +t.rank",
                RANKED - 1
            ),
        };
        (sql, Some(expression))
    } else {
        let sql = if query.exclusion().is_some() {
            format!(
                "SELECT {COLUMNS}, 0.0 FROM search_docs d WHERE d.rowid NOT IN
                 (SELECT rowid FROM search_text WHERE search_text MATCH ?1)
                 ORDER BY d.rowid DESC"
            )
        } else {
            format!("SELECT {COLUMNS}, 0.0 FROM search_docs d ORDER BY d.rowid DESC")
        };
        (sql, query.exclusion())
    };
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = match &argument {
        Some(argument) => statement.query([argument])?,
        None => statement.query([])?,
    };
    let mut docs = if ranked {
        Some(conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM search_docs d WHERE d.rowid = ?1"
        ))?)
    } else {
        None
    };
    let mut hits = Vec::new();
    while let Some(row) = rows.next()? {
        // `0.0 - rank`, not `-rank`: no `-0` score when nothing was ranked.
        let hit = match &mut docs {
            Some(docs) => {
                let (rowid, rank): (i64, f64) = (row.get(0)?, row.get(1)?);
                let found = docs.query_row([rowid], |doc| hit(doc, 0.0 - rank));
                match found.optional()? {
                    Some(hit) => hit,
                    None => continue,
                }
            }
            None => hit(row, 0.0 - row.get::<_, f64>(7)?)?,
        };
        let (bookmarked, read) = if query.asks_marks() {
            (marks.is_bookmarked(&hit.id), marks.is_read(&hit.id))
        } else {
            (false, false)
        };
        let source = hit.source.as_deref().unwrap_or("");
        if keep(&hit.id) && query.matches_fields(&hit.lang, source, bookmarked, read) {
            hits.push(hit);
            if hits.len() == limit {
                break;
            }
        }
    }
    Ok(hits)
}

/// A hit with the line of its text to show under its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The article that matched.
    pub hit: Hit,
    /// A line around its first hit, the matched words marked.
    pub snippet: super::Snippet,
}

/// Cuts the snippets of `hits` (in parallel: each needs its article's text, which `body`
/// gives as paragraphs, or `None` when it cannot be read, for an empty snippet).
pub fn with_snippets<B>(hits: Vec<Hit>, query: &SearchQuery, body: B) -> Vec<Found>
where
    B: Fn(&Hit) -> Option<Vec<String>> + Sync,
{
    use rayon::prelude::*;
    hits.into_par_iter()
        .map(|hit| {
            let snippet = body(&hit).map_or_else(super::Snippet::default, |paragraphs| {
                super::snippet(paragraphs.iter().map(String::as_str), query)
            });
            Found { hit, snippet }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::{RANKED, Sort, search};
    use crate::article::NoMarks;
    use crate::search::index::{Doc, Indexer, create_schema};
    use crate::search::{SearchQuery, Tokens};

    fn doc<'a>(id: &'a str, date: &'a str) -> Doc<'a> {
        Doc {
            id,
            path: id,
            date: Some(date),
            lang: "en",
            source: None,
            title: id,
        }
    }

    /// Indexes `count` articles that say "lighthouse" once each, one a day from 2020 on,
    /// after the oldest, which says it in its title and three times in its body.
    fn library(conn: &Connection, count: usize) {
        let mut indexer = Indexer::new(conn).unwrap();
        let best = Tokens::of("lighthouse", ["lighthouse lighthouse lighthouse"]);
        indexer.add(&doc("best", "2019-01-01"), &best).unwrap();
        let plain = Tokens::of("news", ["a lighthouse and some other words of a body"]);
        for n in 0..count {
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
                + chrono::Days::new(u64::try_from(n).unwrap());
            let date = date.format("%Y-%m-%d").to_string();
            indexer
                .add(&doc(&format!("plain {n}"), &date), &plain)
                .unwrap();
        }
    }

    fn first(conn: &Connection, sort: Sort) -> String {
        let query = SearchQuery::parse("lighthouse", false);
        let hits = search(conn, &query, sort, 1, |_| true, &NoMarks).unwrap();
        hits[0].path.clone()
    }

    #[test]
    fn relevance_ranks_the_newest_ranked_matches() {
        let conn = Connection::open_in_memory().unwrap();
        create_schema(&conn).unwrap();
        // The best match is the RANKED-th newest: ranked, and first.
        library(&conn, RANKED - 1);
        assert_eq!(first(&conn, Sort::Relevance), "best");
        assert_eq!(first(&conn, Sort::Date), format!("plain {}", RANKED - 2));
        // One newer match pushes it out of the ranked ones.
        let conn = Connection::open_in_memory().unwrap();
        create_schema(&conn).unwrap();
        library(&conn, RANKED);
        assert!(first(&conn, Sort::Relevance).starts_with("plain"));
    }

    #[test]
    fn a_query_of_exclusions_alone_lists_the_rest_in_both_orders() {
        let conn = Connection::open_in_memory().unwrap();
        create_schema(&conn).unwrap();
        library(&conn, 2);
        let query = SearchQuery::parse("-body", false);
        for sort in [Sort::Date, Sort::Relevance] {
            let hits = search(&conn, &query, sort, 10, |_| true, &NoMarks).unwrap();
            let paths: Vec<&str> = hits.iter().map(|hit| hit.path.as_str()).collect();
            assert_eq!(paths, ["best"], "{sort:?}");
        }
    }

    #[test]
    fn only_relevance_scores() {
        let conn = Connection::open_in_memory().unwrap();
        create_schema(&conn).unwrap();
        library(&conn, 3);
        let query = SearchQuery::parse("lighthouse", false);
        let scores = |sort| -> Vec<f64> {
            let hits = search(&conn, &query, sort, 10, |_| true, &NoMarks).unwrap();
            hits.iter().map(|hit| hit.score).collect()
        };
        assert_eq!(scores(Sort::Date), [0.0; 4]);
        let ranked = scores(Sort::Relevance);
        assert!(ranked.iter().all(|&score| score > 0.0), "{ranked:?}");
    }
}
