//! An article's links: a final block of Markdown reference definitions
//! (`[1]: <https://…> "text"`, as `lectern add` writes them after a web page's body) is taken
//! off the body and read as the list of links the reader can open.

use serde::Serialize;

use crate::text::sanitize_line;

/// A link of the article: the text it had on the page and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The link's text, one sanitised line (empty when it had none).
    pub text: String,
    /// The address, one sanitised line.
    pub url: String,
}

/// Splits `body` into the text before a final block of reference definitions and the links
/// it defines. A block counts only when every one of its lines is a whole definition, so a
/// paragraph that merely starts with `[` stays a paragraph.
pub fn split_off(body: &str) -> (&str, Vec<Link>) {
    let trimmed = body.trim_end();
    // The block starts after the last blank line (or at the start of the body).
    let (mut start, mut offset) = (0, 0);
    for line in trimmed.split_inclusive('\n') {
        offset += line.len();
        if line.trim().is_empty() {
            start = offset;
        }
    }
    let block = &trimmed[start..];
    if block.is_empty() {
        return (body, Vec::new());
    }
    let links: Option<Vec<Link>> = block.split('\n').map(definition).collect();
    match links {
        Some(links) => (&body[..start], links),
        None => (body, Vec::new()),
    }
}

/// One line read as `[label]: destination "title"`, or `None` when it is anything else.
fn definition(line: &str) -> Option<Link> {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line[indent..].strip_prefix('[')?;
    let label_end = unescaped(rest, &[']', '['])?;
    if rest.as_bytes()[label_end] != b']' || rest[..label_end].trim().is_empty() {
        return None;
    }
    let rest = rest[label_end + 1..].strip_prefix(':')?.trim_start();
    let (url, rest) = if let Some(inner) = rest.strip_prefix('<') {
        let end = unescaped(inner, &['>', '<'])?;
        if inner.as_bytes()[end] != b'>' {
            return None;
        }
        (&inner[..end], &inner[end + 1..])
    } else {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        (&rest[..end], &rest[end..])
    };
    let text = if rest.trim().is_empty() {
        ""
    } else {
        // A title needs space before it and nothing after it.
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let rest = rest.trim_start();
        let close = match rest.chars().next()? {
            '"' => '"',
            '\'' => '\'',
            '(' => ')',
            _ => return None,
        };
        let inner = &rest[1..];
        let end = unescaped(inner, &[close])?;
        if !inner[end + 1..].trim().is_empty() {
            return None;
        }
        &inner[..end]
    };
    Some(Link {
        text: sanitize_line(&unescape(text)).trim().to_owned(),
        url: sanitize_line(&unescape(url)).trim().to_owned(),
    })
}

/// The byte index of the first of `stops` in `text` not escaped by a backslash.
fn unescaped(text: &str, stops: &[char]) -> Option<usize> {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if stops.contains(&c) {
            return Some(index);
        }
    }
    None
}

/// `text` with its backslash escapes of ASCII punctuation undone.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str, url: &str) -> Link {
        Link {
            text: text.to_owned(),
            url: url.to_owned(),
        }
    }

    #[test]
    fn a_final_block_of_definitions_becomes_the_links() {
        let body = "First.\n\nSecond.\n\n[1]: <https://a.b/x%20y> \"say \\\"hi\\\" \\\\ o\"\n\
                    [2]: mailto:x@y.z\n  [note]: https://c.d/ 'single'\n";
        let (rest, links) = split_off(body);
        assert_eq!(rest, "First.\n\nSecond.\n\n");
        assert_eq!(
            links,
            [
                link("say \"hi\" \\ o", "https://a.b/x%20y"),
                link("", "mailto:x@y.z"),
                link("single", "https://c.d/"),
            ]
        );
    }

    #[test]
    fn paragraphs_that_start_with_a_bracket_stay() {
        for body in [
            "Text.\n\n[Editor's note: this was updated.]",
            "Text.\n\n[1]: see the footnote",
            "Text.\n\n[1]: <https://a.b/> \"title\" and more",
            "Text.\n\n[1]: https://a.b/\nand a line that is no definition",
            "Text.\n\n[]: https://a.b/",
            "Text.\n\n    [1]: https://a.b/",
            "Text.\n\n[1]:",
            "[1]: https://a.b/\n\nText after the block.",
        ] {
            let (rest, links) = split_off(body);
            assert_eq!((rest, links.len()), (body, 0), "{body}");
        }
    }

    #[test]
    fn a_body_of_definitions_only_and_escapes_in_them() {
        let (rest, links) = split_off("[1]: <https://a.b/> \"x\x1b[31my\u{202e}z\"");
        assert_eq!(rest, "");
        assert_eq!(links, [link("xyz", "https://a.b/")]);
        assert_eq!(split_off("").1, []);
        assert_eq!(split_off("\n\n").1, []);
    }
}
