//! The language server's start-up and memory budget, measured on the real release binary over
//! stdio, as an editor would see it: `initialize` answered within 20 ms of process start, and
//! resident memory under 30 MB with 50 open documents of 1,000 lines.
//! `cargo bench --bench server`; the memory figure is printed after criterion's report, because
//! it is one reading of a long-lived process, not a timing to sample.

#[allow(dead_code)]
mod corpus;

use criterion::{Criterion, SamplingMode, criterion_group};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const RSS_NAME: &str = "server/rss with 50 open 1,000-line documents";
/// Only guards against a hung server; it measures nothing.
const PATIENCE: Duration = Duration::from_secs(120);

/// Reads LSP messages (Content-Length framing) from the server's stdout.
struct Frames {
    reader: BufReader<ChildStdout>,
}

impl Frames {
    /// The next message, `Ok(None)` at end of output.
    fn next(&mut self) -> Result<Option<Value>, String> {
        let mut length = None;
        loop {
            let mut line = String::new();
            let read = self
                .reader
                .read_line(&mut line)
                .map_err(|e| format!("reading the server's output: {e}"))?;
            if read == 0 {
                return Ok(None);
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|e| format!("bad Content-Length {value:?}: {e}"))?,
                );
            }
        }
        let length = length.ok_or("a message without Content-Length")?;
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| format!("reading a message body: {e}"))?;
        serde_json::from_slice(&body)
            .map(Some)
            .map_err(|e| format!("a message that is not JSON: {e}"))
    }
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

fn send(stdin: &mut ChildStdin, message: &Value) -> Result<(), String> {
    stdin
        .write_all(&frame(message))
        .and_then(|()| stdin.flush())
        .map_err(|e| format!("writing to the server: {e}"))
}

fn spawn_server() -> Result<(Child, ChildStdin, Frames), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting {}: {e}", env!("CARGO_BIN_EXE_statuslint")))?;
    let stdin = child.stdin.take().ok_or("no stdin pipe")?;
    let stdout = child.stdout.take().ok_or("no stdout pipe")?;
    Ok((
        child,
        stdin,
        Frames {
            reader: BufReader::new(stdout),
        },
    ))
}

/// What VS Code sends, trimmed to the parts a status-code server could look at; the workspace
/// has no `statuslint.toml`, which is the common case.
fn initialize_request(id: i64) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "initialize",
        "params": {
            "processId": std::process::id(),
            "clientInfo": { "name": "Visual Studio Code", "version": "1.95.0" },
            "locale": "en",
            "rootPath": "/tmp/statuslint-bench",
            "rootUri": "file:///tmp/statuslint-bench",
            "workspaceFolders": [
                { "uri": "file:///tmp/statuslint-bench", "name": "statuslint-bench" }
            ],
            "initializationOptions": {},
            "trace": "off",
            "capabilities": {
                "general": {
                    "positionEncodings": ["utf-16"],
                    "markdown": { "parser": "marked", "version": "1.1.0" },
                    "staleRequestSupport": {
                        "cancel": true,
                        "retryOnContentModified": ["textDocument/semanticTokens/full"]
                    }
                },
                "workspace": {
                    "applyEdit": true,
                    "configuration": true,
                    "workspaceFolders": true,
                    "didChangeConfiguration": { "dynamicRegistration": true },
                    "didChangeWatchedFiles": {
                        "dynamicRegistration": true,
                        "relativePatternSupport": true
                    },
                    "workspaceEdit": {
                        "documentChanges": true,
                        "resourceOperations": ["create", "rename", "delete"]
                    }
                },
                "textDocument": {
                    "synchronization": {
                        "dynamicRegistration": true,
                        "willSave": true,
                        "willSaveWaitUntil": true,
                        "didSave": true
                    },
                    "hover": {
                        "dynamicRegistration": true,
                        "contentFormat": ["markdown", "plaintext"]
                    },
                    "completion": {
                        "dynamicRegistration": true,
                        "contextSupport": true,
                        "completionItem": {
                            "snippetSupport": true,
                            "documentationFormat": ["markdown", "plaintext"],
                            "insertReplaceSupport": true,
                            "labelDetailsSupport": true
                        }
                    },
                    "codeAction": {
                        "dynamicRegistration": true,
                        "isPreferredSupport": true,
                        "codeActionLiteralSupport": {
                            "codeActionKind": {
                                "valueSet": ["", "quickfix", "refactor", "source"]
                            }
                        }
                    },
                    "inlayHint": { "dynamicRegistration": true },
                    "publishDiagnostics": {
                        "relatedInformation": true,
                        "versionSupport": false,
                        "tagSupport": { "valueSet": [1, 2] },
                        "codeDescriptionSupport": true,
                        "dataSupport": true
                    }
                },
                "window": {
                    "workDoneProgress": true,
                    "showMessage": {},
                    "showDocument": { "support": true }
                }
            }
        }
    })
}

