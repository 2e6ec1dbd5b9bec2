//! The `Article` model and `parse`, which turns decoded text into one.

use serde::{Deserialize, Serialize};

/// Writing direction of an article or paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left to right (Latin, Vietnamese, CJK, ...).
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Urdu, Hebrew).
    Rtl,
}

/// Everything the list needs about an article; the body is read on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Stable id derived from the normalized content (16 hex digits).
    pub id: String,
    /// Where it came from: a file path, or `bundled:NAME` for a bundled article.
    pub path: String,
    /// The headline.
    pub title: String,
    /// The outlet, when the text names it.
    pub source: Option<String>,
    /// The original address, from front matter.
    pub url: Option<String>,
    /// Publication date (`YYYY-MM-DD`), or the file's modification date.
    pub date: Option<String>,
    /// ISO 639-1 language code, `und` when unknown.
    pub lang: String,
    /// Dominant direction of the body.
    pub dir: Dir,
    /// Words in the clean body.
    pub words: usize,
}

/// A parsed article: its metadata, clean paragraphs and the untouched text.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Metadata shown in the list.
    pub meta: Meta,
    /// The article body without page furniture, one string per paragraph.
    pub paragraphs: Vec<String>,
    /// The decoded text exactly as read (NFC, LF line endings, sanitised).
    pub raw: String,
}
