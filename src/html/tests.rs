use super::*;

#[test]
fn page_extensions() {
    assert!(is_page("a/b.HTML") && is_page("x.htm"));
    assert!(!is_page("x.txt") && !is_page("html"));
}

#[test]
fn page_without_article_warns() {
    for bytes in [
        &b""[..],
        b"<html><head><title>Empty</title></head><body></body></html>",
    ] {
        let page = read(bytes);
        assert!(page.warnings.iter().any(|w| w.contains("no article found")));
    }
}

#[test]
fn long_titles_are_cut_at_a_word() {
    assert_eq!(bounded_title("Short one"), "Short one");
    let long = "word ".repeat(200);
    let cut = bounded_title(&long);
    assert!(cut.ends_with("word…"), "{cut}");
    assert!(cut.chars().count() <= MAX_TITLE_CHARS + 1);
}

#[test]
fn a_page_of_links_has_no_article() {
    let page =
        read(b"<html><body><nav><a href='/'>Home</a></nav><footer>Contact</footer></body></html>");
    assert!(
        page.warnings.iter().any(|w| w.contains("no article found")),
        "{page:?}"
    );
    assert!(page.text.contains("Contact"), "{page:?}");
}

#[test]
fn a_quote_inside_does_not_set_the_article_direction() {
    let p = "<p>افتتحت وزارة الطاقة والمياه محطة جديدة لتحلية مياه البحر في المدينة.</p>";
    let html = format!(
        "<html lang='ar' dir='rtl'><body><article><h1>محطة</h1>{p}{p}\
         <blockquote lang='en' dir='ltr'><p>This plant shows that clean water is cheap.</p>\
         </blockquote>{p}{p}</article></body></html>"
    );
    let page = read(html.as_bytes());
    assert_eq!(page.dir, Some(Dir::Rtl), "{page:?}");
    assert!(page.text.contains("lang = \"ar\""), "{}", page.text);
}

#[test]
fn short_page_keeps_its_text() {
    let page = read(b"<html><body><p>Only a line.</p></body></html>");
    assert!(page.raw.contains("Only a line."));
    assert!(page.text.contains("Only a line."));
}

#[test]
fn links_round_trip_through_the_text() {
    let page = read_served(
        b"<html><head><link rel='canonical' href='https://news.example/world/story'></head>\
          <body><article><h1>Rain</h1><p>The <a href='/report'>weather \"report\"</a> says \
          rain all week in the capital and the plains, and the rivers will rise.</p>\
          <p>[Editor's note] More at <a href='https://o.org/a b'>the office</a> and \
          <a href='#top'>top</a>; it rained for three days in a row last year too.</p>\
          </article></body></html>",
        Served::default(),
    );
    assert!(
        page.text.contains("The weather \"report\" says rain"),
        "{}",
        page.text
    );
    assert!(page.text.ends_with(
        "[1]: <https://news.example/report> \"weather \\\"report\\\"\"\n\
         [2]: <https://o.org/a%20b> \"the office\"\n"
    ));
    let (article, _) = crate::article::parse(page.text, "p.html".to_owned(), None);
    let links: Vec<(&str, &str)> = (article.links.iter())
        .map(|l| (l.text.as_str(), l.url.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("weather \"report\"", "https://news.example/report"),
            ("the office", "https://o.org/a%20b"),
        ]
    );
    assert!(article.paragraphs.iter().all(|p| !p.contains("]: <")));
    assert!(
        article
            .paragraphs
            .iter()
            .any(|p| p.starts_with("[Editor's note]"))
    );
}
