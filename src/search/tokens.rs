//! Search tokens: lectern's folded text split into the words FTS5 indexes.
//!
//! FTS5's own tokenizers cannot fold đ, Arabic-script letter variants or Hebrew points, and
//! take a run of CJK characters as one token; so the text is folded here with the title
//! filter's full fold, split into words (UAX #29) and at ASCII punctuation, and CJK runs
//! become overlapping character bigrams. The result is handed to FTS5 as space-separated
//! words, which its `ascii` tokenizer splits at the spaces and nothing else. A query goes
//! through the same steps, so both sides always agree.

use std::ops::Range;

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

/// Whether `c` belongs inside a word: letters and digits of every script, the marks that
/// sit on them (the fold drops the Latin, Arabic and Hebrew ones, not Devanagari's or
/// Thai's), and the geresh and gershayim of Hebrew abbreviations (צה״ל).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{05F3}' | '\u{05F4}' | '\u{200D}')
        || unicode_normalization::char::is_combining_mark(c)
}

/// Calls `emit` with each token of already folded text, in order, and its byte range in
/// `folded`.
///
/// A word is a run of word characters ([`is_word_char`]); everything else separates, which
/// is what UAX #29 word boundaries come to once ASCII punctuation splits too (as FTS5's
/// `ascii` tokenizer would split it anyway), at a third of their cost: segmenting took
/// 1.4 times as long as folding the text, and the index build was 2.6 times the fold.
pub fn each_token(folded: &str, mode: Mode, mut emit: impl FnMut(Kind, Range<usize>)) {
    // The CJK run being gathered: the start of each of its characters, and where it ends.
    let mut run: Vec<usize> = Vec::new();
    let mut run_end = 0;
    let mut piece_start = None;
    for (here, c) in folded.char_indices() {
        if is_cjk(c) {
            if let Some(start) = piece_start.take() {
                emit(Kind::Word, start..here);
            }
            if run_end != here {
                flush(&mut run, run_end, mode, &mut emit);
            }
            run.push(here);
            run_end = here + c.len_utf8();
        } else if c.is_ascii_alphanumeric() || (!c.is_ascii() && is_word_char(c)) {
            flush(&mut run, run_end, mode, &mut emit);
            piece_start.get_or_insert(here);
        } else if let Some(start) = piece_start.take() {
            emit(Kind::Word, start..here);
        }
    }
    if let Some(start) = piece_start {
        emit(Kind::Word, start..folded.len());
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
    fn words_are_runs_of_letters_digits_and_marks() {
        // Emoji, symbols and dashes of every kind separate and are not indexed.
        assert_eq!(indexed("flood — 🌊 2026…news"), "flood 2026 news");
        // Devanagari vowel signs are marks that stay in their word.
        assert_eq!(indexed("नमस्ते दुनिया"), "नमस्ते दुनिया");
        // A Hebrew abbreviation keeps its gershayim; an ASCII quote splits it.
        assert_eq!(indexed("צה״ל"), "צה״ל");
        assert_eq!(indexed("צה\"ל"), "צה ל");
        // A Persian word with or without its ZWNJ is one word (the fold drops it).
        assert_eq!(indexed("می\u{200C}کند"), indexed("میکند"));
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
