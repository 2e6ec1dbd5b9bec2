//! Folding text for search: case, NFKC, Vietnamese diacritics, Arabic marks and digits.
//!
//! Two strengths. The full fold is what the matcher normally sees: lower case, NFKC (so
//! presentation forms match their letters), Latin combining marks U+0300–U+036F dropped
//! after canonical decomposition (Vietnamese tones, the horn U+031B, French accents),
//! đ → d, Arabic tashkeel dropped, alef variants أ إ آ ٱ → ا, and Hebrew points dropped.
//! The light fold keeps the diacritics: a query term typed with them matches them
//! exactly (fzf's rule), so "việt" narrows where "viet" widens.
//!
//! Both strengths drop tatweel U+0640 and map Arabic-Indic and Persian digits to ASCII:
//! those are typographic variants, not diacritics, so a digit typed on an Arabic
//! keyboard widens like "viet" does.
//!
//! Text is folded one grapheme cluster at a time (ASCII characters are their own
//! clusters and take a fast path), so every folded byte maps back to the cluster it came
//! from, which is what highlighting needs. Folding the same text always gives the same
//! result whether or not the map is kept.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Bumped whenever a folding rule changes, so caches of folded keys can tell they are stale.
pub const FOLD_VERSION: u32 = 1;

/// How much a fold removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strength {
    /// Case, NFKC, digits, tatweel, and all diacritics.
    Full,
    /// Case, NFKC, digits and tatweel only; diacritics are kept.
    Light,
}

const TATWEEL: char = '\u{0640}';
const ALEF: char = '\u{0627}';

/// Folds `text` fully: what the matcher compares when a query term has no diacritics.
pub fn fold(text: &str) -> String {
    fold_as(text, Strength::Full)
}

/// Folds `text` lightly (case, NFKC, digits, tatweel), keeping its diacritics.
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
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        sink.source = at;
        // An ASCII character followed by another (or by nothing) is a cluster of its own.
        if byte.is_ascii() && bytes.get(at + 1).is_none_or(u8::is_ascii) {
            sink.push(char::from(byte.to_ascii_lowercase()));
            at += 1;
            continue;
        }
        let Some(rest) = text.get(at..) else { break };
        let cluster = rest.graphemes(true).next().unwrap_or(rest);
        fold_cluster(cluster, strength, &mut sink);
        at += cluster.len().max(1);
    }
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

