//! Blocks that are not prose, carried in the text with Markdown's conventions so that a saved
//! Markdown file reads as the web page did: an ATX heading (`## Heading`) and a fenced block
//! (lines between ```` ``` ```` fences, kept verbatim).

use serde::Serialize;

/// What a paragraph is, for the reader: prose is wrapped, a heading shown in bold, a verbatim
/// block laid out line by line as written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Block {
    /// Ordinary text, wrapped to the screen.
    #[default]
    Prose,
    /// A heading (its `#` marks removed).
    Heading,
    /// A fenced block's lines, never rewrapped.
    Verbatim,
}

/// The opening fence of a fenced block: at least three backticks (a longer fence lets the
/// block hold a line of three), then an optional info string.
const FENCE: &str = "```";

/// The text of an ATX heading line (`# Title`, `### Part ###`), without its marks: one to six
/// `#`, then a space (so `#hashtag` is no heading), then the text, which must not be empty.
pub fn atx(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line.get(hashes..)?;
    if !(1..=6).contains(&hashes) || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim();
    // An optional closing sequence of `#`, after a space.
    let unclosed = text.trim_end_matches('#');
    let text = if unclosed.ends_with([' ', '\t']) {
        unclosed.trim_end()
    } else {
        text
    };
    (!text.is_empty()).then_some(text)
}

/// Backticks that open a fence on `line`, if it opens one.
fn opening(line: &str) -> Option<usize> {
    let line = line.trim();
    let ticks = line.bytes().take_while(|&b| b == b'`').count();
    // An info string may follow, but no backtick (CommonMark), or "```code```" would open one.
    (ticks >= FENCE.len() && !line[ticks..].contains('`')).then_some(ticks)
}

/// Whether `line` closes a fence opened with `ticks` backticks.
fn closes(line: &str, ticks: usize) -> bool {
    let line = line.trim();
    line.len() >= ticks && line.bytes().all(|b| b == b'`')
}

/// `body` cut into parts, in order, each `(fenced, text)`: a fenced part runs from its opening
/// fence line through its closing one (or the end of the body, as in `CommonMark`), without
/// the newline that ends it.
pub fn fenced_parts(body: &str) -> Vec<(bool, &str)> {
    if !body.contains(FENCE) {
        return vec![(false, body)];
    }
    let mut parts = Vec::new();
    let (mut start, mut at) = (0, 0);
    let mut open: Option<(usize, usize)> = None;
    for line in body.split_inclusive('\n') {
        let end = at + line.len();
        match open {
            None => {
                if let Some(ticks) = opening(line) {
                    parts.push((false, &body[start..at]));
                    open = Some((at, ticks));
                }
            }
            Some((from, ticks)) => {
                if closes(line, ticks) {
                    parts.push((true, body[from..end].trim_end_matches('\n')));
                    open = None;
                    start = end;
                }
            }
        }
        at = end;
    }
    if let Some((from, _)) = open {
        parts.push((true, body[from..].trim_end_matches('\n')));
    } else {
        parts.push((false, &body[start..]));
    }
    parts.retain(|(fenced, text)| *fenced || !text.trim().is_empty());
    parts
}

/// Whether a paragraph of the cleaning is a fenced block, fences included.
pub fn is_fenced(paragraph: &str) -> bool {
    paragraph.lines().next().and_then(opening).is_some()
}

/// The lines between a fenced block's fences.
fn fenced_content(paragraph: &str) -> &str {
    let Some((first, rest)) = paragraph.split_once('\n') else {
        return "";
    };
    let ticks = opening(first).unwrap_or(FENCE.len());
    match rest.rsplit_once('\n') {
        Some((content, last)) if closes(last, ticks) => content,
        None if closes(rest, ticks) => "",
        _ => rest,
    }
}

/// The paragraphs with their marks removed, and the kind of each up to the last that is not
/// prose (empty when all are prose).
pub fn unmark(paragraphs: Vec<String>) -> (Vec<String>, Vec<Block>) {
    let mut blocks = Vec::new();
    let mut out = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let (text, block) = if is_fenced(&paragraph) {
            (fenced_content(&paragraph).to_owned(), Block::Verbatim)
        } else if let Some(text) = atx(&paragraph) {
            (text.to_owned(), Block::Heading)
        } else {
            (unescaped(paragraph), Block::Prose)
        };
        if block != Block::Prose {
            blocks.resize(out.len(), Block::Prose);
            blocks.push(block);
        }
        out.push(text);
    }
    (out, blocks)
}

