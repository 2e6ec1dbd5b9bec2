//! Loading a folder of good and bad files: every readable article listed, one warning per other file.

use crate::support::utf16::utf16;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use lectern::library::{Library, LoadOptions, Problem};

const GOOD: &str =
    "Đà Nẵng đón khách\n\nThành phố ven biển đón hàng nghìn du khách trong dịp lễ.\n";

/// Loads on another thread so that a FIFO or a loop that blocked would fail the test, not hang it.
fn load(paths: &[PathBuf], options: LoadOptions) -> Library {
    let (send, receive) = mpsc::channel();
    let paths = paths.to_vec();
    std::thread::spawn(move || {
        let _ = send.send(Library::load(&paths, options));
    });
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("loading did not return")
}

fn problems_of(library: &Library, name: &str) -> Vec<Problem> {
    library
        .warnings
        .iter()
        .filter(|w| w.path.ends_with(name))
        .map(|w| w.problem.clone())
        .collect()
}

fn title_of<'a>(library: &'a Library, name: &str) -> Option<&'a str> {
    library
        .entries
        .iter()
        .find(|e| e.meta.path.ends_with(name))
        .map(|e| e.meta.title.as_str())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

#[test]
fn bad_inputs_are_reported_once_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", GOOD.as_bytes());
    write(
        d,
        "invalid.txt",
        b"Caf\xE9 talks\n\nThe caf\xE9 reopened.\n",
    );
    write(
        d,
        "bom8.txt",
        "\u{FEFF}Hello with a BOM\n\nBody.\n".as_bytes(),
    );
    write(d, "le.txt", &utf16("Xin chào\n\nUTF-16 LE body.\n", false));
    write(d, "be.txt", &utf16("שלום עולם\n\nגוף המאמר.\n", true));
    write(
        d,
        "crlf.txt",
        b"Windows title\r\n\r\nLine one.\r\nLine two.\rLine three.\r\n",
    );
    write(d, "empty.txt", b"");
    write(d, "blank.md", b" \n\n \n");
    write(d, "binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(d, "big.txt", "x".repeat(5000).as_bytes());
    write(
        d,
        "x.txt/inside.md",
        b"A folder named x.txt\n\nIts file is read.\n",
    );
    write(d, "notes.pdf", b"%PDF-1.4");
    write(d, ".git/HEAD.txt", b"hidden\n");
    let fifo = d.join("fifo.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    fs::create_dir(d.join("loop")).unwrap();
    std::os::unix::fs::symlink(d.join("loop"), d.join("loop/again")).unwrap();
    std::os::unix::fs::symlink(d.join("missing"), d.join("dangling.txt")).unwrap();

    let library = load(
        &[d.to_owned()],
        LoadOptions {
            max_file_size: 4096,
            ..LoadOptions::default()
        },
    );

    assert_eq!(title_of(&library, "good.txt"), Some("Đà Nẵng đón khách"));
    assert_eq!(title_of(&library, "invalid.txt"), Some("Caf\u{FFFD} talks"));
    assert_eq!(title_of(&library, "bom8.txt"), Some("Hello with a BOM"));
    assert_eq!(title_of(&library, "le.txt"), Some("Xin chào"));
    assert_eq!(title_of(&library, "be.txt"), Some("שלום עולם"));
    assert_eq!(title_of(&library, "crlf.txt"), Some("Windows title"));
    assert_eq!(
        title_of(&library, "inside.md"),
        Some("A folder named x.txt")
    );
    assert_eq!(
        library.entries.len(),
        7,
        "{:#?}",
        library
            .entries
            .iter()
            .map(|e| &e.meta.path)
            .collect::<Vec<_>>()
    );

    assert_eq!(problems_of(&library, "invalid.txt"), [Problem::Replaced(2)]);
    assert_eq!(problems_of(&library, "empty.txt"), [Problem::Empty]);
    assert_eq!(problems_of(&library, "blank.md"), [Problem::Empty]);
    assert_eq!(problems_of(&library, "binary.txt"), [Problem::Binary]);
    assert_eq!(
        problems_of(&library, "big.txt"),
        [Problem::TooLarge {
            size: 5000,
            cap: 4096
        }]
    );
    assert_eq!(
        problems_of(&library, "fifo.txt"),
        [Problem::NotRegular("FIFO")]
    );
    assert_eq!(problems_of(&library, "loop/again"), [Problem::SymlinkLoop]);
    assert!(matches!(
        problems_of(&library, "dangling.txt")[..],
        [Problem::Io(_)]
    ));
    assert_eq!(library.warnings.len(), 8, "{:#?}", library.warnings);
    for warning in &library.warnings {
        assert!(warning.path.starts_with(&*d.to_string_lossy()), "{warning}");
    }
}

#[test]
fn crlf_text_has_no_carriage_returns() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "crlf.txt",
        b"Windows title\r\n\r\nLine one.\r\nLine two.\rLine three.\r\n",
    );
    let library = load(&[dir.path().to_owned()], LoadOptions::default());
    let article = library.read(&library.entries[0]).unwrap();
    assert_eq!(
        article.paragraphs,
        ["Line one.", "Line two.", "Line three."]
    );
    assert!(!article.raw.contains('\r'));
}

