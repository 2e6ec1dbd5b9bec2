//! Fuzzy filtering of the article list: folded search keys, queries, ranking, highlights.
//!
//! At load, each article's title and source are folded once into a [`SearchKey`] (on
//! the loader threads, or read back from the cache), which the list appends to its
//! [`SearchIndex`]: all keys back to back, in list order. As the user types, a [`Filter`]
//! parses the [`Query`], matches its terms against the index with `frizbee` (exact
//! subsequences, no typos) and ranks the [`Hit`]s by score, ties in list order. For the
//! rows on screen, [`highlight`] gives the matched graphemes of the unfolded title. The
//! matcher never folds anything itself: all folding is in [`fold`].
//!
//! ```
//! use lectern::filter::{Fields, Filter, SearchIndex, SearchKey};
//!
//! let mut index = SearchIndex::new();
//! index.push(&SearchKey::new("Đà Nẵng mưa lớn", Some("VnExpress")));
//! index.push(&SearchKey::new("Hà Nội", None));
//! let langs = ["vi", "vi"];
//! let mut filter = Filter::new();
//! let hits = filter.update("da nang", &index, |row| Fields { lang: langs[row], ..Fields::default() });
//! assert_eq!(hits[0].index, 0);
//! assert_eq!(filter.update("da nang lang:en", &index, |row| Fields { lang: langs[row], ..Fields::default() }), []);
//! ```

mod find;
pub mod fold;
mod highlight;
mod index;
mod key;
mod query;
mod rank;
mod scan;
mod score;

pub use find::{FoldedText, needle};
pub use fold::FOLD_VERSION;
pub use highlight::highlight;
pub use index::SearchIndex;
pub use key::SearchKey;
pub use query::{Kind, MAX_QUERY_CHARS, MAX_TERMS, Query, States, Term, bounded};
pub use rank::{Fields, Filter, Hit};
pub(crate) use score::matcher_config;

/// Filters the rows of `index` once with `input` (for `lectern list --filter`): the same
/// matching and ranking as the interactive [`Filter`].
pub fn filter<'a, F>(input: &str, index: &SearchIndex, fields: F) -> Vec<Hit>
where
    F: Fn(usize) -> Fields<'a> + Sync,
{
    Filter::new().update(input, index, fields).to_vec()
}
