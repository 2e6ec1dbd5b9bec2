//! The floor of the feeds bench: the same GETs by a plain ureq agent (no redirects followed,
//! the same timeouts, bodies read whole up to the same cap), with the same limits as lectern's
//! fetch: `jobs` requests at a time in all and `per_host` per host, hosts told apart by
//! `host:port`. Nothing is parsed or stored: what any client pays for the requests alone.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The requests not yet made, and how many are under way to each host.
type Queue<'a> = (
    VecDeque<&'a (String, Option<String>)>,
    HashMap<String, usize>,
);

/// Fetches every `(url, if_none_match)` and returns the wall time and the statuses seen.
pub fn fetch_all(
    requests: &[(String, Option<String>)],
    jobs: usize,
    per_host: usize,
) -> (Duration, Vec<u16>) {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .timeout_connect(Some(Duration::from_secs(10)))
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .new_agent();
    let queue: Mutex<Queue> = Mutex::new((requests.iter().collect(), HashMap::new()));
    let freed = Condvar::new();
    let statuses = Mutex::new(Vec::with_capacity(requests.len()));
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let mut state = queue.lock().expect("queue");
                    let (request, host) = loop {
                        if state.0.is_empty() {
                            return;
                        }
                        let (waiting, busy) = &mut *state;
                        let free = waiting.iter().position(|(url, _)| {
                            busy.get(&host_of(url)).copied().unwrap_or(0) < per_host
                        });
                        if let Some(request) = free.and_then(|index| waiting.remove(index)) {
                            let host = host_of(&request.0);
                            *busy.entry(host.clone()).or_insert(0) += 1;
                            break (request, host);
                        }
                        state = freed.wait(state).expect("queue");
                    };
                    drop(state);
                    let mut call = agent.get(&request.0);
                    if let Some(etag) = &request.1 {
                        call = call.header("If-None-Match", etag);
                    }
                    let status = match call.call() {
                        Ok(mut response) => {
                            let body = response
                                .body_mut()
                                .with_config()
                                .limit(16 * 1024 * 1024)
                                .read_to_vec()
                                .unwrap_or_default();
                            std::hint::black_box(body);
                            response.status().as_u16()
                        }
                        Err(_) => 0,
                    };
                    statuses.lock().expect("statuses").push(status);
                    let mut state = queue.lock().expect("queue");
                    if let Some(count) = state.1.get_mut(&host) {
                        *count -= 1;
                    }
                    drop(state);
                    freed.notify_all();
                }
            });
        }
    });
    (start.elapsed(), statuses.into_inner().expect("statuses"))
}

/// `host:port` of an `http://` address.
fn host_of(url: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    rest.split('/').next().unwrap_or(rest).to_owned()
}
