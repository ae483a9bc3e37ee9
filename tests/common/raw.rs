//! A bare JSON-RPC peer, for what the polite client in `lsp.rs` never does (talking before
//! `initialize`, after `shutdown`).

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

pub struct Raw {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
}

impl Raw {
    pub fn new(to_server: DuplexStream, from_server: DuplexStream) -> Raw {
        Raw {
            to_server,
            from_server: BufReader::new(from_server),
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Sends a request and returns the response with its id, skipping anything else.
    pub async fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        let wait = async {
            loop {
                let message = self.read().await;
                if message["id"] == json!(id) && message.get("method").is_none() {
                    return message;
                }
            }
        };
        tokio::time::timeout(super::lsp::PATIENCE, wait)
            .await
            .unwrap_or_else(|_| panic!("no answer to {method}"))
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server
            .write_all(frame.as_bytes())
            .await
            .expect("pipe open");
    }

    async fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.from_server
                .read_line(&mut line)
                .await
                .expect("pipe open");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.from_server
            .read_exact(&mut body)
            .await
            .expect("a body");
        serde_json::from_slice(&body).expect("JSON")
    }
}
