//! What the shell around lectern needs: completion scripts, the man page, the long version, a suggestion for a mistyped command, and quiet writes to a pipe that closed.

use std::io::Write;
use std::path::Path;

use crate::text::sanitize_line;
use anyhow::Context;
use clap::{Command, CommandFactory, FromArgMatches};

use super::Cli;

/// Parses the command line, with `--version` also naming the Unicode version of the tables
/// lectern lays text out with. Exits (as clap does) on `--help`, `--version` and usage errors.
pub fn parse() -> Cli {
    let matches = command()
        .try_get_matches()
        .unwrap_or_else(|error| exit_with(&error));
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| exit_with(&error))
}

/// Exits as clap would, but with clap's message [`tell`]-cleaned: it quotes the argument
/// that was wrong, which may hold an escape sequence.
fn exit_with(error: &clap::Error) -> ! {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let text = error.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    tell(&format!("error: {}", text.trim_end()));
    std::process::exit(error.exit_code());
}

/// Writes `message` to stderr after `lectern: `, each line [`sanitize_line`]d: errors and
/// warnings quote configuration values, paths and text from files and the web, and none of
/// their escape sequences, controls or bidi overrides may act on the terminal.
pub fn tell(message: &str) {
    use std::io::Write;
    let lines: Vec<String> = message.lines().map(sanitize_line).collect();
    let _ = writeln!(std::io::stderr().lock(), "lectern: {}", lines.join("\n"));
}

/// The clap command with its long version: what completions and the man page are made from.
pub fn command() -> Command {
    Cli::command().long_version(long_version())
}

/// `0.1.0` then the Unicode versions of the bidi, width, segmentation and normalization tables.
fn long_version() -> String {
    let (bidi, width, words, nfc) = (
        unicode_bidi::UNICODE_VERSION,
        unicode_width::UNICODE_VERSION,
        unicode_segmentation::UNICODE_VERSION,
        unicode_normalization::UNICODE_VERSION,
    );
    format!(
        "{}\nUnicode tables: bidi {}.{}.{}, width {}.{}.{}, graphemes {}.{}.{}, normalization {}.{}.{}",
        env!("CARGO_PKG_VERSION"),
        bidi.0,
        bidi.1,
        bidi.2,
        width.0,
        width.1,
        width.2,
        words.0,
        words.1,
        words.2,
        nfc.0,
        nfc.1,
        nfc.2,
    )
}

/// Prints what `command` asks for when it needs no configuration (completions, the man page);
/// `false` when it is another command.
///
/// # Errors
/// Writing to stdout failed.
pub(super) fn print_without_config(command: Option<&super::Command>) -> anyhow::Result<bool> {
    match command {
        Some(super::Command::Completions { shell }) => print_with(|out| {
            completions(*shell, out);
            Ok(())
        })?,
        Some(super::Command::Man) => print_with(man_page)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Writes to stdout; a reader that went away (`lectern list | head`) is not an error.
pub(super) fn print(text: &str) -> anyhow::Result<()> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Lets `write` write to (buffered) stdout; a reader that went away is not an error.
pub(super) fn print_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("writing to stdout")
        }
        _ => Ok(()),
    }
}

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut command(), "lectern", out);
}

/// Writes the man page `lectern.1` (roff) to `out`.
///
/// # Errors
/// Writing failed.
pub fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
}

/// The error for a path on the command line that does not exist; when it looks like a
/// mistyped command (`lectern lsit`), it suggests the command.
pub fn no_such_path(path: &Path) -> anyhow::Error {
    let shown = crate::text::sanitize_line(&path.display().to_string());
    match mistyped_command(path) {
        Some(name) => anyhow::anyhow!(
            "'{shown}' is neither a file nor a command; did you mean 'lectern {name}'? (see lectern --help)"
        ),
        None => anyhow::anyhow!("{shown}: no such file or directory"),
    }
}

/// The subcommand `path` is probably a typo of: a bare word (no folder, no extension) close to
/// a command's name.
fn mistyped_command(path: &Path) -> Option<String> {
    let word = path.to_str()?;
    if word.is_empty() || word.contains(['/', '.', '\\']) {
        return None;
    }
    let word = word.to_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|command| command.get_name().to_owned())
        .filter(|name| name != "help")
        .map(|name| (strsim::jaro(&word, &name), name))
        .filter(|(similarity, _)| *similarity > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_of_a_command_is_suggested() {
        assert_eq!(mistyped_command(Path::new("lsit")).as_deref(), Some("list"));
        assert_eq!(mistyped_command(Path::new("shwo")).as_deref(), Some("show"));
        assert_eq!(
            mistyped_command(Path::new("bookmark")).as_deref(),
            Some("bookmarks")
        );
    }

    #[test]
    fn paths_and_unrelated_words_get_no_suggestion() {
        for path in ["news/lsit", "lsit.md", "./list", "qqqqzz", ""] {
            assert_eq!(mistyped_command(Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn the_long_version_names_the_unicode_tables() {
        let version = long_version();
        assert!(version.starts_with(env!("CARGO_PKG_VERSION")), "{version}");
        let (major, minor, _) = unicode_bidi::UNICODE_VERSION;
        assert!(
            version.contains(&format!("bidi {major}.{minor}.")),
            "{version}"
        );
    }

    #[test]
    fn the_man_page_is_roff_naming_every_command() {
        let mut page = Vec::new();
        man_page(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(
            page.starts_with(".ie") || page.contains(".TH lectern"),
            "{page}"
        );
        for name in ["list", "show", "compare", "add", "bookmarks", "completions"] {
            assert!(page.contains(name), "{name} missing");
        }
    }
}
