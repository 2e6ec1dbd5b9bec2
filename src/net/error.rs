//! Why a fetch failed, in one line that starts with the address.

use thiserror::Error;

/// A fetch that gave no response to use.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FetchError {
    /// Not an address lectern fetches (`file:`, `javascript:`); nothing was sent.
    #[error("{url}: refused: {reason}")]
    Refused {
        /// The address as given.
        url: String,
        /// Why.
        reason: String,
    },
    /// The server answered with a status that is not a page.
    #[error("{url}: HTTP {status} {reason}")]
    Status {
        /// The address that answered.
        url: String,
        /// The status code.
        status: u16,
        /// Its reason phrase ("Not Found"), empty for codes without one.
        reason: String,
    },
    /// A timeout ran out.
    #[error("{url}: {what} after {seconds} s")]
    Timeout {
        /// The address.
        url: String,
        /// "timed out", "could not connect".
        what: &'static str,
        /// The timeout that ran out.
        seconds: u64,
    },
    /// More redirects than allowed (a loop, most often).
    #[error("{url}: too many redirects (more than {max})")]
    Redirects {
        /// The address first asked for.
        url: String,
        /// The most followed.
        max: u32,
    },
    /// A body larger than the cap once decompressed.
    #[error("{url}: response over the {} MiB limit once decompressed", .limit / (1024 * 1024))]
    TooLarge {
        /// The address that answered.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// Anything else: no such host, connection refused, a TLS or protocol error.
    #[error("{url}: {reason}")]
    Other {
        /// The address.
        url: String,
        /// What the network layer said.
        reason: String,
    },
}

impl FetchError {
    /// The address the error is about.
    pub fn url(&self) -> &str {
        match self {
            Self::Refused { url, .. }
            | Self::Status { url, .. }
            | Self::Timeout { url, .. }
            | Self::Redirects { url, .. }
            | Self::TooLarge { url, .. }
            | Self::Other { url, .. } => url,
        }
    }
}
