//! Photo captions: the line under an image, a short line with a photo credit, and a short
//! line that repeats a sentence of the body (a pull quote or a caption written from the text).

use super::super::blocks::is_fenced;
use super::super::furniture::Furniture;
use super::lines::{has_letter, word_count};
use super::tail::is_list_item;

/// The longest a caption is taken to be, in characters and in words.
const CAPTION_CHARS: usize = 250;
const CAPTION_WORDS: usize = 40;

/// How many paragraphs before and after a short line are searched for the sentence it repeats:
/// a pull quote sits near its sentence, and a bounded window keeps cleaning linear.
const REPEAT_WINDOW: usize = 8;

/// The shortest line taken for a repeat: shorter ones ("Background") recur by chance.
const REPEAT_MIN_CHARS: usize = 12;

fn is_short(line: &str) -> bool {
    line.chars().count() <= CAPTION_CHARS && word_count(line) <= CAPTION_WORDS
}

/// Whether `line` is a caption: any short line right after an image, or a short line holding a
/// photo credit. List items are content even there.
pub fn is_caption(line: &str, furniture: &Furniture, after_image: bool) -> bool {
    is_short(line)
        && !is_list_item(line)
        && ((after_image && has_letter(line)) || furniture.has_credit(line))
}

/// A line as it may stand inside a longer paragraph: without closing punctuation and quotes.
fn repeat_key(line: &str) -> &str {
    line.trim().trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '。' | '!' | '?' | '؟' | '۔' | '"' | '”' | '»')
    })
}

fn could_repeat(line: &str) -> bool {
    let key = repeat_key(line);
    let words_enough = !key.contains(' ') || word_count(key) >= 4;
    is_short(line) && key.chars().count() >= REPEAT_MIN_CHARS && words_enough && !is_list_item(line)
}

/// Drops short paragraphs whose text stands inside a longer paragraph nearby.
pub fn drop_repeats(paragraphs: &mut Vec<String>) {
    let count = paragraphs.len();
    let keep: Vec<bool> = (0..count)
        .map(|i| {
            let line = &paragraphs[i];
            if !could_repeat(line) || is_fenced(line) {
                return true;
            }
            let key = repeat_key(line);
            let nearby = i.saturating_sub(REPEAT_WINDOW)..count.min(i + REPEAT_WINDOW + 1);
            !nearby.into_iter().any(|j| {
                let other = &paragraphs[j];
                j != i && other.len() > line.len() && other.contains(key)
            })
        })
        .collect();
    let mut flags = keep.into_iter();
    paragraphs.retain(|_| flags.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|&l| l.to_owned()).collect()
    }

    #[test]
    fn captions() {
        let f = Furniture::bundled();
        assert!(is_caption("Morning traffic on the old bridge", f, true));
        assert!(is_caption(
            "Xe buýt chạy thử sáng 12/10. Ảnh: Minh Khang",
            f,
            false
        ));
        assert!(is_caption("קטר בתחנה. צילום: דוד כהן", f, false));
        assert!(is_caption("市民在街头出行。图片来源：视觉中国", f, false));
        assert!(!is_caption("Morning traffic on the old bridge", f, false));
        assert!(!is_caption("1. Tuyến E05", f, true));
        let long = format!("{} Ảnh: AFP", "Một câu rất dài. ".repeat(30));
        assert!(!is_caption(&long, f, true));
    }

    #[test]
    fn a_line_repeating_a_sentence_goes_and_the_sentence_stays() {
        let mut p = owned(&[
            "Rents rose almost everywhere, but some cities stayed cheap.",
            "Rents rose almost everywhere",
            "השר אמר כי הקו ישנה את חיי תושבי הדרום.",
            "השר אמר כי הקו ישנה את חיי תושבי הדרום",
            "Background",
            "The background of the talks is long.",
            "The same line twice.",
            "The same line twice.",
        ]);
        drop_repeats(&mut p);
        assert_eq!(
            p,
            [
                "Rents rose almost everywhere, but some cities stayed cheap.",
                "השר אמר כי הקו ישנה את חיי תושבי הדרום.",
                "Background",
                "The background of the talks is long.",
                "The same line twice.",
                "The same line twice.",
            ]
        );
    }
}
