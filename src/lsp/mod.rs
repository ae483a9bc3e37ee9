//! The language server front end: protocol, documents, positions and settings. The analysis
//! itself is the engine in `analysis`; this module only adapts it to LSP.

pub mod completion;
pub mod convert;
pub mod document;
pub mod markdown;
pub mod position;
mod server;
mod settings;
pub mod transport;
mod watcher;

pub use server::Backend;

use tower_lsp_server::LspService;

/// Serves LSP on stdin/stdout until the client sends `exit` or closes stdin, then ends the
/// process at once: analysis threads still running are abandoned, not waited for (dropping the
/// runtime would wait for them).
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
    let ending = runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        transport::serve(tokio::io::stdin(), tokio::io::stdout(), service, socket).await
    });
    std::process::exit(ending.code())
}
