//! Text layout: sanitising, widths, wrapping, bidi reordering and shaping.
//!
//! [`lay_out`] turns an article's paragraphs (NFC, sanitised) into screen
//! lines in visual order, each glyph carrying its width and the logical byte
//! range it came from. Per paragraph: direction from the majority of its
//! strong letters, or its article's (UAX #9 HL1, see [`direction`]), levels
//! over the whole paragraph, lines broken in logical order at UAX #14
//! opportunities with per-grapheme widths, then each line reordered by
//! grapheme cluster with brackets mirrored and joiners kept between the
//! letters they join in right-to-left runs, bidi controls dropped and the
//! whitespace at the line's edge trimmed.

pub mod bidi;
mod cache;
mod chunk;
mod classes;
mod clusters;
mod count;
pub mod direction;
mod line;
mod nesting;
pub mod sanitize;
mod shape;
mod units;
mod verbatim;
pub mod width;
mod wrap;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::str::FromStr;

pub use cache::{LayoutCache, LayoutKey};
pub use count::{counted, thousands};
pub use direction::news_paragraph_dir;
pub use line::lay_out_line;
pub use nesting::{MAX_BIDI_DEPTH, limit_bidi_nesting};
pub use sanitize::{
    is_bidi_control, is_forbidden, is_invisible, sanitize, sanitize_if_needed, sanitize_line,
};
pub use width::{grapheme_width, str_width};

/// Writing direction of an article or paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Left to right (Latin, Vietnamese, CJK, ...).
    #[default]
    Ltr,
    /// Right to left (Arabic, Persian, Urdu, Hebrew).
    Rtl,
}

/// Who reorders right-to-left text: lectern, or the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// lectern reorders lines into visual order (for terminals without bidi).
    #[default]
    App,
    /// Lines stay in logical order and are only aligned (for terminals that
    /// reorder by themselves: VTE, Konsole, mlterm, mintty).
    Terminal,
}

/// How Arabic letters are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shaping {
    /// Base letters, for terminals that shape (kitty, `WezTerm`, VTE, `iTerm2`).
    #[default]
    Off,
    /// Presentation Forms, for terminals that do not (xterm, Alacritty,
    /// Windows Terminal).
    Forms,
}

/// A `bidi` or `shaping` setting that is none of the known names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {setting} `{value}`, expected {expected}")]
pub struct UnknownSetting {
    /// The setting's name.
    pub setting: &'static str,
    /// What was given.
    pub value: String,
    /// The names that are accepted.
    pub expected: &'static str,
}

impl BidiMode {
    /// The setting's value as `config.toml` writes it (what [`FromStr`] reads).
    pub fn name(self) -> &'static str {
        match self {
            Self::App => "app",
            Self::Terminal => "terminal",
        }
    }
}

impl Shaping {
    /// The setting's value as `config.toml` writes it (what [`FromStr`] reads).
    pub fn name(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Forms => "forms",
        }
    }
}

impl FromStr for BidiMode {
    type Err = UnknownSetting;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "app" => Ok(Self::App),
            "terminal" => Ok(Self::Terminal),
            _ => Err(UnknownSetting {
                setting: "bidi",
                value: value.to_owned(),
                expected: "`app` or `terminal`",
            }),
        }
    }
}

impl FromStr for Shaping {
    type Err = UnknownSetting;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "off" => Ok(Self::Off),
            "forms" => Ok(Self::Forms),
            _ => Err(UnknownSetting {
                setting: "shaping",
                value: value.to_owned(),
                expected: "`off` or `forms`",
            }),
        }
    }
}

/// Everything besides the text and width that decides a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LayoutOptions {
    /// Who reorders right-to-left text.
    pub bidi: BidiMode,
    /// How Arabic letters are drawn.
    pub shaping: Shaping,
    /// The article's direction: that of paragraphs that have no strong
    /// character, and of short or evenly mixed ones ([`news_paragraph_dir`]).
    pub dir: Dir,
}

