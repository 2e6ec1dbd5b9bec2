//! The list of the open article's links, over the reader: numbered, moved through with the
//! reader's keys, and each opened in the browser as `open_url` opens the article's address.

use ratatui::layout::Rect;

use super::{App, Effect, View, reader};
use crate::action::Action;

/// Widest the list's box gets, in cells.
const MAX_WIDTH: u16 = 110;

/// Rows of the box that are no link: the borders and the line that says what keys do.
const FRAME_ROWS: u16 = 3;

/// The list of links open over the reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkList {
    /// The selected link, from 0.
    pub selected: usize,
    /// The first link shown.
    pub scroll: usize,
}

/// The box of the list of `count` links on a screen of `size`, above the status bar.
pub fn links_box(size: (u16, u16), count: usize) -> Rect {
    let (columns, rows) = size;
    let width = columns
        .saturating_sub(4)
        .min(MAX_WIDTH)
        .max(columns.min(20));
    let wanted = u16::try_from(count)
        .unwrap_or(u16::MAX)
        .saturating_add(FRAME_ROWS);
    let height = wanted.min(rows.saturating_sub(2)).min(rows);
    Rect {
        x: (columns - width) / 2,
        y: (rows.saturating_sub(1) - height.min(rows.saturating_sub(1))) / 2,
        width,
        height,
    }
}

/// Rows of links the box of `count` links shows on a screen of `size`.
pub fn link_rows(size: (u16, u16), count: usize) -> usize {
    usize::from(links_box(size, count).height.saturating_sub(FRAME_ROWS))
}

/// Whether the browser is asked to open `url`: a web or mail address without controls.
fn openable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = ["https://", "http://", "mailto:"];
    scheme.iter().any(|s| lower.starts_with(s)) && !url.chars().any(char::is_control)
}

impl App {
    /// Opens the list of links over the reader, or closes it.
    pub(super) fn show_links(&mut self) {
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        if reader.links.take().is_some() {
            return;
        }
        if reader.article.links.is_empty() {
            return self.info("no links in this article".to_owned());
        }
        reader.links = Some(LinkList::default());
    }

    /// An action while the list of links is open.
    pub(super) fn update_links(&mut self, action: &Action) {
        let size = self.size;
        let View::Reader(reader) = &mut self.view else {
            return;
        };
        let count = reader.article.links.len();
        let Some(list) = &mut reader.links else {
            return;
        };
        let rows = link_rows(size, count);
        match action {
            Action::Back | Action::ShowLinks => reader.links = None,
            Action::Open => {
                let selected = list.selected;
                self.open_link(selected);
            }
            Action::OpenLink(number) => {
                if (1..=count).contains(number) {
                    list.selected = number - 1;
                    list.scroll = scrolled_to(list.scroll, list.selected, rows);
                    self.open_link(number - 1);
                } else {
                    self.info(format!("no link {number}: this article has {count}"));
                }
            }
            action if action.is_movement() => {
                let max = count.saturating_sub(1);
                list.selected = reader::moved(list.selected, action, rows, max);
                list.scroll = scrolled_to(list.scroll, list.selected, rows);
            }
            _ => {}
        }
    }

    /// Asks for link `index` (from 0) of the open article to be opened in the browser.
    fn open_link(&mut self, index: usize) {
        let View::Reader(reader) = &self.view else {
            return;
        };
        let Some(link) = reader.article.links.get(index) else {
            return;
        };
        let url = link.url.trim().to_owned();
        if !openable(&url) {
            return self.info(format!("link {} is not a web address", index + 1));
        }
        self.info(format!("opening {url}"));
        self.effects.push(Effect::OpenUrl(url));
    }
}

/// The first row to show so that `selected` is in view, moving as little as possible.
fn scrolled_to(scroll: usize, selected: usize, rows: usize) -> usize {
    if selected < scroll {
        selected
    } else if rows > 0 && selected >= scroll + rows {
        selected + 1 - rows
    } else {
        scroll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_view() {
        assert_eq!(scrolled_to(0, 3, 5), 0);
        assert_eq!(scrolled_to(0, 5, 5), 1);
        assert_eq!(scrolled_to(4, 2, 5), 2);
    }

    #[test]
    fn only_web_and_mail_addresses_open() {
        assert!(openable("https://a.b/") && openable("HTTP://a.b") && openable("mailto:x@y"));
        assert!(!openable("file:///etc") && !openable("javascript:x") && !openable("./a.md"));
        assert!(!openable("https://a.b/\x1b]0;x\x07"));
    }

    #[test]
    fn the_box_fits_the_screen_and_its_links() {
        let shown = links_box((80, 24), 3);
        assert_eq!((shown.width, shown.height), (76, 6));
        assert_eq!(link_rows((80, 24), 3), 3);
        assert_eq!(link_rows((80, 10), 50), 5);
        let tiny = links_box((3, 2), 5);
        assert!(tiny.right() <= 3 && tiny.bottom() <= 2);
    }
}
