//! Fuzzy filtering of the article list: folded search keys, queries, ranking, highlights.
//!
//! At load, each article gets a [`SearchKey`] (its title and source folded once). As the
//! user types, a [`Filter`] parses the [`Query`], matches its terms against the keys with
//! `frizbee` (exact subsequences, no typos), and ranks the [`Hit`]s by score, ties in
//! list order. For the rows on screen, [`highlight`] gives the matched graphemes of the
//! unfolded title. The matcher never folds anything itself: all folding is in [`fold`].
//!
//! ```
//! use lectern::filter::{Candidate, Filter, SearchKey};
//!
//! let keys = [SearchKey::new("Đà Nẵng mưa lớn", None), SearchKey::new("Hà Nội", None)];
//! let candidates: Vec<Candidate> = keys
//!     .iter()
//!     .map(|key| Candidate { key, lang: "vi", bookmarked: false, read: false })
//!     .collect();
//! let mut filter = Filter::new();
//! assert_eq!(filter.update("da nang", &candidates)[0].index, 0);
//! ```

pub mod fold;
mod highlight;
mod key;
mod query;
mod rank;

pub use fold::FOLD_VERSION;
pub use highlight::highlight;
pub use key::SearchKey;
pub use query::{Query, States, Term};
pub use rank::{Candidate, Filter, Hit};

/// Filters `candidates` once with `input` (for `lectern list --filter`): the same
/// matching and ranking as the interactive [`Filter`].
pub fn filter(input: &str, candidates: &[Candidate<'_>]) -> Vec<Hit> {
    Filter::new().update(input, candidates).to_vec()
}
