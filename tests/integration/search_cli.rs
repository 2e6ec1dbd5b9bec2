//! `lectern search`: body search over folded text in every script, its query language,
//! orders, JSON snippets and exit statuses. The articles are written here.

use serde_json::Value;

/// Writes the test library into `home/news`: one article per script, dated and typed by
/// front matter.
fn library(home: &tempfile::TempDir) {
    let news = home.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let article = |name: &str, date: &str, lang: &str, title: &str, body: &str| {
        let text = format!(
            "---\ntitle: {title}\ndate: {date}\nlang: {lang}\nsource: Wire {lang}\n---\n\n{body}\n"
        );
        std::fs::write(news.join(name), text).unwrap();
    };
    article(
        "vi.md",
        "2024-03-01",
        "vi",
        "Tin ngoại giao",
        "Sáng nay, Đại sứ Việt Nam tại Pháp đã trình quốc thư lên Tổng thống.",
    );
    article(
        "fa.md",
        "2024-03-02",
        "fa",
        "نمایشگاه",
        "این کتابی است که یک نویسنده ایرانی درباره تهران نوشته است.",
    );
    article(
        "he.md",
        "2024-03-03",
        "he",
        "חדשות",
        "ראש העיר אמר שלום לתושבים בטקס הפתיחה.",
    );
    article(
        "zh.md",
        "2024-03-04",
        "zh",
        "城市新闻",
        "我们在北京市政府工作了很多年，大家都很高兴。",
    );
    article(
        "fr.md",
        "2024-03-05",
        "fr",
        "L'été à Montréal",
        "Les élèves ont célébré la fête de fin d'année au bord du fleuve.",
    );
    article(
        "ja.md",
        "2024-03-06",
        "ja",
        "夏の夜",
        "昨夜、東京タワーの近くで花火大会が開かれました。",
    );
    article(
        "lighthouse-old.md",
        "2020-01-01",
        "en",
        "The lighthouse keeper",
        "The lighthouse keeper climbed the lighthouse every night. The old harbour lay below.",
    );
    article(
        "lighthouse-new.md",
        "2024-01-01",
        "en",
        "Storm in the bay",
        "Ferries stayed in port while the storm passed; a lighthouse was seen from the harbour, which was old.",
    );
}

/// Runs `lectern search ARGS news --format json` in `home`; the exit code and the hits.
fn search(home: &tempfile::TempDir, args: &[&str]) -> (i32, Vec<Value>) {
    let output = crate::support::pages::lectern(home, 60)
        .arg("search")
        .args(args)
        .args(["news", "--format", "json"])
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let hits = if stdout.trim().is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&stdout).unwrap()
    };
    (code, hits)
}

/// The file names of the hits, in order.
fn files(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|hit| {
            let path = hit["path"].as_str().unwrap();
            path.rsplit('/').next().unwrap().to_owned()
        })
        .collect()
}

/// The snippet's marked words, sliced out by the byte ranges.
fn marked(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().unwrap();
    (hit["ranges"].as_array().unwrap().iter())
        .map(|range| {
            let start = usize::try_from(range[0].as_u64().unwrap()).unwrap();
            let end = usize::try_from(range[1].as_u64().unwrap()).unwrap();
            snippet[start..end].to_owned()
        })
        .collect()
}

#[test]
fn folded_words_find_every_script() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    // (query, the file it finds, the words its snippet marks)
    let cases: [(&str, &str, &[&str]); 9] = [
        ("dai su", "vi.md", &["Đại", "sứ"]),
        // An Arabic keyboard types ي and ك; the Persian text has ی and ک.
        ("كتابي", "fa.md", &["کتابی"]),
        // Pointed Hebrew finds the unpointed word.
        ("שָׁלוֹם", "he.md", &["שלום"]),
        // A two-character word in the middle of a run of ten.
        ("政府", "zh.md", &["政府"]),
        ("eleves fete", "fr.md", &["élèves", "fête"]),
        ("élèves", "fr.md", &["élèves"]),
        ("花火", "ja.md", &["花火"]),
        ("タワー", "ja.md", &["タワー"]),
        ("tehran", "fa.md", &[]),
    ];
    for (query, file, words) in cases {
        if query == "tehran" {
            // Not a word of the Persian text in Latin letters: nothing.
            assert_eq!(search(&home, &[query]), (1, vec![]), "{query}");
            continue;
        }
        let (code, hits) = search(&home, &[query]);
        assert_eq!((code, files(&hits)), (0, vec![file.to_owned()]), "{query}");
        assert_eq!(marked(&hits[0]), words, "{query}");
    }
    // Characters that are neighbours nowhere in the text find nothing.
    assert_eq!(files(&search(&home, &["市政府工"]).1), ["zh.md"]);
    assert_eq!(search(&home, &["政北"]), (1, vec![]));
}

