//! Why a fetch failed, in one line that starts with the address.

use std::borrow::Cow;
use std::fmt::Write as _;

use thiserror::Error;

use crate::text::is_forbidden;

/// `url` as an error shows it: every character that may not reach a terminal (a control, a
/// bidi control, a line separator) percent-encoded, as a URL would carry it. Sanitising the
/// whole message instead let an unterminated OSC in an address from feeds.toml or an OPML
/// file swallow the reason that followed it.
pub fn shown_url(url: &str) -> Cow<'_, str> {
    if !url.chars().any(is_forbidden) {
        return Cow::Borrowed(url);
    }
    let mut shown = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if is_forbidden(c) {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(shown, "%{byte:02X}");
            }
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// A fetch that gave no response to use.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FetchError {
    /// Not an address lectern fetches (`file:`, `javascript:`); nothing was sent.
    #[error("{}: refused: {reason}", shown_url(.url))]
    Refused {
        /// The address as given.
        url: String,
        /// Why.
        reason: String,
    },
    /// The server answered with a status that is not a page.
    #[error("{}: HTTP {status} {reason}", shown_url(.url))]
    Status {
        /// The address that answered.
        url: String,
        /// The status code.
        status: u16,
        /// Its reason phrase ("Not Found"), empty for codes without one.
        reason: String,
    },
    /// A timeout ran out.
    #[error("{}: {what} after {seconds} s", shown_url(.url))]
    Timeout {
        /// The address.
        url: String,
        /// "timed out", "could not connect".
        what: &'static str,
        /// The timeout that ran out.
        seconds: u64,
    },
    /// More redirects than allowed (a loop, most often).
    #[error("{}: too many redirects (more than {max})", shown_url(.url))]
    Redirects {
        /// The address first asked for.
        url: String,
        /// The most followed.
        max: u32,
    },
    /// A body larger than the cap once decompressed.
    #[error("{}: response over the {} MiB limit once decompressed", shown_url(.url), .limit / (1024 * 1024))]
    TooLarge {
        /// The address that answered.
        url: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// Anything else: no such host, connection refused, a TLS or protocol error.
    #[error("{}: {reason}", shown_url(.url))]
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

/// What went wrong on the way, in words for a reader rather than ureq's: a connection closed
/// before the response ended, a body that is not the compression it says, TLS spoken to a
/// server that speaks none (rustls says so as an I/O error of kind `InvalidData`).
pub(super) fn reason_of(error: &ureq::Error, url: &str) -> String {
    let https = url
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("https:"));
    match error {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the server closed the connection before the end of the response".to_owned()
        }
        ureq::Error::Io(io) if https && io.kind() == std::io::ErrorKind::InvalidData => {
            format!("TLS failed (is it an https server?): {io}")
        }
        ureq::Error::Io(io) => io.to_string(),
        ureq::Error::Decompress(what, io) => format!("the body is not valid {what}: {io}"),
        ureq::Error::Rustls(tls) => format!("TLS failed (is it an https server?): {tls}"),
        ureq::Error::Protocol(protocol) => format!("the reply is not valid HTTP: {protocol}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_failures_are_said_in_words() {
        let eof = ureq::Error::Io(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "Peer disconnected",
        ));
        assert_eq!(
            reason_of(&eof, "http://x/"),
            "the server closed the connection before the end of the response"
        );
        let gzip = ureq::Error::Decompress("gzip", std::io::Error::other("invalid gzip header"));
        assert_eq!(
            reason_of(&gzip, "http://x/"),
            "the body is not valid gzip: invalid gzip header"
        );
        // rustls reports a server that speaks no TLS as invalid data.
        let corrupt = || {
            ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "received corrupt message of type InvalidContentType",
            ))
        };
        assert_eq!(
            reason_of(&corrupt(), "HTTPS://x/"),
            "TLS failed (is it an https server?): received corrupt message of type InvalidContentType"
        );
        assert_eq!(
            reason_of(&corrupt(), "http://x/"),
            "received corrupt message of type InvalidContentType"
        );
    }

    #[test]
    fn an_address_with_controls_is_shown_percent_encoded_and_its_reason_kept() {
        let url = "http://x.example/\u{1b}]0;never terminated \u{9d}52;c \u{202e}é";
        let error = FetchError::Refused {
            url: url.to_owned(),
            reason: "not a valid address".to_owned(),
        };
        assert_eq!(
            error.to_string(),
            "http://x.example/%1B]0;never terminated %C2%9D52;c %E2%80%AEé: refused: not a valid address"
        );
        // What the sanitiser makes of the line keeps the reason.
        let line = crate::text::sanitize::sanitize_line(&error.to_string());
        assert!(line.ends_with(": refused: not a valid address"), "{line}");
        assert_eq!(shown_url("https://x.example/a b"), "https://x.example/a b");
    }
}
