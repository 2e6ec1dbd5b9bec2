//! Fuzzes OPML import: any text gives feeds or a reason, never a panic; every feed has an
//! address and no address twice; what is exported reads back as the same feeds (a feed
//! without a name is exported with its address as its name, by design: compared so).
#![no_main]

use lectern::feed::opml::{export, import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(imported) = import(&text) else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for feed in &imported.feeds {
        assert!(!feed.url.is_empty(), "a feed without an address");
        assert!(seen.insert(feed.url.clone()), "{} twice", feed.url);
    }
    let written = export(&imported.feeds, &|_| None);
    let again = import(&written).expect("lectern's own export imports");
    let named = |feeds: &[lectern::feed::Subscription]| -> Vec<_> {
        let mut feeds = feeds.to_vec();
        for feed in &mut feeds {
            feed.title.get_or_insert_with(|| feed.url.clone());
        }
        feeds
    };
    assert_eq!(
        named(&again.feeds),
        named(&imported.feeds),
        "export then import changed the feeds\n{written}"
    );
});
