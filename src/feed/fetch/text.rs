//! An entry's own text (its content, else its summary) as lectern article text, and its
//! length in words, which decides whether `full_text = "auto"` fetches the whole article.
//!
//! This is the fetch engine's stand-in for `feed::article::text` (the parsing layer's
//! converter, with direction and language detection); the fetch calls [`entry_text`] only.

use dom_query::Document;
use unicode_segmentation::UnicodeSegmentation;

use crate::feed::{Item, Parsed, Subscription};

/// Under this many words an entry's text is taken for a summary, and `full_text = "auto"`
/// fetches the whole article from its link.
pub const SUMMARY_WORDS: usize = 120;

/// Block elements after which a paragraph ends.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
];

/// The entry's HTML (content, else summary), if any.
pub fn entry_html(item: &Item) -> Option<&str> {
    item.content
        .as_deref()
        .filter(|html| !html.trim().is_empty())
        .or(item.summary.as_deref())
}

/// The paragraphs of an entry's HTML as plain text, in order.
pub fn paragraphs(html: &str) -> Vec<String> {
    let document = Document::from(html);
    for block in BLOCKS {
        // A marker after each block element, since `text()` joins them with nothing.
        document.select(block).append_html("\u{1e}");
    }
    let text = document.select("body").text();
    text.split('\u{1e}')
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

/// How many words the entry's own text has (each CJK character counting as one).
pub fn words(item: &Item) -> usize {
    entry_html(item).map_or(0, |html| {
        paragraphs(html)
            .iter()
            .map(|paragraph| paragraph.unicode_words().count())
            .sum()
    })
}

/// The entry as lectern article text: TOML front matter (title, source, url, date, lang)
/// then its paragraphs.
pub fn entry_text(item: &Item, feed: &Parsed, subscription: &Subscription) -> String {
    let mut table = toml::Table::new();
    let date = item
        .published
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|date| date.format("%Y-%m-%d").to_string());
    let source = subscription
        .title
        .clone()
        .or_else(|| feed.title.clone())
        .or_else(|| item.author.clone());
    let lang = subscription.lang.clone().or_else(|| item.lang.clone());
    let title = (!item.title.trim().is_empty()).then(|| item.title.clone());
    for (key, value) in [
        ("title", title),
        ("source", source),
        ("url", item.link.clone()),
        ("date", date),
        ("lang", lang),
    ] {
        if let Some(value) = value {
            table.insert(key.to_owned(), toml::Value::String(value));
        }
    }
    let mut text = format!("+++\n{}+++\n", toml::to_string(&table).unwrap_or_default());
    for paragraph in entry_html(item).map(paragraphs).unwrap_or_default() {
        text.push('\n');
        text.push_str(&paragraph);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blocks_and_words_count_them() {
        let item = Item {
            title: "T".to_owned(),
            summary: Some("<p>One two <b>three</b></p><p>four</p>five<br>six".to_owned()),
            ..Item::default()
        };
        assert_eq!(
            paragraphs(entry_html(&item).unwrap_or_default()),
            ["One two three", "four", "five", "six"]
        );
        assert_eq!(words(&item), 6);
        assert_eq!(words(&Item::default()), 0);
    }

    #[test]
    fn the_text_has_front_matter_then_paragraphs() {
        let item = Item {
            title: "Héadline \"quoted\"".to_owned(),
            link: Some("https://example.org/a".to_owned()),
            published: Some(86_400 * 365),
            content: Some("<p>Body</p>".to_owned()),
            ..Item::default()
        };
        let feed = Parsed {
            title: Some("Daily".to_owned()),
            ..Parsed::default()
        };
        let text = entry_text(&item, &feed, &Subscription::default());
        assert_eq!(
            text,
            "+++\ndate = \"1971-01-01\"\nsource = \"Daily\"\ntitle = 'Héadline \"quoted\"'\n\
             url = \"https://example.org/a\"\n+++\n\nBody\n"
        );
    }
}
