//! Language, direction, stable id and word count of an article, and the bounded samples of
//! its text the detectors and the date search read (a whole body would make loading a
//! library grow with file sizes).

use unicode_bidi::{BidiClass, bidi_class};
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::Xxh3Default;

use super::Dir;

mod language;

pub use language::{language, normalize_code};

/// Right to left when strong right-to-left characters outnumber left-to-right ones.
pub fn direction<'a>(texts: impl IntoIterator<Item = &'a str>) -> Dir {
    let (mut ltr, mut rtl) = (0usize, 0usize);
    for c in texts.into_iter().flat_map(str::chars) {
        match bidi_class(c) {
            BidiClass::L => ltr += 1,
            BidiClass::R | BidiClass::AL => rtl += 1,
            _ => {}
        }
    }
    if rtl > ltr { Dir::Rtl } else { Dir::Ltr }
}

/// A 16-hex-digit id from the content alone, with runs of white space folded, so that the same
/// article keeps its id when it is moved, renamed or re-saved with other line endings.
pub fn stable_id(text: &str) -> String {
    // Hashed as a stream (the same hash as of the joined string): a copy of a 50 MB file
    // was a sixth of the peak memory of loading it.
    let mut hasher = Xxh3Default::new();
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    format!("{:016x}", hasher.digest())
}

/// Words as Unicode word segmentation counts them.
pub fn word_count<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(|t| t.unicode_words().count()).sum()
}

/// `text` cut to at most `bytes`, at a character boundary.
pub(super) fn sample(text: &str, bytes: usize) -> &str {
    let mut end = text.len().min(bytes);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `lines` joined by newlines, only as far as needed for a sample of `bytes` (a prefix of the
/// whole join that long or longer): joining a whole body copied the file.
pub(super) fn joined_prefix<'a>(lines: impl Iterator<Item = &'a str>, bytes: usize) -> String {
    let mut joined = String::new();
    for (index, line) in lines.enumerate() {
        if joined.len() >= bytes {
            break;
        }
        if index > 0 {
            joined.push('\n');
        }
        joined.push_str(sample(line, bytes));
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_dominant_strong_script() {
        assert_eq!(direction(["وفد حركة طالبان في موسكو (AFP)"]), Dir::Rtl);
        assert_eq!(direction(["Taliban in Moscow: طالبان"]), Dir::Ltr);
        assert_eq!(direction(["שלום", "עולם hi"]), Dir::Rtl);
        assert_eq!(direction(["123 !?"]), Dir::Ltr);
    }

    #[test]
    fn id_ignores_white_space_layout_but_not_content() {
        assert_eq!(stable_id("a  b\nc\n"), stable_id(" a b c"));
        assert_ne!(stable_id("a b c"), stable_id("a b d"));
        assert_eq!(stable_id("x").len(), 16);
        // The streamed hash is the one-shot hash of the words joined by single spaces.
        let text = "  Việt\tNam\n\nعربي  中文 ".repeat(300);
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let one_shot = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(joined.as_bytes()));
        assert_eq!(stable_id(&text), one_shot);
    }

    #[test]
    fn words_are_counted_per_script() {
        assert_eq!(word_count(["Việt Nam, 2021!"]), 3);
        assert_eq!(word_count(["وفد حركة طالبان", "two words"]), 5);
    }
}
