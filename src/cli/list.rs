//! `lectern list`: the library as a table laid out like the reader's list, as tab-separated
//! rows for pipes, or as JSON.

use std::fmt::Write;

use serde::Serialize;

use std::io::IsTerminal;
use std::path::PathBuf;

use super::paths::{data_dir, load_library, terminal_width};
use super::shell::print;
use super::{ListArgs, ListFormat};
use crate::article::{Dir, Meta};
use crate::config::Config;
use crate::library::{Entry, Library};
use crate::store::Store;
use crate::text::width::str_width;
use crate::text::{LayoutOptions, lay_out_line};
use std::os::unix::ffi::OsStrExt;

/// One row of `lectern list --format json`, and the common keys of `lectern show --format json`.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    id: &'a str,
    lang: &'a str,
    dir: Dir,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    /// Where the date comes from: `front_matter`, `text` or `file` (a file time).
    date_source: Option<crate::article::DateSource>,
    words: usize,
    /// The file's real path (the table shows it with control characters made visible); a
    /// name that is not UTF-8 comes with U+FFFD here and its bytes in `path_bytes`.
    path: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a [u8]>,
}

impl<'a> Row<'a> {
    /// The row of one article.
    pub fn of(meta: &'a Meta) -> Self {
        Row {
            id: &meta.id,
            lang: &meta.lang,
            dir: meta.dir,
            title: &meta.title,
            source: meta.source.as_deref(),
            date: meta.date.as_deref(),
            date_source: meta.date_source,
            words: meta.words,
            path: std::borrow::Cow::Borrowed(&meta.path),
            path_bytes: None,
        }
    }

    /// The row of a library entry, with the path of its file as it is on disk.
    pub fn of_entry(entry: &'a Entry) -> Self {
        let mut row = Self::of(&entry.meta);
        if let Some(file) = entry.file() {
            let bytes = file.as_os_str().as_bytes();
            row.path = String::from_utf8_lossy(bytes);
            row.path_bytes = std::str::from_utf8(bytes).is_err().then_some(bytes);
        }
        row
    }
}

/// Cells of the table's columns, each with the gap after it.
const ID: usize = 18;
const LANG: usize = 5;
const SOURCE: usize = 18;
const DATE: usize = 11;

/// The library, one article per row, in list order. `layout` sets how the table lays titles
/// out (its `dir` is each article's own); `width` is the table's width in cells.
pub fn render(
    library: &Library,
    order: &[usize],
    format: ListFormat,
    layout: LayoutOptions,
    width: usize,
) -> String {
    let metas = order.iter().map(|&i| &library.entries[i].meta);
    match format {
        ListFormat::Json => {
            let rows: Vec<Row> = (order.iter())
                .map(|&i| Row::of_entry(&library.entries[i]))
                .collect();
            // Serializing plain strings and numbers cannot fail.
            super::json::json(&rows) + "\n"
        }
        ListFormat::Tsv => metas.fold(String::new(), |mut out, meta| {
            let fields = [
                meta.id.as_str(),
                &meta.lang,
                dir_name(meta.dir),
                meta.date.as_deref().unwrap_or("-"),
                meta.source.as_deref().unwrap_or("-"),
                &meta.words.to_string(),
                &meta.title,
                &meta.path,
            ];
            let fields: Vec<String> = fields.iter().map(|field| one_field(field)).collect();
            let _ = writeln!(out, "{}", fields.join("\t"));
            out
        }),
        ListFormat::Table | ListFormat::Auto => table(metas, layout, width),
    }
}

