use clap::Parser;
use statuslint::cli::{Cli, Command, check, explain};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Explain {
            query,
            format,
            limit,
        } => {
            let outcome = explain::run(&query.join(" "), format, limit);
            let _ = anstream::stdout().write_all(outcome.stdout.as_bytes());
            let _ = anstream::stderr().write_all(outcome.stderr.as_bytes());
            if outcome.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Check(args) => ExitCode::from(check::run(args)),
        Command::Lsp => statuslint::lsp::run_stdio(),
    }
}
