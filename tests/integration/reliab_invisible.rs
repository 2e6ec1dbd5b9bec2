//! Invisible characters in titles (#17): dropped alike in `list`'s table and JSON, and a
//! title with nothing visible shows "(untitled)".

use serde_json::Value;

use crate::support::pages::lectern;

/// Lists `lib` holding the files `files` (name, text) in `format`: stdout.
fn list(files: &[(&str, &str)], format: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for (name, text) in files {
        std::fs::write(lib.join(name), text).unwrap();
    }
    let output = lectern(&home, 60)
        .args(["list", "--format", format, "lib"])
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).unwrap()
}

const FILES: &[(&str, &str)] = &[
    (
        "a.md",
        "+++\ntitle = \"Pa\u{AD}ris\u{2060} ta\u{FEFF}lks\u{34F}\u{E0041}\u{FFF9}!\u{FFFC}\"\n+++\n\nBody one.\n",
    ),
    (
        "b.md",
        "+++\ntitle = \"\u{AD}\u{2060}\u{FEFF}\u{115F}\u{1160}\u{3164}\u{FFA0}\u{E007F}\"\n+++\n\nBody two.\n",
    ),
];

#[test]
fn invisible_characters_leave_list_titles_and_an_invisible_title_is_untitled() {
    let rows: Vec<Value> = serde_json::from_str(&list(FILES, "json")).unwrap();
    let mut titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["(untitled)", "Paris talks!"]);
    let table = list(FILES, "table");
    assert!(table.contains("Paris talks!"), "{table}");
    assert!(table.contains("(untitled)"), "{table}");
    for invisible in [
        '\u{AD}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{3164}',
        '\u{E0041}',
        '\u{FFFC}',
    ] {
        assert!(!table.contains(invisible), "{invisible:?} in {table}");
    }
}
