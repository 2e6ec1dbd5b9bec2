//! Where things go on the screen, for every size from 1×1 up: the one owner of header rows,
//! the status row, the reader's column and the comparison's panes. `ui` draws into these
//! areas; `app` sizes pages and layouts from them.

use ratatui::layout::Rect;

/// The widest the reader's text gets: longer lines are hard to read.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// Below this many columns a comparison's panes are stacked top and bottom.
pub const SIDE_BY_SIDE_MIN: u16 = 80;

/// Rows above each comparison pane's text: title, details, rule.
pub const PANE_HEADER_ROWS: u16 = 3;

/// Most rows a reader's headline takes.
pub const MAX_HEADLINE_ROWS: usize = 3;

/// The whole screen.
fn screen(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

/// The last row, for the status bar (none on a screen with no rows).
pub fn status(size: (u16, u16)) -> Rect {
    let area = screen(size);
    Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    }
}

/// Everything above the status bar.
pub fn body(size: (u16, u16)) -> Rect {
    let area = screen(size);
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// The list: a heading row, then the rows of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListAreas {
    /// The heading (counts).
    pub heading: Rect,
    /// The article rows.
    pub rows: Rect,
}

/// The list's areas for a terminal of `size`.
pub fn list(size: (u16, u16)) -> ListAreas {
    let body = body(size);
    let heading = Rect {
        height: body.height.min(1),
        ..body
    };
    let rows = Rect {
        y: heading.bottom(),
        height: body.height - heading.height,
        ..body
    };
    ListAreas { heading, rows }
}

/// Cells of text per reader line for a terminal `columns` wide (one cell of margin each side).
pub fn text_width(columns: u16) -> u16 {
    columns
        .saturating_sub(2)
        .clamp(1, MAX_TEXT_WIDTH)
        .min(columns)
}

/// The reader's areas: the headline, one row of details, a rule, then the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderAreas {
    /// The headline, one to [`MAX_HEADLINE_ROWS`] rows.
    pub headline: Rect,
    /// Source, date, language and the rest.
    pub details: Rect,
    /// The rule under the header (no rows when it does not fit).
    pub rule: Rect,
    /// The article's lines.
    pub text: Rect,
}

/// The reader's areas for `size`, the headline taking `headline_rows` rows when they fit.
/// The header gives way to the text on short screens: the text keeps at least half the body.
pub fn reader(size: (u16, u16), headline_rows: usize) -> ReaderAreas {
    let body = body(size);
    let width = text_width(body.width);
    let column = Rect {
        x: (body.width - width) / 2,
        width,
        ..body
    };
    let wanted = u16::try_from(headline_rows.clamp(1, MAX_HEADLINE_ROWS)).unwrap_or(1);
    // The header takes at most half the body (rounded up), in this order: the headline's
    // first row, the details, the rule, then the headline's other rows.
    let room = body.height - body.height / 2;
    let first = room.min(1);
    let details = u16::from(first < room);
    let rule = u16::from(first + details < room);
    let headline = first + (wanted - 1).min(room - first - details - rule);
    let mut y = column.y;
    let mut take = |rows: u16| {
        let area = Rect {
            y,
            height: rows,
            ..column
        };
        y += rows;
        area
    };
    let headline = take(headline);
    let details = take(details);
    let rule = take(rule);
    let text = take(body.bottom() - headline.height - details.height - rule.height - column.y);
    ReaderAreas {
        headline,
        details,
        rule,
        text,
    }
}

/// Where the comparison's panes go (the status bar takes the last row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    /// Side by side (else stacked).
    pub side_by_side: bool,
    /// Each pane's header (title, details, rule), as much of it as fits.
    pub headers: [Rect; 2],
    /// Each pane's text.
    pub text: [Rect; 2],
    /// The separator: a column, or a row when stacked.
    pub separator: Rect,
}

