//! Search tokens: lectern's folded text split into the words FTS5 indexes.
//!
//! FTS5's own tokenizers cannot fold đ, Arabic-script letter variants or Hebrew points, and
//! take a run of CJK characters as one token; so the text is folded here with the title
//! filter's full fold, split into words (UAX #29) and at ASCII punctuation, and CJK runs
//! become overlapping character bigrams. The result is handed to FTS5 as space-separated
//! words, which its `ascii` tokenizer splits at the spaces and nothing else. A query goes
//! through the same steps, so both sides always agree.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::filter::fold::{Strength, fold_as, fold_with_map};

/// What a token is, which decides how a query matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word of a script written with spaces (or a piece of one between punctuation).
    Word,
    /// Two neighbouring characters of a CJK run.
    Bigram,
    /// A CJK character alone: a run of one, or (when indexing) the last character of a
    /// run, so that a one-character query finds it at the end of a run too.
    Unigram,
}

/// Whether the tokens are for the index or for a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every run also ends with its last character alone.
    Index,
    /// Runs give their bigrams only: a query's run must sit inside the text's run.
    Query,
}

/// Whether `c` is written without spaces between words: Han, kana.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

/// Whether a character inside a word separates tokens: ASCII punctuation, and the
/// typographic apostrophes, dashes and middle dots that stand for it.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{2010}'..='\u{201F}' | '\u{00B7}' | '\u{2024}'..='\u{2027}')
}

/// Calls `emit` with each token of already folded text, in order, and its byte range in
/// `folded`.
pub fn each_token(folded: &str, mode: Mode, mut emit: impl FnMut(Kind, Range<usize>)) {
    // The CJK run being gathered: the start of each of its characters, and where it ends.
    let mut run: Vec<usize> = Vec::new();
    let mut run_end = 0;
    for (at, word) in folded.unicode_word_indices() {
        let mut piece_start = None;
        for (offset, c) in word.char_indices() {
            let here = at + offset;
            if is_cjk(c) {
                if let Some(start) = piece_start.take() {
                    emit(Kind::Word, start..here);
                }
                if run_end != here {
                    flush(&mut run, run_end, mode, &mut emit);
                }
                run.push(here);
                run_end = here + c.len_utf8();
            } else if is_separator(c) {
                // FTS5's `ascii` tokenizer would split at ASCII punctuation anyway: do it
                // first, so that the snippet sees the same tokens; typographic apostrophes
                // and dashes split too, so "don’t" is indexed as "don't" is.
                if let Some(start) = piece_start.take() {
                    emit(Kind::Word, start..here);
                }
            } else {
                flush(&mut run, run_end, mode, &mut emit);
                piece_start.get_or_insert(here);
            }
        }
        if let Some(start) = piece_start {
            emit(Kind::Word, start..at + word.len());
        }
    }
    flush(&mut run, run_end, mode, &mut emit);
}

fn flush(run: &mut Vec<usize>, end: usize, mode: Mode, emit: &mut impl FnMut(Kind, Range<usize>)) {
    match run.as_slice() {
        [] => {}
        [only] => emit(Kind::Unigram, *only..end),
        starts => {
            for (at, pair) in starts.windows(2).enumerate() {
                let second_end = starts.get(at + 2).copied().unwrap_or(end);
                emit(Kind::Bigram, pair[0]..second_end);
            }
            if mode == Mode::Index
                && let Some(&last) = starts.last()
            {
                emit(Kind::Unigram, last..end);
            }
        }
    }
    run.clear();
}

/// Appends the tokens of `text` (folded here) to `out`, separated by spaces: what the
/// index stores for it. `folded` is scratch space, reused across calls.
pub fn index_text(text: &str, folded: &mut String, out: &mut String) {
    folded.clear();
    crate::filter::fold::fold_into(text, Strength::Full, folded, None);
    each_token(folded, Mode::Index, |_, range| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&folded[range]);
    });
}

/// The tokens of one query word or phrase (folded here), with their kinds.
pub fn query_tokens(text: &str) -> Vec<(Kind, String)> {
    let folded = fold_as(text, Strength::Full);
    let mut tokens = Vec::new();
    each_token(&folded, Mode::Query, |kind, range| {
        tokens.push((kind, folded[range].to_owned()));
    });
    tokens
}

/// A paragraph's tokens with their byte ranges in the paragraph itself (mapped back through
/// the fold), for snippets.
pub fn located_tokens(text: &str) -> Vec<(String, Range<usize>)> {
    let (folded, map) = fold_with_map(text, Strength::Full);
    let mut tokens = Vec::new();
    each_token(&folded, Mode::Query, |_, range| {
        let start = map.get(range.start).copied().unwrap_or(text.len());
        // The end of the cluster the token's last byte came from.
        let last = map.get(range.end - 1).copied().unwrap_or(start);
        let end = map[range.end..]
            .iter()
            .copied()
            .find(|&source| source > last)
            .unwrap_or(text.len());
        tokens.push((folded[range].to_owned(), start..end));
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(text: &str) -> String {
        let (mut folded, mut out) = (String::new(), String::new());
        index_text(text, &mut folded, &mut out);
        out
    }

    #[test]
    fn latin_words_are_folded_and_split_at_ascii_punctuation() {
        assert_eq!(indexed("Đại sứ Việt Nam"), "dai su viet nam");
        assert_eq!(indexed("L'été, à Paris: 3.5%"), "l ete a paris 3 5");
        assert_eq!(indexed("don’t stop"), indexed("don't stop"));
    }

    #[test]
    fn arabic_script_and_hebrew_fold_to_one_spelling() {
        // Persian ی and ک fold to the Arabic ي and ك; tatweel goes.
        assert_eq!(indexed("کتابی"), indexed("كتابي"));
        assert_eq!(indexed("كـتـاب"), "كتاب");
        // Hebrew points go.
        assert_eq!(indexed("שָׁלוֹם עוֹלָם"), "שלום עולם");
    }

    #[test]
    fn cjk_runs_become_bigrams_and_end_with_their_last_character() {
        assert_eq!(indexed("我们在北京"), "我们 们在 在北 北京 京");
        assert_eq!(indexed("北 京"), "北 京");
        // Kana and kanji form one run; Latin words around it stay words.
        assert_eq!(
            indexed("東京タワー and Ｔｏｋｙｏ"),
            "東京 京タ タワ ワー ー and tokyo"
        );
    }

    #[test]
    fn query_runs_have_no_trailing_character() {
        let kinds: Vec<_> = query_tokens("北京").into_iter().collect();
        assert_eq!(kinds, [(Kind::Bigram, "北京".to_owned())]);
        assert_eq!(query_tokens("京"), [(Kind::Unigram, "京".to_owned())]);
        assert_eq!(
            query_tokens("l'homme"),
            [
                (Kind::Word, "l".to_owned()),
                (Kind::Word, "homme".to_owned())
            ]
        );
    }

    #[test]
    fn located_tokens_point_into_the_unfolded_text() {
        let text = "Ông Đại sứ nói";
        let tokens = located_tokens(text);
        let shown: Vec<(&str, &str)> = tokens
            .iter()
            .map(|(token, range)| (token.as_str(), &text[range.clone()]))
            .collect();
        assert_eq!(
            shown,
            [("ong", "Ông"), ("dai", "Đại"), ("su", "sứ"), ("noi", "nói")]
        );
        let text = "在北京市";
        let shown: Vec<&str> = located_tokens(text)
            .iter()
            .map(|(_, range)| &text[range.clone()])
            .collect();
        assert_eq!(shown, ["在北", "北京", "京市"]);
    }
}
