//! HTTP: one client for every fetch (pages now, feeds later), with the limits a reader that
//! fetches what strangers serve needs: a global timeout, a body cap after decompression, few
//! redirects, and only `http`/`https` addresses.

mod error;

use std::time::Duration;

use serde::Deserialize;
use ureq::ResponseExt;
use ureq::http::{HeaderMap, Uri};

use error::reason_of;
pub use error::{FetchError, shown_url};

/// The most bytes a body may have once decompressed (16 MiB): a gzip bomb stops here.
pub const MAX_BODY: u64 = 16 * 1024 * 1024;

/// How many redirects a fetch follows before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// The `[network]` settings of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Seconds a whole fetch may take, redirects and body included.
    pub timeout: u64,
    /// Seconds to open the connection (name lookup, TCP, TLS).
    pub connect_timeout: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            timeout: 30,
            connect_timeout: 10,
        }
    }
}

/// What a server answered, whatever its status: a 404 or a 503 with `Retry-After` is data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The address that answered, after redirects.
    pub url: String,
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `ETag` header, for a later `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, for a later `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// The `Retry-After` header (seconds or an HTTP date), as sent.
    pub retry_after: Option<String>,
    /// The `Location` header, for a client that does not follow redirects.
    pub location: Option<String>,
    /// The `Cache-Control` header, for when a feed is next worth fetching.
    pub cache_control: Option<String>,
    /// The `Expires` header (an HTTP date), likewise.
    pub expires: Option<String>,
    /// The body, decompressed, at most [`MAX_BODY`] bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The status as an error naming the address ("HTTP 404 Not Found"), for callers that
    /// wanted a page and got none.
    pub fn status_error(&self) -> FetchError {
        FetchError::Status {
            url: self.url.clone(),
            status: self.status,
            reason: ureq::http::StatusCode::from_u16(self.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("")
                .to_owned(),
        }
    }
}

/// The HTTP client: one connection pool, the limits of [`Settings`].
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
}

impl Client {
    /// A client with these timeouts; proxies come from `HTTP(S)_PROXY`/`ALL_PROXY` and
    /// `NO_PROXY`.
    pub fn new(settings: Settings) -> Self {
        Self::build(settings, MAX_REDIRECTS, None)
    }

    /// A client that follows no redirect (a 301 is returned with its `Location`, so a
    /// feed's move can be recorded), with this `User-Agent` instead of lectern's.
    pub fn not_following(settings: Settings, user_agent: Option<&str>) -> Self {
        Self::build(settings, 0, user_agent)
    }

    /// A client like [`Client::new`] with this `User-Agent` instead of lectern's.
    pub fn with_user_agent(settings: Settings, user_agent: Option<&str>) -> Self {
        Self::build(settings, MAX_REDIRECTS, user_agent)
    }

    fn build(settings: Settings, max_redirects: u32, user_agent: Option<&str>) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(settings.timeout)))
            .timeout_connect(Some(Duration::from_secs(settings.connect_timeout)))
            .max_redirects(max_redirects)
            .http_status_as_error(false)
            .user_agent(user_agent.unwrap_or(concat!("lectern/", env!("CARGO_PKG_VERSION"))))
            .proxy(ureq::Proxy::try_from_env())
            .build()
            .new_agent();
        Self { agent, settings }
    }

    /// Fetches `url` with extra request headers (`If-None-Match`, `If-Modified-Since`).
    ///
    /// # Errors
    /// An address that is not `http`/`https` (refused before any request), a timeout, too
    /// many redirects, a body over [`MAX_BODY`], or a network failure. A non-2xx status is
    /// not an error: see [`Response::status`].
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Response, FetchError> {
        let uri = check_url(url)?;
        let mut request = self.agent.get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.call().map_err(|e| self.error(url, e))?;
        let final_url = response.get_uri().to_string();
        let header = |name: &str| header(response.headers(), name);
        let (content_type, etag, last_modified, retry_after) = (
            header("content-type"),
            header("etag"),
            header("last-modified"),
            header("retry-after"),
        );
        let (location, cache_control, expires) = (
            header("location"),
            header("cache-control"),
            header("expires"),
        );
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .into_with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| self.error(&final_url, e))?;
        Ok(Response {
            url: final_url,
            status,
            content_type,
            etag,
            last_modified,
            retry_after,
            location,
            cache_control,
            expires,
            body,
        })
    }

    /// Names what went wrong with `url` in words.
    fn error(&self, url: &str, error: ureq::Error) -> FetchError {
        let url = url.to_owned();
        match error {
            ureq::Error::Timeout(ureq::Timeout::Connect) => FetchError::Timeout {
                url,
                what: "could not connect",
                seconds: self.settings.connect_timeout,
            },
            ureq::Error::Timeout(_) => FetchError::Timeout {
                url,
                what: "timed out",
                seconds: self.settings.timeout,
            },
            ureq::Error::TooManyRedirects => FetchError::Redirects {
                url,
                max: MAX_REDIRECTS,
            },
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                url,
                limit: MAX_BODY,
            },
            ureq::Error::HostNotFound => FetchError::Other {
                url,
                reason: "host not found".to_owned(),
            },
            other => FetchError::Other {
                reason: reason_of(&other, &url),
                url,
            },
        }
    }
}

impl Default for Client {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

/// A header's value, if it is there and readable.
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Whether `text` looks like an address rather than a file name (`scheme:`), so that
/// `javascript:alert(1)` is refused as an address, not looked for as a file.
pub fn is_url(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    // One letter before the colon is a Windows drive, not a scheme.
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Parses an address and refuses what is not `http`/`https` with a host.
///
/// # Errors
/// Another scheme (`file:`, `javascript:`), no host, or no valid address at all.
pub fn check_url(url: &str) -> Result<Uri, FetchError> {
    let refuse = |reason: &str| FetchError::Refused {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err(refuse("only http and https addresses are fetched"));
    }
    let uri: Uri = url.parse().map_err(|_| refuse("not a valid address"))?;
    if uri.host().is_none_or(str::is_empty) {
        return Err(refuse("no host in the address"));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests;
