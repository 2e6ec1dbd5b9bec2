//! Background loading as the app sees it: batches joining the list, the progress count, the
//! heading's counts, and keeping rows straight when the list is ordered at the end.

use super::{App, View};
use crate::library::{Library, Progress};
use crate::store::Store;

/// How far background loading has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    /// Files to read, once the walk has counted them.
    pub files: Option<usize>,
    /// Files read so far.
    pub read: usize,
    /// Whether the person moved the selection while the list filled: if not, the list opens
    /// at its top once it is in order, rather than wherever the first article loaded lands.
    pub moved: bool,
}

/// What the list's heading counts, kept up to date rather than counted every frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles bookmarked.
    pub bookmarked: usize,
    /// Articles not read yet.
    pub unread: usize,
}

impl App {
    /// Marks the library as still loading: [`App::receive`] takes in what the loader sends.
    pub fn start_loading(&mut self) {
        self.loading = Some(Loading::default());
    }

    /// Takes in one step of background loading: new rows join the list (and the filter),
    /// and when loading is done the list is put in order, keeping the selection.
    pub fn receive(&mut self, progress: Progress) {
        let loading = self.loading.get_or_insert_default();
        match &progress {
            Progress::Found { files, .. } => loading.files = Some(*files),
            Progress::Batch(batch) => loading.read += batch.len(),
            Progress::Done => {}
        }
        let rows = self.library.entries.len();
        // Only the end reorders rows: the selection to find again is wanted only then.
        let done = matches!(progress, Progress::Done);
        let keep = (done && loading.moved)
            .then(|| self.selected_entry().map(|e| e.meta.id.clone()))
            .flatten();
        self.body.library_changed();
        if !self.library.apply(progress) {
            self.refilter(false);
            self.count(rows);
            return;
        }
        self.loading = None;
        self.rows_moved(keep);
        if self.message.is_none() {
            self.report_skipped();
        }
    }

    /// Replaces the library with one read again from disk, keeping the selection and the
    /// open articles where they still exist.
    pub(super) fn replace_library(&mut self, library: Library) {
        let keep = self.selected_entry().map(|e| e.meta.id.clone());
        self.library = library;
        self.body.library_changed();
        self.rows_moved(keep);
    }

    /// After the rows were reordered or replaced: filters from scratch, selects `keep` (else
    /// the top), and finds the open articles again (closing a view whose article is gone).
    pub(super) fn rows_moved(&mut self, keep: Option<String>) {
        self.list.filter.reset();
        self.refilter(false);
        let row = keep
            .and_then(|id| self.row_of(&id))
            .and_then(|row| self.list.visible.iter().position(|&r| r == row))
            .unwrap_or(0);
        self.list.offset = 0;
        let rows = self.list_rows();
        self.list.select(row, rows);
        let entries = &self.library.entries;
        let find = |id: &str| entries.iter().position(|e| e.meta.id == id);
        let found = match &mut self.view {
            View::List => true,
            View::Reader(reader) => find(&reader.article.meta.id)
                .map(|row| reader.entry = row)
                .is_some(),
            View::Compare(compare) => {
                let rows = (compare.pair.sides.each_ref()).map(|s| find(&s.article.meta.id));
                if let [Some(left), Some(right)] = rows {
                    compare.pair.sides[0].entry = left;
                    compare.pair.sides[1].entry = right;
                }
                // The reader the comparison returns to moves with its article too.
                if let Some(reader) = &mut compare.back_to {
                    match find(&reader.article.meta.id) {
                        Some(row) => reader.entry = row,
                        None => compare.back_to = None,
                    }
                }
                rows.iter().all(Option::is_some)
            }
        };
        if !found {
            self.view = View::List;
        }
        if (self.compare_mark.as_deref()).is_some_and(|id| self.row_of(id).is_none()) {
            self.compare_mark = None;
        }
        self.counts = Counts::default();
        self.count(0);
    }

    /// The row of the article `id`, if the library holds it.
    pub(super) fn row_of(&self, id: &str) -> Option<usize> {
        self.library.entries.iter().position(|e| e.meta.id == id)
    }

    pub(super) fn report_skipped(&mut self) {
        let skipped = (self.library.warnings.iter())
            .filter(|w| w.problem.skipped())
            .count();
        if skipped > 0 {
            self.info(format!(
                "{skipped} file(s) skipped: `lectern list` prints why"
            ));
        }
    }

    /// Adds the rows from `from` on to the heading's counts.
    pub(super) fn count(&mut self, from: usize) {
        for entry in self.library.entries.get(from..).unwrap_or_default() {
            let (bookmarked, read) = self.marks(&entry.meta.id);
            self.counts.bookmarked += usize::from(bookmarked);
            self.counts.unread += usize::from(!read);
        }
    }

    /// Waits for the store's marks if they are still on their way (the start opens the
    /// store in the background), and counts them: for a key that acts on the marks.
    pub(super) fn take_marks(&mut self) {
        if !self.store.marks_loaded() {
            self.store.wait_for_marks();
            self.marks_changed();
        }
    }

    /// Whether the article `id` is bookmarked, and whether it is read.
    fn marks(&self, id: &str) -> (bool, bool) {
        (self.store.is_bookmarked(id), self.store.is_read(id))
    }

    /// Changes the store for the article `id` with `change`, keeping the counts and the
    /// filter (when it looks at bookmarks or read state) in step.
    pub(super) fn change_marks<T>(&mut self, id: &str, change: impl FnOnce(&mut Store) -> T) -> T {
        self.take_marks();
        let before = self.marks(id);
        let result = change(&mut self.store);
        let after = self.marks(id);
        if before != after {
            let counts = &mut self.counts;
            counts.bookmarked =
                (counts.bookmarked + usize::from(after.0)).saturating_sub(usize::from(before.0));
            counts.unread =
                (counts.unread + usize::from(!after.1)).saturating_sub(usize::from(!before.1));
            if self.list.filter.query().has_fields() {
                self.list.filter.reset();
                self.refilter(false);
            }
        }
        result
    }
}
