//! The list order of the library: newest first, then by title, and the in-place
//! rearrangement that puts the rows in it.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::{Library, Loaded, Problem, Warning};
use crate::article::Meta;

impl Library {
    /// Drops duplicates (identical content at two paths is one article: the first path in
    /// name order stays) and puts the rows in list order.
    pub fn finish(&mut self) {
        let entries = &self.entries;
        // The first path in name order holds each id; a hash map finds it without sorting.
        let mut holder: HashMap<&str, usize, Xxh3DefaultBuilder> = HashMap::default();
        holder.reserve(entries.len());
        for (row, entry) in entries.iter().enumerate() {
            let held = holder.entry(&entry.meta.id).or_insert(row);
            if entry.meta.path < entries[*held].meta.path {
                *held = row;
            }
        }
        let mut order = Vec::with_capacity(holder.len());
        for (row, entry) in entries.iter().enumerate() {
            match holder.get(entry.meta.id.as_str()) {
                Some(&held) if held != row => self.warnings.push(Warning {
                    path: entry.meta.path.clone(),
                    problem: Problem::Duplicate(entries[held].meta.path.clone()),
                }),
                _ => order.push(row),
            }
        }
        // Dates decide most comparisons: sorting on a packed copy of them, beside the row,
        // spares a visit to two scattered entries for each (a tenth of a warm start).
        let mut keyed: Vec<(DateKey, usize)> = (order.into_iter())
            .map(|row| (DateKey::of(&entries[row].meta), row))
            .collect();
        keyed.sort_unstable_by(|(x, a), (y, b)| {
            x.cmp(y)
                .then_with(|| list_order(&entries[*a].meta, &entries[*b].meta))
        });
        let mut order: Vec<usize> = keyed.into_iter().map(|(_, row)| row).collect();
        self.index.reorder(&order);
        self.index.shrink_to_fit();
        // Rearrange in place (a second list would double the peak memory at the end of a
        // large load): duplicates go to the end, and are cut off.
        let kept = order.len();
        let mut dropped = vec![true; entries.len()];
        for &row in &order {
            dropped[row] = false;
        }
        order.extend((0..entries.len()).filter(|&row| dropped[row]));
        permute(&mut self.entries, &order);
        self.entries.truncate(kept);
        self.entries.shrink_to_fit();
        self.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Adds `loaded` to a library in list order already, leaving out ids it holds: the new
    /// rows are sorted among themselves and merged in. A fetch brings 50 articles at a time
    /// to a list of thousands, and sorting all of them again as [`Library::finish`] does took
    /// 10 ms a feed at 10^4 rows, time the interface did not answer keys in.
    pub fn merge(&mut self, loaded: Vec<Loaded>) {
        let known: HashSet<&str> = self.entries.iter().map(|e| e.meta.id.as_str()).collect();
        let mut seen = HashSet::new();
        let loaded: Vec<Loaded> = (loaded.into_iter())
            .filter(|l| match l {
                Loaded::Article(entry, ..) => {
                    !known.contains(entry.meta.id.as_str()) && seen.insert(entry.meta.id.clone())
                }
                Loaded::Skipped(_) => true,
            })
            .collect();
        let old = self.entries.len();
        self.absorb(loaded);
        let entries = &self.entries;
        let mut fresh: Vec<usize> = (old..entries.len()).collect();
        fresh.sort_unstable_by(|&a, &b| list_order(&entries[a].meta, &entries[b].meta));
        let mut order = Vec::with_capacity(entries.len());
        let mut fresh = fresh.into_iter().peekable();
        for row in 0..old {
            let before = |&new: &usize| list_order(&entries[new].meta, &entries[row].meta).is_lt();
            while let Some(new) = fresh.next_if(before) {
                order.push(new);
            }
            order.push(row);
        }
        order.extend(fresh);
        self.index.reorder(&order);
        permute(&mut self.entries, &order);
        self.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// Rearranges `items` so that item `i` is the old item `order[i]`; `order` is a permutation
/// of the positions. In place, following each cycle of the permutation once.
pub(super) fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len().min(order.len()) {
        let mut at = start;
        while !done[at] {
            done[at] = true;
            let from = order[at];
            if from == start || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A key that orders entries as [`list_order`] does whenever two keys differ: dated first,
/// newest first, by the first 16 bytes of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct DateKey(bool, std::cmp::Reverse<u128>);

impl DateKey {
    pub(super) fn of(meta: &Meta) -> Self {
        let Some(date) = &meta.date else {
            return Self(true, std::cmp::Reverse(0));
        };
        // Zero-padded: a date that is a prefix of another sorts first, as strings do.
        let mut bytes = [0; 16];
        let prefix = &date.as_bytes()[..date.len().min(16)];
        bytes[..prefix.len()].copy_from_slice(prefix);
        Self(false, std::cmp::Reverse(u128::from_be_bytes(bytes)))
    }
}

/// Newest first, then by title; undated articles (only bundled ones have no file date) last, in
/// file-name order, which for numbered files is their own order. Ties end on the path.
pub fn list_order(a: &Meta, b: &Meta) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Greater, Less};
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => y
            .cmp(x)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => Less,
        (None, Some(_)) => Greater,
        (None, None) => a.path.cmp(&b.path),
    }
}

#[cfg(test)]
mod tests {
    use super::{DateKey, list_order, permute};
    use crate::article::Meta;
    use crate::filter::SearchKey;
    use crate::library::{Entry, Library, Loaded, Origin};

    /// A feed article `id` titled `title`, dated `date`.
    fn loaded(id: &str, title: &str, date: Option<&str>) -> Loaded {
        let meta = Meta {
            id: id.to_owned(),
            title: title.to_owned(),
            path: format!("https://example.org/{id}"),
            date: date.map(str::to_owned),
            ..Meta::default()
        };
        let key = SearchKey::new(title, None);
        let origin = Origin::Feed("https://example.org/feed".into());
        Loaded::Article(Entry { meta, origin }, key, Vec::new())
    }

    #[test]
    fn merged_articles_take_their_place_in_the_list_order() {
        let mut library = Library::default();
        library.absorb(vec![
            loaded("b", "Bravo", Some("2024-05-03")),
            loaded("d", "Delta", Some("2024-05-01")),
            loaded("u", "Undated", None),
        ]);
        library.finish();
        library.merge(vec![
            loaded("e", "Echo", None),
            loaded("a", "Alpha", Some("2024-05-04")),
            loaded("c", "Charlie", Some("2024-05-01")),
            // Held already, and twice in the batch: one row each.
            loaded("d", "Delta again", Some("2024-05-09")),
            loaded("a", "Alpha again", Some("2024-05-09")),
        ]);
        // Newest first, Charlie before Delta on the same day, undated last by path.
        let ids: Vec<&str> = library.entries.iter().map(|e| e.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e", "u"]);
        let titles: Vec<&str> = (0..6).map(|row| library.index.full(row)).collect();
        assert_eq!(
            titles,
            ["alpha", "bravo", "charlie", "delta", "echo", "undated"]
        );
    }

    #[test]
    fn date_keys_never_disagree_with_the_list_order() {
        // Hand-picked: equal dates, a date that is a prefix of another, dates differing only
        // past 16 bytes, and undated entries.
        let dates = [
            Some("2024-05-01"),
            Some("2024-05-01"),
            Some("2024-05"),
            Some("2023-12-31"),
            Some("2024-05-01T00:00:00Z"),
            Some("2024-05-01T00:00:01Z"),
            Some(""),
            None,
            None,
        ];
        let metas: Vec<Meta> = (dates.iter().enumerate())
            .map(|(n, date)| Meta {
                date: date.map(str::to_owned),
                title: format!("{}", 9 - n),
                path: format!("{n}"),
                ..Meta::default()
            })
            .collect();
        for a in &metas {
            for b in &metas {
                let (x, y) = (DateKey::of(a), DateKey::of(b));
                if x != y {
                    assert_eq!(x.cmp(&y), list_order(a, b), "{:?} {:?}", a.date, b.date);
                }
            }
        }
    }

    #[test]
    fn permute_follows_the_order_in_place() {
        let orders: [&[usize]; 4] = [&[0, 1, 2, 3], &[3, 2, 1, 0], &[1, 2, 3, 0], &[2, 0, 1, 3]];
        for order in orders {
            let mut items = vec!['a', 'b', 'c', 'd'];
            permute(&mut items, order);
            let expected: Vec<char> = order.iter().map(|&i| ['a', 'b', 'c', 'd'][i]).collect();
            assert_eq!(items, expected, "{order:?}");
        }
    }
}