fn fold_cluster(cluster: &str, strength: Strength, sink: &mut Sink<'_>) {
    if is_nfkc_quick(cluster.chars()) == IsNormalized::Yes {
        cluster.chars().for_each(|c| fold_char(c, strength, sink));
    } else {
        cluster.nfkc().for_each(|c| fold_char(c, strength, sink));
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
        TATWEEL => return,
        '\u{0660}'..='\u{0669}' => return sink.push(ascii_digit(c, '\u{0660}')),
        '\u{06F0}'..='\u{06F9}' => return sink.push(ascii_digit(c, '\u{06F0}')),
        _ => {}
    }
    if strength == Strength::Light {
        return sink.push(c);
    }
    match c {
        _ if is_dropped_mark(c) => {}
        'đ' => sink.push('d'),
        'أ' | 'إ' | 'آ' | 'ٱ' => sink.push(ALEF),
        // Arabic letters are not decomposed: ؤ and ئ are letters of their own, and the
        // alef variants are handled above.
        _ if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) => sink.push(c),
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

/// The marks the full fold removes: Latin combining diacritics, Arabic tashkeel and
/// Quranic marks, and Hebrew points and cantillation.
fn is_dropped_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values below are written by hand from the rules in the module comment.

    #[test]
    fn vietnamese_tones_horn_and_stroke_d_fold_to_ascii() {
        assert_eq!(fold("Việt Nam"), "viet nam");
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(
            fold("Thủ tướng Phạm Minh Chính"),
            "thu tuong pham minh chinh"
        );
        assert_eq!(fold("ƯỚC ĐƯỢC"), "uoc duoc");
    }

    #[test]
    fn light_fold_keeps_diacritics_but_not_case() {
        assert_eq!(fold_light("Việt Nam"), "việt nam");
        assert_eq!(fold_light("ĐÀ NẴNG"), "đà nẵng");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd = "Vie\u{0323}\u{0302}t Nam";
        assert_eq!(fold(nfd), "viet nam");
        assert_eq!(fold_light(nfd), "việt nam");
    }

    #[test]
    fn arabic_marks_tatweel_alefs_and_digits() {
        // الحُكُومَة: damma U+064F, fatha U+064E dropped.
        assert_eq!(fold("الحُكُومَة"), "الحكومة");
        assert_eq!(fold("أحمد"), "احمد");
        assert_eq!(fold("إيران آمن ٱلله"), "ايران امن الله");
        assert_eq!(fold("طـــالبان"), "طالبان");
        assert_eq!(fold("٢٠٢١ ۱۴۰۰"), "2021 1400");
        assert_eq!(fold_light("٢٠٢١ طـالبان"), "2021 طالبان");
        // Hamza on waw and yeh are letters of their own, not alef variants.
        assert_eq!(fold("مسؤول"), "مسؤول");
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // U+FEDF U+FEE0 (lam initial/medial) and the lam-alef ligature U+FEFB → ل ل ل ا.
        assert_eq!(
            fold("\u{FEDF}\u{FEE0}\u{FEFB}"),
            "\u{0644}\u{0644}\u{0644}\u{0627}"
        );
        // U+FEF7 is lam with alef-hamza above: NFKC gives ل أ, the full fold ل ا.
        assert_eq!(fold("\u{FEF7}"), "\u{0644}\u{0627}");
        assert_eq!(fold_light("\u{FEF7}"), "\u{0644}\u{0623}");
        assert_eq!(fold("ﬁnance Ｆｕｌｌ"), "finance full");
    }

    #[test]
    fn hebrew_points_drop_and_other_scripts_stay_composed() {
        // שָׁלוֹם with qamats U+05B8, shin dot U+05C1, holam U+05B9.
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("한국 がっこう 中国"), "한국 がっこう 中国");
    }

    #[test]
    fn map_points_each_folded_byte_at_its_source_cluster() {
        let text = "Đà Nẵng";
        let (folded, map) = fold_with_map(text, Strength::Full);
        assert_eq!(folded, "da nang");
        // Source offsets: Đ 0..2, à 2..4, ' ' 4, N 5, ẵ 6..9, n 9, g 10.
        assert_eq!(map, [0, 2, 4, 5, 6, 9, 10]);
        let (light, map) = fold_with_map(text, Strength::Light);
        assert_eq!(light, "đà nẵng");
        assert_eq!(map, [0, 0, 2, 2, 4, 5, 6, 6, 6, 9, 10]);
    }

    #[test]
    fn map_credits_removed_marks_and_tatweel_to_nothing() {
        // ب U+0628 with shadda U+0651 is one cluster at 0; tatweel at 4 folds to nothing.
        let (folded, map) = fold_with_map("بّـا", Strength::Full);
        assert_eq!(folded, "با");
        assert_eq!(map, [0, 0, 6, 6]);
    }

    #[test]
    fn folding_with_and_without_map_agree() {
        for text in [
            "Việt",
            "e\u{301}\u{301}x",
            "ﷺ",
            "a\u{200D}b",
            "İstanbul",
            "\r\n",
        ] {
            for strength in [Strength::Full, Strength::Light] {
                let (folded, map) = fold_with_map(text, strength);
                assert_eq!(folded, fold_as(text, strength));
                assert_eq!(map.len(), folded.len());
            }
        }
    }

    #[test]
    fn dotted_capital_i_loses_its_dot() {
        assert_eq!(fold("İstanbul"), "istanbul");
    }
}
