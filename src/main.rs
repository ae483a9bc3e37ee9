use clap::Parser;
use statuslint::cli::{Cli, Command, check, explain, routes, rule};
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
        Command::Check(args) => {
            tree_sitter_allocates_with_mimalloc();
            ExitCode::from(check::run(args))
        }
        Command::Rule { name } => {
            let outcome = rule::run(name.as_deref());
            let _ = anstream::stdout().write_all(outcome.stdout.as_bytes());
            let _ = anstream::stderr().write_all(outcome.stderr.as_bytes());
            if outcome.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Command::Routes(args) => {
            let outcome = routes::run(&args);
            let _ = anstream::stdout().write_all(outcome.stdout.as_bytes());
            let _ = anstream::stderr().write_all(outcome.stderr.as_bytes());
            ExitCode::from(outcome.code)
        }
        Command::Lsp => statuslint::lsp::run_stdio(),
    }
}

/// `check` parses and compiles queries on every core at once, and tree-sitter allocates a node at
/// a time: with glibc's allocator that was about a twentieth of a check's CPU, in the allocator
/// and in the kernel handing pages back. mimalloc keeps per-thread pages. Only `check` switches:
/// the server's allocations are few and its memory is budgeted against the system allocator.
fn tree_sitter_allocates_with_mimalloc() {
    // SAFETY: tree-sitter has allocated nothing yet in this process (this runs before `check`
    // creates its first parser or query), so nothing allocated one way is ever freed the other.
    unsafe {
        tree_sitter::set_allocator(
            Some(libmimalloc_sys::mi_malloc),
            Some(libmimalloc_sys::mi_calloc),
            Some(libmimalloc_sys::mi_realloc),
            Some(libmimalloc_sys::mi_free),
        );
    }
}