/// One grapheme cluster as drawn on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph {
    /// What to draw: the cluster itself, or its presentation form
    /// ([`Shaping::Forms`]), mirrored bracket (in right-to-left runs), or
    /// stand-in (a dotted circle under a lone combining mark, `…` for a wide
    /// character in a one-cell layout).
    pub text: CompactString,
    /// Cells it takes: 1 or 2.
    pub width: u8,
    /// The logical byte range it shows in the paragraph (two clusters for a
    /// lam-alef ligature; empty for the ellipsis of a truncated line).
    pub source: Range<usize>,
}

/// One row of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenLine {
    /// Index of the paragraph it belongs to (the blank line after a
    /// paragraph belongs to that paragraph).
    pub paragraph: usize,
    /// Direction of that paragraph.
    pub dir: Dir,
    /// Blank cells before the first glyph: right-aligns right-to-left lines.
    pub indent: usize,
    /// The glyphs, left to right on screen.
    pub glyphs: Vec<Glyph>,
}

impl ScreenLine {
    /// Cells used, indent included.
    pub fn width(&self) -> usize {
        self.indent
            + self
                .glyphs
                .iter()
                .map(|g| usize::from(g.width))
                .sum::<usize>()
    }

    /// The line as plain text in visual order: `indent` spaces, then the
    /// glyphs, without trailing spaces.
    pub fn to_plain(&self) -> String {
        let mut plain = " ".repeat(self.indent);
        for glyph in &self.glyphs {
            plain.push_str(&glyph.text);
        }
        let end = plain.trim_end_matches(' ').len();
        plain.truncate(end);
        plain
    }
}

/// An article laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The width in cells it was laid out for.
    pub width: usize,
    /// The rows, top to bottom.
    pub lines: Vec<ScreenLine>,
}

impl Layout {
    /// Index of the first line showing logical byte `offset` of `paragraph`
    /// (for jumping to a search match), if any line shows it.
    pub fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        self.lines.iter().position(|line| {
            line.paragraph == paragraph && line.glyphs.iter().any(|g| g.source.contains(&offset))
        })
    }
}

/// Lays out `paragraphs` for a screen `width` cells wide.
///
/// Paragraphs are separated by one blank line (a line with no glyphs); an
/// empty paragraph gives one empty line. No line is wider than `width`;
/// `width == 0` gives no lines.
pub fn lay_out(paragraphs: &[String], width: usize, options: &LayoutOptions) -> Layout {
    lay_out_blocks(paragraphs, |_| false, width, options)
}

/// [`lay_out`] where the paragraphs for which `verbatim` holds keep their lines: each line
/// of theirs is a screen line, leading spaces kept, cut by grapheme at the width when it is
/// wider (a web page's `pre`, a Markdown fenced block).
pub fn lay_out_blocks(
    paragraphs: &[String],
    verbatim: impl Fn(usize) -> bool,
    width: usize,
    options: &LayoutOptions,
) -> Layout {
    let mut lines = Vec::new();
    lay_out_each_block(paragraphs, verbatim, width, options, |line| {
        lines.push(line);
    });
    Layout { width, lines }
}

/// The lines of [`lay_out`], handed to `each` one at a time, top to bottom, without keeping
/// them: for printing a long text (`lectern show`) in memory bounded by its longest
/// paragraph rather than by all its glyphs (each glyph takes about 48 bytes).
pub fn lay_out_each(
    paragraphs: &[String],
    width: usize,
    options: &LayoutOptions,
    each: impl FnMut(ScreenLine),
) {
    lay_out_each_block(paragraphs, |_| false, width, options, each);
}

/// [`lay_out_each`] with the verbatim paragraphs of [`lay_out_blocks`].
pub fn lay_out_each_block(
    paragraphs: &[String],
    verbatim: impl Fn(usize) -> bool,
    width: usize,
    options: &LayoutOptions,
    mut each: impl FnMut(ScreenLine),
) {
    if width == 0 {
        return;
    }
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            each(ScreenLine {
                paragraph: index - 1,
                dir: Dir::Ltr,
                indent: 0,
                glyphs: Vec::new(),
            });
        }
        if verbatim(index) {
            verbatim::lay_out_verbatim(index, paragraph, width, *options, &mut each);
        } else {
            line::lay_out_paragraph(index, paragraph, width, *options, &mut each);
        }
    }
}
