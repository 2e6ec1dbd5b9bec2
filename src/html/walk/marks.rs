//! What the walk writes besides a page's text. A block's declared `dir` becomes a leading
//! mark where the paragraph's letters would give it the other direction; inline `dir`, `bdi`
//! and `bdo` become the isolates and overrides HTML's rendering rules give them; a `pre` is
//! fenced.

use crate::text::{Dir, news_paragraph_dir};

/// What a `dir` attribute declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// `rtl` or `ltr`.
    Dir(Dir),
    /// `auto`: the letters decide.
    Auto,
}

impl Declared {
    /// The declared direction, `None` for `auto`.
    pub fn dir(self) -> Option<Dir> {
        match self {
            Self::Dir(dir) => Some(dir),
            Self::Auto => None,
        }
    }
}

/// A `dir` attribute's declaration; `None` when it is none of `rtl`, `ltr` and `auto`.
pub fn declared(value: &str) -> Option<Declared> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Declared::Dir(Dir::Rtl)),
        "ltr" => Some(Declared::Dir(Dir::Ltr)),
        "auto" => Some(Declared::Auto),
        _ => None,
    }
}

/// The bidi controls an inline element opens and closes, by HTML's rendering rules: `bdo`
/// overrides (RLO/LRO … PDF), `bdi` and any other element with `dir` isolate
/// (RLI/LRI/FSI … PDI).
pub fn inline_controls(name: &str, dir: Option<Declared>) -> Option<(char, char)> {
    match (name, dir) {
        ("bdo", Some(Declared::Dir(Dir::Rtl))) => Some(('\u{202E}', '\u{202C}')),
        ("bdo", Some(Declared::Dir(Dir::Ltr))) => Some(('\u{202D}', '\u{202C}')),
        ("bdo", _) => None,
        (_, Some(Declared::Dir(Dir::Rtl))) => Some(('\u{2067}', '\u{2069}')),
        (_, Some(Declared::Dir(Dir::Ltr))) => Some(('\u{2066}', '\u{2069}')),
        ("bdi", _) | (_, Some(Declared::Auto)) => Some(('\u{2068}', '\u{2069}')),
        _ => None,
    }
}

/// Whether a paragraph declared `declared` needs a mark to be laid out so: its letters
/// would give it the other direction in an article of direction `base` (either, when unknown).
pub fn needs_mark(text: &str, declared: Dir, base: Option<Dir>) -> bool {
    let bases = base.map_or([Dir::Ltr, Dir::Rtl], |b| [b, b]);
    bases
        .into_iter()
        .any(|b| news_paragraph_dir(text, b) != declared)
}

/// Bytes of the prefix the walk writes before a paragraph's text: a heading's `#`s, a bullet
/// or a number, each with its space.
fn prefix_len(text: &str) -> usize {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if hashes > 0 && text[hashes..].starts_with(' ') {
        hashes + 1
    } else if text.starts_with("• ") {
        "• ".len()
    } else if digits > 0 && text[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    }
}

/// `text` with RLM or LRM after the prefix the walk wrote (which the cleaning must still
/// find first), before the paragraph's own text.
pub fn with_mark(text: &str, dir: Dir) -> String {
    let mark = match dir {
        Dir::Rtl => '\u{200F}',
        Dir::Ltr => '\u{200E}',
    };
    let at = prefix_len(text);
    let mut marked = String::with_capacity(text.len() + 3);
    marked.push_str(&text[..at]);
    marked.push(mark);
    marked.push_str(&text[at..]);
    marked
}

/// A fence for `text`: longer than any run of backticks in it, so that none closes it.
pub fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use super::super::{Walk, paragraphs};
    use super::*;
    use dom_query::Document;

    fn walk(html: &str) -> Vec<String> {
        walk_with(html, Walk::default())
    }

    fn walk_with(html: &str, walk: Walk) -> Vec<String> {
        let doc = Document::from(html);
        paragraphs(&doc.root(), walk)
    }

    #[test]
    fn declared_direction_is_marked_only_where_the_letters_disagree() {
        let html = "<p>English text.</p><blockquote dir='rtl'><p>قال الوزير إن الاجتماع سيعقد</p>\
                    <p>BBC reported it first</p></blockquote><p dir='auto'>Plain</p>";
        let got = walk_with(
            html,
            Walk {
                base: Some(Dir::Ltr),
                ..Walk::default()
            },
        );
        // The Arabic paragraph is right to left by its letters already: no mark; the English
        // one inside the quote needs an RLM before its first letter.
        assert_eq!(
            got,
            [
                "English text.",
                "قال الوزير إن الاجتماع سيعقد",
                "\u{200F}BBC reported it first",
                "Plain",
            ]
        );
        // In an Arabic page, a list item of digits is marked after its bullet.
        let got = walk_with(
            "<ul dir='ltr'><li>2024</li></ul>",
            Walk {
                base: Some(Dir::Rtl),
                ..Walk::default()
            },
        );
        assert_eq!(got, ["• \u{200E}2024"]);
    }

    #[test]
    fn bdi_bdo_and_inline_dir_become_isolates_and_overrides() {
        let got = walk(
            "<p>a <bdi>b</bdi> <bdo dir=rtl>c</bdo> <bdo dir=ltr>d</bdo> <span dir=rtl>e</span> \
             <span dir=ltr>f</span> <span dir=auto>g</span> <bdo>h</bdo> <bdi dir=rtl>i</bdi></p>",
        );
        assert_eq!(
            got,
            [
                "a \u{2068}b\u{2069} \u{202E}c\u{202C} \u{202D}d\u{202C} \u{2067}e\u{2069} \
              \u{2066}f\u{2069} \u{2068}g\u{2069} h \u{2067}i\u{2069}"
            ]
        );
    }

    #[test]
    fn headings_keep_their_level_on_one_line() {
        let got = walk("<h1>Top</h1><h3>Part<br>two</h3><h4> </h4><p># not</p>");
        // A paragraph that starts like a heading is escaped, or it would be read back as one.
        assert_eq!(got, ["# Top", "### Part two", "\\# not"]);
    }

    #[test]
    fn pre_is_fenced_longer_than_its_backticks() {
        let got = walk("<pre>  x = 1\n\n```\ny</pre>");
        assert_eq!(got, ["````\n  x = 1\n\n```\ny\n````"]);
    }
}
