//! The integration tests, in one binary (one link, one process to start): a module per area,
//! each in `tests/integration/<area>.rs`, and the helpers they share in `support`. Run one area
//! with `cargo test --test integration <area>`.
//!
//! This file is the crate root, so a plain `mod app;` would look for `tests/app.rs`: each
//! module names its file under `tests/integration/` instead.

#[path = "integration/support.rs"]
mod support;

#[path = "integration/app.rs"]
mod app;
#[path = "integration/app_loading.rs"]
mod app_loading;
#[path = "integration/article_clean.rs"]
mod article_clean;
#[path = "integration/article_dates.rs"]
mod article_dates;
#[path = "integration/cli.rs"]
mod cli;
#[path = "integration/cli_check_terminal.rs"]
mod cli_check_terminal;
#[path = "integration/cli_errors.rs"]
mod cli_errors;
#[path = "integration/cli_output.rs"]
mod cli_output;
#[path = "integration/cli_shell.rs"]
mod cli_shell;
#[path = "integration/compare.rs"]
mod compare;
#[path = "integration/feed_fetch.rs"]
mod feed_fetch;
#[path = "integration/feed_hostile.rs"]
mod feed_hostile;
#[path = "integration/feed_library.rs"]
mod feed_library;
#[path = "integration/feed_opml.rs"]
mod feed_opml;
#[path = "integration/feed_parse.rs"]
mod feed_parse;
#[path = "integration/feed_polite.rs"]
mod feed_polite;
#[path = "integration/feed_subscriptions.rs"]
mod feed_subscriptions;
#[path = "integration/feed_terminal.rs"]
mod feed_terminal;
#[path = "integration/feed_tui.rs"]
mod feed_tui;
#[path = "integration/filter_fold.rs"]
mod filter_fold;
#[path = "integration/filter_highlight.rs"]
mod filter_highlight;
#[path = "integration/filter_keyboards.rs"]
mod filter_keyboards;
#[path = "integration/filter_match.rs"]
mod filter_match;
#[path = "integration/filter_narrow.rs"]
mod filter_narrow;
#[path = "integration/filter_query.rs"]
mod filter_query;
#[path = "integration/filter_syntax.rs"]
mod filter_syntax;
#[path = "integration/hostile_articles.rs"]
mod hostile_articles;
#[path = "integration/hostile_escapes.rs"]
mod hostile_escapes;
#[path = "integration/hostile_feed_articles.rs"]
mod hostile_feed_articles;
#[path = "integration/hostile_feeds.rs"]
mod hostile_feeds;
#[path = "integration/hostile_layout.rs"]
mod hostile_layout;
#[path = "integration/hostile_sanitize.rs"]
mod hostile_sanitize;
#[path = "integration/hostile_server.rs"]
mod hostile_server;
#[path = "integration/hostile_state_config.rs"]
mod hostile_state_config;
#[path = "integration/hostile_terminal.rs"]
mod hostile_terminal;
#[path = "integration/html_charsets.rs"]
mod html_charsets;
#[path = "integration/html_hostile.rs"]
mod html_hostile;
#[path = "integration/html_pages.rs"]
mod html_pages;
#[path = "integration/html_rtl_set.rs"]
mod html_rtl_set;
#[path = "integration/layout_conformance.rs"]
mod layout_conformance;
#[path = "integration/layout_direction.rs"]
mod layout_direction;
#[path = "integration/layout_golden.rs"]
mod layout_golden;
#[path = "integration/layout_joiners.rs"]
mod layout_joiners;
#[path = "integration/layout_line.rs"]
mod layout_line;
#[path = "integration/layout_nesting.rs"]
mod layout_nesting;
#[path = "integration/layout_options.rs"]
mod layout_options;
#[path = "integration/layout_props.rs"]
mod layout_props;
#[path = "integration/layout_reorder.rs"]
mod layout_reorder;
#[path = "integration/layout_sanitize.rs"]
mod layout_sanitize;
#[path = "integration/library_cache.rs"]
mod library_cache;
#[path = "integration/library_load.rs"]
mod library_load;
#[path = "integration/net_add.rs"]
mod net_add;
#[path = "integration/net_client.rs"]
mod net_client;
#[path = "integration/net_hostile.rs"]
mod net_hostile;
#[path = "integration/reader_find.rs"]
mod reader_find;
#[path = "integration/reader_links.rs"]
mod reader_links;
#[path = "integration/reliab_cache.rs"]
mod reliab_cache;
#[path = "integration/reliab_invisible.rs"]
mod reliab_invisible;
#[path = "integration/reliab_roots.rs"]
mod reliab_roots;
#[path = "integration/reliab_temp.rs"]
mod reliab_temp;
#[path = "integration/reliab_unreadable.rs"]
mod reliab_unreadable;
#[path = "integration/search_cli.rs"]
mod search_cli;
#[path = "integration/seeds.rs"]
mod seeds;
#[path = "integration/shell.rs"]
mod shell;
#[path = "integration/shell_sizes.rs"]
mod shell_sizes;
#[path = "integration/shell_terminal.rs"]
mod shell_terminal;
#[path = "integration/store_bad_state.rs"]
mod store_bad_state;
#[path = "integration/store_concurrent.rs"]
mod store_concurrent;
#[path = "integration/store_crash.rs"]
mod store_crash;
#[path = "integration/store_files.rs"]
mod store_files;
#[path = "integration/store_limits.rs"]
mod store_limits;
#[path = "integration/terminal.rs"]
mod terminal;
#[path = "integration/terminal_input.rs"]
mod terminal_input;
#[path = "integration/tui_body_search.rs"]
mod tui_body_search;
#[path = "integration/tui_screens.rs"]
mod tui_screens;
#[path = "integration/tui_sort.rs"]
mod tui_sort;
