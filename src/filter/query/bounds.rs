//! The bounds of a query: what is read of a typed or pasted filter, whatever its length.

/// The longest query read, in characters; the rest is ignored. Far more than any title
/// needs, and it keeps the cost of one keystroke small whatever was typed or pasted.
pub const MAX_QUERY_CHARS: usize = 256;

/// The most terms (words, a `|` included) a query uses; the rest are ignored.
pub const MAX_TERMS: usize = 16;

/// `input` within [`MAX_QUERY_CHARS`] and [`MAX_TERMS`], and whether anything was cut.
pub fn bounded(input: &str) -> (&str, bool) {
    let chars_end = input
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(input.len(), |(i, _)| i);
    let mut end = chars_end;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in input[..chars_end].char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > MAX_TERMS {
                end = i;
                break;
            }
        }
    }
    (
        &input[..end],
        end < input.len() && !input[end..].trim().is_empty(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Query;

    #[test]
    fn a_query_is_bounded_in_characters_and_terms() {
        let many = "a ".repeat(30_000);
        let (kept, cut) = bounded(&many);
        assert!(cut);
        assert_eq!(kept.split_whitespace().count(), MAX_TERMS);
        assert_eq!(Query::parse(&many).terms().len(), MAX_TERMS);
        let long = "x".repeat(100_000);
        assert_eq!(bounded(&long), (&long[..MAX_QUERY_CHARS], true));
        assert_eq!(bounded("da nang  "), ("da nang  ", false));
        assert_eq!(bounded("lang:vi is:read"), ("lang:vi is:read", false));
    }
}
