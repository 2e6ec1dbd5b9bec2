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
    /// [`estimated_bytes`] of the layout.
    bytes: usize,
}

/// The memory a layout holds, estimated from its vectors' capacities: a glyph is some 48
/// bytes, so a 5 MB one-line article is some 240 MB at one width.
pub(crate) fn estimated_bytes(layout: &Layout) -> usize {
    let glyphs: usize = (layout.lines.iter())
        .map(|line| line.glyphs.capacity() * std::mem::size_of::<super::Glyph>())
        .sum();
    std::mem::size_of::<Layout>()
        + layout.lines.capacity() * std::mem::size_of::<super::ScreenLine>()
        + glyphs
}

impl Entry {
    fn matches(&self, key: &LayoutKey<'_>) -> bool {
        self.article == key.article
            && self.width == key.width
            && self.options == key.options
            && self.raw == key.raw
    }
}

/// The most recently used layouts: at most `capacity` of them, and no more than
/// `max_bytes` of them by [`estimated_bytes`] (the one in use is always kept).
#[derive(Debug)]
pub struct LayoutCache {
    capacity: usize,
    max_bytes: usize,
    /// The estimated bytes of the cached layouts.
    bytes: usize,
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

    /// The memory layouts may hold: a few layouts of a long article, while a huge one
    /// (a 5 MB single line narrowed 9 times was 1.8 GB at 8 entries) keeps only the one
    /// in use. Laying out again after a resize costs far less than that memory.
    pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

    /// An empty cache keeping at most `capacity` layouts (at least one) and
    /// [`Self::DEFAULT_MAX_BYTES`] of them.
    pub fn new(capacity: usize) -> Self {
        Self::with_limits(capacity, Self::DEFAULT_MAX_BYTES)
    }

    /// An empty cache keeping at most `capacity` layouts (at least one) and, beyond the
    /// most recent one, no more than `max_bytes` of them.
    pub fn with_limits(capacity: usize, max_bytes: usize) -> Self {
        let capacity = capacity.max(1);
        Self {
            capacity,
            max_bytes,
            bytes: 0,
            entries: VecDeque::with_capacity(capacity),
        }
    }

    /// The estimated bytes the cached layouts hold.
    pub fn bytes(&self) -> usize {
        self.bytes
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
        let bytes = estimated_bytes(&layout);
        self.entries.push_front(Entry {
            article: key.article.to_owned(),
            width: key.width,
            options: key.options,
            raw: key.raw,
            layout: Arc::clone(&layout),
            bytes,
        });
        self.bytes += bytes;
        while self.entries.len() > 1
            && (self.entries.len() > self.capacity || self.bytes > self.max_bytes)
        {
            if let Some(old) = self.entries.pop_back() {
                self.bytes -= old.bytes;
            }
        }
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
        self.bytes = 0;
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

    /// A layout of `lines` lines of `glyphs` glyphs each.
    fn sized(width: usize, lines: usize, glyphs: usize) -> Layout {
        let glyph = crate::text::Glyph {
            text: "a".into(),
            width: 1,
            source: 0..1,
        };
        let line = crate::text::ScreenLine {
            paragraph: 0,
            dir: crate::article::Dir::Ltr,
            indent: 0,
            glyphs: vec![glyph; glyphs],
        };
        Layout {
            width,
            lines: vec![line; lines],
        }
    }

    #[test]
    fn layouts_past_the_byte_cap_go_least_recently_used_first() {
        let one = estimated_bytes(&sized(1, 100, 1000));
        // By hand: 100 lines of 1,000 glyphs, each glyph 48 bytes, each line 48 bytes.
        assert_eq!(std::mem::size_of::<crate::text::Glyph>(), 48);
        assert!(one >= 100 * 1000 * 48, "{one}");
        // Room for two and a half.
        let mut cache = LayoutCache::with_limits(8, one * 5 / 2);
        for width in 1..=9 {
            cache.get_or_insert_with(&key("huge", width), || sized(width, 100, 1000));
        }
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.bytes(), 2 * one);
        assert!(cache.get(&key("huge", 9)).is_some());
        assert!(cache.get(&key("huge", 8)).is_some());
        assert!(cache.get(&key("huge", 7)).is_none());
        // One larger than the cap alone is kept while in use, and pushes the rest out.
        cache.get_or_insert_with(&key("larger", 80), || sized(80, 300, 1000));
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&key("larger", 80)).is_some());
        cache.clear();
        assert_eq!(cache.bytes(), 0);
    }
}
