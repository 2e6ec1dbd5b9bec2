//! Fuzzy filtering of the article list on folded search keys (placeholder until the TUI issue lands).

/// The folded form of an article's title and source, built once when it loads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchKey {
    /// Folded title and source, the text the matcher sees.
    pub folded: String,
}

impl SearchKey {
    /// Builds the key for an article's title and source.
    pub fn new(title: &str, source: Option<&str>) -> Self {
        let mut folded = title.to_lowercase();
        if let Some(source) = source {
            folded.push(' ');
            folded.push_str(&source.to_lowercase());
        }
        Self { folded }
    }
}
