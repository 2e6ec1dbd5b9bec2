//! `highlight`: which graphemes of a displayed title the query's terms matched.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::fold::{Strength, fold_with_map};
use super::matcher_config;
use super::{Kind, Query};

/// The graphemes of `text` (a title or a source, as displayed: unfolded NFC) that the
/// query's text terms match, as sorted byte ranges of `text`, each covering whole
/// grapheme clusters, adjacent ones merged.
///
/// Each term is aligned on the folded `text` alone and the matched folded bytes are
/// mapped back through the fold, so a folded-away tashkeel, a đ or a presentation form
/// lights up as the whole cluster it belongs to. An exact or anchored term lights up the
/// piece it found, a negated term nothing. A term that matched the article only through
/// the other field contributes nothing here.
pub fn highlight(query: &Query, text: &str) -> Vec<Range<usize>> {
    let mut folds: [Option<(String, Vec<usize>)>; 2] = [None, None];
    let config = matcher_config();
    let mut sources = Vec::new();
    for term in query.terms() {
        let (slot, strength) = if term.keeps_diacritics() {
            (1, Strength::Light)
        } else {
            (0, Strength::Full)
        };
        if term.is_negated() {
            continue;
        }
        let (folded, map) = folds[slot].get_or_insert_with(|| fold_with_map(text, strength));
        if term.kind() == Kind::Fuzzy {
            let mut matcher = frizbee::Matcher::new(term.needle(), &config);
            if let Some(found) = matcher.match_one_indices(folded.as_str(), 0) {
                sources.extend(found.indices.iter().filter_map(|&at| map.get(at as usize)));
            }
        } else if let Some(found) = term.find_in(folded) {
            sources.extend(map.get(found).into_iter().flatten());
        }
    }
    sources.sort_unstable();
    sources.dedup();
    clusters_containing(text, &sources)
}

/// The grapheme clusters of `text` containing any of the sorted byte offsets `sources`,
/// adjacent clusters merged.
fn clusters_containing(text: &str, sources: &[usize]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut pending = sources.iter().copied().peekable();
    for (start, cluster) in text.grapheme_indices(true) {
        let end = start + cluster.len();
        let mut hit = false;
        while pending.next_if(|&source| source < end).is_some() {
            hit = true;
        }
        if !hit {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.end == start => last.end = end,
            _ => ranges.push(start..end),
        }
        if pending.peek().is_none() {
            break;
        }
    }
    ranges
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one highlighted range is a real answer
mod tests {
    use super::*;

    #[test]
    fn offsets_expand_to_clusters_and_merge() {
        // "e\u{301}" is one cluster of 3 bytes at 1; "x" at 4; "y" at 5.
        let text = "ae\u{301}xy";
        assert_eq!(clusters_containing(text, &[1]), [1..4]);
        assert_eq!(clusters_containing(text, &[0, 1, 4]), [0..5]);
        assert_eq!(clusters_containing(text, &[0, 5]), [0..1, 5..6]);
        assert_eq!(clusters_containing(text, &[]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn no_terms_no_highlight() {
        assert!(highlight(&Query::parse("lang:vi is:read"), "Việt Nam").is_empty());
    }
}
