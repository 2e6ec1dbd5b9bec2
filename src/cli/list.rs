//! `lectern list`: the library as a table or as JSON.

use std::fmt::Write;

use serde::Serialize;

use super::ListFormat;
use crate::article::Dir;
use crate::library::Library;
use crate::text::width::str_width;

/// One row of `lectern list --format json`; exactly these keys.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: &'a str,
    lang: &'a str,
    dir: Dir,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    /// Where the date comes from: `front_matter`, `text` or `file` (a file time).
    date_source: Option<crate::article::DateSource>,
    words: usize,
    path: &'a str,
}

/// Source names wider than this many cells are cut in the table.
const SOURCE_CELLS: usize = 16;

/// The library, one article per row, in list order.
pub fn render(library: &Library, order: &[usize], format: ListFormat) -> String {
    let rows = order.iter().map(|&i| {
        let e = &library.entries[i];
        let m = &e.meta;
        Row {
            id: &m.id,
            lang: &m.lang,
            dir: m.dir,
            title: &m.title,
            source: m.source.as_deref(),
            date: m.date.as_deref(),
            date_source: m.date_source,
            words: m.words,
            path: &m.path,
        }
    });
    match format {
        ListFormat::Json => {
            let rows: Vec<Row> = rows.collect();
            // Serializing plain strings and numbers cannot fail.
            serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
        }
        ListFormat::Table => {
            let mut out = String::new();
            for row in rows {
                let source = fit(row.source.unwrap_or("-"), SOURCE_CELLS);
                let pad = " ".repeat(SOURCE_CELLS - str_width(&source));
                let (lang, date, words) = (row.lang, row.date.unwrap_or("-"), row.words);
                let _ = writeln!(
                    out,
                    "{lang:<4}{date:<11}{words:>6}  {source}{pad}  {}",
                    row.title
                );
            }
            out
        }
    }
}

/// `text` cut to at most `cells` cells, with an ellipsis when cut.
fn fit(text: &str, cells: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    if str_width(text) <= cells {
        return text.to_owned();
    }
    let mut out = String::new();
    for g in text.graphemes(true) {
        if str_width(&out) + str_width(g) + 1 > cells {
            break;
        }
        out.push_str(g);
    }
    out + "…"
}
