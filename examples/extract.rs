//! `extract PAGES OUT`: lectern's article for every `*.html` (or `*.html.gz`) page in PAGES,
//! written to `OUT/<name>.txt` (title, blank line, paragraphs separated by blank lines), the
//! layout an extraction scorer reads (one file per page, named by the page's name).
//!
//! The pages are read through the library, as `lectern show` reads them: charset, extraction,
//! walk, cleaning, NFC. Gzipped pages are unpacked into a temporary folder first.
//! `cargo run --release --example extract -- PAGES target/extracted`

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Parser;
use lectern::library::{Library, LoadOptions};

/// Command-line arguments.
#[derive(Parser)]
#[command(about = "Write lectern's extracted article of each page in PAGES to OUT/<name>.txt")]
struct Args {
    /// Folder of `*.html` or `*.html.gz` pages.
    pages: PathBuf,
    /// Folder to write into (created if missing).
    out: PathBuf,
}

/// The page's name without `.html` / `.htm` / `.gz`, if it is a page.
fn page_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    [".html", ".htm"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .map(|ext| name[..name.len() - ext.len()].to_owned())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let unpacked = tempfile::tempdir()?;
    let mut count = 0;
    for entry in std::fs::read_dir(&args.pages).context("reading PAGES")? {
        let path = entry?.path();
        let Some(name) = page_name(&path) else {
            continue;
        };
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path)?;
        if path.extension().is_some_and(|e| e == "gz") {
            flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
        } else {
            std::io::BufReader::new(file).read_to_end(&mut bytes)?;
        }
        std::fs::write(unpacked.path().join(format!("{name}.html")), bytes)?;
        count += 1;
    }
    let options = LoadOptions {
        max_file_size: 64 << 20,
        ..LoadOptions::default()
    };
    let library = Library::load(&[unpacked.path().to_path_buf()], options);
    for warning in &library.warnings {
        eprintln!("{warning}");
    }
    std::fs::create_dir_all(&args.out)?;
    for entry in &library.entries {
        let article = library.read(entry).map_err(|w| anyhow::anyhow!("{w}"))?;
        let file = entry.file().context("a page without a file")?;
        let name = page_name(file).context("not a page")?;
        let mut text = article.meta.title.clone();
        for paragraph in &article.paragraphs {
            text.push_str("\n\n");
            text.push_str(paragraph);
        }
        text.push('\n');
        std::fs::write(args.out.join(format!("{name}.txt")), text)?;
    }
    eprintln!("{count} pages, {} articles written", library.entries.len());
    Ok(())
}
