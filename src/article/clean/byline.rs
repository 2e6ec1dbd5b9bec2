//! Bylines: the author's name, alone or after "By", "Par", "بقلم", and the agency it may name.

use super::super::furniture::{Furniture, Kind};
use super::lines::ends_sentence;

/// Lowercase words that may stand inside a capitalised name ("Ana de Souza", "Ali al Hakim").
const NAME_PARTICLES: [&str; 12] = [
    "de", "da", "do", "du", "van", "von", "der", "al", "el", "bin", "ibn", "la",
];

/// A person's name alone: one to four words (two or more in a script with capitals, where each
/// starts with one), short, without digits or punctuation.
pub fn is_name(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    let plain = line
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.'));
    let cased = line.chars().any(|c| c.is_uppercase() || c.is_lowercase());
    let shape = if cased {
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w)
            })
    } else if words.len() == 1 {
        (2..=6).contains(&line.chars().count())
    } else {
        words.len() <= 4
    };
    plain && shape && line.chars().count() <= 40 && !ends_sentence(line)
}

/// The name at the head of a byline's author part, before an agency or a second author.
fn head_name(author: &str) -> &str {
    let cut = [
        ",", "(", "|", ";", " - ", " – ", " — ", " and ", " et ", "،",
    ]
    .iter()
    .filter_map(|sep| author.find(sep))
    .min()
    .unwrap_or(author.len());
    author[..cut].trim()
}

/// Whether the text after a byline prefix is an author (so "By the numbers" is no byline).
pub fn is_author(author: &str) -> bool {
    let name = head_name(author);
    let one_word = !name.contains(' ') && name.chars().next().is_some_and(char::is_uppercase);
    !ends_sentence(author) && author.chars().count() <= 80 && (is_name(name) || one_word)
}

/// The agency a byline names after the author: "(AFP)", ", Reuters", " - AP".
pub fn agency(byline: &str, furniture: &Furniture) -> Option<String> {
    let candidates = [
        byline
            .rsplit_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(inner, _)| inner),
        byline.rsplit_once([',', '،', '|']).map(|(_, tail)| tail),
        byline.rsplit_once(" - ").map(|(_, tail)| tail),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(str::trim)
        .find_map(|part| {
            let acronym = (2..=8).contains(&part.len())
                && part.chars().all(|c| c.is_ascii_uppercase() || c == '.');
            (acronym || furniture.classify(part) == Some(Kind::Outlet)).then(|| part.to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for name in [
            "Nguyễn Thảo",
            "Sarah Kim",
            "Ana de Souza",
            "أحمد سالم",
            "נועה לוי",
            "张伟",
        ] {
            assert!(is_name(name), "{name}");
        }
        for line in [
            "Read more",
            "Sarah",
            "2024 Kim",
            "The talks ended.",
            "Giá lúa tăng mạnh",
        ] {
            assert!(!is_name(line), "{line}");
        }
    }

    #[test]
    fn authors_and_agencies() {
        let f = Furniture::bundled();
        assert!(is_author("Laura Bennett, Reuters"));
        assert!(is_author("Claire Martin (AFP)"));
        assert!(is_author("Reuters"));
        assert!(!is_author("the end of the year, prices rose."));
        assert!(!is_author("the numbers"));
        assert_eq!(
            agency("By Laura Bennett, Reuters", f).as_deref(),
            Some("Reuters")
        );
        assert_eq!(agency("Par Claire Martin (AFP)", f).as_deref(), Some("AFP"));
        assert_eq!(agency("Sarah Kim - AP", f).as_deref(), Some("AP"));
        assert_eq!(agency("By Laura Bennett", f), None);
    }
}
