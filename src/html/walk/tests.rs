use super::*;
use dom_query::Document;

fn walk(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    paragraphs(&doc.root(), Walk::default())
}

#[test]
fn prose_that_looks_like_markup_is_escaped() {
    let got = walk(
        "<p>## not a heading</p><p>```</p><p>[1]: https://a.example note</p>\
         <p>\\# already</p><p>plain # text</p><h2>#tag</h2>",
    );
    assert_eq!(
        got,
        [
            "\\## not a heading",
            "\\```",
            "\\[1]: https://a.example note",
            "\\\\# already",
            "plain # text",
            "## #tag",
        ]
    );
}

#[test]
fn blocks_lists_tables_and_pre() {
    let got = walk(
        "<h2>Heading</h2><p>One <b>bold</b>\n  word.</p><ul><li>first</li><li>second</li></ul>\
         <ol><li>alpha</li><li>beta</li></ol>\
         <table><tr><th>City</th><th>Rain</th></tr><tr><td>Hue</td><td>12 mm</td></tr></table>\
         <pre>a  b\n  c</pre><p>line<br>next</p>",
    );
    assert_eq!(
        got,
        [
            "## Heading",
            "One bold word.",
            "• first",
            "• second",
            "1. alpha",
            "2. beta",
            "City │ Rain",
            "Hue │ 12 mm",
            "```\na  b\n  c\n```",
            "line\nnext",
        ]
    );
}

#[test]
fn code_and_captions_are_dropped() {
    let got = walk(
        "<p>Kept.</p><script>alert(1)</script><style>p{}</style><template>t</template>\
         <noscript>ns</noscript><figure><img alt='A cat'><figcaption>Photo: X</figcaption></figure>",
    );
    assert_eq!(got, ["Kept."]);
}

#[test]
fn deep_nesting_does_not_overflow() {
    // Deeper than any page `html::read` parses (deeper sources are only stripped of tags);
    // the walk keeps its own stack, so no depth can overflow the thread's.
    let depth = 5_000;
    let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
    assert_eq!(walk(&html), ["deep"]);
}

fn walk_with(html: &str, walk: Walk) -> Vec<String> {
    let doc = Document::from(html);
    paragraphs(&doc.root(), walk)
}

#[test]
fn images_and_captions_are_furniture_kept_only_when_asked() {
    let html = "<p>Body.</p><figure><picture><img alt=' A  cat '></picture>\
                <figcaption>Photo: X</figcaption></figure><img alt=''>";
    assert_eq!(walk(html), ["Body."]);
    let raw = walk_with(
        html,
        Walk {
            furniture: true,
            ..Walk::default()
        },
    );
    assert_eq!(raw, ["Body.", "[image: A cat]", "Photo: X"]);
}