/// Reads until the response to `id`, answering nothing: only for the short exchanges around
/// `initialize` and `shutdown`, where the server sends little else.
fn await_response(frames: &mut Frames, id: i64) -> Result<Value, String> {
    loop {
        match frames.next()? {
            Some(message) if message["id"] == json!(id) && message.get("method").is_none() => {
                return Ok(message);
            }
            Some(_) => {}
            None => return Err(format!("the server exited before answering request {id}")),
        }
    }
}

/// One editor start: spawn, `initialize` written at once, the time until its full response.
/// Shutting down afterwards is not timed.
fn initialize_once() -> Result<Duration, String> {
    let request = frame(&initialize_request(1));
    let start = Instant::now();
    let (mut child, mut stdin, mut frames) = spawn_server()?;
    stdin
        .write_all(&request)
        .and_then(|()| stdin.flush())
        .map_err(|e| format!("writing initialize: {e}"))?;
    let response = await_response(&mut frames, 1)?;
    let elapsed = start.elapsed();
    if response.get("result").is_none() {
        return Err(format!("initialize failed: {response}"));
    }
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    )?;
    await_response(&mut frames, 2)?;
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    )?;
    drop(stdin);
    child
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    Ok(elapsed)
}

fn startup_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("server");
    // Each iteration is a process; flat sampling keeps the iteration count per sample small and
    // equal instead of ramping up to hundreds of spawns.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(30);
    group.bench_function("initialize from process start", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                match initialize_once() {
                    Ok(elapsed) => total += elapsed,
                    Err(error) => {
                        eprintln!("server/initialize from process start: {error}");
                        std::process::exit(1);
                    }
                }
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, startup_benches);

/// A running server whose output is drained by a thread, so that writing 50 large documents can
/// never dead-lock against the server writing diagnostics.
struct Session {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Result<Value, String>>,
    next_id: i64,
}

impl Session {
    fn start() -> Result<Session, String> {
        let (child, stdin, mut frames) = spawn_server()?;
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let message = frames.next();
                let end = !matches!(message, Ok(Some(_)));
                let sent = match message {
                    Ok(Some(value)) => tx.send(Ok(value)),
                    Ok(None) => return,
                    Err(error) => tx.send(Err(error)),
                };
                if end || sent.is_err() {
                    return;
                }
            }
        });
        Ok(Session {
            child,
            stdin,
            incoming,
            next_id: 1,
        })
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        send(
            &mut self.stdin,
            &json!({ "jsonrpc": "2.0", "method": method, "params": params }),
        )
    }

    /// The next message from the server; requests it makes (`client/registerCapability`) are
    /// answered as an editor would, so it never waits on us.
    fn receive(&mut self, deadline: Instant) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.incoming.recv_timeout(left) {
            Ok(message) => message?,
            Err(RecvTimeoutError::Timeout) => return Err("the server went quiet".to_string()),
            Err(RecvTimeoutError::Disconnected) => return Err("the server exited".to_string()),
        };
        if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
            send(
                &mut self.stdin,
                &json!({ "jsonrpc": "2.0", "id": id, "result": null }),
            )?;
        }
        Ok(message)
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        send(
            &mut self.stdin,
            &json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }),
        )?;
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline)?;
            if message["id"] == json!(id) && message.get("method").is_none() {
                return Ok(message);
            }
        }
    }

    /// VmRSS and VmHWM in KiB.
    fn memory_kib(&self) -> Result<(u64, u64), String> {
        let path = format!("/proc/{}/status", self.child.id());
        let status = std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .ok_or(format!("no {name} line in {path}"))
        };
        Ok((field("VmRSS:")?, field("VmHWM:")?))
    }

    fn stop(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        drop(self.stdin);
        self.child
            .wait()
            .map_err(|e| format!("waiting for the server: {e}"))?;
        Ok(())
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// 25 JavaScript and 25 Rust documents, each with its own first line so no two texts are equal.
fn documents() -> Vec<(String, &'static str, String)> {
    let javascript = corpus::javascript(999);
    let rust = corpus::rust(999);
    (0..50)
        .map(|i| {
            if i % 2 == 0 {
                (
                    format!("file:///tmp/statuslint-bench/routes_{i}.js"),
                    "javascript",
                    format!("// routes {i}: generated for the memory benchmark\n{javascript}"),
                )
            } else {
                (
                    format!("file:///tmp/statuslint-bench/handlers_{i}.rs"),
                    "rust",
                    format!("// handlers {i}: generated for the memory benchmark\n{rust}"),
                )
            }
        })
        .collect()
}

fn resident_memory() -> Result<(), String> {
    let mut session = Session::start()?;
    let init = session.request("initialize", initialize_request(0)["params"].clone())?;
    if init.get("result").is_none() {
        return Err(format!("initialize failed: {init}"));
    }
    let (after_initialize, _) = session.memory_kib()?;
    println!("server/rss after initialize: {}", mib(after_initialize));
    session.notify("initialized", json!({}))?;
    // `initialized` warms the catalog and queries up in the background: what that costs on its
    // own, before any document, separates it from the documents' share below.
    std::thread::sleep(Duration::from_secs(1));
    let (warmed, _) = session.memory_kib()?;
    println!(
        "server/rss after initialized, no documents: {}",
        mib(warmed)
    );

    let documents = documents();
    let mut waiting: HashSet<String> = documents.iter().map(|(uri, ..)| uri.clone()).collect();
    for (uri, language, text) in documents {
        session.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        )?;
    }
    let deadline = Instant::now() + PATIENCE;
    while !waiting.is_empty() {
        let message = session
            .receive(deadline)
            .map_err(|e| format!("{e} with {} documents not yet published", waiting.len()))?;
        if message["method"] == "textDocument/publishDiagnostics"
            && let Some(uri) = message["params"]["uri"].as_str()
        {
            waiting.remove(uri);
        }
    }
    // Let anything still running in the background (tree installs, the allocator) settle.
    std::thread::sleep(Duration::from_secs(1));
    let (rss, peak) = session.memory_kib()?;
    println!("{RSS_NAME}: {} (peak {})", mib(rss), mib(peak));
    session.stop()
}

