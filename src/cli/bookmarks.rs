//! `lectern bookmarks` output: the bookmark list as Markdown to paste or JSON to pipe.

use serde::{Deserialize, Serialize};

use crate::store::Bookmark;
use crate::text::sanitize_line;

/// How `lectern bookmarks` prints the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BookmarkFormat {
    /// A Markdown list, one linked line per bookmark.
    #[default]
    Md,
    /// A JSON array of objects.
    Json,
}

/// One bookmark in the JSON output, keys in this order.
#[derive(Serialize)]
struct JsonBookmark<'a> {
    title: &'a str,
    source: Option<&'a str>,
    lang: &'a str,
    path: &'a str,
    id: &'a str,
    bookmarked_at: &'a str,
}

/// Renders bookmarks, in the order given, ending with a newline.
///
/// Markdown: `- [title](path) — source · lang · id · bookmarked_at` per line (the source is
/// left out when unknown), with Markdown's special characters escaped; no bookmarks give
/// an empty string. JSON: an array of objects with keys `title`, `source` (null when
/// unknown), `lang`, `path`, `id`, `bookmarked_at`.
pub fn render_bookmarks(bookmarks: &[Bookmark], format: BookmarkFormat) -> String {
    // The database is a file anyone can edit: what it says is made printable first.
    let cleaned: Vec<Bookmark> = bookmarks.iter().map(printable).collect();
    let bookmarks = cleaned.as_slice();
    match format {
        BookmarkFormat::Md => bookmarks.iter().map(markdown_line).collect(),
        BookmarkFormat::Json => {
            let list: Vec<JsonBookmark<'_>> = bookmarks
                .iter()
                .map(|bookmark| JsonBookmark {
                    title: &bookmark.title,
                    source: bookmark.source.as_deref(),
                    lang: &bookmark.lang,
                    path: &bookmark.path,
                    id: &bookmark.id,
                    bookmarked_at: &bookmark.bookmarked_at,
                })
                .collect();
            // Serialising borrowed strings cannot fail; an empty array is the honest fallback.
            let mut json = super::json::json(&list);
            json.push('\n');
            json
        }
    }
}

/// The bookmark with every field [`sanitize_line`]d: no escape, control or bidi character.
fn printable(bookmark: &Bookmark) -> Bookmark {
    Bookmark {
        id: sanitize_line(&bookmark.id),
        title: sanitize_line(&bookmark.title),
        source: bookmark.source.as_deref().map(sanitize_line),
        date: bookmark.date.as_deref().map(sanitize_line),
        lang: sanitize_line(&bookmark.lang),
        path: sanitize_line(&bookmark.path),
        bookmarked_at: sanitize_line(&bookmark.bookmarked_at),
    }
}

fn markdown_line(bookmark: &Bookmark) -> String {
    let title = if bookmark.title.trim().is_empty() {
        "(untitled)".to_owned()
    } else {
        escape_text(&bookmark.title)
    };
    let mut details: Vec<String> = Vec::with_capacity(4);
    if let Some(source) = bookmark.source.as_deref().filter(|s| !s.trim().is_empty()) {
        details.push(escape_text(source));
    }
    details.push(escape_text(&bookmark.lang));
    details.push(escape_text(&bookmark.id));
    details.push(escape_text(&bookmark.bookmarked_at));
    let details = details.join(" · ");
    if is_safe_link(&bookmark.path) {
        format!(
            "- [{title}]({}) — {details}\n",
            link_destination(&bookmark.path)
        )
    } else {
        // `javascript:`, `data:` and the like are never links: a tampered database or state
        // file could otherwise put a script behind a title.
        format!("- {title} ({}) — {details}\n", escape_text(&bookmark.path))
    }
}

/// Whether a path may be a link's destination: an `http(s)` address, or a file path (no
/// scheme: nothing before a `:` that comes ahead of every `/`, `?` and `#`).
fn is_safe_link(path: &str) -> bool {
    let scheme_end = path.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if path[at..].starts_with(':') => {
            let scheme = path[..at].to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => !path.is_empty(),
    }
}

