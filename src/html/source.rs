//! The page's source before any parsing: how deep its tags nest, and its text without tags,
//! for pages too deep to give to the HTML parser.

/// Elements that never hold others, or that a parser closes by itself when the next one opens:
/// they do not add to the depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta",
    "option", "p", "param", "source", "td", "th", "tr", "track", "wbr",
];

/// The deepest nesting of the source's start and end tags (comments, doctypes and
/// self-closing tags aside). One pass, no allocation.
pub fn tag_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset + 1;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| start + e);
        let tag = &bytes[start..end];
        at = (end + 1).min(bytes.len());
        let closing = tag.first() == Some(&b'/');
        let after = &tag[usize::from(closing)..];
        let name = &after[..after
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(after.len())];
        let nests = !name.is_empty()
            && !tag.ends_with(b"/")
            && !NOT_NESTING
                .iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name));
        if !nests {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The source with every tag removed and runs of blank lines made one paragraph break.
pub fn without_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_elements_only() {
        assert_eq!(
            tag_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            tag_depth("<!doctype html><div><span/></div><!-- <div> -->"),
            1
        );
        let deep = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(tag_depth(&deep), 100_000);
    }

    #[test]
    fn tags_are_removed_and_text_kept() {
        assert_eq!(
            without_tags("<h1>Title</h1>\n\n<p>One <b>bold</b> word.</p>\n\n\n<div></div>"),
            "Title\n\nOne bold word."
        );
    }
}
