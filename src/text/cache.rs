//! A small cache of recent layouts, so an article is laid out once per width
//! and options rather than once per frame.

use super::{Layout, LayoutOptions};
use std::collections::VecDeque;
use std::sync::Arc;

/// What a cached layout was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey<'a> {
    /// The article's id.
    pub article: &'a str,
    /// Screen width in cells.
    pub width: usize,
    /// Layout options.
    pub options: LayoutOptions,
    /// Whether the raw text was laid out rather than the clean paragraphs.
    pub raw: bool,
}

#[derive(Debug)]
struct Entry {
    article: String,
    width: usize,
    options: LayoutOptions,
    raw: bool,
    layout: Arc<Layout>,
}

impl Entry {
    fn matches(&self, key: &LayoutKey<'_>) -> bool {
        self.article == key.article
            && self.width == key.width
            && self.options == key.options
            && self.raw == key.raw
    }
}

/// The most recently used layouts, at most `capacity` of them.
#[derive(Debug)]
pub struct LayoutCache {
    capacity: usize,
    /// Most recently used first.
    entries: VecDeque<Entry>,
}

impl Default for LayoutCache {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

impl LayoutCache {
    /// Enough for the reader, both comparison panes and a few resizes.
    pub const DEFAULT_CAPACITY: usize = 8;

    /// An empty cache keeping at most `capacity` layouts (at least one).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Self {
            capacity,
            entries: VecDeque::with_capacity(capacity),
        }
    }

    /// The layout for `key`, if cached; it becomes the most recently used.
    pub fn get(&mut self, key: &LayoutKey<'_>) -> Option<Arc<Layout>> {
        let at = self.entries.iter().position(|entry| entry.matches(key))?;
        let entry = self.entries.remove(at)?;
        let layout = Arc::clone(&entry.layout);
        self.entries.push_front(entry);
        Some(layout)
    }

    /// The layout for `key`, made with `make` and cached when missing; the
    /// least recently used layout goes when the cache is full.
    pub fn get_or_insert_with(
        &mut self,
        key: &LayoutKey<'_>,
        make: impl FnOnce() -> Layout,
    ) -> Arc<Layout> {
        if let Some(layout) = self.get(key) {
            return layout;
        }
        let layout = Arc::new(make());
        if self.entries.len() == self.capacity {
            self.entries.pop_back();
        }
        self.entries.push_front(Entry {
            article: key.article.to_owned(),
            width: key.width,
            options: key.options,
            raw: key.raw,
            layout: Arc::clone(&layout),
        });
        layout
    }

    /// How many layouts are cached.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets every layout (after a reload changed the articles).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(article: &str, width: usize) -> LayoutKey<'_> {
        LayoutKey {
            article,
            width,
            options: LayoutOptions::default(),
            raw: false,
        }
    }

    fn layout(width: usize) -> Layout {
        Layout {
            width,
            lines: Vec::new(),
        }
    }

    #[test]
    fn hit_returns_the_same_layout_without_calling_make() {
        let mut cache = LayoutCache::new(2);
        let first = cache.get_or_insert_with(&key("a", 80), || layout(80));
        let again = cache.get_or_insert_with(&key("a", 80), || layout(999));
        assert!(Arc::ptr_eq(&first, &again));
        let raw = LayoutKey {
            raw: true,
            ..key("a", 80)
        };
        assert_eq!(cache.get_or_insert_with(&raw, || layout(7)).width, 7);
    }

    #[test]
    fn least_recently_used_goes_first() {
        let mut cache = LayoutCache::new(2);
        cache.get_or_insert_with(&key("a", 80), || layout(1));
        cache.get_or_insert_with(&key("b", 80), || layout(2));
        // Touch "a", so "b" is the least recently used when "c" comes.
        assert!(cache.get(&key("a", 80)).is_some());
        cache.get_or_insert_with(&key("c", 80), || layout(3));
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&key("b", 80)).is_none());
        assert!(cache.get(&key("a", 80)).is_some());
        assert!(cache.get(&key("a", 100)).is_none());
    }
}
