//! lectern's entry point: parse the arguments, run, report errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = lectern::cli::parse();
    lectern::cli::run(cli).unwrap_or_else(|error| {
        lectern::cli::tell(&format!("error: {error:#}"));
        ExitCode::from(2)
    })
}
