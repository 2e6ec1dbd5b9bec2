//! Escape injection (issue 7, item 1): every payload in an article's title, body, source and
//! file name (raw, and through TOML front matter escapes that decoding never sees), through
//! every way text reaches the screen: each TUI view rendered by crossterm into a byte buffer,
//! and each command's stdout and stderr. Nothing but crossterm's own CSI sequences may come out,
//! and the article's visible text must (so the check is not vacuous).
//!
//! The ways: list row, reader (clean and raw), comparison panes, status bar (a message with
//! the title, an error naming the file), help, filter prompt. To add one, add an entry to `WAYS`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::escapes::{PAYLOADS, assert_clean, toml_escaped};
use lectern::action::Action;
use lectern::app::{App, View};
use lectern::config::Config;
use lectern::library::{Library, LoadOptions};
use lectern::store::Store;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The terminal sizes every view is drawn at: roomy, and cramped enough to cut text mid-way.
const SIZES: [(u16, u16); 2] = [(120, 40), (31, 7)];

/// One way article text reaches the screen: put the app in that state for entry `entry` and
/// name the texts of payload `n`'s articles that must then be visible at the roomy size.
struct Way {
    name: &'static str,
    prepare: fn(&mut App, usize, &Path),
    visible: fn(usize) -> Vec<String>,
}

fn select(app: &mut App, entry: usize) {
    app.update(Action::Top);
    while app.list.visible.get(app.list.selected) != Some(&entry) {
        assert!(
            app.list.selected + 1 < app.list.visible.len(),
            "entry {entry} not listed"
        );
        app.update(Action::Down);
    }
}

fn open(app: &mut App, entry: usize) {
    select(app, entry);
    app.update(Action::Open);
    assert!(matches!(app.view, View::Reader(_)), "{:?}", app.message);
}

fn title_marker(n: usize) -> Vec<String> {
    vec![format!("TITLE{n}")]
}

const WAYS: &[Way] = &[
    Way {
        name: "list row",
        prepare: |app, entry, _| select(app, entry),
        visible: title_marker,
    },
    Way {
        name: "reader (clean)",
        prepare: |app, entry, _| open(app, entry),
        visible: |n| vec![format!("BODY{n}")],
    },
    Way {
        name: "reader (raw)",
        prepare: |app, entry, _| {
            open(app, entry);
            app.update(Action::ToggleRaw);
        },
        visible: |n| vec![format!("BODY{n}")],
    },
    Way {
        name: "status bar: bookmark message with the title",
        prepare: |app, entry, _| {
            select(app, entry);
            app.update(Action::ToggleBookmark);
            assert!(app.message.as_ref().is_some_and(|m| !m.error));
        },
        visible: |_| vec!["bookmarked".to_owned()],
    },
    Way {
        name: "help over the reader",
        prepare: |app, entry, _| {
            open(app, entry);
            app.update(Action::Help);
        },
        visible: |_| vec!["quit".to_owned()],
    },
    Way {
        name: "filter prompt and highlights",
        prepare: |app, entry, _| {
            // Letters of the entry's own title, so that it stays listed, highlighted.
            let title = app.library.entries[entry].meta.title.clone();
            app.update(Action::Filter);
            for c in title.chars().filter(char::is_ascii_alphanumeric).take(5) {
                app.update(Action::Type(c));
            }
            select(app, entry);
        },
        visible: |_| vec!["lectern".to_owned()],
    },
    Way {
        name: "status bar: error naming the file",
        prepare: |app, entry, dir| {
            select(app, entry);
            // The file vanishes between loading and opening: the error names its path.
            let hidden = dir.with_extension("hidden");
            fs::rename(dir, &hidden).expect("hide the folder");
            app.update(Action::Open);
            fs::rename(&hidden, dir).expect("restore the folder");
            assert!(app.message.as_ref().is_some_and(|m| m.error));
        },
        visible: |_| vec!["cannot open".to_owned()],
    },
    Way {
        name: "comparison panes",
        prepare: |app, entry, _| {
            // Both articles of the payload, side by side: this one marked first.
            for marked in [entry, 1 - entry] {
                select(app, marked);
                app.update(Action::MarkCompare);
            }
            app.update(Action::Compare);
            assert!(matches!(app.view, View::Compare(_)), "{:?}", app.message);
        },
        // The title and body of each pane (see `write_articles`): both titles and both
        // bodies, then a word of each body (words before the payload, which may eat the rest
        // of its line; single words, as crossterm moves over blank cells).
        visible: |n| {
            let (title, body) = (format!("TITLE{n}"), format!("BODY{n}"));
            vec![
                title.clone(),
                title,
                body.clone(),
                body,
                "first".into(),
                "from".into(),
            ]
        },
    },
];