/// Escapes the characters that could start emphasis, code, links, HTML, entities,
/// strikethrough or table cells, and turns line breaks into spaces so an item stays one line.
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '&' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A link destination: bare when plain, else in `<...>` (which allows spaces and parentheses)
/// with `<`, `>` and `\` escaped.
fn link_destination(path: &str) -> String {
    let plain = !path.is_empty()
        && !path.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>' | '\\')
        });
    if plain {
        return path.to_owned();
    }
    let mut destination = String::with_capacity(path.len() + 2);
    destination.push('<');
    for c in path.chars() {
        match c {
            '<' | '>' | '\\' => {
                destination.push('\\');
                destination.push(c);
            }
            c if c.is_control() => destination.push(' '),
            c => destination.push(c),
        }
    }
    destination.push('>');
    destination
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bookmark(title: &str, source: Option<&str>, path: &str) -> Bookmark {
        Bookmark {
            id: "0123456789abcdef".to_owned(),
            title: title.to_owned(),
            source: source.map(str::to_owned),
            date: None,
            lang: "vi".to_owned(),
            path: path.to_owned(),
            bookmarked_at: "2026-04-22T10:15:00Z".to_owned(),
        }
    }

    // The expected Markdown lines were written by hand, then fed to cmark-gfm 0.29
    // (`cmark-gfm -e table -e strikethrough -e autolink`), which rendered every escaped
    // character literally and the `<...>` destination as one href.
    #[test]
    fn markdown_line_has_link_and_details() {
        let list = [bookmark(
            "Lũ lụt ở miền Trung",
            Some("Tuổi Trẻ"),
            "/news/a.txt",
        )];
        assert_eq!(
            render_bookmarks(&list, BookmarkFormat::Md),
            "- [Lũ lụt ở miền Trung](/news/a.txt) — Tuổi Trẻ · vi · 0123456789abcdef · 2026-04-22T10:15:00Z\n"
        );
    }

    #[test]
    fn markdown_escapes_special_characters_in_title_and_source() {
        let list = [bookmark(
            "A *bold* _claim_ [1] <b> &amp; x|y ~~no~~ ![img] `code` back\\slash",
            Some("Tuổi *Trẻ*"),
            "bundled:000",
        )];
        assert_eq!(
            render_bookmarks(&list, BookmarkFormat::Md),
            concat!(
                r"- A \*bold\* \_claim\_ \[1\] \<b\> \&amp; x\|y \~\~no\~\~ \!\[img\] \`code\` back\\slash (bundled:000)",
                r" — Tuổi \*Trẻ\* · vi · 0123456789abcdef · 2026-04-22T10:15:00Z",
                "\n"
            )
        );
    }

    #[test]
    fn only_http_addresses_and_file_paths_become_links() {
        for (path, linked) in [
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("vbscript:x", false),
            ("bundled:000", false),
            ("https://example.com/a", true),
            ("HTTP://example.com/a", true),
            ("/news/a.txt", true),
            ("news/a:b.txt", true),
        ] {
            let md = render_bookmarks(&[bookmark("t", None, path)], BookmarkFormat::Md);
            assert_eq!(md.starts_with("- [t]("), linked, "{path}: {md}");
        }
        let md = render_bookmarks(
            &[bookmark("t", None, "javascript:alert(1)")],
            BookmarkFormat::Md,
        );
        assert!(md.starts_with("- t (javascript:alert(1)) — "), "{md}");
    }

    #[test]
    fn markdown_wraps_awkward_paths_in_angle_brackets() {
        let list = [bookmark("t", None, "/tmp/my file (1)<x>.txt")];
        assert_eq!(
            render_bookmarks(&list, BookmarkFormat::Md),
            concat!(
                r"- [t](</tmp/my file (1)\<x\>.txt>) — vi · 0123456789abcdef · 2026-04-22T10:15:00Z",
                "\n"
            )
        );
    }

    #[test]
    fn markdown_keeps_each_bookmark_on_one_line() {
        let list = [
            bookmark("two\nlines\r", Some(""), "p"),
            bookmark("", None, "q"),
        ];
        let md = render_bookmarks(&list, BookmarkFormat::Md);
        assert_eq!(md.lines().count(), 2);
        // The line feed becomes a space; the carriage return its visible symbol U+240D.
        assert!(md.starts_with("- [two lines\u{240d}](p) — vi ·"), "{md}");
        assert!(md.contains("- [(untitled)](q) — vi ·"), "{md}");
    }

    #[test]
    fn no_bookmarks_render_as_nothing_or_an_empty_array() {
        assert_eq!(render_bookmarks(&[], BookmarkFormat::Md), "");
        assert_eq!(render_bookmarks(&[], BookmarkFormat::Json), "[]\n");
    }

    #[test]
    fn json_has_the_documented_keys_in_order() {
        let list = [
            bookmark("الحكومة \"تقول\"", None, "/a b.txt"),
            bookmark("x", Some("BBC"), "bundled:003"),
        ];
        let json = render_bookmarks(&list, BookmarkFormat::Json);
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let first = &value[0];
        assert_eq!(first["title"], "الحكومة \"تقول\"");
        assert_eq!(first["source"], serde_json::Value::Null);
        assert_eq!(first["lang"], "vi");
        assert_eq!(first["path"], "/a b.txt");
        assert_eq!(first["id"], "0123456789abcdef");
        assert_eq!(first["bookmarked_at"], "2026-04-22T10:15:00Z");
        assert_eq!(value[1]["source"], "BBC");
        let keys: Vec<usize> = ["title", "source", "lang", "path", "id", "bookmarked_at"]
            .iter()
            .map(|key| json.find(&format!("\"{key}\":")).expect("key present"))
            .collect();
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "{json}");
    }

    #[test]
    fn format_names_are_md_and_json() {
        use clap::ValueEnum;
        let names: Vec<String> = BookmarkFormat::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|value| value.get_name().to_owned())
            .collect();
        assert_eq!(names, ["md", "json"]);
        assert_eq!(
            serde_json::to_string(&BookmarkFormat::Json).ok().as_deref(),
            Some("\"json\"")
        );
    }
}
