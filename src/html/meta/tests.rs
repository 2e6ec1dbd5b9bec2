use super::*;

#[test]
fn open_graph_link_time_and_direction() {
    let html = "<html lang='ar' dir='rtl'><head><title>T | Site</title>\
        <meta property='og:title' content='Real title'>\
        <meta property='og:site_name' content='Daily Example'>\
        <link rel='canonical' href='https://www.example.org/a'></head>\
        <body><time datetime='2024-03-05T10:00Z'>5 March</time></body></html>";
    let found = Found::of(&Document::from(html));
    assert_eq!(found.title.as_deref(), Some("Real title"));
    assert_eq!(found.source.as_deref(), Some("Daily Example"));
    assert_eq!(found.url.as_deref(), Some("https://www.example.org/a"));
    assert_eq!(found.date.as_deref(), Some("2024-03-05"));
    assert_eq!(found.lang.as_deref(), Some("ar"));
    assert_eq!(found.dir, Some(Dir::Rtl));
}

#[test]
fn fetched_address_fills_what_the_page_does_not_name() {
    let bare =
        Found::of(&Document::from("<p>x</p>")).or_fetched(Some("https://www.news.example/a/1"));
    assert_eq!(bare.url.as_deref(), Some("https://www.news.example/a/1"));
    assert_eq!(bare.source.as_deref(), Some("news.example"));
    let named =
        "<link rel=canonical href='https://n.example/c'><meta property='og:site_name' content='N'>";
    let named = Found::of(&Document::from(named)).or_fetched(Some("https://other.example/"));
    assert_eq!(named.url.as_deref(), Some("https://n.example/c"));
    assert_eq!(named.source.as_deref(), Some("N"));
}

#[test]
fn host_is_the_source_when_nothing_is_named() {
    let html =
        "<head><meta property='og:url' content='https://www.news.example/x/y'></head><h1>H</h1>";
    let found = Found::of(&Document::from(html));
    assert_eq!(found.source.as_deref(), Some("news.example"));
    assert_eq!(found.title.as_deref(), Some("H"));
}

#[test]
fn front_matter_escapes_quotes() {
    let found = Found {
        title: Some("He said \"no\"".to_owned()),
        ..Found::default()
    };
    let fm = found.front_matter();
    let table: toml::Table = fm.trim_matches(['+', '\n']).parse().expect("toml");
    assert_eq!(table["title"].as_str(), Some("He said \"no\""));
}

#[test]
fn day_needs_a_full_date() {
    assert_eq!(day("2024-03-05T10:00Z").as_deref(), Some("2024-03-05"));
    assert_eq!(day("March 5"), None);
}

#[test]
fn front_matter_declares_the_direction() {
    let found = Found {
        title: Some("T".to_owned()),
        dir: Some(Dir::Rtl),
        ..Found::default()
    };
    let fm = found.front_matter();
    let table: toml::Table = fm.trim_matches(['+', '\n']).parse().expect("toml");
    assert_eq!(table["dir"].as_str(), Some("rtl"));
    assert!(!Found::default().front_matter().contains("dir"));
}

#[test]
fn title_loses_the_site_name() {
    let html = "<head><title>Floods close the bridge | The Daily Example</title></head><p>x</p>";
    let found = Found::of(&Document::from(html));
    assert_eq!(found.title.as_deref(), Some("Floods close the bridge"));
    let html = "<head><meta property='og:site_name' content='الجزيرة نت'>\
                <meta property='og:title' content='عنوان الخبر - الجزيرة نت'></head>";
    let found = Found::of(&Document::from(html));
    assert_eq!(found.title.as_deref(), Some("عنوان الخبر"));
}

#[test]
fn a_quote_direction_is_not_the_article_direction() {
    let content = Document::from(
        "<div id='page' dir='ltr' lang='en'><p>Text.</p><blockquote dir='rtl' lang='ar'>نص</blockquote></div>",
    );
    assert_eq!(enclosing_attr(&content, "dir").as_deref(), Some("ltr"));
    assert_eq!(enclosing_attr(&content, "lang").as_deref(), Some("en"));
    let content = Document::from("<div><p>Text.</p><blockquote dir='rtl'>نص</blockquote></div>");
    assert_eq!(enclosing_attr(&content, "dir"), None);
}
