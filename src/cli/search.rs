//! `lectern search`: full-text search of the library's bodies, as a table or JSON.
//!
//! The library is loaded as for `lectern list`, the index in `lectern.db` is brought up to
//! date with it (only new articles are read), and the query runs against the index; only
//! articles of the loaded library are shown. Snippets come from each hit's own text.

use std::collections::HashMap;
use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{ValueEnum, ValueHint};
use serde::Serialize;

use crate::article::Marks;
use crate::library::Library;
use crate::search::{
    Found, SearchQuery, Snippet, Sort, open_database, search, sync, with_snippets,
};
use crate::text::thousands;
use crate::text::width::str_width;

/// Arguments of `lectern search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find in titles and bodies (folded: `dai su` finds "Đại sứ"), `"a phrase"`,
    /// `-word` to exclude, and lang:CODE, source:NAME, is:bookmarked, is:unread
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Folders or files to search [default: the `library` setting, else the bundled articles]
    #[arg(value_name = "PATHS", value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
    /// At most this many hits
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
}

/// Makes the search index again from scratch for `library`, telling progress on stderr.
///
/// # Errors
/// The database cannot be opened or written.
pub fn reindex(library: &Library) -> anyhow::Result<ExitCode> {
    let mut conn = open_database(&super::data_dir()?).context("opening the search index")?;
    crate::search::drop_damaged(&conn).context("emptying the search index")?;
    let terminal = std::io::stderr().is_terminal();
    let report = sync(&mut conn, library, |done, total| {
        if terminal {
            eprint!("\rindexing {} / {}", thousands(done), thousands(total));
        }
    })
    .context("indexing")?;
    if terminal {
        eprintln!();
    }
    for failure in &report.failed {
        super::shell::tell(&format!("warning: not indexed: {failure}"));
    }
    println!("indexed {}", crate::text::counted(report.added, "article"));
    Ok(ExitCode::SUCCESS)
}

/// How `lectern search` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Each hit's title and details, then its snippet on the next line.
    Table,
    /// A JSON array of hits, with the matched words as byte ranges of the snippet.
    Json,
}

/// The order of `lectern search`'s hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best first (BM25; a hit in the title counts five times one in the body).
    Relevance,
    /// Newest first.
    Date,
}

/// One hit of `lectern search --format json`.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    lang: &'a str,
    path: &'a str,
    score: f64,
    snippet: &'a str,
    /// `[start, end)` byte ranges of the matched words in `snippet`.
    ranges: Vec<[usize; 2]>,
}

/// Runs the search; exit status 0 with hits, 1 without, 2 for a query that asks nothing.
///
/// # Errors
/// The database cannot be opened or written, or the output cannot be written.
pub fn run(
    args: &SearchArgs,
    library: &Library,
    marks: &(impl Marks + Sync),
) -> anyhow::Result<ExitCode> {
    let query = SearchQuery::parse(&args.query, false);
    for warning in query.warnings() {
        super::shell::tell(&format!("search: {warning}"));
    }
    if query.is_empty() {
        super::shell::tell("search: the query has no words or fields to search for");
        return Ok(ExitCode::from(2));
    }
    let mut conn = open_database(&super::data_dir()?).context("opening the search index")?;
    update(&mut conn, library)?;
    let rows: HashMap<&str, usize> = (library.entries.iter().enumerate())
        .map(|(row, entry)| (entry.meta.id.as_str(), row))
        .collect();
    let sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
    };
    let keep = |id: &str| rows.contains_key(id);
    let hits = match search(&conn, &query, sort, args.limit, keep, marks) {
        Err(error) if error.is_damage() => {
            super::shell::tell(&format!("warning: {error}: making the index again"));
            crate::search::drop_damaged(&conn).context("emptying the search index")?;
            update(&mut conn, library)?;
            search(&conn, &query, sort, args.limit, keep, marks)
        }
        other => other,
    }
    .context("searching")?;
    let found = with_snippets(hits, &query, |hit| {
        let entry = &library.entries[rows[hit.id.as_str()]];
        library.read(entry).ok().map(|article| article.paragraphs)
    });
    let out = match args.format {
        SearchFormat::Json => json(library, &rows, &found),
        SearchFormat::Table => table(&found),
    };
    super::print(&out)?;
    Ok(if found.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Brings the index up to date with `library`, telling on stderr what could not be indexed
/// and whether the index had to be made again.
fn update(conn: &mut rusqlite::Connection, library: &Library) -> anyhow::Result<()> {
    let report = sync(conn, library, |_, _| {}).context("updating the search index")?;
    if let Some(why) = &report.rebuilt {
        super::shell::tell(&format!("warning: {why}: the index was made again"));
    }
    for failure in &report.failed {
        super::shell::tell(&format!("warning: not indexed: {failure}"));
    }
    Ok(())
}

fn json(library: &Library, rows: &HashMap<&str, usize>, found: &[Found]) -> String {
    let rows: Vec<Row> = (found.iter())
        .map(|Found { hit, snippet }| {
            // The path of the file loaded now (the index may know an older one).
            let meta = &library.entries[rows[hit.id.as_str()]].meta;
            Row {
                id: &hit.id,
                title: &meta.title,
                source: meta.source.as_deref(),
                date: meta.date.as_deref(),
                lang: &meta.lang,
                path: &meta.path,
                score: hit.score,
                snippet: &snippet.text,
                ranges: (snippet.ranges.iter())
                    .map(|range| [range.start, range.end])
                    .collect(),
            }
        })
        .collect();
    // Serializing plain strings and numbers cannot fail.
    super::json::json(&rows) + "\n"
}

/// Each hit as `id  lang  date  title · source`, then its snippet indented, the matched
/// words between `[` and `]`.
fn table(found: &[Found]) -> String {
    let mut out = String::new();
    for Found { hit, snippet } in found {
        let date = hit
            .date
            .as_deref()
            .map_or("-", |date| date.get(..10).unwrap_or(date));
        let source = hit
            .source
            .as_deref()
            .map(|s| format!(" · {s}"))
            .unwrap_or_default();
        let lang = format!(
            "{}{}",
            hit.lang,
            " ".repeat(4usize.saturating_sub(str_width(&hit.lang)))
        );
        let _ = writeln!(out, "{}  {lang}{date:<10}  {}{source}", hit.id, hit.title);
        let _ = writeln!(out, "    {}", marked(snippet));
    }
    out
}

/// The snippet with its matched words between brackets.
fn marked(snippet: &Snippet) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.ranges {
        out.push_str(&snippet.text[at..range.start]);
        out.push('[');
        out.push_str(&snippet.text[range.clone()]);
        out.push(']');
        at = range.end;
    }
    out.push_str(&snippet.text[at..]);
    out.replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_bracketed() {
        let snippet = Snippet {
            text: "Ông Đại sứ nói".to_owned(),
            ranges: vec![5..11, 12..16],
        };
        assert_eq!(marked(&snippet), "Ông [Đại] [sứ] nói");
    }
}
