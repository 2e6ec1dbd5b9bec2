//! What may close an article: lists and verse, which are content, and lists of links to other
//! articles, which are not.

use super::super::blocks::is_fenced;
use super::lines::{ends_sentence, word_count};

/// Bullets that open a list item.
const BULLETS: [char; 10] = ['-', '–', '•', '*', '·', '・', '▪', '●', '◦', '‣'];

/// Marks that follow the number of a numbered item: "1." "1)" "1۔" (Urdu) "1、" "1．".
const NUMBER_ENDS: [char; 6] = ['.', ')', '۔', '、', '．', '）'];

/// Quotation marks that open or close a quoted line, in the scripts lectern reads (right-to-left
/// text uses the same characters, often the other way round).
const QUOTES: [char; 13] = [
    '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '「', '」', '『', '』',
];

/// A numbered or bulleted list item ("1. Hà Nội", "- the old bridge", "・窓が大きい", "①").
pub fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if BULLETS.contains(&first) {
        // "・" needs no space after it; the others do, or "-5%" and "*sic*" would be items.
        return first == '・' || chars.next().is_some_and(char::is_whitespace);
    }
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    let digits = line.chars().take_while(|c| c.is_numeric()).count();
    (1..=3).contains(&digits)
        && line
            .chars()
            .nth(digits)
            .is_some_and(|c| NUMBER_ENDS.contains(&c))
}

/// A line that opens or closes a quotation: a quoted verse, or part of one.
pub fn is_quoted(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(QUOTES) || line.ends_with(QUOTES)
}

/// A line that introduces what follows ("The council listed its reasons:").
pub fn introduces(line: &str) -> bool {
    line.trim_end().ends_with([':', '：'])
}

/// A line that reads as a link to something else: an address, or the headline of another
/// article (several words, no sentence punctuation, no clause left open by a comma).
fn is_link_line(line: &str) -> bool {
    if is_fenced(line) {
        return false;
    }
    let line = line.trim();
    if line.contains("http://") || line.contains("https://") || line.starts_with("www.") {
        return true;
    }
    let long_enough = if line.contains(' ') {
        word_count(line) >= 3
    } else {
        line.chars().count() >= 6
    };
    long_enough
        && line.chars().count() <= 160
        && !ends_sentence(line)
        && !is_list_item(line)
        && !is_quoted(line)
        && !line.ends_with([',', '،', '，', '、', ';', '؛', '-', '—'])
        && !line.chars().next().is_some_and(char::is_lowercase)
}

/// Drops a run of two or more link lines that closes the text, unless the line before the
/// run introduces it (then the run is a list the article gives).
pub fn drop_trailing_link_list(paragraphs: &mut Vec<String>) {
    let run = paragraphs
        .iter()
        .rev()
        .take_while(|p| is_link_line(p))
        .count();
    if run < 2 || run >= paragraphs.len() {
        return;
    }
    let before = &paragraphs[paragraphs.len() - run - 1];
    if !introduces(before) {
        paragraphs.truncate(paragraphs.len() - run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|&l| l.to_owned()).collect()
    }

    #[test]
    fn list_items_in_several_scripts() {
        for item in [
            "1. Kraków, Poland",
            "10) the last one",
            "2۔ گھر سے نکلتے وقت ماسک پہنیں",
            "٣. خفض الاستهلاك",
            "- the old bridge",
            "• Tuyến E05",
            "・窓が大きい",
            "② 第二点",
        ] {
            assert!(is_list_item(item), "{item}");
        }
        for line in [
            "-5% on the day",
            "2024 was a hard year",
            "Kraków",
            "1000. A year",
        ] {
            assert!(!is_list_item(line), "{line}");
        }
    }

    #[test]
    fn headlines_of_other_articles_go() {
        let mut p = owned(&[
            "The council met on Monday.",
            "Tram line to the airport delayed again",
            "https://example.com/news/parking-fees",
        ]);
        drop_trailing_link_list(&mut p);
        assert_eq!(p, ["The council met on Monday."]);
    }

    #[test]
    fn short_lines_that_are_not_links_stay() {
        // The old rule took any two short lines without a full stop for links.
        let lists = [
            &["Our ranking:", "Kraków, Poland", "Porto, Portugal"][..],
            &["Les meilleurs :", "1. Lyon", "2. Nantes"],
            &[
                "He quoted a verse.",
                "“Ai ơi bưng bát cơm đầy",
                "Dẻo thơm một hạt đắng cay muôn phần”",
            ],
            &["Points:", "- one", "- two"],
            &[
                "She recited.",
                "the wind goes over the hill,",
                "and the rain follows it home",
            ],
            &["Body.", "Kraków", "Porto"],
        ];
        for lines in lists {
            let mut p = owned(lines);
            drop_trailing_link_list(&mut p);
            assert_eq!(p, lines, "{lines:?}");
        }
    }
}
