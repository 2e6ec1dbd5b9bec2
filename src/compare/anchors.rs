//! Anchors two texts can share whatever their scripts: numbers, Latin-script names, and names
//! written in Arabic letters, matched to Latin ones by their consonants (Lavrov, لافروف).

use std::collections::BTreeSet;
use std::ops::Range;

/// The anchor tokens of a text: numbers (digits of any script, separators dropped) and
/// capitalised Latin-script words that the text never writes in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// The tokens, normalised.
    pub tokens: BTreeSet<String>,
}

/// A token and where it stands in `text` (byte range).
fn tokens(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if let Some(d) = digit(c) {
            let mut token = String::from(d);
            let mut end = start + c.len_utf8();
            // Digits with thousands separators or a decimal point are one number.
            while let Some(&(i, next)) = chars.peek() {
                if let Some(d) = digit(next) {
                    token.push(d);
                } else if !matches!(next, '.' | ',' | '٫' | '٬') {
                    break;
                }
                chars.next();
                end = i + next.len_utf8();
            }
            let trimmed = text[start..end]
                .trim_end_matches(['.', ',', '٫', '٬'])
                .len();
            out.push((token, start..start + trimmed));
        } else if is_arabic_letter(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !(is_arabic_letter(next) || unicode_normalization::char::is_combining_mark(next))
                {
                    break;
                }
                chars.next();
                end = i + next.len_utf8();
            }
            out.push((text[start..end].to_owned(), start..end));
        } else if is_latin_letter(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !(is_latin_letter(next)
                    || next == '-'
                    || unicode_normalization::char::is_combining_mark(next))
                {
                    break;
                }
                chars.next();
                end = i + next.len_utf8();
            }
            let word = text[start..end].trim_end_matches('-');
            out.push((word.to_owned(), start..start + word.len()));
        }
    }
    out
}

fn digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6F0}'..='\u{6F9}' => '\u{6F0}',
        _ => return None,
    };
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{621}'..='\u{64A}' | '\u{671}'..='\u{6D3}')
}

/// The consonants of a name, in classes that Latin and Arabic spellings share: "Lavrov" and
/// "لافروف" both give "lfrf". `None` when fewer than three remain (too common to mean anything).
fn skeleton(word: &str) -> Option<String> {
    let arabic = word.chars().next().is_some_and(is_arabic_letter);
    let word = if arabic {
        // The article al- (and with a conjunction or preposition) is written onto the word.
        let prefixes = ["وال", "بال", "لل", "ال"];
        prefixes
            .iter()
            .find_map(|p| word.strip_prefix(p).filter(|r| r.chars().count() >= 3))
            .unwrap_or(word)
    } else {
        word
    };
    let mut out = String::new();
    let mut previous = ' ';
    for c in word.chars().flat_map(char::to_lowercase) {
        let class = match c {
            'b' | 'p' | 'ب' | 'پ' => 'b',
            'f' | 'v' | 'ف' => 'f',
            'k' | 'c' | 'q' | 'g' | 'ك' | 'ق' | 'غ' | 'خ' | 'گ' | 'ک' => 'k',
            'j' | 'ج' => 'j',
            's' | 'z' | 'x' | 'س' | 'ص' | 'ز' | 'ث' | 'ذ' | 'ظ' | 'ش' => 's',
            't' | 'ت' | 'ط' => 't',
            'd' | 'د' | 'ض' => 'd',
            'l' | 'ل' => 'l',
            'm' | 'م' => 'm',
            'n' | 'ن' => 'n',
            'r' | 'ر' => 'r',
            // Latin h after a consonant only spells it (kh, sh, gh, th).
            'h' if !matches!(previous, ' ' | 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w') => continue,
            'h' | 'ه' | 'ح' => 'h',
            _ => {
                previous = c;
                continue;
            }
        };
        previous = c;
        if !out.ends_with(class) {
            out.push(class);
        }
    }
    (out.chars().count() >= 3).then(|| format!("~{out}"))
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && ('\u{C0}'..='\u{24F}').contains(&c))
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The anchors of the paragraphs of one article.
pub fn anchors_in<'a>(paragraphs: impl IntoIterator<Item = &'a str> + Clone) -> Anchors {
    let mut lower = BTreeSet::new();
    let mut capital = BTreeSet::new();
    let mut arabic = BTreeSet::new();
    for paragraph in paragraphs {
        for (token, _) in tokens(paragraph) {
            let first = token.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() {
                capital.insert(token);
            } else if is_arabic_letter(first) {
                arabic.extend(skeleton(&token));
            } else if first.is_uppercase() && token.chars().count() >= 2 {
                capital.insert(token);
            } else {
                lower.insert(token.to_lowercase());
            }
        }
    }
    // "The" at the start of a sentence is no name when the text also says "the".
    capital.retain(|t| !lower.contains(&t.to_lowercase()));
    let skeletons: Vec<String> = capital.iter().filter_map(|t| skeleton(t)).collect();
    capital.extend(skeletons);
    capital.extend(arabic);
    Anchors { tokens: capital }
}

