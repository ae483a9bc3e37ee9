//! statuslint: a language server and linter for HTTP status codes. See ARCHITECTURE.md for the
//! flow from bytes to findings.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod frameworks;
pub mod lsp;
pub mod routes;
pub mod rules;
pub mod syntax;

/// What a caught panic says, for the one request (server) or file (`check`) it ends.
pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}
