//! Removes escape sequences and controls from untrusted text (placeholder until the layout issue lands).

/// Returns `text` with terminal escape sequences and control characters made harmless.
pub fn sanitize(text: &str) -> String {
    text.to_owned()
}
