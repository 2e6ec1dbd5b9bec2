//! `lectern compare`: two articles side by side, paragraphs aligned, as plain lines.

use std::path::PathBuf;

use crate::article::{Article, Dir};
use crate::compare::{Pair, split};
use crate::config::Config;
use crate::text::{
    BidiMode, LayoutCache, LayoutOptions, ScreenLine, Shaping, lay_out_line, str_width,
};

/// Arguments of `lectern compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The left article: a file, or an id from `lectern list`
    #[arg(value_name = "A", value_hint = clap::ValueHint::FilePath)]
    pub left: String,
    /// The right article: a file, or an id from `lectern list`
    #[arg(value_name = "B", value_hint = clap::ValueHint::FilePath)]
    pub right: String,
    /// Folders or files to look ids up in [default: the `library` setting]
    #[arg(value_name = "PATHS", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Cells per line, both panes and the separator [default: the terminal's width, or 80]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(5..))]
    pub width: Option<u16>,
    /// Arabic letter shapes [default: the `shaping` setting]
    #[arg(long, value_parser = super::settings::shaping())]
    pub shaping: Option<Shaping>,
    /// Who puts right-to-left text in visual order [default: the `bidi` setting]
    #[arg(long, value_parser = super::settings::bidi())]
    pub bidi: Option<BidiMode>,
}

/// The two articles side by side: headers, then aligned rows; every line at most `width`
/// cells, the separator `│` in the same column on every line.
pub fn render(articles: [Article; 2], args: &CompareArgs, config: &Config, width: usize) -> String {
    let width = u16::try_from(width).unwrap_or(u16::MAX).max(5);
    let (widths, separator) = split(width);
    let widths = widths.map(usize::from);
    let options = |dir| LayoutOptions {
        bidi: args.bidi.unwrap_or(config.bidi),
        shaping: args.shaping.unwrap_or(config.shaping),
        dir,
    };
    let [left, right] = articles;
    let dirs = [left.meta.dir, right.meta.dir];
    let mut pair = Pair::new((0, left), (1, right));
    pair.lay_out(&mut LayoutCache::default(), widths, dirs.map(options));

    let separator = usize::from(separator);
    let mut out = String::new();
    let row = |cells: [Option<&ScreenLine>; 2], out: &mut String| {
        let left = cells[0].map(ScreenLine::to_plain).unwrap_or_default();
        let right = cells[1].map(ScreenLine::to_plain).unwrap_or_default();
        out.push_str(&left);
        out.push_str(&" ".repeat(separator.saturating_sub(str_width(&left))));
        out.push('│');
        if !right.is_empty() {
            out.push(' ');
            out.push_str(&right);
        }
        out.push('\n');
    };
    let header = |side: usize, line: usize| -> ScreenLine {
        let meta = &pair.sides[side].article.meta;
        let width = widths[side];
        match line {
            0 => lay_out_line(&meta.title, width, &options(meta.dir)),
            1 => {
                let details = meta.details();
                lay_out_line(&details, width, &options(Dir::Ltr))
            }
            _ => lay_out_line(&"─".repeat(width), width, &options(Dir::Ltr)),
        }
    };
    for line in 0..3 {
        row([Some(&header(0, line)), Some(&header(1, line))], &mut out);
    }
    for aligned in &pair.rows {
        let cells =
            [0, 1].map(|side| aligned[side].and_then(|i| pair.sides[side].layout.lines.get(i)));
        row(cells, &mut out);
    }
    out
}
