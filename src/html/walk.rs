//! The walk from a DOM to lectern's paragraphs: blocks become paragraphs, list items get their
//! bullet or number, table cells are joined with ` │ `, `br` breaks a line. What is more than
//! text is written with Markdown's and Unicode's conventions, which `article::parse` reads, so
//! that the text saved as a Markdown file reads as the page did: headings as `## Heading`,
//! `pre` as a fenced block, a block's declared direction as a leading RLM or LRM (only where
//! the paragraph's letters would give it the other one), `bdi`, `bdo` and inline `dir` as
//! the matching bidi isolates and overrides.
//!
//! The walk keeps its own stack instead of recursing: a page can nest elements as deep as it
//! likes, and recursion would overflow the thread's stack.

use dom_query::NodeRef;

use crate::text::{Dir, news_paragraph_dir};

/// What a walk keeps besides the article's text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Furniture too: images as `[image: alt]` lines and figure captions (for `raw`).
    pub furniture: bool,
    /// The direction the page declares, when it does: the article's direction, which
    /// paragraphs take unless their letters or their own `dir` say otherwise.
    pub base: Option<Dir>,
}

/// Elements whose whole subtree is dropped: code, hidden content and furniture
/// (captions and images are credits and alt text, not the article's paragraphs).
const DROPPED: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "figcaption",
    "img",
    "svg",
    "iframe",
    "object",
    "video",
    "audio",
    "canvas",
    "button",
    "form",
    "select",
    "textarea",
    "input",
    "head",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "figure",
    "header",
    "footer",
    "nav",
    "aside",
    "address",
    "hr",
    "figcaption",
    "body",
    "html",
];

/// One step of the walk: a node to enter, or the end of an element already entered.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(Left),
}

/// An element being left: its name, whether it declared a direction, and the bidi control
/// that closes what it opened.
struct Left {
    name: String,
    declared: bool,
    close: Option<char>,
}

/// A `dir` attribute: a direction, or `auto` (`None`: the letters decide); not a `dir` at all
/// when it is none of those.
fn declared(value: &str) -> Option<Option<Dir>> {
    match value.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Some(Dir::Rtl)),
        "ltr" => Some(Some(Dir::Ltr)),
        "auto" => Some(None),
        _ => None,
    }
}

/// The bidi controls an inline element opens and closes, by HTML's rendering rules: `bdo`
/// overrides (RLO/LRO … PDF), `bdi` and any other element with `dir` isolate
/// (RLI/LRI/FSI … PDI).
fn inline_controls(name: &str, dir: Option<Option<Dir>>) -> Option<(char, char)> {
    match (name, dir) {
        ("bdo", Some(Some(Dir::Rtl))) => Some(('\u{202E}', '\u{202C}')),
        ("bdo", Some(Some(Dir::Ltr))) => Some(('\u{202D}', '\u{202C}')),
        ("bdo", _) => None,
        (_, Some(Some(Dir::Rtl))) => Some(('\u{2067}', '\u{2069}')),
        (_, Some(Some(Dir::Ltr))) => Some(('\u{2066}', '\u{2069}')),
        ("bdi", _) | (_, Some(None)) => Some(('\u{2068}', '\u{2069}')),
        _ => None,
    }
}

