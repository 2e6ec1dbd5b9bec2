//! Paragraph direction for news: the majority of a paragraph's strong letters
//! decides, not only the first (a higher-level protocol UAX #9 allows, HL1).
//!
//! UAX #9 P2 lays out a Hebrew paragraph that starts with a product name, or
//! an Urdu one that starts with an @handle, left to right: left-aligned, with
//! its quotes and full stop on the wrong side. News paragraphs often start
//! with a name, a quotation or a handle in the other script, so here a
//! paragraph that mixes both directions takes the direction of most of its
//! strong letters (bidi classes L against R and AL). On a tie, or when the
//! paragraph is too short for a count to mean anything (a two-word title), it
//! takes its article's direction. A paragraph of one direction only gets the
//! same result as P2. Only the paragraph level changes: the levels inside the
//! paragraph are still resolved by the plain algorithm ([`super::bidi`]).

use super::Dir;
use super::bidi::{bidi_class_of, paragraph_dir};
use super::classes::may_be_rtl;
use unicode_bidi::BidiClass;

/// A mixed paragraph with fewer strong letters than this (about three short
/// words) takes its article's direction: "iPhone جديد" in an Arabic article is
/// an Arabic title, in an English one an English title.
pub const SHORT_PARAGRAPH_LETTERS: usize = 16;

/// Left-to-right and right-to-left mark and Arabic letter mark: an author who
/// starts a paragraph with one has said its direction.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{61C}')
}

/// Whether a whitespace-separated word is an address rather than language: a
/// URL (with or without its scheme, "bbc.com/news"), an e-mail address, an
/// @handle or a "Twitter/handle" credit. Their letters are nearly always
/// Latin whatever the paragraph's language, so they are not counted.
/// (Hashtags are counted: they are words of the paragraph's language.)
fn is_address(word: &str) -> bool {
    word.contains(['@', '/']) || word.starts_with("www.")
}

/// Strong letters of `text` outside isolates and addresses, counted as
/// (left to right, right to left), and the first strong character if it is
/// a directional mark.
fn count_strong(text: &str) -> (usize, usize, Option<Dir>) {
    let (mut ltr, mut rtl, mut marked, mut seen_strong) = (0, 0, None, false);
    let mut isolates = 0usize;
    for word in text.split_whitespace() {
        let address = is_address(word);
        for c in word.chars() {
            let class = bidi_class_of(c);
            match class {
                BidiClass::LRI | BidiClass::RLI | BidiClass::FSI => isolates += 1,
                BidiClass::PDI => isolates = isolates.saturating_sub(1),
                BidiClass::L | BidiClass::R | BidiClass::AL if isolates == 0 => {
                    let dir = if class == BidiClass::L {
                        Dir::Ltr
                    } else {
                        Dir::Rtl
                    };
                    if !seen_strong && is_mark(c) {
                        marked = Some(dir);
                    }
                    seen_strong = true;
                    if address {
                        continue;
                    }
                    match dir {
                        Dir::Ltr => ltr += 1,
                        Dir::Rtl => rtl += 1,
                    }
                }
                _ => {}
            }
        }
    }
    (ltr, rtl, marked)
}

/// The direction of a paragraph of an article written in `article`'s
/// direction (see the module docs). Text with no right-to-left letter gets
/// exactly [`paragraph_dir`]'s answer, without counting.
pub fn news_paragraph_dir(text: &str, article: Dir) -> Dir {
    if !text.contains(may_be_rtl) {
        return paragraph_dir(text, article);
    }
    let (ltr, rtl, marked) = count_strong(text);
    if let Some(dir) = marked {
        return dir;
    }
    match (ltr, rtl) {
        // Only addresses, or no letters at all: the plain rule.
        (0, 0) => paragraph_dir(text, article),
        (_, 0) => Dir::Ltr,
        (0, _) => Dir::Rtl,
        _ if ltr + rtl < SHORT_PARAGRAPH_LETTERS || ltr == rtl => article,
        _ if rtl > ltr => Dir::Rtl,
        _ => Dir::Ltr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority_wins_over_the_first_letter() {
        // 3 Latin letters, 29 Arabic ones (counted by hand).
        let arabic = "BBC: قالت الحكومة إن الاجتماع سيعقد غدا";
        assert_eq!(news_paragraph_dir(arabic, Dir::Ltr), Dir::Rtl);
        assert_eq!(paragraph_dir(arabic, Dir::Ltr), Dir::Ltr);
        // 26 Latin letters, 5 Hebrew ones.
        let english = "דניאל said the meeting would go ahead";
        assert_eq!(news_paragraph_dir(english, Dir::Rtl), Dir::Ltr);
        assert_eq!(paragraph_dir(english, Dir::Rtl), Dir::Rtl);
    }

    #[test]
    fn short_or_tied_mixed_paragraphs_take_the_article_direction() {
        // 6 Latin letters and 4 Arabic ones: short.
        assert_eq!(news_paragraph_dir("iPhone جديد", Dir::Rtl), Dir::Rtl);
        assert_eq!(news_paragraph_dir("iPhone جديد", Dir::Ltr), Dir::Ltr);
        // 9 and 9, long enough but tied.
        let tied = "abcdefghi אבגדהוזחט";
        assert_eq!(news_paragraph_dir(tied, Dir::Rtl), Dir::Rtl);
        assert_eq!(news_paragraph_dir(tied, Dir::Ltr), Dir::Ltr);
    }

    #[test]
    fn one_direction_only_is_never_overruled() {
        assert_eq!(news_paragraph_dir("שלום", Dir::Ltr), Dir::Rtl);
        assert_eq!(news_paragraph_dir("Hi", Dir::Rtl), Dir::Ltr);
        assert_eq!(news_paragraph_dir("123 ...", Dir::Rtl), Dir::Rtl);
        assert_eq!(news_paragraph_dir("١٢٣", Dir::Ltr), Dir::Ltr);
    }

    #[test]
    fn addresses_do_not_count() {
        // The handle and the URL hold 35 Latin letters, the Urdu words 19.
        let urdu = "@breakingnewsdesk وزیر اعظم نے آج خطاب کیا https://example.com/news";
        assert_eq!(news_paragraph_dir(urdu, Dir::Ltr), Dir::Rtl);
        // Nothing but an address: its first strong letter.
        assert_eq!(
            news_paragraph_dir("https://example.com", Dir::Rtl),
            Dir::Ltr
        );
        assert_eq!(news_paragraph_dir("@عربي", Dir::Ltr), Dir::Rtl);
        // An Urdu photo credit: 15 Urdu letters, and 19 Latin ones in the
        // handle that do not count.
        let credit = "تصویر کے کاپی رائٹ Twitter/someonesname";
        assert_eq!(news_paragraph_dir(credit, Dir::Rtl), Dir::Rtl);
    }

    #[test]
    fn a_leading_mark_or_an_isolate_is_respected() {
        // RLM first: the author said right to left.
        let marked = "\u{200F}The minister spoke to the press today, عربي";
        assert_eq!(news_paragraph_dir(marked, Dir::Ltr), Dir::Rtl);
        // Letters inside an isolate do not count, as in P2.
        let isolated = "\u{2066}The minister spoke to the press today\u{2069} قال الوزير";
        assert_eq!(news_paragraph_dir(isolated, Dir::Ltr), Dir::Rtl);
    }
}
