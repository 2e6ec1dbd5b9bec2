//! Shared by the store tests: a bookmarkable article's metadata, three ids, and what a
//! state folder holds.

use std::fs;
use std::path::Path;

use lectern::article::{Dir, Meta};

pub fn meta(id: &str) -> Meta {
    Meta {
        id: id.to_owned(),
        path: format!("/news/{id}.txt"),
        title: format!("Tin tức {id}"),
        source: Some("Tuổi Trẻ".to_owned()),
        url: None,
        date: Some("2026-04-20".to_owned()),
        date_source: Some(lectern::article::DateSource::Text),
        lang: "vi".to_owned(),
        dir: Dir::Ltr,
        words: 120,
    }
}

pub const A: &str = "00000000000000aa";
pub const B: &str = "00000000000000bb";
pub const C: &str = "00000000000000cc";

/// Names in the folder other than the state and lock files, sorted.
pub fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "state.json" && name != "state.lock")
        .collect();
    names.sort();
    names
}

pub fn state_json(dir: &Path) -> serde_json::Value {
    let bytes = fs::read(dir.join("state.json")).expect("state file exists");
    serde_json::from_slice(&bytes).expect("state file is valid JSON")
}
