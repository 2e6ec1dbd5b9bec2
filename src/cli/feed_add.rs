//! `lectern feed add`: written on the fetching side (branch feedfetch); this placeholder only
//! keeps the parsing branch building and is replaced by that branch's file at merge.

use std::process::ExitCode;

use crate::config::Config;

/// Fails: `lectern feed add` is not built on this branch.
///
/// # Errors
/// Always.
pub fn run(_args: &super::feed::FeedArgs, _config: &Config) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