/// The comparison's areas for a terminal of `size`.
pub fn compare(size: (u16, u16)) -> CompareAreas {
    let body = body(size);
    let pane = |x: u16, y: u16, width: u16, height: u16| {
        let header = height.min(PANE_HEADER_ROWS).min(height / 2);
        let header = Rect::new(x, y, width, header);
        let text = Rect::new(x, header.bottom(), width, height - header.height);
        (header, text)
    };
    if body.width >= SIDE_BY_SIDE_MIN {
        let ([left, right], separator) = crate::compare::split(body.width);
        let (left_head, left_text) = pane(0, 0, left, body.height);
        let (right_head, right_text) = pane(separator + 2, 0, right, body.height);
        CompareAreas {
            side_by_side: true,
            headers: [left_head, right_head],
            text: [left_text, right_text],
            separator: Rect::new(separator, 0, 1, body.height),
        }
    } else {
        let top = body.height.saturating_sub(1) / 2;
        let bottom = body.height.saturating_sub(1) - top;
        let width = body.width.saturating_sub(2).max(body.width.min(1));
        let x = (body.width - width) / 2;
        // Both panes get the same rows of text, so synchronised rows line up.
        let rows = top.min(bottom);
        let (top_head, top_text) = pane(x, 0, width, rows);
        let (bottom_head, bottom_text) = pane(x, top + 1, width, rows);
        CompareAreas {
            side_by_side: false,
            headers: [top_head, bottom_head],
            text: [top_text, bottom_text],
            separator: Rect::new(0, top, body.width, body.height.min(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> impl Iterator<Item = (u16, u16)> {
        (0..=120).flat_map(|w| (0..=40).map(move |h| (w, h)))
    }

    #[test]
    fn every_area_stays_above_the_status_bar_and_on_screen() {
        for size in sizes() {
            let body = body(size);
            let list = list(size);
            let reader = reader(size, 3);
            let compare = compare(size);
            let mut areas = vec![list.heading, list.rows];
            areas.extend([reader.headline, reader.details, reader.rule, reader.text]);
            areas.extend(compare.headers);
            areas.extend(compare.text);
            areas.push(compare.separator);
            // An empty area draws nothing wherever it is.
            for area in areas.into_iter().filter(|a| !a.is_empty()) {
                assert!(body.contains(area.as_position()), "{size:?} {area:?}");
                assert!(
                    area.bottom() <= body.bottom() && area.right() <= size.0,
                    "{size:?} {area:?}"
                );
            }
        }
    }

    #[test]
    fn the_reader_header_gives_way_to_the_text() {
        // 100×30: three headline rows, details, rule; the text has the rest.
        let areas = reader((100, 30), 3);
        assert_eq!(
            [
                areas.headline.height,
                areas.details.height,
                areas.rule.height,
                areas.text.height
            ],
            [3, 1, 1, 24]
        );
        assert_eq!((areas.text.x, areas.text.width), (1, 98));
        // Five rows of body: the text keeps at least half; the details before a second row
        // of headline.
        let areas = reader((40, 6), 3);
        assert_eq!(
            [
                areas.headline.height,
                areas.details.height,
                areas.rule.height
            ],
            [1, 1, 1]
        );
        let areas = reader((40, 4), 2);
        assert_eq!(
            [
                areas.headline.height,
                areas.details.height,
                areas.rule.height
            ],
            [1, 1, 0]
        );
        assert_eq!(areas.text.height, 1);
        let areas = reader((40, 2), 1);
        assert_eq!((areas.headline.height, areas.text.height), (1, 0));
    }

    #[test]
    fn stacked_panes_have_equal_text_rows() {
        for size in sizes().filter(|s| s.0 < SIDE_BY_SIDE_MIN) {
            let areas = compare(size);
            assert_eq!(areas.text[0].height, areas.text[1].height, "{size:?}");
            assert!(
                areas.text[0].bottom() <= areas.separator.y.max(areas.text[0].y),
                "{size:?}"
            );
        }
    }
}
