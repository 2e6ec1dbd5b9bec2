//! Feeds: subscriptions, parsing with lectern's repairs, polite fetching, and their articles
//! kept in the database.

pub mod article;
pub mod fetch;
pub mod opml;
pub mod parse;
pub mod store;
pub mod subscriptions;

pub use parse::{Item, Parsed, parse};
pub use subscriptions::{FullText, Subscription};
