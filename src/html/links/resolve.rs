//! A link's `href` made absolute against the page's address (RFC 3986, section 5.2): enough
//! of URL resolution for links in articles, without a URL library and its IDNA tables.

/// Schemes kept: what a browser opens for a reader. `javascript:`, `data:` and the rest are
/// dropped.
const SCHEMES: &[&str] = &["http", "https", "mailto"];

/// `href` as an absolute `http(s)` or `mailto` address, or `None` when it is empty, a
/// fragment of this page, another scheme, or relative without an absolute `base`.
pub fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    // Browsers strip tabs and line breaks anywhere, and spaces at the ends.
    let href: String = href
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if href.is_empty() || href.starts_with('#') || href.chars().any(char::is_control) {
        return None;
    }
    let absolute = match scheme(&href) {
        Some(scheme) => {
            let scheme = scheme.to_ascii_lowercase();
            if !SCHEMES.contains(&scheme.as_str()) {
                return None;
            }
            let rest = &href[scheme.len() + 1..];
            if scheme != "mailto" && !rest.starts_with("//") {
                return None;
            }
            format!("{scheme}:{rest}")
        }
        None => relative(&href, base?)?,
    };
    let clean = encode(&absolute);
    let host_or_address = clean.split_once(':').map_or("", |(_, rest)| rest);
    (!host_or_address.trim_start_matches('/').is_empty()).then_some(clean)
}

/// The scheme of an absolute reference (`https` in `https://…`), if it has one.
fn scheme(href: &str) -> Option<&str> {
    let (scheme, _) = href.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// `href` (no scheme) resolved against the absolute `http(s)` address `base`.
fn relative(href: &str, base: &str) -> Option<String> {
    let base = base.trim();
    let scheme = scheme(base)?.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let after = base[scheme.len() + 1..].strip_prefix("//")?;
    let authority_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..authority_end];
    if authority.is_empty() {
        return None;
    }
    let rest = &after[authority_end..];
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let base_path = &rest[..path_end];
    let base_query = rest[path_end..].split('#').next().unwrap_or("");
    if let Some(network) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{network}"));
    }
    let origin = format!("{scheme}://{authority}");
    if href.starts_with('?') {
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{origin}{path}{href}"));
    }
    let (path, tail) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
    if path.is_empty() {
        // "#x" never arrives here; "" neither: only a query or fragment after nothing.
        let path = if base_path.is_empty() { "/" } else { base_path };
        return Some(format!("{origin}{path}{base_query}{tail}"));
    }
    let merged = if path.starts_with('/') {
        path.to_owned()
    } else {
        let directory = base_path.rfind('/').map_or("/", |end| &base_path[..=end]);
        format!("{directory}{path}")
    };
    Some(format!("{origin}{}{tail}", without_dots(&merged)))
}

/// A path without its `.` and `..` segments.
fn without_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                // A path ending in a dot segment still names a directory.
                if last {
                    out.push("");
                }
            }
            segment => out.push(segment),
        }
    }
    format!("/{}", out.join("/"))
}

/// The address with spaces and angle brackets percent-encoded: it then stands whole between
/// `<` and `>` in a reference definition and as one argument to the browser.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3986_examples() {
        // RFC 3986, 5.4.1, against its base "http://a/b/c/d;p?q".
        let base = Some("http://a/b/c/d;p?q");
        for (href, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("g#s", "http://a/b/c/g#s"),
            (";x", "http://a/b/c/;x"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            ("g/../h", "http://a/b/c/h"),
        ] {
            assert_eq!(resolve(href, base).as_deref(), Some(want), "{href}");
        }
    }

    #[test]
    fn other_schemes_fragments_and_blanks_are_dropped() {
        let base = Some("https://x.org/a");
        for href in [
            "",
            "  ",
            "#top",
            "javascript:void(0)",
            "JavaScript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "ftp://x.org/",
            "http:no-slashes",
            "https://",
            "mailto:",
        ] {
            assert_eq!(resolve(href, base), None, "{href}");
        }
        assert_eq!(
            resolve(" HTTPS://X.org/a b<c>\n", None).as_deref(),
            Some("https://X.org/a%20b%3Cc%3E")
        );
        assert_eq!(resolve("/x", Some("file:///home/a.html")), None);
    }
}