#[test]
fn phrases_exclusions_and_fields() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let found = |args: &[&str]| files(&search(&home, args).1);
    // Both mention an old harbour; only one says "old harbour".
    assert_eq!(
        found(&["harbour old", "--sort", "date"]),
        ["lighthouse-new.md", "lighthouse-old.md"]
    );
    assert_eq!(found(&["\"old harbour\""]), ["lighthouse-old.md"]);
    assert_eq!(found(&["harbour -storm"]), ["lighthouse-old.md"]);
    // A query may start with an exclusion.
    assert_eq!(found(&["-storm harbour"]), ["lighthouse-old.md"]);
    assert_eq!(found(&["harbour -\"storm passed\""]), ["lighthouse-old.md"]);
    assert_eq!(found(&["dai su lang:vi"]), ["vi.md"]);
    assert_eq!(search(&home, &["dai su lang:en"]), (1, vec![]));
    assert_eq!(found(&["lang:fa"]), ["fa.md"]);
    assert_eq!(found(&["harbour source:wire"]).len(), 2);
}

#[test]
fn date_order_against_relevance() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let (_, by_date) = search(&home, &["lighthouse", "--sort", "date"]);
    assert_eq!(files(&by_date), ["lighthouse-new.md", "lighthouse-old.md"]);
    // The older article has the word in its title and three times in all.
    let (_, by_relevance) = search(&home, &["lighthouse", "--sort", "relevance"]);
    assert_eq!(
        files(&by_relevance),
        ["lighthouse-old.md", "lighthouse-new.md"]
    );
    let scores: Vec<f64> = by_relevance
        .iter()
        .map(|hit| hit["score"].as_f64().unwrap())
        .collect();
    assert!(scores[0] > scores[1] && scores[1] > 0.0, "{scores:?}");
    let (_, limited) = search(&home, &["lighthouse", "--limit", "1", "--sort", "date"]);
    assert_eq!(files(&limited), ["lighthouse-new.md"]);
}

#[test]
fn json_rows_carry_the_article_fields() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let (code, hits) = search(&home, &["montreal"]);
    assert_eq!(code, 0);
    let hit = &hits[0];
    assert_eq!(hit["title"], "L'été à Montréal");
    assert_eq!(hit["lang"], "fr");
    assert_eq!(hit["date"], "2024-03-05");
    assert_eq!(hit["source"], "Wire fr");
    assert_eq!(hit["id"].as_str().unwrap().len(), 16);
    // A hit in the title only: the snippet is the body's start, nothing marked.
    assert!(hit["snippet"].as_str().unwrap().starts_with("Les élèves"));
    assert_eq!(marked(hit), Vec::<String>::new());
}

#[test]
fn changed_and_removed_files_leave_the_index() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    assert_eq!(search(&home, &["lighthouse"]).1.len(), 2);
    let news = home.path().join("news");
    std::fs::remove_file(news.join("lighthouse-old.md")).unwrap();
    std::fs::write(
        news.join("lighthouse-new.md"),
        "Calm bay\n\nNo storm today.\n",
    )
    .unwrap();
    assert_eq!(search(&home, &["lighthouse"]), (1, vec![]));
    assert_eq!(files(&search(&home, &["calm"]).1), ["lighthouse-new.md"]);
}

#[test]
fn usage_errors_exit_2() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    assert_eq!(search(&home, &["  "]).0, 2);
    assert_eq!(search(&home, &["x", "--sort", "size"]).0, 2);
}

