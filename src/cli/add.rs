//! `lectern add`: web pages, fetched or saved, become Markdown articles in the library.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::config::Config;
use crate::html::{self, Page, Served};
use crate::library::LoadOptions;
use crate::library::save::{self, Saved};
use crate::net::{self, Client};
use crate::text::sanitize::sanitize_line;

/// Arguments of `lectern add`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints `ID  PATH` for each new article, `already saved: PATH (ID)` \
    for an address saved before. Exits with 1 when a source could not be added."
)]
pub struct AddArgs {
    /// Web page addresses (http, https) or saved HTML files (.html, .htm)
    #[arg(value_name = "SOURCE", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub sources: Vec<String>,
    #[arg(
        long,
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath,
        help = "Folder to save into [default: the first folder of the `library` setting, \
            else $XDG_DATA_HOME/lectern/articles]"
    )]
    pub to: Option<PathBuf>,
}

/// Adds every source; one that fails is named on stderr and the others still go in.
///
/// # Errors
/// No folder to save into can be found (no home directory).
pub fn run(args: &AddArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let dir = match &args.to {
        Some(dir) => dir.clone(),
        None => match config.library.iter().find(|path| path.is_dir()) {
            Some(dir) => dir.clone(),
            None => super::articles_dir().context("no folder to save articles in")?,
        },
    };
    let options = LoadOptions {
        max_file_size: config.max_file_size,
        cache_dir: super::cache_dir(),
        bundled: false,
        database: None,
        subscriptions: None,
    };
    let client = Client::new(config.network.clone());
    let mut failed = false;
    for source in &args.sources {
        match add(source, &dir, &client, config, &options) {
            Ok(saved) if saved.existing => {
                println!("already saved: {} ({})", shown(&saved.path), saved.id);
            }
            Ok(saved) => println!("{}  {}", saved.id, shown(&saved.path)),
            Err(error) => {
                failed = true;
                super::shell::tell(&format!("{error:#}"));
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A path as printed: control characters made visible.
fn shown(path: &Path) -> String {
    sanitize_line(&path.to_string_lossy())
}

/// Reads or fetches one source and saves its article.
fn add(
    source: &str,
    dir: &Path,
    client: &Client,
    config: &Config,
    options: &LoadOptions,
) -> anyhow::Result<Saved> {
    let page = if net::is_url(source) {
        fetch(source, client)?
    } else {
        read_file(Path::new(source), config.max_file_size).with_context(|| source.to_owned())?
    };
    for warning in &page.warnings {
        super::shell::tell(&format!("warning: {source}: {warning}"));
    }
    let text = save::page_text(page).with_context(|| source.to_owned())?;
    Ok(save::save(dir, &text, options)?)
}

/// Fetches a page; a status other than 2xx, or a body that is no web page, is an error.
fn fetch(url: &str, client: &Client) -> anyhow::Result<Page> {
    let response = client.get(url, &[])?;
    if !response.is_success() {
        return Err(response.status_error().into());
    }
    if let Some(kind) = response.content_type.as_deref()
        && !is_text(kind)
    {
        anyhow::bail!("{}: not a web page (Content-Type: {kind})", response.url);
    }
    Ok(html::read_served(
        &response.body,
        Served {
            content_type: response.content_type.as_deref(),
            url: Some(&response.url),
        },
    ))
}

/// Whether a `Content-Type` is one a page can come as (HTML, XHTML, XML, plain text).
fn is_text(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty() || mime.starts_with("text/") || mime.contains("html") || mime.contains("xml")
}

/// Reads a saved HTML file of at most `cap` bytes.
fn read_file(path: &Path, cap: u64) -> anyhow::Result<Page> {
    if !html::is_page(&path.to_string_lossy()) {
        anyhow::bail!("not an HTML file (.html, .htm) or an http(s) address");
    }
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        anyhow::bail!("not a regular file");
    }
    let mut bytes = Vec::new();
    crate::regular_file::open(path)
        .map_err(std::io::Error::from)?
        .0
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        anyhow::bail!("over the {cap}-byte limit (max_file_size)");
    }
    Ok(html::read(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_come_as_text_types() {
        assert!(is_text("text/html; charset=utf-8"));
        assert!(is_text("application/xhtml+xml"));
        assert!(is_text("TEXT/PLAIN"));
        assert!(!is_text("image/png"));
        assert!(!is_text("application/pdf"));
    }
}
