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

mod elements;
mod marks;

use elements::{BLOCKS, DROPPED};
use marks::{Declared, declared, fence, inline_controls, needs_mark, with_mark};

use crate::text::Dir;

/// What a walk keeps besides the article's text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    /// Furniture too: images as `[image: alt]` lines and figure captions (for `raw`).
    pub furniture: bool,
    /// The direction the page declares, when it does: the article's direction, which
    /// paragraphs take unless their letters or their own `dir` say otherwise.
    pub base: Option<Dir>,
}

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

/// The first characters of a paragraph that the reading of lectern's text (and Markdown) give a
/// meaning: `#` of a heading, `` ` `` of a fence, `[` of a link definition, `\\` of an escape.
const MARKUP: [char; 4] = ['#', '`', '[', '\\'];

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
        } else if !heading && text.starts_with(MARKUP) {
            // Prose that starts like a heading, a fence or a link definition would be read
            // back as one: a backslash keeps it prose, as in Markdown.
            text.insert(0, '\\');
        }
        self.paragraphs.push(text);
    }

    fn enter(&mut self, name: &str, dir: Option<Declared>) -> Left {
        let block = BLOCKS.contains(&name);
        if block {
            self.flush();
        }
        if let Some(dir) = dir {
            self.dirs.push(dir.dir());
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
mod tests;
