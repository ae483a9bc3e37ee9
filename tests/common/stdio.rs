//! A client of the real binary, `statuslint lsp`, over its stdin and stdout: what an editor
//! runs. Messages the server sends are read on a thread and kept in order, so a test can wait
//! for one (a response by id, the diagnostics of a document) without losing the others; stderr,
//! the server's log, is kept too.
//!
//! Every wait is bounded by [`PATIENCE`], which turns a hang into a failure; nothing here
//! measures speed.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const PATIENCE: Duration = Duration::from_secs(120);

pub struct Stdio {
    pub child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    backlog: VecDeque<Value>,
    log: Arc<Mutex<Vec<String>>>,
    next_id: i64,
}

impl Stdio {
    pub fn start() -> Stdio {
        Stdio::start_in(&std::env::temp_dir())
    }

    /// Starts the server with `dir` as its working directory.
    pub fn start_in(dir: &std::path::Path) -> Stdio {
        let mut child = Command::new(env!("CARGO_BIN_EXE_statuslint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped_())
            .stdout(Stdio::piped_())
            .stderr(Stdio::piped_())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse().expect("the server writes a numeric length");
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Stdio {
            child,
            stdin,
            incoming,
            backlog: VecDeque::new(),
            log,
            next_id: 1,
        }
    }

    fn piped_() -> std::process::Stdio {
        std::process::Stdio::piped()
    }

    /// Starts and initialises a server with these client capabilities and workspace folders.
    pub fn initialized(capabilities: Value, folders: &[&std::path::Path]) -> Stdio {
        let mut server = Stdio::start();
        let folders: Vec<Value> = folders
            .iter()
            .enumerate()
            .map(|(i, path)| json!({ "uri": file_uri(path), "name": format!("folder{i}") }))
            .collect();
        let init = server.request(
            "initialize",
            json!({ "capabilities": capabilities, "workspaceFolders": folders }),
        );
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        server.notify("initialized", json!({}));
        server
    }

    /// Writes bytes as they are, framed or not.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Sends a request and waits for its response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(&json!(id))
    }

    pub fn response(&mut self, id: &Value) -> Value {
        self.wait(&format!("the response to {id}"), |m| {
            m["id"] == *id && m.get("method").is_none()
        })
    }

    /// Waits for the response to `id` and returns it with every message that came before it
    /// and was not yet taken (a bad frame's error answers, for one).
    pub fn response_after(&mut self, id: i64) -> (Vec<Value>, Value) {
        let mut before: Vec<Value> = self.backlog.drain(..).collect();
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no response to {id}; log: {:?}", self.log()));
            if message["id"] == json!(id) && message.get("method").is_none() {
                return (before, message);
            }
            before.push(message);
        }
    }

    /// Waits for the next message that `wanted` accepts; the others stay for later waits.
    pub fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(what, PATIENCE, wanted)
            .unwrap_or_else(|| panic!("no {what} within {PATIENCE:?}; log: {:?}", self.log()))
    }

    pub fn wait_for(
        &mut self,
        _what: &str,
        patience: Duration,
        wanted: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(at) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(at);
        }
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return Some(message),
                Ok(message) => self.backlog.push_back(message),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Waits for the diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// The codes of the diagnostics published next for `uri`.
    pub fn codes(&mut self, uri: &str) -> Vec<String> {
        self.diagnostics(uri)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    /// Hovers at `line`/`character` of `uri` and returns the hover's text, or None.
    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Option<String> {
        let response = self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        );
        assert!(response.get("error").is_none(), "hover failed: {response}");
        response["result"]["contents"]["value"]
            .as_str()
            .map(str::to_string)
    }

    /// The server's log so far (its stderr).
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits up to `patience` for the process to end.
    pub fn exit_status(&mut self, patience: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("Linux /proc");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            .expect("VmRSS line")
    }
}

impl Drop for Stdio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}
