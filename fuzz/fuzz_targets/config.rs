//! Fuzzes the configuration parser: any text gives a config or an error whose
//! line and column point inside the text, and never a panic.
#![no_main]

use lectern::config::{Config, ConfigError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, "fuzz.toml") {
        Ok(config) => {
            // What parsed is usable: the keymap resolves every key it names.
            let _ = format!("{config:?}");
        }
        Err(ConfigError::Invalid { line, column, message, .. }) => {
            let lines = text.split('\n').count();
            assert!((1..=lines).contains(&line), "line {line} of {lines}");
            let line_text = text.split('\n').nth(line - 1).unwrap_or("");
            let columns = line_text.chars().count() + 1;
            assert!((1..=columns).contains(&column), "column {column} of {columns}");
            assert!(!message.is_empty());
        }
        Err(other) => panic!("parse gave a read error: {other}"),
    }
});
