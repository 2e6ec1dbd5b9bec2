//! File names from titles: letters and digits of any script, words joined by `-`, bounded.

use unicode_segmentation::UnicodeSegmentation;

/// Most graphemes in a file name's slug.
const MAX_SLUG_GRAPHEMES: usize = 60;

/// Most bytes in a slug: file systems allow 255 per name, and Arabic letters take two each.
const MAX_SLUG_BYTES: usize = 120;

/// A file name for a title: lower case letters and digits of any script, words joined by
/// `-`, at most [`MAX_SLUG_GRAPHEMES`] graphemes; `article` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for grapheme in title.graphemes(true) {
        let kept = grapheme.chars().next().is_some_and(is_word_char);
        if !kept {
            gap = !slug.is_empty();
            continue;
        }
        let extra = usize::from(gap) + grapheme.len();
        if slug.graphemes(true).count() + usize::from(gap) >= MAX_SLUG_GRAPHEMES
            || slug.len() + extra > MAX_SLUG_BYTES
        {
            break;
        }
        if gap {
            slug.push('-');
            gap = false;
        }
        // Marks and joiners inside the grapheme stay; format characters (bidi controls) go.
        slug.extend(
            grapheme
                .chars()
                .filter(|&c| !is_format(c))
                .flat_map(char::to_lowercase),
        );
    }
    if slug.is_empty() {
        "article".to_owned()
    } else {
        slug
    }
}

/// A character that starts a grapheme worth keeping in a file name: letters and digits of
/// any script, not punctuation, spaces or controls.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || (!c.is_ascii()
            && !c.is_whitespace()
            && !c.is_control()
            && !is_format(c)
            && !"«»“”„‘’‚‹›—–…،؛؟٪·•†‡¡¿、。，：；！？「」『』【】（）《》〈〉·".contains(c))
}

/// Bidi controls and other invisible format characters (zero-width joiners are kept inside
/// graphemes by [`slug`], since Persian words need them).
fn is_format(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_of_every_script() {
        assert_eq!(slug("Hello, World! 2024"), "hello-world-2024");
        assert_eq!(slug("  ../../etc/passwd  "), "etc-passwd");
        assert_eq!(slug("أخبار «اليوم»: الطقس"), "أخبار-اليوم-الطقس");
        assert_eq!(slug("Tiếng Việt"), "tiếng-việt");
        assert_eq!(slug("東京の天気、晴れ"), "東京の天気-晴れ");
        assert_eq!(slug("\u{202E}evil\u{202C} name"), "evil-name");
        assert_eq!(slug("!!!"), "article");
        assert_eq!(slug(""), "article");
    }

    #[test]
    fn slugs_are_bounded() {
        let long = "word ".repeat(100);
        let s = slug(&long);
        assert!(s.graphemes(true).count() <= MAX_SLUG_GRAPHEMES, "{s}");
        assert!(!s.ends_with('-'));
        let arabic = "كلمة ".repeat(100);
        assert!(slug(&arabic).len() <= MAX_SLUG_BYTES);
    }
}