#[test]
fn searching_another_folder_keeps_the_first_ones_index() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let other = home.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("a.txt"), "Harbour news\n\nThe harbour froze.\n").unwrap();
    assert_eq!(search(&home, &["lighthouse"]).1.len(), 2);
    // `other` alone: its hit only, though the index still holds the news folder.
    let output = crate::support::pages::lectern(&home, 60)
        .args(["search", "harbour", "other", "--format", "json"])
        .output()
        .unwrap();
    let hits: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(files(&hits), ["a.txt"]);
    let db = rusqlite::Connection::open(home.path().join("data/lectern/lectern.db")).unwrap();
    let indexed: i64 = db
        .query_row("SELECT count(*) FROM search_docs", [], |row| row.get(0))
        .unwrap();
    assert_eq!(indexed, 9);
}

#[test]
fn an_id_that_search_printed_opens_with_show_from_anywhere() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    let (code, hits) = search(&home, &["dai su"]);
    assert_eq!(code, 0);
    let id = hits[0]["id"].as_str().unwrap().to_owned();
    let show = |id: &str| {
        crate::support::pages::lectern(&home, 60)
            .args(["show", id, "--format", "text"])
            .output()
            .unwrap()
    };
    // No library is configured (the bundled one is the default): the index knows the file.
    let output = show(&id);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("Đại sứ Việt Nam")
    );
    // Once the file says something else, the id is no longer it, and lectern says so.
    std::fs::write(
        home.path().join("news/vi.md"),
        "Khác\n\nMột bài khác hẳn.\n",
    )
    .unwrap();
    let output = show(&id);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("vi.md, which has changed since"),
        "{stderr}"
    );
    let output = show("0123456789abcdef");
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("no article with that id")
    );
}

#[test]
fn reindex_makes_the_index_again_from_scratch() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    assert_eq!(search(&home, &["dai su"]).0, 0);
    // An index that went wrong: rows gone from under the text.
    let db = rusqlite::Connection::open(home.path().join("data/lectern/lectern.db")).unwrap();
    db.execute("DELETE FROM search_docs", []).unwrap();
    drop(db);
    let output = crate::support::pages::lectern(&home, 60)
        .args(["reindex", "news"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let count = std::fs::read_dir(home.path().join("news")).unwrap().count();
    assert_eq!(stdout, format!("indexed {count} articles\n"));
    let (code, hits) = search(&home, &["dai su"]);
    assert_eq!(code, 0);
    assert_eq!(files(&hits), ["vi.md"]);
}

#[test]
fn an_id_that_list_printed_for_another_folder_opens_with_show() {
    let home = tempfile::tempdir().unwrap();
    let other = home.path().join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(
        other.join("he.md"),
        "שלום לכולם\n\nזוהי כתבה קצרה בעברית על מזג האוויר בירושלים.\n",
    )
    .unwrap();
    let listed = crate::support::pages::lectern(&home, 60)
        .args(["list", "--format", "json"])
        .arg(&other)
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let id = rows[0]["id"].as_str().unwrap().to_owned();
    // Neither searched nor bookmarked, and not in the default library: the index cache of
    // the folder that was listed knows it.
    let output = crate::support::pages::lectern(&home, 60)
        .args(["show", &id, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["title"], "שלום לכולם");
    assert_eq!(shown["id"], id.as_str());
}

#[test]
fn a_damaged_index_is_made_again_and_the_database_kept_in_place() {
    let home = tempfile::tempdir().unwrap();
    library(&home);
    assert_eq!(search(&home, &["dai su"]).0, 0);
    let data = home.path().join("data/lectern");
    crate::support::store::damage_table(&data, "search_text_data");
    let output = crate::support::pages::lectern(&home, 60)
        .args(["search", "dai su", "news", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("making the index again"), "{stderr}");
    let hits: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(files(&hits), ["vi.md"]);
    // Not moved aside: nothing but the database's own files.
    assert_eq!(crate::support::store::other_files(&data), [] as [String; 0]);
    // And the next search finds the index whole.
    assert_eq!(search(&home, &["dai su"]).0, 0);
}
