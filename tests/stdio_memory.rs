//! The real binary over stdio: it answers `initialize`, survives opening and closing 1,000
//! documents, and gives the memory back afterwards (resident memory read from /proc, Linux only).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_statuslint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
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
                        length = value.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            // Generous: only guards against a hang, measures nothing.
            let message = self
                .incoming
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers");
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn resident_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("Linux /proc");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
            .expect("VmRSS line")
    }
}

fn document(i: usize) -> String {
    let mut text = String::new();
    for line in 0..100 {
        text.push_str(&format!(
            "app.get('/r{i}/{line}', (req, res) => res.status({}).json({{ id: {line} }}));\n",
            [200, 404, 531, 299][line % 4]
        ));
    }
    text
}

#[test]
fn memory_returns_after_opening_and_closing_a_thousand_documents() {
    let mut server = Server::start();
    let init = server.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(init["result"]["serverInfo"]["name"], "statuslint");
    server.notify("initialized", json!({}));

    // Warm up: the first documents pull in the catalog, queries and parser tables.
    let uri = |i: usize| format!("file:///tmp/doc{i}.js");
    for i in 0..20 {
        server.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(i), "languageId": "javascript", "version": 1, "text": document(i) } }),
        );
        server.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri(i) } }),
        );
    }
    let hover_params = |i: usize| json!({ "textDocument": { "uri": uri(i) }, "position": { "line": 2, "character": 40 } });
    server.request("textDocument/hover", hover_params(0));
    let baseline = server.resident_kib();

    for i in 0..1000 {
        server.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(i), "languageId": "javascript", "version": 1, "text": document(i) } }),
        );
        if i % 50 == 49 {
            // Let analyses finish so closing really drops everything they hold.
            server.request("textDocument/hover", hover_params(i));
            for j in i - 49..=i {
                server.notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": uri(j) } }),
                );
            }
        }
    }
    // The hover answers after every close before it has been handled.
    let answer = server.request("textDocument/hover", hover_params(999));
    assert_eq!(answer["result"], Value::Null, "closed documents are gone");
    std::thread::sleep(Duration::from_millis(500));
    let after = server.resident_kib();
    eprintln!("resident memory: {baseline} KiB before, {after} KiB after 1,000 documents");
    assert!(
        after < baseline + 16 * 1024,
        "resident memory grew from {baseline} KiB to {after} KiB"
    );

    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().expect("the server exits");
    assert!(
        status.success(),
        "exit after shutdown is a clean exit: {status}"
    );
}
