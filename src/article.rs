//! The `Article` model and `parse`, which turns decoded text into one.

mod blocks;
mod clean;
pub mod date;
mod decode;
mod detect;
mod front_matter;
mod furniture;
mod links;
mod source;

pub use blocks::Block;
pub use date::DateSource;
pub use decode::{DecodeError, Decoded, Encoding, decode, decode_owned};
pub use detect::{language, stable_id};
pub use links::Link;

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

pub use crate::text::Dir;
use crate::text::sanitize_line;
use detect::{joined_prefix, sample};

/// What a reader has marked on articles, by id: what the filter's `is:bookmarked` and
/// `is:read` terms ask. The store answers; the library asks without knowing the store.
pub trait Marks {
    /// Whether the article with this id is bookmarked.
    fn is_bookmarked(&self, id: &str) -> bool;
    /// Whether the article with this id is marked read.
    fn is_read(&self, id: &str) -> bool;
}

/// No marks at all: nothing bookmarked, nothing read (for a search that asks no `is:`).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoMarks;

impl Marks for NoMarks {
    fn is_bookmarked(&self, _: &str) -> bool {
        false
    }
    fn is_read(&self, _: &str) -> bool {
        false
    }
}

/// Everything the list needs about an article; the body is read on demand.
///
/// Serialised only into the index cache, which stores where the file is on its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable id derived from the normalized content (16 hex digits).
    pub id: String,
    /// Where it came from: a file path, or `bundled:NAME` for a bundled article.
    #[serde(skip)]
    pub path: String,
    /// The headline.
    pub title: String,
    /// The outlet, when the text names it.
    pub source: Option<String>,
    /// The original address, from front matter.
    pub url: Option<String>,
    /// Publication date (`YYYY-MM-DD`), or the file's modification date.
    pub date: Option<String>,
    /// Where `date` comes from; a file time is shown marked, since it is no publication date.
    pub date_source: Option<DateSource>,
    /// ISO 639-1 language code, `und` when unknown.
    pub lang: String,
    /// Dominant direction of the body.
    pub dir: Dir,
    /// Words in the clean body.
    pub words: usize,
}

impl Meta {
    /// The date as lists and headers show it: a file time (no publication date) ends in `?`.
    pub fn shown_date(&self) -> Option<String> {
        let date = self.date.as_deref()?;
        Some(match self.date_source {
            Some(DateSource::File) => format!("{date}?"),
            _ => date.to_owned(),
        })
    }

    /// What headers show under the title: source, date and language, those it has.
    pub fn details(&self) -> String {
        let date = self.shown_date();
        let parts = [
            self.source.as_deref(),
            date.as_deref(),
            Some(self.lang.as_str()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
    }
}

/// A parsed article: its metadata, clean paragraphs and the untouched text.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Metadata shown in the list.
    pub meta: Meta,
    /// The article body without page furniture, one string per paragraph.
    pub paragraphs: Vec<String>,
    /// What each paragraph is, by index, up to the last one that is not prose (empty for
    /// most articles): see [`Article::block`]. A list beside `paragraphs` rather than a
    /// paragraph type, so that the many readers of paragraphs as strings (search, the
    /// comparison, `lectern show`, tests) stay as they are, and plain articles pay nothing.
    pub blocks: Vec<Block>,
    /// The decoded text exactly as read (NFC, LF line endings, sanitised).
    pub raw: String,
    /// The links of a final block of Markdown reference definitions, in order.
    pub links: Vec<Link>,
}

impl Article {
    /// What paragraph `index` is: prose unless [`Article::blocks`] says otherwise.
    pub fn block(&self, index: usize) -> Block {
        self.blocks.get(index).copied().unwrap_or_default()
    }

    /// Whether paragraph `index` is laid out as written (a fenced block).
    pub fn is_verbatim(&self, index: usize) -> bool {
        self.block(index) == Block::Verbatim
    }

    /// The raw text in the paragraphs the file has: runs of lines between blank lines, each
    /// keeping its line breaks. Laid out with a blank line between them, the raw view shows
    /// each run of blank lines of the file as one.
    pub fn raw_paragraphs(&self) -> Vec<&str> {
        let mut runs = Vec::new();
        let mut run: Option<std::ops::Range<usize>> = None;
        let mut at = 0;
        for line in self.raw.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if content.trim().is_empty() {
                runs.extend(run.take().map(|range| &self.raw[range]));
            } else {
                let end = at + content.len();
                run = Some(run.map_or(at..end, |range| range.start..end));
            }
            at += line.len();
        }
        runs.extend(run.map(|range| &self.raw[range]));
        runs
    }
}

/// Characters of each of the first paragraphs that belong to the lead, where datelines
/// stand ("(Moscow, 20 Oct) —", "【6月18日 AFP】", "Chiều ngày 1/10, ...").
const LEAD_CHARS: usize = 100;

/// Paragraphs whose start belongs to the lead.
const LEAD_PARAGRAPHS: usize = 2;

