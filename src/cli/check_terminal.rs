//! `lectern check-terminal`: the same Arabic and Hebrew line in each of lectern's display
//! modes, for the person to pick the one that reads right; the choice is written into the
//! configuration file (`bidi` and `shaping`), comments and all kept.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::article::Dir;
use crate::config::{Config, default_path, set_top_level};
use crate::text::{BidiMode, LayoutOptions, Shaping, lay_out_line};

/// Arguments of `lectern check-terminal`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Only print the samples (for a pipe, or to look): ask nothing, change nothing
    #[arg(long)]
    pub print: bool,
}

/// The sample: Arabic words that join, a number that stays left to right, Hebrew words.
pub const SAMPLE: &str = "السلام عليكم 2024 שלום עולם";

/// The modes shown, in the order they are numbered.
pub const MODES: [(BidiMode, Shaping); 3] = [
    (BidiMode::App, Shaping::Off),
    (BidiMode::App, Shaping::Forms),
    (BidiMode::Terminal, Shaping::Off),
];

/// Asks the terminal to leave line order to lectern, and gives it back (the terminal-wg `BiDi` spec).
const EXPLICIT: &str = "\x1b[8l";
const IMPLICIT: &str = "\x1b[8h";

/// The sample as mode `(bidi, shaping)` sends it to the terminal: in visual order with
/// `bidi = app`, in logical order with `bidi = terminal`.
pub fn sample_line(bidi: BidiMode, shaping: Shaping) -> String {
    let options = LayoutOptions {
        bidi,
        shaping,
        dir: Dir::Rtl,
    };
    let line = lay_out_line(SAMPLE, 80, &options);
    line.glyphs
        .iter()
        .map(|glyph| glyph.text.as_str())
        .collect()
}

/// The instructions and the numbered samples; on a terminal, the `bidi = app` lines are
/// wrapped in the escapes that turn a terminal's own reordering off, as lectern does.
pub fn page(terminal: bool, current: (BidiMode, Shaping)) -> String {
    let mut out = String::from(
        "Which line shows the Arabic words right to left with their letters joined,\n\
         as in a newspaper, the number 2024 left to right, and the Hebrew right to left?\n\
         (Read from the right: the first Arabic word is السلام, \"peace\".)\n\n",
    );
    for (number, &(bidi, shaping)) in MODES.iter().enumerate() {
        let line = sample_line(bidi, shaping);
        let mark = if (bidi, shaping) == current {
            "  (now)"
        } else {
            ""
        };
        let setting = format!(
            "bidi = \"{}\", shaping = \"{}\"",
            bidi.name(),
            shaping.name()
        );
        let line = if terminal && bidi == BidiMode::App {
            format!("{EXPLICIT}{line}{IMPLICIT}")
        } else {
            line
        };
        let _ = writeln!(out, "  {}.  {line}\n      {setting}{mark}", number + 1);
    }
    out
}

/// Prints the page, then (unless `--print`) reads a number and writes the chosen settings
/// into the configuration file (`explicit`, else the default one).
///
/// # Errors
/// Writing to stdout or the configuration file failed.
pub fn run(args: &CheckArgs, explicit: Option<&Path>, config: &Config) -> anyhow::Result<ExitCode> {
    let terminal = std::io::stdout().is_terminal();
    let mut stdout = std::io::stdout().lock();
    write!(stdout, "{}", page(terminal, (config.bidi, config.shaping)))?;
    if args.print {
        return Ok(ExitCode::SUCCESS);
    }
    write!(
        stdout,
        "\nType 1, 2 or 3 and Enter (Enter alone changes nothing): "
    )?;
    stdout.flush()?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .context("reading the answer")?;
    let answer = answer.trim();
    if answer.is_empty() {
        writeln!(stdout, "nothing changed")?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(&(bidi, shaping)) = answer
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|n| MODES.get(n))
    else {
        let shown = crate::text::sanitize_line(answer);
        super::shell::tell(&format!("{shown:?} is not 1, 2 or 3; nothing changed"));
        return Ok(ExitCode::from(2));
    };
    let path = match explicit {
        Some(path) => path.to_owned(),
        None => default_path().context("no configuration folder on this system")?,
    };
    let settings = [("bidi", bidi.name()), ("shaping", shaping.name())];
    set_top_level(&path, &settings)?;
    writeln!(
        stdout,
        "wrote bidi = \"{}\" and shaping = \"{}\" to {}",
        bidi.name(),
        shaping.name(),
        crate::text::sanitize_line(&path.display().to_string())
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_mode_sends_visual_order_and_terminal_mode_logical() {
        // By hand: the line is right to left, so its logical end (the Hebrew) comes first on
        // screen, each Hebrew and Arabic word's letters reversed, the number kept.
        let visual = sample_line(BidiMode::App, Shaping::Off);
        assert_eq!(visual, "םלוע םולש 2024 مكيلع مالسلا");
        let logical = sample_line(BidiMode::Terminal, Shaping::Off);
        assert_eq!(logical, SAMPLE);
    }

    #[test]
    fn forms_join_the_arabic_letters() {
        let shaped = sample_line(BidiMode::App, Shaping::Forms);
        // The Hebrew and the number are as in the unshaped line; the Arabic is in
        // presentation forms (U+FE70–U+FEFF), lam-alef ligated.
        assert!(shaped.starts_with("םלוע םולש 2024 "), "{shaped}");
        let arabic: String = shaped.chars().skip(15).collect();
        assert!(
            arabic
                .chars()
                .filter(|c| *c != ' ')
                .all(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)),
            "{arabic}"
        );
        assert!(
            arabic.contains('\u{FEFC}') || arabic.contains('\u{FEFB}'),
            "lam-alef: {arabic}"
        );
    }

    #[test]
    fn the_page_numbers_the_modes_and_marks_the_current_one() {
        let page = page(false, (BidiMode::App, Shaping::Forms));
        assert!(
            page.contains("  1.  םלוע םולש 2024 مكيلع مالسلا\n"),
            "{page}"
        );
        assert!(
            page.contains("bidi = \"app\", shaping = \"forms\"  (now)"),
            "{page}"
        );
        assert!(page.contains(&format!("  3.  {SAMPLE}\n")), "{page}");
        assert!(!page.contains('\x1b'));
        assert!(super::page(true, (BidiMode::App, Shaping::Off)).contains("\x1b[8l"));
    }
}
