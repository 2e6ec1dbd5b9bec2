//! Library roots (#17): one folder given many times, or inside another root, is read once,
//! with no "same article as <its own path>" warning.

use serde_json::Value;

use crate::support::pages::lectern;

#[test]
fn repeated_and_nested_library_folders_are_read_once_without_warnings() {
    let home = tempfile::tempdir().unwrap();
    let news = home.path().join("news");
    std::fs::create_dir_all(news.join("world")).unwrap();
    std::fs::write(news.join("a.txt"), "Alpha\n\nFirst body.\n").unwrap();
    std::fs::write(news.join("world/b.txt"), "Beta\n\nSecond body.\n").unwrap();
    let config = home.path().join("config/lectern");
    std::fs::create_dir_all(&config).unwrap();
    let folder = format!("{:?}", news.display().to_string());
    let nested = format!("{:?}", news.join("world").display().to_string());
    let mut library = vec![nested; 3];
    library.extend(std::iter::repeat_n(folder, 500));
    std::fs::write(
        config.join("config.toml"),
        format!("library = [{}]\n", library.join(", ")),
    )
    .unwrap();
    let output = lectern(&home, 60)
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Alpha", "Beta"]);
}
