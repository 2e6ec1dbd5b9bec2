//! Numbers as lectern writes them everywhere: grouped by three (`10,000`), with the noun in
//! the singular for one (`1 article`, `2 articles`).

/// `41200` as `41,200`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `n` and the noun, singular for one: `counted(1, "article")` is `1 article`, and
/// `counted(10_000, "article")` is `10,000 articles`. Nouns here take an `s` in the plural.
pub fn counted(n: usize, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_three() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (41_200, "41,200")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(counted(0, "article"), "0 articles");
        assert_eq!(counted(1, "article"), "1 article");
        assert_eq!(counted(2, "word"), "2 words");
        assert_eq!(counted(10_000, "article"), "10,000 articles");
    }
}
