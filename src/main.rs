//! lectern's entry point: parse the arguments, run, report errors.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = lectern::cli::parse();
    let code = lectern::cli::run(cli).unwrap_or_else(|error| {
        lectern::cli::tell(&format!("error: {error:#}"));
        ExitCode::from(2)
    });
    // Quitting while a library loads: its cache, half written on another thread, is removed.
    lectern::library::remove_unfinished();
    code
}
