//! `SearchKey`: the folded title and source of one article, compact enough to keep 10^6.

use serde::{Deserialize, Serialize};

use super::fold::{Strength, fold_into, fold_pair_into};

/// Longest title or source folded into a key, in bytes: a real headline is a few hundred
/// bytes, and a bound keeps a malformed file from making every keystroke slow.
const MAX_PART_BYTES: usize = 2048;

/// Between the title and the source in a key: a line break, which neither contains and no
/// query term can, so `^` and `$` terms can tell where the title ends.
pub(super) const PART_SEPARATOR: char = '\n';

/// The folded form of an article's title and source, built once when it loads.
///
/// Holds the full fold (`full`) and the light fold (`light`, diacritics kept) of
/// `"title\nsource"` in one allocation; the light fold is stored only when it differs,
/// which it does not for plain ASCII titles. 24 bytes plus the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchKey {
    /// The full fold, followed by the light fold when that differs.
    text: Box<str>,
    /// Where the light fold starts in `text`; `text.len()` when it is the full fold.
    light_start: u32,
}

impl SearchKey {
    /// Builds the key for an article's title and source.
    pub fn new(title: &str, source: Option<&str>) -> Self {
        let title = clip(title);
        let source = source.map(clip);
        let capacity = title.len() + source.map_or(0, str::len) + 1;
        let mut text = String::with_capacity(2 * capacity);
        if title.is_ascii() && source.is_none_or(str::is_ascii) {
            // Nothing for the light fold to keep: the two folds are the same.
            fold_into(title, Strength::Full, &mut text, None);
            if let Some(source) = source {
                text.push(PART_SEPARATOR);
                fold_into(source, Strength::Full, &mut text, None);
            }
        } else {
            let mut light = String::with_capacity(capacity);
            fold_pair_into(title, &mut text, &mut light);
            if let Some(source) = source {
                text.push(PART_SEPARATOR);
                light.push(PART_SEPARATOR);
                fold_pair_into(source, &mut text, &mut light);
            }
            if light != text {
                let full_len = text.len();
                text.push_str(&light);
                // Both parts are clipped, so the offset always fits.
                if let Ok(light_start) = u32::try_from(full_len) {
                    return Self {
                        text: text.into_boxed_str(),
                        light_start,
                    };
                }
                text.truncate(full_len);
            }
        }
        let light_start = u32::try_from(text.len()).unwrap_or(u32::MAX);
        Self {
            text: text.into_boxed_str(),
            light_start,
        }
    }

    /// The fully folded `"title\nsource"`: what query terms without diacritics match.
    pub fn full(&self) -> &str {
        self.text
            .get(..self.light_start as usize)
            .unwrap_or(&self.text)
    }

    /// The lightly folded `"title\nsource"` (diacritics kept): what query terms typed with
    /// diacritics match. The same string as [`SearchKey::full`] when there are none.
    pub fn light(&self) -> &str {
        match self.text.get(self.light_start as usize..) {
            Some(light) if !light.is_empty() => light,
            _ => self.full(),
        }
    }
}

/// `text` cut to at most `MAX_PART_BYTES`, at a character boundary.
fn clip(text: &str) -> &str {
    let mut end = text.len().min(MAX_PART_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_title_shares_its_light_fold() {
        let key = SearchKey::new("Taliban Ready", Some("Reuters"));
        assert_eq!(key.full(), "taliban ready\nreuters");
        assert_eq!(key.light(), "taliban ready\nreuters");
        assert_eq!(key.text.len(), key.full().len());
    }

    #[test]
    fn vietnamese_title_keeps_both_folds() {
        let key = SearchKey::new("Việt Nam", Some("VnExpress"));
        assert_eq!(key.full(), "viet nam\nvnexpress");
        assert_eq!(key.light(), "việt nam\nvnexpress");
    }

    #[test]
    fn no_source_means_title_only() {
        let key = SearchKey::new("Đà Nẵng", None);
        assert_eq!(key.full(), "da nang");
        assert_eq!(key.light(), "đà nẵng");
    }

    #[test]
    fn key_is_small() {
        assert_eq!(std::mem::size_of::<SearchKey>(), 24);
    }

    #[test]
    fn long_titles_are_clipped_on_a_char_boundary() {
        let title = "ệ".repeat(MAX_PART_BYTES);
        let key = SearchKey::new(&title, None);
        assert_eq!(key.full().len(), MAX_PART_BYTES / 3);
        assert!(key.light().chars().all(|c| c == 'ệ'));
    }

    #[test]
    fn corrupt_offsets_from_a_cache_never_panic() {
        // Offset 3 falls inside "ệ" (bytes 2..5): both views fall back to the whole text.
        let key = SearchKey {
            text: "việt".into(),
            light_start: 3,
        };
        assert_eq!(key.full(), "việt");
        assert_eq!(key.light(), "việt");
    }
}
