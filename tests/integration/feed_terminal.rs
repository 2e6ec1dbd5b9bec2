//! Feeds in a real terminal (tmux), as a person would use them: `lectern feed add` two feeds
//! in two languages, start lectern, reload, compare the Arabic article with the English one,
//! bookmark, quit; then, with the server stopped, everything is still there.
//!
//! `bidi = "terminal"` keeps lines in logical order, so the screen can be matched against the
//! feeds' own Arabic text; the visual order lectern makes itself is tested elsewhere.

use crate::support::http::{Reply, Server};
use crate::support::tmux::Tmux;

fn lectern() -> &'static str {
    env!("CARGO_BIN_EXE_lectern")
}

/// A feed of one item, as [`crate::feed_library::feed`] writes them.
fn feed(title: &str, lang: &str, guid: &str, headline: &str, body: &str) -> String {
    crate::feed_library::feed(title, lang, &[(guid, headline, body)])
}

fn status(shell: &Tmux) -> String {
    shell.screen().lines().last().unwrap_or_default().to_owned()
}

fn heading(shell: &Tmux) -> String {
    shell.screen().lines().next().unwrap_or_default().to_owned()
}

#[test]
fn subscribe_fetch_compare_bookmark_and_read_offline() {
    let server = Server::start(vec![
        (
            "/ar.xml",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "الجزيرة",
                    "ar",
                    "a1",
                    "محادثات السلام في باريس",
                    "بدأت المحادثات في باريس صباح اليوم",
                ),
            ),
        ),
        (
            "/en.xml",
            Reply::ok(
                "application/rss+xml",
                feed(
                    "Daily",
                    "en",
                    "e1",
                    "Peace talks in Paris",
                    "Talks began in Paris this morning",
                ),
            ),
        ),
    ]);
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "bidi = \"terminal\"\n").unwrap();
    let shell = Tmux::shell(home.path(), 100);
    for path in ["/ar.xml", "/en.xml"] {
        shell.run(&format!("{} feed add {}", lectern(), server.url(path)));
    }
    assert!(shell.screen().contains("added Daily"), "{}", shell.screen());

    shell.type_line(lectern());
    shell.wait_until("listed the bundled and the feed articles", |s| {
        heading(s).contains("lectern · 7 articles")
    });
    shell.keys(&["R"]);
    shell.wait_until("fetched the feeds again", |s| {
        status(s).contains("0 new articles from 2 feeds")
    });
    // Mark the Arabic article, then compare the English one with it.
    shell.keys(&["/"]);
    shell.literal("lang:ar");
    shell.keys(&["Enter"]);
    shell.wait_for("محادثات السلام في باريس");
    shell.keys(&["v", "/", "C-u"]);
    shell.literal("feed:daily");
    shell.keys(&["Enter"]);
    shell.wait_for("Peace talks in Paris");
    shell.keys(&["c"]);
    shell.wait_until("compared the two", |s| {
        let screen = s.screen();
        screen.contains("Talks began in Paris this morning")
            && screen.contains("بدأت المحادثات في باريس صباح اليوم")
    });
    shell.keys(&["b"]);
    shell.wait_until("bookmarked", |s| status(s).contains("bookmarked"));
    shell.keys(&["q", "q"]);
    shell.wait_for_shell();

    // Offline: the articles, their text and the bookmark are still there.
    drop(server);
    shell.type_line(lectern());
    shell.wait_until("listed everything again", |s| {
        heading(s).contains("lectern · 7 articles · 1 bookmarked")
    });
    shell.keys(&["/"]);
    shell.literal("lang:ar");
    shell.keys(&["Enter", "Enter"]);
    shell.wait_for("بدأت المحادثات في باريس صباح اليوم");
    shell.keys(&["q", "q"]);
    shell.wait_for_shell();
}
