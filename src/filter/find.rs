//! Finding words in an article's text: every occurrence of a folded needle, as byte ranges of
//! the displayed text covering whole grapheme clusters (what the reader's find and a body
//! search's hits light up).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::fold::{Strength, fold, fold_with_map};

/// The longest text folded for finding, in bytes: a paragraph past it is searched in its
/// first part only, so one hostile paragraph cannot make a keystroke slow.
const MAX_TEXT: usize = 1 << 20;

/// A paragraph folded once, to be searched for many needles as the user types.
#[derive(Debug, Clone, Default)]
pub struct FoldedText {
    folded: String,
    /// The source byte offset of each folded byte.
    map: Vec<usize>,
    /// The start of every grapheme cluster of the source, then its end.
    clusters: Vec<usize>,
}

impl FoldedText {
    /// Folds `text` fully (case, diacritics, Arabic-script variants), as the filter does.
    pub fn new(text: &str) -> Self {
        let mut end = text.len().min(MAX_TEXT);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let (folded, map) = fold_with_map(text, Strength::Full);
        let mut clusters: Vec<usize> = text.grapheme_indices(true).map(|(at, _)| at).collect();
        clusters.push(text.len());
        Self {
            folded,
            map,
            clusters,
        }
    }

    /// Every occurrence of each needle (already folded, see [`needle`]), as sorted byte ranges
    /// of the source text, widened to whole clusters; occurrences that overlap are merged.
    pub fn find_all(&self, needles: &[String]) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            for (at, found) in self.folded.match_indices(needle.as_str()) {
                let (first, last) = (self.map[at], self.map[at + found.len() - 1]);
                ranges.push(self.cluster_start(first)..self.cluster_end(last));
            }
        }
        ranges.sort_unstable_by_key(|range| (range.start, range.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// The start of the cluster holding byte `at`.
    fn cluster_start(&self, at: usize) -> usize {
        let index = self.clusters.partition_point(|&start| start <= at);
        self.clusters[index.saturating_sub(1)]
    }

    /// The end of the cluster holding byte `at`.
    fn cluster_end(&self, at: usize) -> usize {
        let index = self.clusters.partition_point(|&start| start <= at);
        self.clusters[index.min(self.clusters.len() - 1)]
    }
}

/// What a typed find looks for: the folded query with its spaces collapsed (`Đại  Sứ` →
/// `dai su`), found as one phrase; empty for a blank query.
pub fn needle(query: &str) -> String {
    fold(query).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        let ranges = FoldedText::new(text).find_all(&[needle(query)]);
        ranges.into_iter().map(|range| &text[range]).collect()
    }

    #[test]
    fn vietnamese_without_diacritics_finds_every_occurrence() {
        let text = "Đại sứ Nga gặp Đại sứ Mỹ; đại sứ quán đóng cửa.";
        assert_eq!(find(text, "dai su"), ["Đại sứ", "Đại sứ", "đại sứ"]);
        assert_eq!(find(text, "  DAI   SU "), ["Đại sứ", "Đại sứ", "đại sứ"]);
    }

    #[test]
    fn an_arabic_keyboard_finds_persian_letters_and_marks_stay_in_their_cluster() {
        // ي and ك typed; the text has Persian ی and ک.
        let text = "کابل و تهران: یک دیدار";
        assert_eq!(find(text, "يك"), ["یک"]);
        // A vowel mark in the text is folded away but lit up with its letter.
        let pointed = "مَدرسة";
        assert_eq!(find(pointed, "مد"), ["مَد"]);
    }

    #[test]
    fn a_pointed_hebrew_query_finds_the_unpointed_word() {
        assert_eq!(find("השלום בא", "שָׁלוֹם"), ["שלום"]);
    }

    #[test]
    fn chinese_inside_a_run_and_no_match() {
        assert_eq!(find("中华人民共和国成立", "人民"), ["人民"]);
        assert!(find("中华人民共和国", "日本").is_empty());
        assert!(find("anything", "   ").is_empty());
    }

    #[test]
    fn overlapping_needles_merge() {
        let folded = FoldedText::new("banana");
        let ranges = folded.find_all(&["ana".to_owned(), "nan".to_owned()]);
        // "ana" at 1 and 3 (match_indices does not overlap: 1 only), "nan" at 2: one run.
        assert_eq!(ranges, vec![1..5]);
    }
}
