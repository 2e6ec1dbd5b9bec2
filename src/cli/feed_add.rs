//! `lectern feed add URL`: the address may be a feed or a web page that names its feed
//! (`<link rel="alternate" type="application/rss+xml">`, autodiscovery). The feed is fetched
//! and parsed to check it and learn its title, added to feeds.toml (keeping the file's
//! comments and order), and its entries stored.

use std::process::ExitCode;

use anyhow::{Context, bail};
use dom_query::Document;

use crate::config::Config;
use crate::feed::fetch::{self, Event, Options};
use crate::feed::{Subscription, subscriptions};
use crate::net::Client;
use crate::text::sanitize::sanitize_line;

/// Arguments of `lectern feed add`.
#[derive(Debug, clap::Args)]
pub struct FeedAddArgs {
    /// The feed's address, or a web page's that links to its feed
    #[arg(value_name = "URL")]
    pub url: String,
    /// The name to show instead of the feed's own title
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The language of its articles, when the feed does not say or says wrong
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// A tag, for `tag:` in the filter (repeat for more)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
}

/// The feed types autodiscovery looks for.
const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
];

/// The first feed a page names (`<link rel="alternate" type=…>`), made absolute against
/// `base` (the page's address).
pub fn discover(html: &str, base: &str) -> Option<String> {
    let document = Document::from(html);
    document.select("link[href]").iter().find_map(|link| {
        let rel = link.attr("rel").map(|r| r.to_ascii_lowercase())?;
        let kind = link.attr("type").map(|t| t.trim().to_ascii_lowercase())?;
        let alternate = rel.split_whitespace().any(|word| word == "alternate");
        if !alternate || !FEED_TYPES.contains(&kind.as_str()) {
            return None;
        }
        crate::html::resolve_link(&link.attr("href")?, Some(base))
    })
}

/// The address of the feed `url` is or names, with its title, checked by parsing it.
fn find_feed(url: &str, client: &Client) -> anyhow::Result<(String, Option<String>)> {
    let response = client.get(url, &[])?;
    if !response.is_success() {
        return Err(response.status_error().into());
    }
    let content_type = response.content_type.as_deref();
    if let Ok(parsed) = crate::feed::parse(&response.body, content_type, &response.url) {
        return Ok((response.url.clone(), parsed.title));
    }
    let (page, _) = crate::html::decode_served(&response.body, content_type);
    let Some(feed_url) = discover(&page, &response.url) else {
        bail!("{url}: neither a feed nor a page that links to one");
    };
    let feed = client.get(&feed_url, &[])?;
    if !feed.is_success() {
        return Err(feed.status_error().into());
    }
    let parsed = crate::feed::parse(&feed.body, feed.content_type.as_deref(), &feed.url)
        .map_err(|error| anyhow::anyhow!("{feed_url} (named by {url}): {error}"))?;
    Ok((feed.url.clone(), parsed.title))
}

/// Runs `lectern feed add`.
///
/// # Errors
/// feeds.toml cannot be read or written, or the database cannot be opened.
pub fn run(args: &FeedAddArgs, config: &Config) -> anyhow::Result<ExitCode> {
    let file = subscriptions::default_file().context("no configuration folder")?;
    let existing = subscriptions::load(&file)?;
    let client = Client::new(config.network.clone());
    let (url, title) = match find_feed(&args.url, &client) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("lectern: {}", sanitize_line(&format!("{error:#}")));
            return Ok(ExitCode::FAILURE);
        }
    };
    if existing.iter().any(|s| s.url == url) {
        eprintln!(
            "lectern: {} is already in {}",
            sanitize_line(&url),
            file.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let subscription = Subscription {
        url: url.clone(),
        title: args.title.clone(),
        lang: args.lang.clone(),
        tags: args.tags.clone(),
        ..Subscription::default()
    };
    subscriptions::add(&file, &subscription)?;
    let shown = args.title.as_deref().or(title.as_deref()).unwrap_or(&url);
    println!("added {} ({})", sanitize_line(shown), sanitize_line(&url));
    let mut connection = super::fetch::open_database()?;
    let options = Options {
        settings: config.feeds.clone(),
        network: config.network.clone(),
        force: true,
    };
    let mut failed = false;
    let report = fetch::run(&mut connection, &[subscription], &options, |event| {
        if let Event::Failed { reason, .. } = event {
            failed = true;
            eprintln!("lectern: {}", sanitize_line(&reason));
        }
    })?;
    println!("{} new articles", report.new);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_alternate_feed_link_is_found_and_made_absolute() {
        let html = "<html><head>\
            <link rel=\"stylesheet\" href=\"/s.css\">\
            <link rel=\"alternate\" type=\"text/html\" href=\"/fr/\">\
            <link rel=\"Alternate\" type=\"application/atom+xml\" href=\"feeds/atom.xml\">\
            <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">\
            </head><body></body></html>";
        assert_eq!(
            discover(html, "https://news.example/world/index.html").as_deref(),
            Some("https://news.example/world/feeds/atom.xml")
        );
        assert_eq!(discover("<p>no feed</p>", "https://news.example/"), None);
    }
}
