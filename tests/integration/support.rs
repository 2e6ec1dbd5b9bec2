//! Helpers shared by the areas of the integration tests.
//!
//! Loaded through `#[path]`, so its own modules name their files too.

#[path = "support/escapes.rs"]
pub mod escapes;
#[path = "support/http.rs"]
pub mod http;
#[path = "support/keys.rs"]
pub mod keys;
#[path = "support/pages.rs"]
pub mod pages;
#[path = "support/store.rs"]
pub mod store;
#[path = "support/tmux.rs"]
pub mod tmux;
#[path = "support/utf16.rs"]
pub mod utf16;