/// A prose paragraph without the backslash that kept its first character from being read as
/// markup (`\\## not a heading`, as a web page's text is saved).
fn unescaped(mut paragraph: String) -> String {
    let mut chars = paragraph.chars();
    if chars.next() == Some('\\') && chars.next().is_some_and(|c| "#`[\\".contains(c)) {
        paragraph.remove(0);
    }
    paragraph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atx_headings() {
        assert_eq!(atx("## Results"), Some("Results"));
        assert_eq!(atx("# النتائج"), Some("النتائج"));
        assert_eq!(atx("### Part two ###"), Some("Part two"));
        assert_eq!(atx("## C#"), Some("C#"));
        for no in ["#hashtag", "####### seven", "## ", "#", "Issue #5"] {
            assert_eq!(atx(no), None, "{no}");
        }
    }

    #[test]
    fn fences_cut_the_body() {
        let body = "Intro.\n\n```\nfn a() {\n\n    b();\n}\n```\nAfter.\n";
        assert_eq!(
            fenced_parts(body),
            [
                (false, "Intro.\n\n"),
                (true, "```\nfn a() {\n\n    b();\n}\n```"),
                (false, "After.\n"),
            ]
        );
        // A longer fence holds a line of three backticks; an unclosed one runs to the end.
        assert_eq!(fenced_parts("````\n```\n````"), [(true, "````\n```\n````")]);
        assert_eq!(
            fenced_parts("a\n```\nb\n"),
            [(false, "a\n"), (true, "```\nb")]
        );
        assert_eq!(
            fenced_parts("Say ```x``` now"),
            [(false, "Say ```x``` now")]
        );
    }

    #[test]
    fn an_escaped_first_character_is_prose_without_its_backslash() {
        let paragraphs = [
            "\\## not a heading",
            "\\```",
            "\\[1]: x",
            "\\\\# two",
            "\\n stays",
        ];
        let (text, blocks) = unmark(paragraphs.map(String::from).to_vec());
        assert_eq!(
            text,
            ["## not a heading", "```", "[1]: x", "\\# two", "\\n stays"]
        );
        assert!(blocks.is_empty(), "{blocks:?}");
    }

    #[test]
    fn unmark_strips_marks_and_records_kinds() {
        let paragraphs = ["One.", "## Two", "```text\n  a\n```", "Three."]
            .map(str::to_owned)
            .to_vec();
        let (text, blocks) = unmark(paragraphs);
        assert_eq!(text, ["One.", "Two", "  a", "Three."]);
        assert_eq!(blocks, [Block::Prose, Block::Heading, Block::Verbatim]);
        let (_, blocks) = unmark(vec!["Plain.".to_owned()]);
        assert!(blocks.is_empty());
    }

    #[test]
    fn parse_reads_headings_and_fenced_blocks() {
        let text = "# The title\n\nIntro paragraph.\n\n## A part\n\n```\n  indented\n\nline two\n```\n\nEnd.\n";
        let (article, _) = crate::article::parse(text.to_owned(), "a.md".to_owned(), None);
        assert_eq!(article.meta.title, "The title");
        assert_eq!(
            article.paragraphs,
            [
                "Intro paragraph.",
                "A part",
                "  indented\n\nline two",
                "End."
            ]
        );
        let kinds: Vec<Block> = (0..4).map(|i| article.block(i)).collect();
        assert_eq!(
            kinds,
            [Block::Prose, Block::Heading, Block::Verbatim, Block::Prose]
        );
        assert!(article.is_verbatim(2) && !article.is_verbatim(3));
        // A fenced block first is no title.
        let text = "```\ncode\n```\n\nTitle line\n\nBody.\n";
        let (article, _) = crate::article::parse(text.to_owned(), String::new(), None);
        assert_eq!(article.meta.title, "Title line");
        assert_eq!(article.paragraphs, ["code", "Body."]);
    }

    #[test]
    fn declared_direction_overrides_detection() {
        let text = "+++\ntitle = \"T\"\ndir = \"rtl\"\n+++\nPlain English text here.\n";
        let (article, _) = crate::article::parse(text.to_owned(), "a.md".to_owned(), None);
        assert_eq!(article.meta.dir, crate::text::Dir::Rtl);
        let (article, _) =
            crate::article::parse(text.replace("dir = \"rtl\"\n", ""), String::new(), None);
        assert_eq!(article.meta.dir, crate::text::Dir::Ltr);
    }
}