/// The date of an article: front matter, else the dateline and the lead (title and the start
/// of the first paragraphs), else the body, else the file time.
fn article_date(
    front_matter: Option<&str>,
    dateline: Option<&str>,
    title: &str,
    paragraphs: &[String],
    modified: Option<SystemTime>,
) -> Option<(date::Date, DateSource)> {
    let starts = paragraphs.iter().take(LEAD_PARAGRAPHS).map(|p| {
        let end = p.char_indices().nth(LEAD_CHARS).map_or(p.len(), |(i, _)| i);
        &p[..end]
    });
    let lead: Vec<&str> = dateline.into_iter().chain([title]).chain(starts).collect();
    let lead = lead.join("\n");
    // Each piece is cut before joining (a paragraph can be megabytes long): the same
    // sample as cutting the joined text, without copying it whole.
    let body = paragraphs.iter().take(DATE_SAMPLE_PARAGRAPHS);
    let body: Vec<&str> = body.map(|t| sample(t, DATE_SAMPLE_BYTES)).collect();
    let body = body.join("\n");
    let text = date::DateText {
        front_matter: front_matter.map(|t| sample(t, DATE_SAMPLE_BYTES)),
        lead: sample(&lead, DATE_SAMPLE_BYTES),
        body: sample(&body, DATE_SAMPLE_BYTES),
    };
    date::article_date(&text, modified)
}

/// How much of the body the date search reads: dates that matter come first.
const DATE_SAMPLE_PARAGRAPHS: usize = 12;

/// Bytes of text that the date search reads at most, from the start where datelines are.
/// Bounds keep loading a library linear in the number of files rather than in their sizes
/// (before them, the date patterns and the language detector cost more than reading a file).
const DATE_SAMPLE_BYTES: usize = 4096;

/// Bytes the language detector and the direction count read: a paragraph or two is
/// plenty for either, and whatlang's time grows with its input.
const LANG_SAMPLE_BYTES: usize = 1024;

/// Parses decoded text into an `Article`, with warnings about the text itself.
///
/// `path` is only recorded; `modified` is the fallback for the date.
pub fn parse(text: String, path: String, modified: Option<SystemTime>) -> (Article, Vec<String>) {
    let (fields, body, warning) = front_matter::split(&text);
    // Front matter strings may spell controls as TOML escapes that decoding never saw.
    let fields = fields.one_line();
    // A final block of link definitions (what `lectern add` writes after a page) is no
    // paragraph of the article: it becomes its list of links.
    let (body, link_list) = links::split_off(body);
    let cleaned = clean::clean(
        body,
        furniture::Furniture::bundled(),
        fields.title.as_deref(),
    );
    // A title with nothing visible (only invisible or blank characters) is no title.
    let title = (cleaned.title.map(|title| sanitize_line(&title)))
        .filter(|title| !title.trim().is_empty())
        .unwrap_or_else(|| "(untitled)".to_owned());
    // Headings and fenced blocks keep their Markdown marks through cleaning, which must
    // not rewrap a fenced block, and lose them here.
    let (paragraphs, blocks) = blocks::unmark(cleaned.paragraphs);

    let (date, date_source) = article_date(
        fields.date.as_deref(),
        cleaned.dateline.as_deref(),
        &title,
        &paragraphs,
        modified,
    )
    .map_or((None, None), |(d, s)| (Some(d.to_string()), Some(s)));

    let lines = || paragraphs.iter().map(String::as_str);
    let start = joined_prefix(
        [title.as_str()].into_iter().chain(lines()),
        LANG_SAMPLE_BYTES,
    );
    let lang = (fields.lang.as_deref()).map_or_else(
        || detect::language(sample(&start, LANG_SAMPLE_BYTES)),
        detect::normalize_code,
    );
    let body_text = || paragraphs.iter().map(String::as_str);
    let declared = fields.direction();
    let dir = if let Some(dir) = declared {
        dir
    } else if paragraphs.is_empty() {
        detect::direction([title.as_str()])
    } else {
        // The body as it follows the title in `start`: from the newline after it.
        let body = joined_prefix([""].into_iter().chain(lines()), LANG_SAMPLE_BYTES);
        detect::direction([sample(&body, LANG_SAMPLE_BYTES)])
    };

    let meta = Meta {
        id: stable_id(&text),
        path,
        title,
        // A dateline's outlet, else the credit where cleaning found the article's end, else
        // one in its last paragraphs.
        source: fields.source.or_else(|| {
            source::in_lead(cleaned.dateline.as_deref(), &paragraphs)
                .or(cleaned.source.filter(|s| source::is_plausible(s)))
                // A byline that names an agency ("By Jane Doe, Reuters").
                .or(cleaned.byline_agency)
                .or_else(|| source::in_closing(&paragraphs))
                .map(|source| sanitize_line(&source))
        }),
        url: fields.url,
        date,
        date_source,
        lang,
        dir,
        words: detect::word_count(body_text()),
    };
    let article = Article {
        meta,
        paragraphs,
        blocks,
        raw: text,
        links: link_list,
    };
    (article, warning.into_iter().collect())
}
