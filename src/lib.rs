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