/// The frame of `app` as the bytes crossterm writes for it, on a fresh terminal of `size`.
fn render(app: &App, size: (u16, u16)) -> Vec<u8> {
    let viewport = Viewport::Fixed(Rect::new(0, 0, size.0, size.1));
    let mut bytes = Vec::new();
    let backend = CrosstermBackend::new(&mut bytes);
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|frame| lectern::ui::draw(app, frame))
        .expect("draw");
    drop(terminal);
    bytes
}

/// The file-name-safe form of a payload (a name holds anything but `/` and NUL).
fn in_name(payload: &str) -> String {
    payload.replace(['/', '\0'], "_")
}

/// Writes the two articles of payload `n` into a fresh folder `dir/n`: one with the payload
/// raw everywhere (UTF-16 when it holds a NUL, which UTF-8 files may not), one carrying it as
/// TOML `\u` escapes in its front matter.
fn write_articles(root: &Path, n: usize, payload: &str) -> PathBuf {
    let dir = root.join(n.to_string());
    fs::create_dir(&dir).expect("folder");
    let raw = format!(
        "---\nsource: SRC{n} {payload} end\n---\nTITLE{n} {payload} headline\n\nBODY{n} first {payload} paragraph of the article.\n\nSecond paragraph {payload} the end.\n"
    );
    let bytes = if payload.contains('\0') {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(raw.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    } else {
        raw.into_bytes()
    };
    fs::write(dir.join(format!("{}a{n}.txt", in_name(payload))), bytes).expect("write");
    let esc = toml_escaped(payload);
    let toml = format!(
        "+++\ntitle = \"TITLE{n} {esc} toml\"\nsource = \"SRC{n} {esc}\"\nlang = \"en{esc}\"\ndate = \"2024-05-0{esc}\"\nurl = \"https://x.example/{esc}\"\n+++\nBODY{n} from toml {esc} here.\n"
    );
    fs::write(dir.join(format!("{}b{n}.md", in_name(payload))), toml).expect("write");
    // An empty file is skipped with a warning on stderr that names it.
    fs::write(dir.join(format!("{}empty{n}.txt", in_name(payload))), "").expect("write");
    dir
}

fn load(dir: &Path) -> Library {
    let library = Library::load(
        &[dir.to_owned()],
        LoadOptions {
            max_file_size: 1 << 20,
            ..LoadOptions::default()
        },
    );
    assert_eq!(library.entries.len(), 2, "{:?}", library.warnings);
    library
}

fn lectern(home: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run lectern");
    assert!(
        output.status.success(),
        "lectern {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output.stdout, output.stderr)
}

/// Every string inside a JSON document is clean too: `jq -r` would print it raw. All but
/// `path`, which names the real file (escaped by JSON itself), so that a program can open
/// it; a person reads the table, where it is made visible.
fn assert_json_strings_clean(json: &[u8], context: &str) {
    fn walk(value: &serde_json::Value, context: &str) {
        match value {
            serde_json::Value::String(s) => assert_clean(s.as_bytes(), false, context),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, context)),
            serde_json::Value::Object(map) => (map.iter())
                .filter(|(key, _)| *key != "path")
                .for_each(|(_, v)| walk(v, context)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_slice(json).expect("valid JSON");
    walk(&value, context);
}

/// Runs every command that prints article text; returns how many outputs were checked.
fn check_commands(home: &Path, dir: &Path, library: &Library, name: &str) -> usize {
    let dir_arg = dir.to_str().expect("UTF-8 temp path");
    let mut checked = 0;
    let mut check = |args: &[&str], json: bool, must_show: &str| {
        let (mut stdout, stderr) = lectern(home, args);
        let context = format!("{name}: lectern {args:?}");
        if args.contains(&"tsv") {
            // Tabs separate the fields, eight on every row: none comes from the content.
            for line in String::from_utf8_lossy(&stdout).lines() {
                assert_eq!(line.split('\t').count(), 8, "{context}: {line:?}");
            }
            stdout = String::from_utf8_lossy(&stdout)
                .replace('\t', " ")
                .into_bytes();
        }
        assert_clean(&stdout, true, &format!("{context} stdout"));
        assert_clean(&stderr, true, &format!("{context} stderr"));
        if json {
            assert_json_strings_clean(&stdout, &context);
        }
        let shown = String::from_utf8_lossy(&stdout);
        assert!(
            shown.contains(must_show),
            "{context}: no {must_show:?} in {shown}"
        );
        checked += 2;
    };
    check(&["list", "--format", "tsv", dir_arg], false, "TITLE");
    check(&["list", "--format", "json", dir_arg], true, "TITLE");
    check(&["list", "--format", "table", dir_arg], false, "TITLE");
    for entry in &library.entries {
        // The real path: `meta.path` is its printable form, which may differ.
        let path = entry.file().expect("a file");
        let path = path.to_str().expect("UTF-8 name");
        check(&["show", path], false, "BODY");
        check(&["show", "--raw", "--width", "30", path], false, "BODY");
        check(&["show", "--color", "always", path], false, "BODY");
        check(&["show", "--format", "text", path], false, "BODY");
        check(&["show", "--format", "text", "--raw", path], false, "BODY");
        check(&["show", "--format", "json", path], true, "BODY");
    }
    let (mut store, _) = Store::open(&home.join("data").join("lectern"));
    for entry in &library.entries {
        store.set_bookmarked(&entry.meta, true).expect("bookmark");
    }
    store.flush().expect("saved");
    check(&["bookmarks"], false, "TITLE");
    check(&["bookmarks", "--format", "json"], true, "TITLE");
    checked
}

#[test]
fn no_payload_reaches_the_terminal_by_any_way() {
    let root = tempfile::tempdir().expect("temp dir");
    let (mut frames, mut outputs) = (0, 0);
    for (n, (name, payload)) in PAYLOADS.iter().enumerate() {
        let dir = write_articles(root.path(), n, payload);
        for way in WAYS {
            for entry in 0..2 {
                for (i, &size) in SIZES.iter().enumerate() {
                    let data = tempfile::tempdir().expect("data dir");
                    let (store, _) = Store::open(data.path());
                    let mut app = App::new(load(&dir), store, &[], Config::default(), size);
                    app.color = true;
                    eprintln!("{name} via {}, entry {entry}", way.name);
                    (way.prepare)(&mut app, entry, &dir);
                    let out = render(&app, size);
                    let context = format!("{name} via {} (entry {entry}, {size:?})", way.name);
                    assert_clean(&out, false, &context);
                    let text = String::from_utf8_lossy(&out);
                    // A marker listed k times must show at least k times.
                    let markers = (way.visible)(n);
                    for marker in &markers {
                        let wanted = markers.iter().filter(|m| *m == marker).count();
                        assert!(
                            i > 0 || text.matches(marker.as_str()).count() >= wanted,
                            "{context}: {marker:?} did not reach the screen {wanted} time(s)"
                        );
                    }
                    frames += 1;
                }
            }
        }
        let home = tempfile::tempdir().expect("home");
        outputs += check_commands(home.path(), &dir, &load(&dir), name);
    }
    eprintln!(
        "{} payloads × ({} TUI ways × 2 articles × {} sizes = {frames} frames, and {outputs} command outputs)",
        PAYLOADS.len(),
        WAYS.len(),
        SIZES.len()
    );
}
