//! Text layout: sanitising, widths, wrapping, bidi reordering and shaping.

pub mod sanitize;
pub mod width;