/// Aligned columns as the reader's list shows them: id, language, title (in visual order,
/// right-to-left titles right-aligned in their column), source and date; source, then date,
/// give way on narrow terminals.
fn table<'a>(metas: impl Iterator<Item = &'a Meta>, layout: LayoutOptions, width: usize) -> String {
    let date = width >= ID + LANG + DATE + 30;
    let source = width >= ID + LANG + DATE + SOURCE + 40;
    let fixed = ID + LANG + if date { DATE + 1 } else { 0 } + if source { SOURCE } else { 0 };
    let title_cells = width.saturating_sub(fixed).max(1);
    let mut out = String::new();
    let mut row = |id: &str, lang: &str, title: String, source_cell: &str, date_cell: &str| {
        let mut line = format!("{}{}{title}", pad(id, ID), pad(lang, LANG));
        line.push_str(&" ".repeat(title_cells.saturating_sub(str_width(&title)) + 1));
        if source {
            line.push_str(&pad(source_cell, SOURCE));
        }
        if date {
            line.push_str(date_cell);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    };
    row("ID", "LANG", pad("TITLE", title_cells), "SOURCE", "DATE");
    for meta in metas {
        let options = LayoutOptions {
            dir: meta.dir,
            ..layout
        };
        let title = lay_out_line(&meta.title, title_cells, &options).to_plain();
        let ltr = LayoutOptions {
            dir: Dir::Ltr,
            ..layout
        };
        let source_cell = meta.source.as_deref().unwrap_or("-");
        let source_cell = lay_out_line(source_cell, SOURCE - 2, &ltr).to_plain();
        // A date ending in `?` is the file's time, as the reader's list shows it.
        let date_cell = meta.shown_date().unwrap_or_else(|| "-".to_owned());
        row(&meta.id, &meta.lang, title, &source_cell, &date_cell);
    }
    out
}

/// `text` padded with spaces to `cells` cells (at least one space after it).
fn pad(text: &str, cells: usize) -> String {
    let room = cells.saturating_sub(str_width(text)).max(1);
    format!("{text}{}", " ".repeat(room))
}

/// A field of a tab-separated row: tabs and line breaks become spaces, so a row stays a row.
fn one_field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

fn dir_name(dir: Dir) -> &'static str {
    match dir {
        Dir::Ltr => "ltr",
        Dir::Rtl => "rtl",
    }
}

/// Runs `lectern list`: the paths after the command, else those before it.
///
/// # Errors
/// A path that does not exist, or a failure to write the output.
pub fn run(args: ListArgs, before: Vec<PathBuf>, config: &Config) -> anyhow::Result<()> {
    let paths = if args.paths.is_empty() {
        before
    } else {
        args.paths
    };
    let library = load_library(&paths, config)?;
    let order = match &args.filter {
        Some(query) => {
            if crate::filter::bounded(query).1 {
                super::shell::tell(&format!(
                    "the filter uses its first {} terms and {} characters",
                    crate::filter::MAX_TERMS,
                    crate::filter::MAX_QUERY_CHARS
                ));
            }
            for warning in crate::filter::Query::parse(query).warnings() {
                super::shell::tell(&format!("filter: {warning}"));
            }
            library.filter(&Store::open(&data_dir()?).0, query)
        }
        None => (0..library.entries.len()).collect(),
    };
    let format = match args.format {
        ListFormat::Auto if std::io::stdout().is_terminal() => ListFormat::Table,
        ListFormat::Auto => ListFormat::Tsv,
        format => format,
    };
    let layout = LayoutOptions {
        bidi: config.bidi,
        shaping: config.shaping,
        dir: crate::text::Dir::Ltr,
    };
    let width = args.width.map_or_else(terminal_width, usize::from);
    print(&render(&library, &order, format, layout, width))?;
    // The process ends here: freeing 10^5 entries one by one would only add a
    // twentieth to the command's time.
    std::mem::forget(library);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_stay_on_one_row() {
        assert_eq!(one_field("a\tb\nc\r"), "a b c ");
    }

    #[test]
    fn padding_counts_cells_not_bytes() {
        assert_eq!(pad("越南", 6), "越南  ");
        assert_eq!(pad("abcdef", 4), "abcdef ");
    }
}
