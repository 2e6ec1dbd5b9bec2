//! The sample articles compiled into the binary, so `lectern` alone has something to show.

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
