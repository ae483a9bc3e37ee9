//! The language server front end: protocol, documents, positions and settings. The analysis
//! itself is the engine in `analysis`; this module only adapts it to LSP.

mod commands;
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
    limit_malloc_arenas();
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

/// glibc gives each thread that allocates while another holds an arena an arena of its own, up
/// to eight per core, and each keeps the memory freed into it. The server allocates on the
/// protocol thread, two async workers and the analysis threads, so documents read on one and
/// analysed on another left about 7 MiB more resident with 50 documents open (35 MiB against
/// 27 MiB with two arenas, `cargo bench --bench server`). Set before any thread starts.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
