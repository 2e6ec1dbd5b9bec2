//! The ISO 639-1 codes (`assets/language-codes.toml`), to tell a `lang:` value that no
//! language code starts with from one still being typed.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const CODES_TOML: &str = include_str!("../../../assets/language-codes.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodesFile {
    codes: BTreeMap<String, String>,
}

static CODES: LazyLock<Vec<String>> = LazyLock::new(|| {
    toml::from_str::<CodesFile>(CODES_TOML)
        .map(|file| file.codes.into_keys().collect())
        .unwrap_or_default()
});

/// Whether a `lang:` value (lower case) can name a language: a prefix of an ISO 639-1 code
/// or of `und`, or a longer code or tag (`ceb`, `zh-hant`), which are taken on trust.
pub(super) fn is_plausible(value: &str) -> bool {
    let (primary, rest) = value.split_once('-').unwrap_or((value, ""));
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    if primary.is_empty() || !primary.bytes().all(|b| b.is_ascii_lowercase()) || !letters(rest) {
        return false;
    }
    match primary.len() {
        1 | 2 if rest.is_empty() => {
            "und".starts_with(primary) || CODES.iter().any(|code| code.starts_with(primary))
        }
        2 => CODES.iter().any(|code| code == primary),
        3 => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_reads() {
        assert_eq!(CODES.len(), 184);
        for code in ["vi", "ar", "fa", "ur", "he", "en", "fr", "zh", "ja"] {
            assert!(CODES.iter().any(|c| c == code), "{code}");
        }
    }

    #[test]
    fn codes_and_their_prefixes_are_plausible() {
        for value in ["vi", "v", "u", "und", "un", "ceb", "zh-hant", "pt-br"] {
            assert!(is_plausible(value), "{value}");
        }
        // No ISO 639-1 code is xx or qq; a bad tag or a long word is no code.
        for value in ["xx", "qq", "viet", "v1", "fr_ca", "", "-a", "zz-hant"] {
            assert!(!is_plausible(value), "{value}");
        }
    }
}
