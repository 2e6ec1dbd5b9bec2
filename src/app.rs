//! `App`: the whole state of the interactive reader, changed only by `App::update(Action)`.

mod compare;
mod loading;
mod reader;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

pub use compare::{Compare, HEADER_ROWS as COMPARE_HEADER_ROWS, Pane};
pub use loading::{Counts, Loading};
pub use reader::Reader;

use crate::action::Action;
use crate::config::Config;
use crate::filter::Filter;
use crate::keymap::Key;
use crate::library::{Entry, Library};
use crate::store::Store;
use crate::text::{LayoutCache, LayoutOptions};

/// The screen in front of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The article list.
    List,
    /// One article.
    Reader,
    /// Two articles side by side.
    Compare,
}

/// What sits on top of the screen and takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing: keys go through the screen's keymap.
    None,
    /// The filter prompt: typed characters go to the query.
    Prompt,
    /// The help box.
    Help,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// Everything the interface shows; drawing is a pure function of it.
pub struct App {
    /// The articles.
    pub library: Library,
    /// Bookmarks and read state.
    pub store: Store,
    /// Settings, keys and colours.
    pub config: Config,
    /// Whether colours are allowed (`NO_COLOR` unset).
    pub color: bool,
    /// Terminal size: columns, rows.
    pub size: (u16, u16),
    /// The main screen.
    pub screen: Screen,
    /// What has the keyboard on top of the screen.
    pub overlay: Overlay,
    /// The filter as typed.
    pub query: String,
    filter: Filter,
    /// Entries shown in the list (indices into `library.entries`), best match first.
    pub visible: Vec<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// The article being read.
    pub reader: Option<Reader>,
    /// The ids of the articles marked for comparison (two at most, oldest first).
    pub compare_marks: Vec<String>,
    /// The comparison on screen.
    pub compare: Option<Compare>,
    /// Where `Back` leaves the comparison for.
    compare_from: Screen,
    /// The last thing to tell the user.
    pub message: Option<Message>,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// Background loading under way, if any.
    pub loading: Option<Loading>,
    /// The heading's counts over the whole library.
    pub counts: Counts,
    layouts: LayoutCache,
}

impl App {
    /// A new app on the list screen; `notices` (from opening the store) go to the status bar.
    pub fn new(
        library: Library,
        store: Store,
        notices: &[String],
        config: Config,
        size: (u16, u16),
    ) -> Self {
        let mut app = Self {
            library,
            store,
            config,
            color: crate::theme::color_enabled(),
            size,
            screen: Screen::List,
            overlay: Overlay::None,
            query: String::new(),
            filter: Filter::new(),
            visible: Vec::new(),
            selected: 0,
            reader: None,
            compare_marks: Vec::new(),
            compare: None,
            compare_from: Screen::List,
            message: None,
            quit: false,
            loading: None,
            counts: Counts::default(),
            layouts: LayoutCache::default(),
        };
        app.refilter();
        app.count(0);
        if let Some(notice) = notices.first() {
            app.error(notice.clone());
        } else {
            app.report_skipped();
        }
        app
    }

    /// The layout settings for an article of direction `dir`.
    pub fn layout_options(&self, dir: crate::article::Dir) -> LayoutOptions {
        LayoutOptions {
            bidi: self.config.bidi,
            shaping: self.config.shaping,
            dir,
        }
    }

