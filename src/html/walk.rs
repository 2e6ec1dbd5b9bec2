//! The walk from a DOM to lectern's paragraphs: blocks become paragraphs, list items get their
//! bullet or number, table cells are joined with ` │ `, `pre` stays verbatim, `br` breaks a line.
//!
//! The walk keeps its own stack instead of recursing: a page can nest elements as deep as it
//! likes, and recursion would overflow the thread's stack.

use dom_query::NodeRef;

/// Elements whose whole subtree is dropped: code, hidden content and furniture
/// (captions and images are credits and alt text, not the article's paragraphs).
const DROPPED: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "figcaption",
    "img",
    "picture",
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
    "body",
    "html",
];

/// One step of the walk: a node to enter, or the end of an element already entered.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(String),
}

/// Paragraphs being built.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<String>,
    current: String,
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
        let text = if self.verbatim > 0 {
            text.trim_matches('\n').trim_end().to_owned()
        } else {
            let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
            lines.join("\n").trim().to_owned()
        };
        // A bullet or number alone is no paragraph.
        if !text.is_empty() && text != "•" {
            self.paragraphs.push(text);
        }
    }

    fn enter(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
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
    }

    fn leave(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "ul" | "ol" => {
                self.lists.pop();
            }
            "pre" => self.verbatim = self.verbatim.saturating_sub(1),
            _ => {}
        }
    }
}

/// The paragraphs of the text under `root`, in document order.
pub fn paragraphs(root: &NodeRef<'_>) -> Vec<String> {
    let mut builder = Builder::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave(name) => {
                builder.leave(&name);
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
        if DROPPED.contains(&name.as_str()) || (!node.is_element() && !is_container(&node)) {
            continue;
        }
        builder.enter(&name);
        stack.push(Step::Leave(name));
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

/// Whether the walk drops an element of this (lowercase) name with its whole subtree: its
/// links are left out with it.
pub(super) fn is_dropped(name: &str) -> bool {
    DROPPED.contains(&name)
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
        paragraphs(&doc.root())
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
                "Heading",
                "One bold word.",
                "• first",
                "• second",
                "1. alpha",
                "2. beta",
                "City │ Rain",
                "Hue │ 12 mm",
                "a  b\n  c",
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
}
