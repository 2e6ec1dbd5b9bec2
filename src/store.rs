//! Bookmarks and read state: load, merge, atomic save, lock (placeholder until the TUI issue lands).
