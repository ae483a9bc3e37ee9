//! The command line: `explain`, `check` and `lsp`, parsed with clap.

pub mod check;
pub mod explain;
pub mod routes;
pub mod rule;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "statuslint",
    version,
    about = "HTTP status codes, checked: a linter and language server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Explain a status code (`531`) or search by phrase or keyword (`"rate limit"`).
    Explain {
        /// A code, a phrase, a keyword, a platform or a class.
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: explain::Format,
        /// How many matches a search shows.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Lint files and directories: findings as text, JSON, SARIF or GitHub annotations.
    ///
    /// Exit code 0 when nothing at or above --fail-on was found, 1 when something was,
    /// 2 on a usage, configuration or I/O error.
    Check(check::Args),
    /// Print a rule's documentation (`statuslint rule ok-on-error`), or list the rules.
    Rule {
        /// The rule's name; without one, every rule with its default severity and summary.
        name: Option<String>,
    },
    /// List every route handler with the statuses it can send: method, path, statuses, file:line.
    Routes(routes::Args),
    /// Run the language server on stdin/stdout.
    Lsp,
}