    /// The entry under the selection, if the list is not empty.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.library.entries.get(i))
    }

    /// Rows of the list that fit on screen.
    pub fn list_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(2)).max(1)
    }

    /// What a key does here, or `None` when it does nothing.
    pub fn key_action(&self, event: KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(event.code, KeyCode::Char('c' | 'C')) {
            return Some(Action::Quit);
        }
        if self.overlay == Overlay::Help {
            return matches!(event.code, KeyCode::Esc | KeyCode::Char('q' | '?'))
                .then_some(Action::Help);
        }
        if self.overlay == Overlay::Prompt {
            return match event.code {
                KeyCode::Enter => Some(Action::Accept),
                KeyCode::Esc => Some(Action::ClearFilter),
                KeyCode::Backspace => Some(Action::Backspace),
                KeyCode::Down => Some(Action::Down),
                KeyCode::Up => Some(Action::Up),
                KeyCode::Char('n') if ctrl => Some(Action::Down),
                KeyCode::Char('p') if ctrl => Some(Action::Up),
                KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
                _ => None,
            };
        }
        let keys = &self.config.keys.0;
        let map = match self.screen {
            Screen::List => &keys.list,
            Screen::Reader => &keys.reader,
            Screen::Compare => &keys.compare,
        };
        Key::from_event(event).and_then(|key| map.get(&key).cloned())
    }

    /// What a mouse event does: the wheel scrolls.
    pub fn mouse_action(event: MouseEvent) -> Option<Action> {
        match event.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            _ => None,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::Scroll(_)) {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = if self.overlay == Overlay::Help {
                    Overlay::None
                } else {
                    Overlay::Help
                };
            }
            Action::Resize(columns, rows) => {
                self.size = (columns, rows);
                self.relayout();
            }
            Action::Filter => {
                self.screen = Screen::List;
                self.overlay = Overlay::Prompt;
            }
            Action::Type(c) => {
                self.query.push(c);
                self.refilter();
            }
            Action::Backspace => {
                self.query.pop();
                self.refilter();
            }
            Action::Accept => self.overlay = Overlay::None,
            Action::ClearFilter => {
                self.overlay = Overlay::None;
                self.query.clear();
                self.refilter();
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleRead => self.toggle_read(),
            Action::MarkCompare => self.mark_compare(),
            Action::Compare => self.open_compare(),
            Action::None => {}
            _ => match self.screen {
                Screen::List => self.update_list(action),
                Screen::Reader => self.update_reader(action),
                Screen::Compare => self.update_compare(action),
            },
        }
    }

    fn update_list(&mut self, action: Action) {
        let before = self.selected;
        self.move_selection(action);
        if self.selected != before
            && let Some(loading) = &mut self.loading
        {
            loading.moved = true;
        }
    }

    fn move_selection(&mut self, action: Action) {
        let page = self.list_rows();
        let last = self.visible.len().saturating_sub(1);
        self.selected = match action {
            Action::Down => self.selected + 1,
            Action::Up => self.selected.saturating_sub(1),
            Action::HalfPageDown => self.selected + page / 2,
            Action::HalfPageUp => self.selected.saturating_sub(page / 2),
            Action::PageDown => self.selected + page,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Scroll(n) => self.selected.saturating_add_signed(isize::from(n) * 3),
            Action::Open => return self.open_selected(),
            Action::Back => return self.update(Action::ClearFilter),
            _ => self.selected,
        }
        .min(last);
    }

    /// The entry the keys act on: the open article in the reader, else the selection.
    fn target(&self) -> Option<usize> {
        match (self.screen, &self.reader, &self.compare) {
            (Screen::Reader, Some(reader), _) => Some(reader.entry),
            (Screen::Compare, _, Some(compare)) => Some(compare.panes[compare.focus].entry),
            _ => self.visible.get(self.selected).copied(),
        }
    }

    fn toggle_bookmark(&mut self) {
        let Some(index) = self.target() else { return };
        let meta = self.library.entries[index].meta.clone();
        match self.change_marks(&meta.id, |store| store.toggle_bookmark(&meta)) {
            Ok(true) => self.info(format!("bookmarked: {}", meta.title)),
            Ok(false) => self.info(format!("bookmark removed: {}", meta.title)),
            Err(error) => self.error(format!("bookmark kept for this session only: {error}")),
        }
        self.drain_store_notices();
    }

    fn toggle_read(&mut self) {
        let Some(index) = self.target() else { return };
        let id = self.library.entries[index].meta.id.clone();
        match self.change_marks(&id, |store| store.toggle_read(&id)) {
            Ok(read) => self.info(if read { "marked read" } else { "marked unread" }.to_owned()),
            Err(error) => self.error(format!("read state kept for this session only: {error}")),
        }
        self.drain_store_notices();
    }

    fn drain_store_notices(&mut self) {
        if let Some(notice) = self.store.take_notices().into_iter().next() {
            self.error(notice.to_string());
        }
    }

    /// Filters the library with the query, keeping the selected row selected if it still
    /// shows. Rows only move when loading ends, which [`App::receive`] handles.
    fn refilter(&mut self) {
        let keep = self.visible.get(self.selected).copied();
        let fields = self.library.fields(&self.store);
        let hits = self.filter.update(&self.query, &self.library.index, fields);
        self.visible.clear();
        self.visible.extend(hits.iter().map(|h| h.index as usize));
        self.selected = keep
            .and_then(|row| self.visible.iter().position(|&r| r == row))
            .unwrap_or(0);
    }

    /// Lays the open article (and comparison) out again for the current size and mode (cached).
    fn relayout(&mut self) {
        if let Some(compare) = &mut self.compare {
            let geometry = crate::ui::compare_geometry(self.size);
            let options = compare.panes.each_ref().map(|p| LayoutOptions {
                bidi: self.config.bidi,
                shaping: self.config.shaping,
                dir: p.article.meta.dir,
            });
            compare.lay_out(&mut self.layouts, geometry.text_widths, options);
            let rows = geometry.text_rows;
            compare.scroll_by(Action::None, rows);
        }
        let width = crate::ui::text_width(self.size.0);
        let Some(reader) = &mut self.reader else {
            return;
        };
        let options = LayoutOptions {
            bidi: self.config.bidi,
            shaping: self.config.shaping,
            dir: reader.article.meta.dir,
        };
        reader.lay_out(&mut self.layouts, width, options);
        let rows = usize::from(self.size.1.saturating_sub(reader::HEADER_ROWS + 1)).max(1);
        reader.scroll = reader.scroll.min(reader.max_scroll(rows));
    }

    fn info(&mut self, text: String) {
        self.message = Some(Message { text, error: false });
    }

    fn error(&mut self, text: String) {
        self.message = Some(Message { text, error: true });
    }
}
