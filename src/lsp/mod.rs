//! The language server front end: protocol, documents, positions and settings. The analysis
//! itself is the engine in `analysis`; this module only adapts it to LSP.

pub mod completion;
pub mod convert;
pub mod document;
pub mod markdown;
pub mod position;
mod server;
mod settings;

pub use server::Backend;

use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until the client sends `exit`.
pub fn run_stdio() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("statuslint: cannot start the async runtime: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    std::process::ExitCode::SUCCESS
}