/// Whether a paragraph declared `declared` needs a mark to be laid out so: its letters
/// would give it the other direction in an article of direction `base` (either, when unknown).
fn needs_mark(text: &str, declared: Dir, base: Option<Dir>) -> bool {
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
fn with_mark(text: &str, dir: Dir) -> String {
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
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Paragraphs being built.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<String>,
    current: String,
    /// Declared directions of the open elements that declare one, innermost last; `None`
    /// for `auto`. The first is the page's, if it declares one.
    dirs: Vec<Option<Dir>>,
    /// The declared direction of the paragraph being built.
    block_dir: Option<Dir>,
    /// The direction of the article, when the page declares it.
    base: Option<Dir>,
    /// Whether the paragraph being built is a heading.
    heading: bool,
    /// For each open list: `None` for bullets, else the next number.
    lists: Vec<Option<usize>>,
    /// Open `pre` elements: text inside is kept as written.
    verbatim: usize,
    /// Cells seen in the open table row.
    cells: usize,
}

impl Builder {
    fn text(&mut self, text: &str) {
        if self.verbatim > 0 {
            self.current.push_str(text);
            return;
        }
        let starts_with_space = text.starts_with(char::is_whitespace);
        for (index, word) in text.split_whitespace().enumerate() {
            let after_break = self.current.is_empty() || self.current.ends_with(['\n', ' ']);
            if !after_break && (index > 0 || starts_with_space) {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.current.is_empty() {
            self.current.push(' ');
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let heading = std::mem::take(&mut self.heading);
        let mut text = if self.verbatim > 0 {
            text.trim_matches('\n').trim_end().to_owned()
        } else if heading {
            // One line: the text of a heading split over lines would not be one.
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
            lines.join("\n").trim().to_owned()
        };
        // A bullet, number or heading mark alone is no paragraph.
        if text.is_empty() || text == "•" || text.trim_start_matches('#').is_empty() {
            return;
        }
        if let Some(dir) = self.block_dir
            && needs_mark(&text, dir, self.base)
        {
            text = with_mark(&text, dir);
        }
        if self.verbatim > 0 {
            let fence = fence(&text);
            text = format!("{fence}\n{text}\n{fence}");
        }
        self.paragraphs.push(text);
    }

    fn enter(&mut self, name: &str, dir: Option<Option<Dir>>) -> Left {
        let block = BLOCKS.contains(&name);
        if block {
            self.flush();
        }
        if let Some(dir) = dir {
            self.dirs.push(dir);
        }
        let mut close = None;
        if block {
            self.block_dir = self.dirs.last().copied().flatten();
        } else if let Some((open, closing)) = inline_controls(name, dir) {
            self.current.push(open);
            close = Some(closing);
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = usize::from(name.as_bytes()[1] - b'0');
                self.current = format!("{} ", "#".repeat(level));
                self.heading = true;
            }
            "ul" => self.lists.push(None),
            "ol" => self.lists.push(Some(1)),
            "li" => match self.lists.last_mut() {
                Some(Some(number)) => {
                    self.current = format!("{number}. ");
                    *number += 1;
                }
                _ => self.current.push_str("• "),
            },
            "pre" => self.verbatim += 1,
            "tr" => self.cells = 0,
            "td" | "th" => {
                if self.cells > 0 {
                    self.current.push_str(" │ ");
                }
                self.cells += 1;
            }
            "br" => self.current.push('\n'),
            _ => {}
        }
        Left {
            name: name.to_owned(),
            declared: dir.is_some(),
            close,
        }
    }

    fn leave(&mut self, left: &Left) {
        let name = left.name.as_str();
        if let Some(close) = left.close {
            self.current.push(close);
        }
        let block = BLOCKS.contains(&name);
        if block {
            self.flush();
        }
        if left.declared {
            self.dirs.pop();
        }
        if block {
            self.block_dir = self.dirs.last().copied().flatten();
        }
        match name {
            "ul" | "ol" => {
                self.lists.pop();
            }
            "pre" => self.verbatim = self.verbatim.saturating_sub(1),
            _ => {}
        }
    }

    /// An image's alt text, as a line of its own.
    fn image(&mut self, alt: &str) {
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        if !alt.is_empty() {
            self.flush();
            self.paragraphs.push(format!("[image: {alt}]"));
        }
    }
}

/// The paragraphs of the text under `root`, in document order.
pub fn paragraphs(root: &NodeRef<'_>, walk: Walk) -> Vec<String> {
    let mut builder = Builder {
        dirs: walk.base.into_iter().map(Some).collect(),
        block_dir: walk.base,
        base: walk.base,
        ..Builder::default()
    };
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave(left) => {
                builder.leave(&left);
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            builder.text(&node.text());
            continue;
        }
        let name = if node.is_element() {
            node.node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default()
        } else {
            String::new()
        };
        if walk.furniture && name == "img" {
            builder.image(&node.attr("alt").unwrap_or_default());
            continue;
        }
        let furniture = walk.furniture && name == "figcaption";
        if !furniture && DROPPED.contains(&name.as_str())
            || (!node.is_element() && !is_container(&node))
        {
            continue;
        }
        let dir = node.attr("dir").and_then(|d| declared(&d));
        let left = builder.enter(&name, dir);
        stack.push(Step::Leave(left));
        // Children pushed last first, so that they are entered in document order.
        let children = node.children();
        stack.extend(children.into_iter().rev().map(Step::Enter));
    }
    builder.flush();
    builder.paragraphs
}

/// Whether the tree under `root` nests more than `limit` levels deep (walked without recursion).
pub fn deeper_than(root: &NodeRef<'_>, limit: usize) -> bool {
    let mut stack = vec![(*root, 0_usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children().into_iter().map(|child| (child, depth + 1)));
    }
    false
}

/// Whether a node that is no element still holds elements (the document, a fragment).
fn is_container(node: &NodeRef<'_>) -> bool {
    node.is_document() || node.is_fragment()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn walk(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        paragraphs(&doc.root(), Walk::default())
    }

    #[test]
    fn blocks_lists_tables_and_pre() {
        let got = walk(
            "<h2>Heading</h2><p>One <b>bold</b>\n  word.</p><ul><li>first</li><li>second</li></ul>\
             <ol><li>alpha</li><li>beta</li></ol>\
             <table><tr><th>City</th><th>Rain</th></tr><tr><td>Hue</td><td>12 mm</td></tr></table>\
             <pre>a  b\n  c</pre><p>line<br>next</p>",
        );
        assert_eq!(
            got,
            [
                "## Heading",
                "One bold word.",
                "• first",
                "• second",
                "1. alpha",
                "2. beta",
                "City │ Rain",
                "Hue │ 12 mm",
                "```\na  b\n  c\n```",
                "line\nnext",
            ]
        );
    }

    #[test]
    fn code_and_captions_are_dropped() {
        let got = walk(
            "<p>Kept.</p><script>alert(1)</script><style>p{}</style><template>t</template>\
             <noscript>ns</noscript><figure><img alt='A cat'><figcaption>Photo: X</figcaption></figure>",
        );
        assert_eq!(got, ["Kept."]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deeper than any page `html::read` parses (deeper sources are only stripped of tags);
        // the walk keeps its own stack, so no depth can overflow the thread's.
        let depth = 5_000;
        let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        assert_eq!(walk(&html), ["deep"]);
    }

    fn walk_with(html: &str, walk: Walk) -> Vec<String> {
        let doc = Document::from(html);
        paragraphs(&doc.root(), walk)
    }

    #[test]
    fn headings_keep_their_level_on_one_line() {
        let got = walk("<h1>Top</h1><h3>Part<br>two</h3><h4> </h4><p># not</p>");
        assert_eq!(got, ["# Top", "### Part two", "# not"]);
    }

    #[test]
    fn pre_is_fenced_longer_than_its_backticks() {
        let got = walk("<pre>  x = 1\n\n```\ny</pre>");
        assert_eq!(got, ["````\n  x = 1\n\n```\ny\n````"]);
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
    fn images_and_captions_are_furniture_kept_only_when_asked() {
        let html = "<p>Body.</p><figure><picture><img alt=' A  cat '></picture>\
                    <figcaption>Photo: X</figcaption></figure><img alt=''>";
        assert_eq!(walk(html), ["Body."]);
        let raw = walk_with(
            html,
            Walk {
                furniture: true,
                ..Walk::default()
            },
        );
        assert_eq!(raw, ["Body.", "[image: A cat]", "Photo: X"]);
    }
}
