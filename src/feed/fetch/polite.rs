//! When a feed is next worth asking for: its `<ttl>`, `Cache-Control: max-age`, `Expires`,
//! and on 429/503 `Retry-After` (never at once, even when the server says 0).

use crate::net::Response;

/// The longest lectern waits because a server or feed said so (a week): a typo in a `<ttl>`
/// must not silence a feed for a year.
const MAX_WAIT: i64 = 7 * 86_400;

/// How long to wait after a 429/503 that gives no usable `Retry-After` (an hour).
pub const DEFAULT_RETRY: i64 = 3600;

/// The least wait after a 429/503 (a minute), whatever `Retry-After` says.
const MIN_RETRY: i64 = 60;

/// When the feed of this successful (or 304) response is next due, if the feed or the server
/// asked for a wait: the latest of `<ttl>`, `max-age` and `Expires`, at most a week away.
pub fn next_due(now: i64, response: &Response, ttl_minutes: Option<u32>) -> Option<i64> {
    let ttl = ttl_minutes.map(|minutes| i64::from(minutes) * 60);
    let max_age = response.cache_control.as_deref().and_then(max_age);
    let expires = response
        .expires
        .as_deref()
        .and_then(http_date)
        .map(|at| at - now);
    [ttl, max_age, expires]
        .into_iter()
        .flatten()
        .filter(|wait| *wait > 0)
        .max()
        .map(|wait| now + wait.min(MAX_WAIT))
}

/// When to ask again after a 429 or 503: `Retry-After` (seconds or an HTTP date), else an
/// hour; at least a minute and at most a week away.
pub fn retry_at(now: i64, retry_after: Option<&str>) -> i64 {
    let wait = retry_after
        .and_then(|value| {
            let value = value.trim();
            value
                .parse::<i64>()
                .ok()
                .or_else(|| http_date(value).map(|at| at - now))
        })
        .unwrap_or(DEFAULT_RETRY);
    now + wait.clamp(MIN_RETRY, MAX_WAIT)
}

/// `max-age=N` of a `Cache-Control` value; `no-cache`/`no-store` ask for no wait.
fn max_age(value: &str) -> Option<i64> {
    let mut age = None;
    for directive in value.split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "no-cache" || directive == "no-store" {
            return None;
        }
        if let Some(seconds) = directive.strip_prefix("max-age=") {
            age = seconds.trim_matches('"').parse().ok();
        }
    }
    age
}

/// An HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`) in seconds since the Unix epoch.
pub fn http_date(value: &str) -> Option<i64> {
    // RFC 2822 parsing takes "GMT"; the obsolete RFC 850 and asctime forms are not worth it.
    chrono::DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|date| date.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(cache_control: Option<&str>, expires: Option<&str>) -> Response {
        Response {
            url: "http://x/".to_owned(),
            status: 200,
            content_type: None,
            etag: None,
            last_modified: None,
            retry_after: None,
            location: None,
            cache_control: cache_control.map(str::to_owned),
            expires: expires.map(str::to_owned),
            body: Vec::new(),
        }
    }

    // 2015-10-21T07:28:00Z, worked out by hand: 16729 days * 86400 + 7 h 28 min.
    const OCT_21: i64 = 16_729 * 86_400 + 7 * 3600 + 28 * 60;

    #[test]
    fn http_dates_are_read() {
        assert_eq!(http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(OCT_21));
        assert_eq!(http_date("soon"), None);
    }

    #[test]
    fn the_latest_of_ttl_max_age_and_expires_counts() {
        let now = OCT_21 - 600;
        assert_eq!(next_due(now, &response(None, None), None), None);
        assert_eq!(
            next_due(now, &response(None, None), Some(30)),
            Some(now + 1800)
        );
        let cached = response(Some("public, max-age=3600"), None);
        assert_eq!(next_due(now, &cached, Some(30)), Some(now + 3600));
        let expires = response(None, Some("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(next_due(now, &expires, Some(5)), Some(OCT_21));
        let no_cache = response(Some("no-cache, max-age=99"), None);
        assert_eq!(next_due(now, &no_cache, None), None);
        assert_eq!(
            next_due(now, &response(None, None), Some(1_000_000)),
            Some(now + MAX_WAIT)
        );
    }

    #[test]
    fn retry_after_is_seconds_or_a_date_and_never_now() {
        assert_eq!(retry_at(100, Some("120")), 220);
        assert_eq!(retry_at(100, Some("0")), 100 + MIN_RETRY);
        assert_eq!(retry_at(100, None), 100 + DEFAULT_RETRY);
        assert_eq!(retry_at(100, Some("later")), 100 + DEFAULT_RETRY);
        let now = OCT_21 - 300;
        assert_eq!(retry_at(now, Some("Wed, 21 Oct 2015 07:28:00 GMT")), OCT_21);
    }
}
