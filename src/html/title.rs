//! A page's `<title>` without the site's name: "Headline | Site", "Site - Headline",
//! "عنوان الخبر - الجزيرة نت" (the site after the headline in logical order, so on its left
//! on screen).

/// What stands between a headline and the site's name, most specific first.
const SEPARATORS: &[&str] = &[" | ", " :: ", " — ", " – ", " · ", " - "];

/// A part that is not known to name the site is taken for its name when it is at most this
/// many words and characters, and shorter than the headline.
const SHORT_WORDS: usize = 3;
const SHORT_CHARS: usize = 30;

/// Lowercase letters and digits only: "BBC News" and "bbcnews" compare equal.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `part` names the site: its name, its host ("example.com"), or the host's main
/// label within it ("BBC News" on bbc.co.uk).
fn names_site(part: &str, site: Option<&str>, host: Option<&str>) -> bool {
    let part = folded(part);
    if part.is_empty() {
        return false;
    }
    if site.is_some_and(|s| folded(s) == part) {
        return true;
    }
    let Some(host) = host else {
        return false;
    };
    let label = host.split('.').next().map(folded).unwrap_or_default();
    folded(host) == part || (label.chars().count() >= 3 && part.contains(&label))
}

/// Whether `part` is short enough, beside `headline`, to be a site's name.
fn is_short(part: &str, headline: &str) -> bool {
    let chars = part.chars().count();
    part.split_whitespace().count() <= SHORT_WORDS
        && chars <= SHORT_CHARS
        && headline.chars().count() > chars
}

/// `title` without a site's name at its end or start. `site` is the page's `og:site_name`,
/// `host` the host it comes from; `loose` also takes a short last part for the site's name
/// (for a `<title>`, which nearly always ends with one). Never empty: a title that would be
/// is kept whole.
pub fn without_site(title: &str, site: Option<&str>, host: Option<&str>, loose: bool) -> String {
    let title = title.trim();
    for separator in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let (head, tail) = (head.trim(), tail.trim());
            let site_named = names_site(tail, site, host);
            if !head.is_empty() && (site_named || loose && is_short(tail, head)) {
                return head.to_owned();
            }
        }
        if let Some((head, rest)) = title.split_once(separator) {
            let rest = rest.trim();
            if !rest.is_empty() && names_site(head, site, host) {
                return rest.to_owned();
            }
        }
    }
    title.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_after_the_headline() {
        let cases = [
            (
                "Floods close the old bridge | Daily Example",
                Some("Daily Example"),
                None,
                "Floods close the old bridge",
            ),
            (
                "Election results - BBC News",
                None,
                Some("bbc.co.uk"),
                "Election results",
            ),
            (
                "Hà Nội mưa lớn, nhiều tuyến phố ngập — VnExpress",
                Some("VnExpress"),
                None,
                "Hà Nội mưa lớn, nhiều tuyến phố ngập",
            ),
            (
                "Les prix de l’énergie baissent · lemonde.fr",
                None,
                Some("lemonde.fr"),
                "Les prix de l’énergie baissent",
            ),
            (
                "东京大雪，交通受阻 :: 新闻网",
                Some("新闻网"),
                None,
                "东京大雪，交通受阻",
            ),
            (
                "Почему дорожает хлеб – РИА Новости",
                Some("РИА Новости"),
                None,
                "Почему дорожает хлеб",
            ),
        ];
        for (title, site, host, expected) in cases {
            assert_eq!(without_site(title, site, host, false), expected, "{title}");
        }
    }

    #[test]
    fn arabic_and_hebrew_sites_follow_in_logical_order() {
        assert_eq!(
            without_site("عنوان الخبر - الجزيرة نت", Some("الجزيرة نت"), None, false),
            "عنوان الخبر"
        );
        // Not named anywhere, but short: a `<title>`'s last part is the site's name.
        assert_eq!(
            without_site("הממשלה אישרה את התקציב | ynet", None, None, true),
            "הממשלה אישרה את התקציב"
        );
    }

    #[test]
    fn site_before_the_headline() {
        assert_eq!(
            without_site(
                "Daily Example – Floods close the old bridge",
                Some("Daily Example"),
                None,
                false
            ),
            "Floods close the old bridge"
        );
    }

    #[test]
    fn headlines_that_only_contain_a_dash_stay() {
        let title = "Putin - Xi talks end without a deal on gas";
        assert_eq!(
            without_site(title, Some("Daily Example"), None, false),
            title
        );
        // Loose, the long last part is no site's name.
        assert_eq!(without_site(title, None, None, true), title);
        // Never empty.
        assert_eq!(without_site(" | Site", Some("Site"), None, true), "| Site");
        assert_eq!(without_site("Site", Some("Site"), None, true), "Site");
    }
}
