//! Folding text for search: case, NFKC, Vietnamese diacritics, Arabic-script variants, digits.
//!
//! Two strengths. The full fold is what the matcher normally sees: lower case, NFKC (so
//! presentation forms match their letters), Latin combining marks U+0300–U+036F dropped
//! after canonical decomposition (Vietnamese tones, the horn U+031B, French accents) and
//! đ → d. The light fold keeps those Latin diacritics: a query term typed with them matches
//! them exactly (fzf's rule), so "việt" narrows where "viet" widens.
//!
//! Both strengths fold what a reader does not choose when typing: tatweel U+0640 and ZWNJ
//! U+200C dropped, Arabic-Indic and Persian digits → ASCII, Arabic tashkeel and Hebrew
//! points dropped (so pasted pointed text matches unpointed titles), alef variants
//! أ إ آ ٱ → ا, and the Arabic-script letter variants of `assets/fold-arabic-script.toml`
//! (ی ي ى → ي, ک ك → ك, ة ہ ھ → ه, ؤ → و, ...), so an Arabic keyboard finds Persian and
//! Urdu text and the other way round.
//!
//! Text is folded one grapheme cluster at a time (a character that cannot join its
//! neighbours takes a fast path), so every folded byte maps back to the cluster it came
//! from, which is what highlighting needs. Folding the same text always gives the same
//! result whether or not the map is kept.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

use table::Folded;

mod arabic_script;
mod table;

/// Bumped whenever a folding rule changes, so caches of folded keys can tell they are stale.
pub const FOLD_VERSION: u32 = 2;

/// How much a fold removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strength {
    /// Case, NFKC, Arabic-script variants, and all diacritics.
    Full,
    /// Case, NFKC and Arabic-script variants (marks included) only; Latin diacritics are
    /// kept.
    Light,
}

const TATWEEL: char = '\u{0640}';
const ZWNJ: char = '\u{200C}';
const ALEF: char = '\u{0627}';

/// Folds `text` fully: what the matcher compares when a query term has no diacritics.
pub fn fold(text: &str) -> String {
    fold_as(text, Strength::Full)
}

/// Folds `text` lightly, keeping its Latin diacritics.
pub fn fold_light(text: &str) -> String {
    fold_as(text, Strength::Light)
}

/// Folds `text` with the given strength.
pub fn fold_as(text: &str, strength: Strength) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, strength, &mut out, None);
    out
}

/// Folds `text` and also returns, for every byte of the folded text, the byte offset in
/// `text` of the grapheme cluster that byte came from.
///
/// The folded text is exactly `fold_as(text, strength)`; the map has one entry per folded
/// byte. Keep such maps only for the rows on screen: they are eight bytes per byte.
pub fn fold_with_map(text: &str, strength: Strength) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    fold_into(text, strength, &mut out, Some(&mut map));
    (out, map)
}

/// Appends the fold of `text` to `out`, and the source offset of each appended byte to `map`.
pub(crate) fn fold_into(
    text: &str,
    strength: Strength,
    out: &mut String,
    map: Option<&mut Vec<usize>>,
) {
    let mut sink = Sink {
        out,
        map,
        source: 0,
    };
    walk(text, |at, piece| {
        sink.source = at;
        fold_piece(piece, strength, &mut sink);
    });
}

/// Appends both folds of `text` at once (for keys): one walk over the clusters.
pub(crate) fn fold_pair_into(text: &str, full: &mut String, light: &mut String) {
    let mut full = Sink {
        out: full,
        map: None,
        source: 0,
    };
    let mut light = Sink {
        out: light,
        map: None,
        source: 0,
    };
    walk(text, |_, piece| {
        fold_piece(piece, Strength::Full, &mut full);
        fold_piece(piece, Strength::Light, &mut light);
    });
}

/// One grapheme cluster, sorted by how cheaply it folds.
#[derive(Debug, Clone, Copy)]
enum Piece<'a> {
    Ascii(u8),
    Char(char),
    Cluster(&'a str),
}

/// Calls `visit` with each cluster of `text` and its byte offset.
fn walk<'a>(text: &'a str, mut visit: impl FnMut(usize, Piece<'a>)) {
    let mut at = 0;
    while let Some(rest) = text.get(at..) {
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        // Most characters stand alone, which the table can tell without segmenting.
        if table::never_joins_next(c) && chars.next().is_none_or(table::never_joins_previous) {
            let piece = if c.is_ascii() {
                Piece::Ascii(c as u8)
            } else {
                Piece::Char(c)
            };
            visit(at, piece);
            at += c.len_utf8();
            continue;
        }
        let cluster = rest.graphemes(true).next().unwrap_or(rest);
        let mut chars = cluster.chars();
        let piece = match (chars.next(), chars.next()) {
            (Some(c), None) => Piece::Char(c),
            _ => Piece::Cluster(cluster),
        };
        visit(at, piece);
        at += cluster.len().max(1);
    }
}

