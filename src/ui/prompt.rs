//! The filter prompt: `/` then the query, which is its own bidi paragraph (as if wrapped in
//! FSI…PDI) so an Arabic query reads right to left just after the `/`, scrolled sideways so
//! the cursor always shows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::prompt::Prompt;
use crate::article::Dir;
use crate::text::{LayoutOptions, ScreenLine, lay_out_line};

/// Wider than any bounded query can get, so the query is never cut when laid out.
const UNBOUNDED: usize = 4 * crate::app::prompt::MAX_CHARS;

/// The query in visual order, and the column of the cursor in it.
struct Shown {
    line: ScreenLine,
    /// Cells the query takes, including a leading cell for the cursor at the logical end of a
    /// right-to-left query.
    width: u16,
    cursor: u16,
}

fn shown(prompt: &Prompt, options: LayoutOptions) -> Shown {
    let options = LayoutOptions {
        dir: Dir::Ltr,
        ..options
    };
    let mut line = lay_out_line(prompt.text(), UNBOUNDED, &options);
    line.indent = 0;
    let rtl = line.dir == Dir::Rtl;
    // A right-to-left query grows to the left: its logical end, where the next letter goes,
    // is the cell before it.
    let lead = u16::from(rtl);
    let mut x = lead;
    let mut cursor = None;
    for glyph in &line.glyphs {
        if glyph.source.contains(&prompt.cursor()) {
            cursor = Some(x);
        }
        x += u16::from(glyph.width);
    }
    let end = if rtl { 0 } else { x };
    Shown {
        width: x,
        cursor: cursor.unwrap_or(end),
        line,
    }
}

/// Draws `/` and the query in `area`, styled `style`; returns the column after it and, when
/// `editing`, where the terminal's cursor goes.
pub fn draw(
    prompt: &Prompt,
    editing: bool,
    options: LayoutOptions,
    area: Rect,
    (slash, style): (Style, Style),
    buf: &mut Buffer,
) -> (u16, Option<Position>) {
    if area.is_empty() {
        return (area.x, None);
    }
    buf[(area.x, area.y)].set_symbol("/").set_style(slash);
    let room = area.width - 1;
    let shown = shown(prompt, options);
    // Scroll just enough that the cursor's cell is the last one shown.
    let offset = (shown.cursor + 1).saturating_sub(room);
    let left = area.x + 1;
    let mut x = u16::from(shown.line.dir == Dir::Rtl);
    for glyph in &shown.line.glyphs {
        let width = u16::from(glyph.width);
        if x >= offset && x + width - offset <= room {
            let at = left + x - offset;
            buf[(at, area.y)].set_symbol(&glyph.text).set_style(style);
            for hidden in at + 1..at + width {
                buf[(hidden, area.y)].reset();
            }
        }
        x += width;
    }
    let end = left + (shown.width + 1).saturating_sub(offset).min(room);
    let cursor = editing.then(|| Position::new(left + shown.cursor - offset, area.y));
    (end.min(area.right()), cursor.filter(|c| c.x < area.right()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    fn typed(text: &str) -> Prompt {
        let mut prompt = Prompt::default();
        prompt.insert(text);
        prompt
    }

    fn row(prompt: &Prompt, width: u16) -> (String, Option<Position>) {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        let styles = (Style::default(), Style::default());
        let (_, cursor) = draw(
            prompt,
            true,
            LayoutOptions::default(),
            area,
            styles,
            &mut buf,
        );
        let text: String = (0..width)
            .map(|x| buf[(x, 0)].symbol().to_owned())
            .collect();
        (text, cursor)
    }

    #[test]
    fn a_latin_query_follows_the_slash_with_the_cursor_after_it() {
        let (text, cursor) = row(&typed("da nang"), 12);
        assert_eq!(text, "/da nang    ");
        assert_eq!(cursor, Some(Position::new(8, 0)));
    }

    #[test]
    fn an_arabic_query_reads_right_to_left_just_after_the_slash() {
        // سلام typed letter by letter: the first letter (س) is on the right.
        let (text, cursor) = row(&typed("سلام"), 10);
        assert_eq!(text, format!("/ {}{}", "مالس", " ".repeat(4)));
        assert_eq!(
            cursor,
            Some(Position::new(1, 0)),
            "the cursor is where the next letter goes"
        );
        // Home puts the cursor on the first letter, at the right end.
        let mut prompt = typed("سلام");
        prompt.apply(&Action::LineStart);
        assert_eq!(row(&prompt, 10).1, Some(Position::new(5, 0)));
    }

    #[test]
    fn a_mixed_query_keeps_the_latin_run_in_its_place() {
        // "Lavrov لافروف": a left-to-right paragraph; the Arabic run reads right to left.
        let mut prompt = typed("Lavrov لافروف");
        let (text, _) = row(&prompt, 20);
        assert_eq!(text, format!("/Lavrov {}{}", "فورفال", " ".repeat(6)));
        // The cursor on the Arabic word's first letter (ل) sits on its rightmost cell.
        for _ in 0..6 {
            prompt.apply(&Action::CursorLeft);
        }
        assert_eq!(row(&prompt, 20).1, Some(Position::new(13, 0)));
    }

    #[test]
    fn a_long_query_scrolls_so_the_cursor_shows() {
        let mut prompt = typed(&"abcdefghij".repeat(3));
        let (text, cursor) = row(&prompt, 11);
        // 30 letters and the cursor after them in 10 cells: the last 9 letters, then the cursor.
        assert_eq!(text, "/bcdefghij ");
        assert_eq!(cursor, Some(Position::new(10, 0)));
        prompt.apply(&Action::LineStart);
        let (text, cursor) = row(&prompt, 11);
        assert_eq!(text, "/abcdefghij");
        assert_eq!(cursor, Some(Position::new(1, 0)));
    }
}
