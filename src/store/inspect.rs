//! A public window on the state-file parser, for fuzzing and tools: what a file's bytes hold, read exactly as opening the store reads them.

use super::state::{self, Parsed};
use super::{Bookmark, FORMAT_VERSION};

/// What a state file holds, as [`parse_state`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateSummary {
    /// The format version the file declares.
    pub version: u64,
    /// Its bookmarks, oldest first (for a newer format: as much as this build can read).
    pub bookmarks: Vec<Bookmark>,
    /// Ids of the articles marked read, sorted.
    pub read: Vec<String>,
    /// The bytes a save by this build would write back for this state, unknown fields kept;
    /// `None` for a newer format, which this build never writes.
    pub resaved: Option<Vec<u8>>,
}

/// Parses the bytes of a state file exactly as opening the store does. For fuzzing and tools.
///
/// # Errors
/// Why the file is unusable (the reason the store's notice gives when it moves such a file
/// aside), such as `"empty file"` or `"not valid JSON: ..."`.
pub fn parse_state(bytes: &[u8]) -> Result<StateSummary, String> {
    match state::parse(bytes) {
        Parsed::Current(state) => Ok(StateSummary {
            version: FORMAT_VERSION,
            bookmarks: state.bookmarks(),
            read: state.read_ids(),
            resaved: Some(state::to_bytes(&state).map_err(|error| error.to_string())?),
        }),
        Parsed::Future { version, readable } => Ok(StateSummary {
            version,
            bookmarks: readable.bookmarks(),
            read: readable.read_ids(),
            resaved: None,
        }),
        Parsed::Corrupt(reason) => Err(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_current_file_is_summarised_and_resaves_to_itself() {
        // Written by hand in the format `state::to_bytes` documents (pretty JSON, version first).
        let text = "{\n  \"version\": 1,\n  \"bookmarks\": {\n    \"00000000000000aa\": {\n      \"title\": \"Tin\",\n      \"source\": null,\n      \"lang\": \"vi\",\n      \"path\": \"/n/a.txt\",\n      \"bookmarked_at\": \"2026-01-02T00:00:00Z\"\n    }\n  },\n  \"read\": {\n    \"00000000000000bb\": {\n      \"read_at\": \"2026-01-03T00:00:00Z\"\n    }\n  }\n}\n";
        let summary = parse_state(text.as_bytes()).expect("a current file");
        assert_eq!(summary.version, 1);
        assert_eq!(summary.bookmarks.len(), 1);
        assert_eq!(summary.bookmarks[0].title, "Tin");
        assert_eq!(summary.read, ["00000000000000bb"]);
        assert_eq!(summary.resaved.as_deref(), Some(text.as_bytes()));
    }

    #[test]
    fn unusable_and_newer_files() {
        assert_eq!(parse_state(b"").map(|_| ()), Err("empty file".to_owned()));
        let newer = parse_state(br#"{"version":9,"read":{"00000000000000bb":{"read_at":"x"}}}"#)
            .expect("a newer file is readable");
        assert_eq!((newer.version, newer.resaved), (9, None));
        assert_eq!(newer.read, ["00000000000000bb"]);
    }
}