fn fold_piece(piece: Piece<'_>, strength: Strength, sink: &mut Sink<'_>) {
    match piece {
        Piece::Ascii(byte) => sink.push(char::from(byte.to_ascii_lowercase())),
        Piece::Char(c) => match table::lookup(c, strength) {
            Folded::Nothing => {}
            Folded::One(folded) => sink.push(folded),
            Folded::Other => fold_chars(std::iter::once(c), strength, sink),
        },
        Piece::Cluster(cluster) => fold_chars(cluster.chars(), strength, sink),
    }
}

/// Folds a lone character the slow way, without the table (which is built from this).
pub(crate) fn fold_char_uncached(c: char, strength: Strength) -> String {
    let mut out = String::new();
    let mut sink = Sink {
        out: &mut out,
        map: None,
        source: 0,
    };
    fold_chars(std::iter::once(c), strength, &mut sink);
    out
}

/// Where folded characters go, with the source offset they are credited to.
struct Sink<'a> {
    out: &'a mut String,
    map: Option<&'a mut Vec<usize>>,
    source: usize,
}

impl Sink<'_> {
    fn push(&mut self, c: char) {
        self.out.push(c);
        if let Some(map) = self.map.as_deref_mut() {
            map.extend(std::iter::repeat_n(self.source, c.len_utf8()));
        }
    }
}

/// Folds the characters of one cluster: NFKC, then each character.
fn fold_chars<I>(chars: I, strength: Strength, sink: &mut Sink<'_>)
where
    I: Iterator<Item = char> + Clone,
{
    if is_nfkc_quick(chars.clone()) == IsNormalized::Yes {
        chars.for_each(|c| fold_char(c, strength, sink));
    } else {
        chars.nfkc().for_each(|c| fold_char(c, strength, sink));
    }
}

/// Folds one NFKC character: lower case first, so that marks split off by lowercasing
/// (İ → i + U+0307) are dropped too.
fn fold_char(c: char, strength: Strength, sink: &mut Sink<'_>) {
    for lower in c.to_lowercase() {
        fold_lower(lower, strength, sink);
    }
}

fn fold_lower(c: char, strength: Strength, sink: &mut Sink<'_>) {
    match c {
        // A Persian word is written with or without its ZWNJ (می‌کند, میکند).
        TATWEEL | ZWNJ => return,
        _ if arabic_script::is_pointing_mark(c) => return,
        '\u{0660}'..='\u{0669}' => return sink.push(ascii_digit(c, '\u{0660}')),
        '\u{06F0}'..='\u{06F9}' => return sink.push(ascii_digit(c, '\u{06F0}')),
        'أ' | 'إ' | 'آ' | 'ٱ' => return sink.push(ALEF),
        _ => {}
    }
    if let Some(letter) = arabic_script::letter(c) {
        return sink.push(letter);
    }
    if strength == Strength::Light {
        return sink.push(c);
    }
    match c {
        _ if is_latin_mark(c) => {}
        'đ' => sink.push('d'),
        // Arabic and Hebrew letters are not decomposed: what folds there is above.
        _ if c.is_ascii() || ('\u{0590}'..='\u{06FF}').contains(&c) => sink.push(c),
        _ => decompose_and_strip(c, sink),
    }
}

/// Emits `c` decomposed without its dropped marks when it has any, or `c` as it is
/// (so Hangul syllables and kana with dakuten stay composed and compact).
fn decompose_and_strip(c: char, sink: &mut Sink<'_>) {
    let mut has_dropped_mark = false;
    decompose_canonical(c, |part| has_dropped_mark |= is_dropped_mark(part));
    if has_dropped_mark {
        decompose_canonical(c, |part| {
            if !is_dropped_mark(part) {
                sink.push(part);
            }
        });
    } else {
        sink.push(c);
    }
}

fn ascii_digit(c: char, zero: char) -> char {
    let value = u32::from(c) - u32::from(zero);
    char::from_digit(value, 10).unwrap_or(c)
}

/// The marks the full fold removes from Latin (and Greek, Cyrillic) letters; Arabic and
/// Hebrew marks go at both strengths.
fn is_latin_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// The marks stripped from a decomposed character.
fn is_dropped_mark(c: char) -> bool {
    is_latin_mark(c) || arabic_script::is_pointing_mark(c)
}