/// The anchors both articles have.
pub fn shared_anchors(a: &Anchors, b: &Anchors) -> BTreeSet<String> {
    a.tokens.intersection(&b.tokens).cloned().collect()
}

/// The anchor keys a token stands for: itself (numbers, Latin words) and its skeleton.
fn keys(token: &str) -> impl Iterator<Item = String> {
    let arabic = token.chars().next().is_some_and(is_arabic_letter);
    (!arabic)
        .then(|| token.to_owned())
        .into_iter()
        .chain(skeleton(token))
}

/// Where the `shared` anchors occur in `text`, as byte ranges.
pub fn occurrences(text: &str, shared: &BTreeSet<String>) -> Vec<Range<usize>> {
    (tokens(text).into_iter())
        .filter(|(t, _)| keys(t).any(|k| shared.contains(&k)))
        .map(|(_, r)| r)
        .collect()
}

/// The `shared` anchors that occur in `text`.
pub fn count_in(text: &str, shared: &BTreeSet<String>) -> BTreeSet<String> {
    tokens(text)
        .iter()
        .flat_map(|(t, _)| keys(t))
        .filter(|k| shared.contains(k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_any_script_and_latin_names() {
        let en = anchors_in(["In 2021 the Taliban met Lavrov; 2,000 fighters. The end."]);
        let ar = anchors_in(["التقى لافروف في ٢٠٢١ مع Taliban و2.000 مقاتل"]);
        let shared = shared_anchors(&en, &ar);
        assert_eq!(
            shared.into_iter().collect::<Vec<_>>(),
            ["2000", "2021", "Taliban", "~lfrf", "~tlbn"]
        );
        assert!(
            !en.tokens.contains("The"),
            "a sentence-initial common word is not a name"
        );
        assert!(en.tokens.contains("Lavrov"));
    }

    #[test]
    fn names_match_across_scripts_by_their_consonants() {
        // Transliterations checked by hand, letter by letter.
        let pairs = [
            ("Lavrov", "لافروف"),
            ("Kabulov", "كابولوف"),
            ("Taliban", "طالبان"),
            ("Afghanistan", "أفغانستان"),
            ("Kremlin", "الكرملين"),
            ("Pakistan", "باكستان"),
            ("Stoltenberg", "ستولتنبرغ"),
        ];
        for (latin, arabic) in pairs {
            assert_eq!(skeleton(latin), skeleton(arabic), "{latin} {arabic}");
        }
        assert_ne!(skeleton("Moscow"), skeleton("Lavrov"));
        assert_eq!(
            skeleton("Iran"),
            None,
            "two consonants are too common to anchor"
        );
    }

    #[test]
    fn occurrences_are_byte_ranges_of_the_tokens() {
        let shared: BTreeSet<String> = ["2000".to_owned(), "Nga".to_owned()].into();
        let text = "Nga có 2.000 quân.";
        let ranges = occurrences(text, &shared);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["Nga", "2.000"]
        );
    }
}
