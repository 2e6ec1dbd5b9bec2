//! `lectern show`: an article laid out exactly as the reader shows it, as plain lines.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

mod find;

pub use find::find;

use super::list::Row;
use crate::article::{Article, Block, Dir};
use crate::config::Config;
use crate::text::{
    BidiMode, LayoutOptions, ScreenLine, Shaping, is_bidi_control, lay_out_each, lay_out_each_block,
};

/// When to colour what is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even into a pipe or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Whether to colour output to stdout.
    pub fn enabled(self) -> bool {
        match self {
            Self::Auto => io::stdout().is_terminal() && crate::theme::color_enabled(),
            Self::Always => true,
            Self::Never => false,
        }
    }
}

/// Arguments of `lectern show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A file, or the id of an article of the library (as `lectern list` prints it)
    #[arg(value_name = "FILE_OR_ID", value_hint = clap::ValueHint::FilePath)]
    pub article: String,
    /// Folders or files to look the id up in [default: the `library` setting]
    #[arg(value_name = "PATHS", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Cells per line [default: the terminal's width, or 80 when not printing to a terminal]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Show the raw text instead of the cleaned article
    #[arg(long)]
    pub raw: bool,
    /// Arabic letter shapes [default: the `shaping` setting]
    #[arg(long, value_parser = super::settings::shaping())]
    pub shaping: Option<Shaping>,
    /// Who puts right-to-left text in visual order [default: the `bidi` setting]
    #[arg(long, value_parser = super::settings::bidi())]
    pub bidi: Option<BidiMode>,
    /// Bold title and dim details, with escape sequences: `auto` on a terminal unless
    /// `NO_COLOR` is set
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShowFormat::Screen)]
    pub format: ShowFormat,
}

/// How `lectern show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Screen rows in visual order, as the reader shows them.
    Screen,
    /// The clean article in logical order, unwrapped: title, blank line, paragraphs separated
    /// by blank lines; for pipes and grep.
    Text,
    /// The keys of `lectern list --format json` plus `url`, `paragraphs`, `links` and `blocks` (what
    /// each paragraph is: `prose`, `heading` or `verbatim`, when any is not prose).
    Json,
}

/// `lectern show --format json`.
#[derive(serde::Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    row: Row<'a>,
    url: Option<&'a str>,
    paragraphs: &'a [String],
    /// What each paragraph is, up to the last that is not prose (none for the raw text).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    blocks: &'a [Block],
    /// The article's links: `text` and `url` of each, in order.
    links: &'a [crate::article::Link],
}

/// Writes the article to `out` in the format `args` asks for (`width` is for the screen
/// format).
///
/// # Errors
/// Writing to `out` failed.
pub fn render(
    article: &Article,
    args: &ShowArgs,
    config: &Config,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Bidi controls steer the layout but are never printed: in a terminal that reorders
    // by itself they would reorder what follows them, as they do in the reader's layout.
    let printable =
        |text: &str| -> String { text.chars().filter(|&c| !is_bidi_control(c)).collect() };
    let paragraphs = || -> Vec<String> {
        if args.raw {
            article.raw.lines().map(printable).collect()
        } else {
            article.paragraphs.iter().map(|p| printable(p)).collect()
        }
    };
    match args.format {
        ShowFormat::Screen => screen(article, args, config, width, out),
        ShowFormat::Text => {
            writeln!(out, "{}", article.meta.title)?;
            for paragraph in paragraphs() {
                write!(out, "\n{paragraph}\n")?;
            }
            Ok(())
        }
        ShowFormat::Json => {
            let paragraphs = paragraphs();
            let json = ShowJson {
                row: Row::of(&article.meta),
                url: article.meta.url.as_deref(),
                paragraphs: &paragraphs,
                blocks: if args.raw { &[] } else { &article.blocks },
                links: &article.links,
            };
            out.write_all(super::json::json(&json).as_bytes())?;
            writeln!(out)
        }
    }
}

/// Writes the article as screen rows to `out`: header, blank line, body; RTL lines end at
/// column `width`. The body is laid out and written a line at a time, so a huge article never
/// sits in memory as a whole layout.
fn screen(
    article: &Article,
    args: &ShowArgs,
    config: &Config,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let options = LayoutOptions {
        bidi: args.bidi.unwrap_or(config.bidi),
        shaping: args.shaping.unwrap_or(config.shaping),
        dir: article.meta.dir,
    };
    let meta = &article.meta;
    let details = meta.details();
    let (bold, dim, reset) = if args.color.enabled() {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut written = Ok(());
    let mut write = |style: &str, line: ScreenLine| {
        if written.is_ok() {
            let reset = if style.is_empty() { "" } else { reset };
            written = writeln!(out, "{style}{}{reset}", line.to_plain());
        }
    };
    lay_out_each(std::slice::from_ref(&meta.title), width, &options, |line| {
        write(bold, line);
    });
    let details_options = LayoutOptions {
        dir: Dir::Ltr,
        ..options
    };
    lay_out_each(&[details], width, &details_options, |line| write(dim, line));
    written?;
    writeln!(out)?;
    let raw_lines: Vec<String>;
    let paragraphs = if args.raw {
        raw_lines = (article.raw_paragraphs().into_iter())
            .map(str::to_owned)
            .collect();
        &raw_lines
    } else {
        &article.paragraphs
    };
    let mut written = Ok(());
    let raw = args.raw;
    let verbatim = |index| !raw && article.is_verbatim(index);
    lay_out_each_block(paragraphs, verbatim, width, &options, |line| {
        if written.is_err() {
            return;
        }
        let heading = !raw && article.block(line.paragraph) == Block::Heading;
        let (style, reset) = if heading && !line.glyphs.is_empty() {
            (bold, reset)
        } else {
            ("", "")
        };
        written = writeln!(out, "{style}{}{reset}", line.to_plain());
    });
    written
}
