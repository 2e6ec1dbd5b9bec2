//! Triage as a newsboat user expects it: the next unread article, marking the whole list
//! read with an undo, the article's web address, and a library that follows the disk and
//! other lectern windows.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::{App, View};
use crate::action::Action;
use crate::library::{Library, LoadOptions};

/// What the app asks of the world outside the terminal's cells; the terminal side does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this web address in the browser.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    CopyToClipboard(String),
}

/// What "mark all read" changed, for its undo.
pub(super) struct Undo {
    ids: Vec<String>,
}

/// Where the library comes from, to read it again; and a rescan under way.
#[derive(Default)]
pub struct Rescan {
    /// The folders and files of the library, and how to read them; `None` for the
    /// bundled articles, which never change.
    pub source: Option<(Vec<PathBuf>, LoadOptions)>,
    pending: Option<Receiver<Library>>,
    /// The subscriptions (feeds.toml) the reload key fetches; `None`: folders only.
    pub feeds: Option<PathBuf>,
    /// What to say when the rescan under way is done, instead of the article count (the
    /// outcome of the fetch that started it).
    pub(super) then_say: Option<super::Message>,
}

impl Rescan {
    /// Whether no rescan is under way.
    pub fn is_idle(&self) -> bool {
        self.pending.is_none()
    }
}

impl App {
    /// Selects the next (or previous) unread article in list order; in the reader, opens it.
    pub(super) fn next_unread(&mut self, forward: bool) {
        self.take_marks();
        let from = self.list.selected;
        let unread = |row: &usize| {
            let index = self.list.visible[*row];
            !self.store.is_read(&self.library.entries[index].meta.id)
        };
        let found = if forward {
            (from + 1..self.list.visible.len()).find(unread)
        } else {
            (0..from.min(self.list.visible.len())).rev().find(unread)
        };
        let Some(row) = found else {
            let text = if forward {
                "no unread article after this one"
            } else {
                "no unread article before this one"
            };
            return self.info(text.to_owned());
        };
        let rows = self.list_rows();
        self.list.select(row, rows);
        match self.view {
            View::List => {}
            View::Reader(_) | View::Compare(_) => self.open_selected(),
        }
    }

    /// Marks every article the list shows read, remembering which were unread for the undo.
    pub(super) fn mark_all_read(&mut self) {
        self.take_marks();
        let ids: Vec<String> = (self.list.visible.iter())
            .map(|&i| &self.library.entries[i].meta.id)
            .filter(|id| !self.store.is_read(id))
            .cloned()
            .collect();
        if ids.is_empty() {
            return self.info("every article shown is read already".to_owned());
        }
        let result = self.store.set_read_many(&ids, true);
        let count = ids.len();
        self.undo = Some(Undo { ids });
        self.marks_changed();
        match result {
            Ok(_) => {
                let undo = self.key_name(self.mode(), &Action::Undo);
                let hint = undo
                    .map(|key| format!(" ({key} undoes)"))
                    .unwrap_or_default();
                self.info(format!(
                    "{} marked read{hint}",
                    crate::text::counted(count, "article")
                ));
            }
            Err(error) => self.error(format!("read state kept for this session only: {error}")),
        }
        self.drain_store_notices();
    }

    /// Undoes the last "mark all read".
    pub(super) fn undo(&mut self) {
        let Some(Undo { ids }) = self.undo.take() else {
            return self.info("nothing to undo".to_owned());
        };
        match self.store.set_read_many(&ids, false) {
            Ok(_) => self.info(format!(
                "{} unread again",
                crate::text::counted(ids.len(), "article")
            )),
            Err(error) => self.error(format!("read state kept for this session only: {error}")),
        }
        self.marks_changed();
        self.drain_store_notices();
    }

    /// Counts and (when it looks at marks) the filter after many marks changed at once.
    pub(super) fn marks_changed(&mut self) {
        self.counts = super::Counts::default();
        self.count(0);
        if self.list.filter.query().has_fields() {
            self.list.filter.reset();
            self.refilter(false);
        }
    }

    /// Asks for the article's web address to be opened or copied.
    pub(super) fn url_effect(&mut self, action: &Action) {
        let Some(index) = self.target() else { return };
        let meta = &self.library.entries[index].meta;
        let url = meta.url.as_deref().map(str::trim).unwrap_or_default();
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web || url.chars().any(char::is_control) {
            return self.info("this article has no web address".to_owned());
        }
        let url = url.to_owned();
        if *action == Action::OpenUrl {
            self.info(format!("opening {url}"));
            self.effects.push(Effect::OpenUrl(url));
        } else {
            self.info(format!("copied {url}"));
            self.effects.push(Effect::CopyToClipboard(url));
        }
    }

    /// Reads the library folders again in the background; [`Action::Tick`] takes the result.
    pub(super) fn rescan(&mut self) {
        let Some((paths, options)) = self.rescan.source.clone() else {
            return self.info("the bundled articles do not change".to_owned());
        };
        if self.loading.is_some() || self.rescan.pending.is_some() {
            return self.info("the library is being read already".to_owned());
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        // The receiver may be gone (the app quit): the library read is then dropped.
        std::thread::spawn(move || drop(sender.send(Library::load(&paths, options))));
        self.rescan.pending = Some(receiver);
        self.info("reading the library again…".to_owned());
    }

    /// The periodic look outside: a rescan that finished, and marks another window saved.
    pub(super) fn tick(&mut self) {
        if let Some(receiver) = &self.rescan.pending {
            match receiver.try_recv() {
                Ok(library) => {
                    self.rescan.pending = None;
                    let before = self.library.entries.len();
                    self.replace_library(library);
                    let after = self.library.entries.len();
                    self.message = Some(self.rescan.then_say.take().unwrap_or(super::Message {
                        text: format!("library read again: {after} articles (was {before})"),
                        error: false,
                    }));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.rescan.pending = None;
                    self.error("reading the library again failed".to_owned());
                }
            }
        }
        self.take_fetched();
        self.tick_indexing();
        self.take_snippets();
        if self.store.refresh() {
            self.marks_changed();
        }
        self.drain_store_notices();
    }
}