#[test]
fn same_content_at_two_paths_has_one_id_and_is_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/story.txt", GOOD.as_bytes());
    // Moved, renamed and saved with other line endings: the same article.
    write(
        dir.path(),
        "b/renamed.md",
        GOOD.replace('\n', "\r\n").as_bytes(),
    );
    let both = load(&[dir.path().to_owned()], LoadOptions::default());
    assert_eq!(both.entries.len(), 1);
    assert!(both.entries[0].meta.path.ends_with("a/story.txt"));
    assert!(
        matches!(&problems_of(&both, "renamed.md")[..], [Problem::Duplicate(first)] if first.ends_with("a/story.txt"))
    );

    let only_b = load(&[dir.path().join("b")], LoadOptions::default());
    assert_eq!(only_b.entries[0].meta.id, both.entries[0].meta.id);
}

#[test]
fn front_matter_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let text = "+++\ntitle = \"Given title\"\nsource = \"Wire\"\nurl = \"https://example.org/x\"\ndate = 2020-02-29\nlang = \"fr\"\n+++\nDetected title\n\nThe body, in English.\n";
    write(dir.path(), "fm.md", text.as_bytes());
    let library = load(&[dir.path().to_owned()], LoadOptions::default());
    let meta = &library.entries[0].meta;
    assert_eq!(meta.title, "Given title");
    assert_eq!(meta.source.as_deref(), Some("Wire"));
    assert_eq!(meta.url.as_deref(), Some("https://example.org/x"));
    assert_eq!(meta.date.as_deref(), Some("2020-02-29"));
    assert_eq!(meta.lang, "fr");
    let article = library.read(&library.entries[0]).unwrap();
    assert_eq!(
        article.paragraphs,
        ["Detected title", "The body, in English."]
    );
}

#[test]
fn a_file_named_directly_is_read_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.text", GOOD.as_bytes());
    let library = load(&[dir.path().join("story.text")], LoadOptions::default());
    assert_eq!(library.entries.len(), 1);
}

#[test]
fn undated_files_get_their_modification_date() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "plain.txt",
        b"No date here\n\nNothing but words.\n",
    );
    let library = load(&[dir.path().to_owned()], LoadOptions::default());
    let date = library.entries[0].meta.date.clone().unwrap();
    // Written a moment ago: today's UTC date, read independently from `date -u`.
    let today = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .unwrap();
    assert_eq!(date, String::from_utf8(today.stdout).unwrap().trim());
}

#[test]
fn the_size_cap_holds_at_its_edges() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GOOD.as_bytes());
    let size = GOOD.len() as u64;
    let with_cap = |cap| {
        let options = LoadOptions {
            max_file_size: cap,
            ..LoadOptions::default()
        };
        load(&[dir.path().to_path_buf()], options)
    };
    // u64::MAX is "no limit": one more than it must not wrap to nothing ("empty file").
    for cap in [u64::MAX, u64::MAX - 1, size] {
        let library = with_cap(cap);
        assert_eq!(
            title_of(&library, "a.txt"),
            Some("Đà Nẵng đón khách"),
            "cap {cap}"
        );
        assert!(
            library.warnings.is_empty(),
            "cap {cap}: {:?}",
            library.warnings
        );
    }
    for cap in [0, 1, size - 1] {
        let library = with_cap(cap);
        assert_eq!(
            problems_of(&library, "a.txt"),
            [Problem::TooLarge { size, cap }],
            "cap {cap}"
        );
    }
}

#[test]
fn special_files_as_the_index_cache_are_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    write(&news, "a.txt", GOOD.as_bytes());
    let cache = tmp.path().join("cache");
    let options = LoadOptions {
        cache_dir: Some(cache.clone()),
        ..LoadOptions::default()
    };
    // Where the cache of this library goes, learned from a first load.
    load(std::slice::from_ref(&news), options.clone());
    let [file] = fs::read_dir(&cache)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    // A FIFO would block the read for ever; /dev/zero would be read without end.
    for swap in ["fifo", "/dev/zero"] {
        fs::remove_file(&file).unwrap();
        if swap == "fifo" {
            let made = std::process::Command::new("mkfifo")
                .arg(&file)
                .status()
                .unwrap();
            assert!(made.success());
        } else {
            std::os::unix::fs::symlink(swap, &file).unwrap();
        }
        let library = load(std::slice::from_ref(&news), options.clone());
        assert_eq!(
            title_of(&library, "a.txt"),
            Some("Đà Nẵng đón khách"),
            "{swap}"
        );
        assert!(
            library.warnings.is_empty(),
            "{swap}: {:?}",
            library.warnings
        );
    }
}
