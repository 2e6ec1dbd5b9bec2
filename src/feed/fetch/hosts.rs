//! Who may send a request now: at most `per_host` requests at a time to one host (feeds and
//! the pages of their entries alike), the overall limit being the number of workers. Feeds
//! wait in a queue; a worker takes the first whose host has room, so one slow host does not
//! hold up the others.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The queue of feeds to fetch and the requests in flight per host.
#[derive(Debug)]
pub struct Hosts<T> {
    per_host: usize,
    state: Mutex<State<T>>,
    freed: Condvar,
}

#[derive(Debug)]
struct State<T> {
    queue: VecDeque<(String, T)>,
    busy: HashMap<String, usize>,
}

/// A request's place: the host's count goes down when it is dropped.
pub struct Slot<'a, T> {
    hosts: &'a Hosts<T>,
    host: String,
}

impl<T> Drop for Slot<'_, T> {
    fn drop(&mut self) {
        let mut state = self.hosts.lock();
        if let Some(count) = state.busy.get_mut(&self.host) {
            *count = count.saturating_sub(1);
        }
        drop(state);
        self.hosts.freed.notify_all();
    }
}

impl<T> Hosts<T> {
    /// A queue of `tasks`, each with its host.
    pub fn new(per_host: usize, tasks: impl IntoIterator<Item = (String, T)>) -> Self {
        Self {
            per_host: per_host.max(1),
            state: Mutex::new(State {
                queue: tasks.into_iter().collect(),
                busy: HashMap::new(),
            }),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A worker that panicked left the counts consistent (they change under the lock only).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next queued task whose host has room, with its slot; waits while every queued
    /// host is full; `None` when the queue is empty.
    pub fn next(&self) -> Option<(T, Slot<'_, T>)> {
        let mut state = self.lock();
        loop {
            if state.queue.is_empty() {
                return None;
            }
            let per_host = self.per_host;
            let free = state
                .queue
                .iter()
                .position(|(host, _)| state.busy.get(host).copied().unwrap_or(0) < per_host);
            if let Some((host, task)) = free.and_then(|index| state.queue.remove(index)) {
                *state.busy.entry(host.clone()).or_insert(0) += 1;
                return Some((task, Slot { hosts: self, host }));
            }
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// A slot for one more request to `host`, waiting while it is full.
    pub fn acquire(&self, host: &str) -> Slot<'_, T> {
        let mut state = self.lock();
        while state.busy.get(host).copied().unwrap_or(0) >= self.per_host {
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *state.busy.entry(host.to_owned()).or_insert(0) += 1;
        Slot {
            hosts: self,
            host: host.to_owned(),
        }
    }

    /// How many requests to `host` are in flight.
    #[cfg(test)]
    fn busy(&self, host: &str) -> usize {
        self.lock().busy.get(host).copied().unwrap_or(0)
    }
}

/// The host (and port) of an address, lowercased; the address itself when it has none.
pub fn host_of(url: &str) -> String {
    url.parse::<ureq::http::Uri>()
        .ok()
        .and_then(|uri| uri.authority().map(|a| a.as_str().to_ascii_lowercase()))
        .unwrap_or_else(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_host_is_skipped_for_one_with_room() {
        let hosts = Hosts::new(
            2,
            [("a", 1), ("a", 2), ("a", 3), ("b", 4)].map(|(h, t)| (h.to_owned(), t)),
        );
        let (first, slot1) = hosts.next().expect("1");
        let (second, _slot2) = hosts.next().expect("2");
        assert_eq!((first, second), (1, 2));
        assert_eq!(hosts.busy("a"), 2);
        // "a" is full: the feed of "b" goes first.
        let (third, _slot3) = hosts.next().expect("3");
        assert_eq!(third, 4);
        drop(slot1);
        assert_eq!(hosts.busy("a"), 1);
        let (fourth, _slot4) = hosts.next().expect("4");
        assert_eq!(fourth, 3);
        assert!(hosts.next().is_none());
    }

    #[test]
    fn hosts_are_told_apart_by_authority() {
        assert_eq!(host_of("http://127.0.0.1:8080/feed"), "127.0.0.1:8080");
        assert_eq!(host_of("https://Example.org/a?b"), "example.org");
    }
}
