//! The sample articles compiled into the binary, so `lectern` alone has something to show.

use super::{Entry, Loaded, Origin, Warning, read};
use crate::filter::SearchKey;

/// File name and bytes of each bundled article.
pub const BUNDLED: &[(&str, &[u8])] = &[
    (
        "000_65e81561ac61334e.txt",
        include_bytes!("../../assets/articles/000_65e81561ac61334e.txt"),
    ),
    (
        "001_4314d054bcb8a08f.txt",
        include_bytes!("../../assets/articles/001_4314d054bcb8a08f.txt"),
    ),
    (
        "002_a647aba9ab064e6b.txt",
        include_bytes!("../../assets/articles/002_a647aba9ab064e6b.txt"),
    ),
    (
        "003_3a0695fa8bce62a8.txt",
        include_bytes!("../../assets/articles/003_3a0695fa8bce62a8.txt"),
    ),
    (
        "004_203a56a6419ab15d.txt",
        include_bytes!("../../assets/articles/004_203a56a6419ab15d.txt"),
    ),
];

/// The path shown for a bundled article.
pub fn bundled_path(name: &str) -> String {
    format!("bundled:{name}")
}

/// The bundled sample articles, read, for [`Library::absorb`].
pub(super) fn loaded() -> Vec<Loaded> {
    let mut loaded = Vec::new();
    for (index, (name, bytes)) in BUNDLED.iter().enumerate() {
        let path = bundled_path(name);
        loaded.push(
            match read::parse_bytes(bytes.to_vec(), path.clone(), None) {
                Ok((article, problems)) => {
                    let key = SearchKey::new(&article.meta.title, article.meta.source.as_deref());
                    let entry = Entry {
                        meta: article.meta,
                        origin: Origin::Bundled(index),
                    };
                    Loaded::Article(entry, key, problems)
                }
                Err(problem) => Loaded::Skipped(Warning { path, problem }),
            },
        );
    }
    loaded
}