/// Whether criterion's command line (filter, `--list`, `--exact`) selects the memory reading.
/// Criterion parses the same arguments itself; this only needs to tell a filter from an option's
/// value, loosely.
fn rss_selected() -> bool {
    const WITH_VALUE: &[&str] = &[
        "-c",
        "--color",
        "--colour",
        "-s",
        "--save-baseline",
        "-b",
        "--baseline",
        "--baseline-lenient",
        "--format",
        "--profile-time",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--plotting-backend",
        "--output-format",
    ];
    let mut args = std::env::args().skip(1);
    let mut filter = None;
    let mut exact = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" | "--ignored" => return false,
            "--exact" => exact = true,
            option if WITH_VALUE.contains(&option) => {
                args.next();
            }
            option if option.starts_with('-') => {}
            _ if filter.is_none() => filter = Some(arg),
            _ => {}
        }
    }
    match filter {
        None => true,
        Some(filter) if exact => filter == RSS_NAME,
        Some(filter) => RSS_NAME.contains(&filter) || filter.contains("server/rss"),
    }
}

/// How long a hover on a small document takes while a 20 MB one-line document is analysed, and
/// how long `exit` then takes to end the process: the two promises of README's Reliability
/// section that are about time. Printed once each, after criterion's report.
fn busy_server() -> Result<(), String> {
    let mut session = Session::start()?;
    let init = session.request("initialize", initialize_request(0)["params"].clone())?;
    if init.get("result").is_none() {
        return Err(format!("initialize failed: {init}"));
    }
    session.notify("initialized", json!({}))?;
    let small = "file:///tmp/statuslint-bench/small.js";
    session.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": small, "languageId": "javascript", "version": 1,
                "text": "app.get('/', (req, res) => res.status(531).end());\n" } }),
    )?;
    let hover =
        json!({ "textDocument": { "uri": small }, "position": { "line": 0, "character": 39 } });
    session.request("textDocument/hover", hover.clone())?;
    let huge = "res.status(200);".repeat(20 * 1024 * 1024 / 16);
    session.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/statuslint-bench/huge.js",
                "languageId": "javascript", "version": 1, "text": huge } }),
    )?;
    // Let the server read the document and start on it, then ask about the small one.
    std::thread::sleep(Duration::from_millis(500));
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let asked = Instant::now();
        session.request("textDocument/hover", hover.clone())?;
        slowest = slowest.max(asked.elapsed());
        std::thread::sleep(Duration::from_millis(20));
    }
    println!("{BUSY_NAME}: slowest of 20 hovers {slowest:?}");
    session.request("shutdown", Value::Null)?;
    let asked = Instant::now();
    session.notify("exit", Value::Null)?;
    session
        .child
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    println!("server/exit during that analysis: {:?}", asked.elapsed());
    Ok(())
}

const BUSY_NAME: &str = "server/hover while a 20 MB one-line document is analysed";

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !rss_selected() {
        return;
    }
    if !cfg!(target_os = "linux") {
        println!("{RSS_NAME}: skipped (resident memory is read from /proc, Linux only)");
        return;
    }
    if let Err(error) = resident_memory() {
        eprintln!("{RSS_NAME}: failed: {error}");
        std::process::exit(1);
    }
    if let Err(error) = busy_server() {
        eprintln!("{BUSY_NAME}: failed: {error}");
        std::process::exit(1);
    }
}
