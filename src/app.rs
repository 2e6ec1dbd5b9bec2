//! `App`: the whole state of the interactive reader, changed only by `App::update(Action)`.
//! It knows nothing of the terminal: keys arrive as [`Action`]s (see [`crate::keymap`]) and
//! what must happen outside (a browser, the clipboard) leaves as [`Effect`]s.

mod body_search;
mod compare;
mod feeds;
mod fetching;
mod find;
pub mod geometry;
mod links;
mod list;
mod loading;
pub mod prompt;
mod reader;
mod triage;

pub use body_search::{BodySearch, MARKER, body_query};
pub use compare::Compare;
pub use feeds::{FeedLine, FeedsBox};
pub use fetching::Fetching;
pub use find::{Find, Hit};
pub use links::{LinkList, link_rows, links_box};
pub use list::{ListState, SortKey};
pub use loading::{Counts, Loading};
pub use reader::{Reader, headline};
pub use triage::{Effect, Rescan};

use std::collections::HashMap;

use crate::action::Action;
use crate::article::Dir;
use crate::config::Config;
use crate::keymap::Mode;
use crate::library::{Entry, Library};
use crate::store::Store;
use crate::text::{LayoutCache, LayoutOptions};

/// The screen in front of the user; each holds exactly the state it needs.
pub enum View {
    /// The article list.
    List,
    /// One article.
    Reader(Box<Reader>),
    /// Two articles side by side.
    Compare(Box<Compare>),
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
    /// The screen.
    pub view: View,
    /// The list, which lives on under the reader and the comparison.
    pub list: ListState,
    /// The help box is open over the screen.
    pub help: bool,
    /// The id of the article marked for comparison.
    pub compare_mark: Option<String>,
    /// The last thing to tell the user.
    pub message: Option<Message>,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// Background loading under way, if any.
    pub loading: Option<Loading>,
    /// The heading's counts over the whole library.
    pub counts: Counts,
    /// What the terminal side must do for the last actions.
    pub effects: Vec<Effect>,
    /// Where the library comes from, for `rescan`.
    pub rescan: triage::Rescan,
    /// A fetch of the feeds under way (the reload key).
    pub fetching: Option<fetching::Fetching>,
    /// The feeds box over the list, when open.
    pub feeds: Option<feeds::FeedsBox>,
    /// The body search: its index and the snippets of its hits.
    pub body: BodySearch,
    /// Why each article that could not be read when opened could not be, by id: its file
    /// changed after the index cache was written (made unreadable, replaced). The list marks
    /// these rows until one opens again.
    pub unreadable: HashMap<String, String>,
    undo: Option<triage::Undo>,
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
            view: View::List,
            list: ListState::default(),
            help: false,
            compare_mark: None,
            message: None,
            quit: false,
            loading: None,
            counts: Counts::default(),
            effects: Vec::new(),
            rescan: triage::Rescan::default(),
            fetching: None,
            feeds: None,
            body: BodySearch::default(),
            unreadable: HashMap::new(),
            undo: None,
            layouts: LayoutCache::default(),
        };
        app.refilter(false);
        app.count(0);
        if let Some(notice) = notices.first() {
            app.error(notice.clone());
        } else {
            app.report_skipped();
        }
        app
    }

    /// What has the keyboard, for [`crate::keymap::Keymap::resolve`].
    pub fn mode(&self) -> Mode {
        match &self.view {
            _ if self.help => Mode::Help,
            View::List if self.list.editing => Mode::Prompt,
            View::List if self.feeds.is_some() => Mode::Feeds,
            View::List => Mode::List,
            View::Reader(reader) if reader.links.is_some() => Mode::Links,
            View::Reader(reader) if reader.find.as_ref().is_some_and(|f| f.editing) => Mode::Prompt,
            View::Reader(_) => Mode::Reader,
            View::Compare(_) => Mode::Compare,
        }
    }

    /// The layout settings for a text of direction `dir`.
    pub fn layout_options(&self, dir: Dir) -> LayoutOptions {
        LayoutOptions {
            bidi: self.config.bidi,
            shaping: self.config.shaping,
            dir,
        }
    }

    /// The entry under the list's selection, if the list is not empty.
    pub fn selected_entry(&self) -> Option<&Entry> {
        (self.list.selected_index()).and_then(|i| self.library.entries.get(i))
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let quiet = matches!(action, Action::Resize(..) | Action::Tick) || action.is_movement();
        if !quiet {
            self.message = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::None => {}
            Action::Help => self.help = !self.help,
            Action::Resize(columns, rows) => {
                self.size = (columns, rows);
                self.relayout();
            }
            Action::Tick => self.tick(),
            _ if self.help => {}
            Action::Paste(_) if self.mode() != Mode::Prompt => {}
            Action::Filter => {
                self.view = View::List;
                self.list.editing = true;
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::ToggleRead => self.toggle_read(),
            Action::NextUnread => self.next_unread(true),
            Action::PreviousUnread => self.next_unread(false),
            Action::MarkCompare => self.mark_compare(),
            Action::Compare => self.compare_with_mark(),
            Action::OpenUrl | Action::CopyUrl => self.url_effect(&action),
            Action::Reload => self.reload(),
            action => match self.mode() {
                Mode::Prompt if matches!(self.view, View::Reader(_)) => self.update_find(&action),
                Mode::Prompt => self.update_prompt(action),
                Mode::List => self.update_list(&action),
                Mode::Reader => self.update_reader(action),
                Mode::Compare => self.update_compare(action),
                Mode::Links => self.update_links(&action),
                Mode::Feeds => self.update_feeds(&action),
                Mode::Help => {}
            },
        }
    }

    /// Lays the open article or comparison out again for the current size (cached), and
    /// keeps the list's selection in view.
    fn relayout(&mut self) {
        let rows = self.list_rows();
        self.list.scroll_into_view(rows);
        if matches!(self.view, View::Compare(_)) {
            return self.relayout_compare();
        }
        match &mut self.view {
            View::List | View::Compare(_) => {}
            View::Reader(reader) => {
                let width = usize::from(geometry::text_width(self.size.0));
                let options = LayoutOptions {
                    bidi: self.config.bidi,
                    shaping: self.config.shaping,
                    dir: reader.article.meta.dir,
                };
                reader.lay_out(&mut self.layouts, width, options);
                let rows = self.reader_rows();
                if let View::Reader(reader) = &mut self.view {
                    reader.scroll = reader.scroll.min(reader.max_scroll(rows));
                }
            }
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

    fn info(&mut self, text: String) {
        self.message = Some(Message { text, error: false });
    }

    fn error(&mut self, text: String) {
        self.message = Some(Message { text, error: true });
    }
}
