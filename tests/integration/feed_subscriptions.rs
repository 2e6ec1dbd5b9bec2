//! `lectern feed remove` through the binary: by URL, by title, ambiguous titles.

use crate::support::pages::lectern;

const FEEDS: &str = "# my feeds\n\
[[feed]]\nurl = \"https://a.example/rss\"\ntitle = \"News\"\n\n\
# Hebrew\n[[feed]]\nurl = \"https://b.example/rss\"\ntitle = \"news\"\n\n\
[[feed]]\nurl = \"https://c.example/rss\"\ntitle = \"חדשות\"\n";

fn home_with_feeds() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("config/lectern");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("feeds.toml"), FEEDS).unwrap();
    home
}

fn feeds(home: &tempfile::TempDir) -> String {
    std::fs::read_to_string(home.path().join("config/lectern/feeds.toml")).unwrap()
}

#[test]
fn remove_by_title_or_url_keeps_the_rest_of_the_file() {
    let home = home_with_feeds();
    let out = lectern(&home, 60)
        .args(["feed", "remove", "חדשות"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "removed חדשות (https://c.example/rss); its articles stay\n"
    );
    let after = feeds(&home);
    assert!(
        after.starts_with("# my feeds\n[[feed]]\nurl = \"https://a.example/rss\""),
        "{after}"
    );
    assert!(
        after.contains("# Hebrew\n") && !after.contains("c.example"),
        "{after}"
    );

    lectern(&home, 60)
        .args(["feed", "remove", "https://b.example/rss"])
        .assert()
        .success();
    assert!(!feeds(&home).contains("b.example"));
}

#[test]
fn an_ambiguous_title_or_an_unknown_feed_changes_nothing() {
    let home = home_with_feeds();
    let stderr = lectern(&home, 60)
        .args(["feed", "remove", "NEWS"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(
        stderr.contains("https://a.example/rss") && stderr.contains("https://b.example/rss"),
        "{stderr}"
    );
    lectern(&home, 60)
        .args(["feed", "remove", "nothing"])
        .assert()
        .code(1);
    assert_eq!(feeds(&home), FEEDS);
}
