//! lectern's entry point: parse the arguments, run, report errors.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lectern::cli::Cli::parse();
    lectern::cli::run(cli).unwrap_or_else(|error| {
        eprintln!("lectern: error: {error:#}");
        ExitCode::from(2)
    })
}
