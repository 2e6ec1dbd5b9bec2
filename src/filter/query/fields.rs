//! What the field terms of a query are made of: `name:value` words, the `is:` states, and
//! how values match and narrow.

/// The article states an `is:` term can ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct States {
    /// `is:bookmarked`.
    pub bookmarked: bool,
    /// `is:unread`.
    pub unread: bool,
    /// `is:read`.
    pub read: bool,
}

impl States {
    pub(super) fn includes(self, other: States) -> bool {
        (self.bookmarked || !other.bookmarked)
            && (self.unread || !other.unread)
            && (self.read || !other.read)
    }
}

/// What a word is: `name:value` with an ASCII-letter name, and the marks around it.
pub(super) fn field(word: &str) -> Option<(String, &str, bool)> {
    let bare = word.trim_start_matches(['!', '\'', '^']);
    let marked = bare.len() != word.len();
    let (name, value) = bare.split_once(':')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| (name.to_ascii_lowercase(), value, marked))
}

/// Whether `name` holds the characters of `wanted` in order (spaces in `name` skipped).
pub(super) fn letters_in_order(wanted: &str, name: &str) -> bool {
    let mut name = name.chars();
    wanted.chars().all(|c| name.any(|n| n == c))
}

/// Whether the alternatives `new` keep no article the alternatives `old` drop: no `old` keeps
/// all, else every new value extends an old one.
pub(super) fn values_narrow(new: &[String], old: &[String]) -> bool {
    old.is_empty()
        || (!new.is_empty()
            && new
                .iter()
                .all(|new| old.iter().any(|old| new.starts_with(old.as_str()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_order_skip_what_lies_between() {
        assert!(letters_in_order("aljaz", "al jazeera"));
        assert!(letters_in_order("", "anything"));
        assert!(!letters_in_order("zaj", "al jazeera"));
        assert!(!letters_in_order("a", ""));
    }

    #[test]
    fn longer_values_narrow_and_none_keeps_all() {
        let (ar, arab, en) = (["ar".to_owned()], ["arab".to_owned()], ["en".to_owned()]);
        assert!(values_narrow(&arab, &ar) && values_narrow(&ar, &[]) && values_narrow(&[], &[]));
        assert!(!values_narrow(&ar, &arab) && !values_narrow(&en, &ar) && !values_narrow(&[], &ar));
    }
}
