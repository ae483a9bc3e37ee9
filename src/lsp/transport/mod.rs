//! The server's own read and write loops around tower-lsp-server's `LspService`, in place of its
//! `Server`, for three reasons:
//! - `Server` reads through tokio-util's `FramedRead`, which ends the stream at the first frame it
//!   cannot decode, and so the session; `frames` keeps reading instead, and each bad frame gets
//!   an error answer (with the request's id when the bytes still show it) and one log line.
//! - `Server` runs at most four handlers at once and polls them as one stream, so four slow
//!   requests held up every other; here each request is a task of its own, while notifications
//!   run to completion in the order they came (their handlers only update state and hand the
//!   analysis to a background task), so a request always sees every change sent before it.
//! - `exit` must end the process at once. Returning from here lets the caller do that without
//!   dropping the runtime, which would wait for analysis threads still running.

mod frames;

use frames::{Frame, Framer};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ClientSocket, LanguageServer, LspService};

/// How the session ended, for the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: status 0, as LSP asks.
    Exit,
    /// `exit` without `shutdown`, or the input closed first: status 1.
    Abrupt,
}

impl Ending {
    pub fn code(self) -> i32 {
        match self {
            Ending::Exit => 0,
            Ending::Abrupt => 1,
        }
    }
}

/// How long queued output may take to go out once `exit` has come: the answers already
/// computed are worth sending, but `exit` must end the process within 100 ms.
const FLUSH_ON_EXIT: Duration = Duration::from_millis(50);

/// Serves `service` over `input`/`output` until `exit` or the end of the input.
pub async fn serve<S, I, O>(
    input: I,
    output: O,
    mut service: LspService<S>,
    socket: ClientSocket,
) -> Ending
where
    S: LanguageServer,
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (out_tx, out_rx) = mpsc::unbounded_channel::<Value>();
    let writer = tokio::spawn(write_loop(output, out_rx));
    let (mut server_requests, mut client_responses) = socket.split();
    let forward_tx = out_tx.clone();
    let forward = tokio::spawn(async move {
        while let Some(request) = server_requests.next().await {
            let Ok(value) = serde_json::to_value(&request) else {
                continue;
            };
            if forward_tx.send(value).is_err() {
                break;
            }
        }
    });

    let mut input = input;
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut shut_down = false;
    let mut eof = false;
    let ending = 'session: loop {
        while let Some(frame) = framer.next(eof) {
            let body = match frame {
                Frame::Message(body) => body,
                Frame::Bad { reason, dropped } => {
                    log(&format!("dropped a bad frame: {reason}"));
                    let id = recoverable_id(&dropped);
                    let code = if id.is_some() { -32600 } else { -32700 };
                    reply_error(
                        &out_tx,
                        id.unwrap_or(Value::Null),
                        code,
                        &format!("bad frame: {reason}"),
                    );
                    continue;
                }
            };
            match classify(&body) {
                Incoming::Request(request) => {
                    let method = request.method().to_string();
                    if std::future::poll_fn(|cx| service.poll_ready(cx))
                        .await
                        .is_err()
                    {
                        break 'session if shut_down {
                            Ending::Exit
                        } else {
                            Ending::Abrupt
                        };
                    }
                    let is_request = request.id().is_some();
                    let future = service.call(request);
                    if method == "exit" {
                        let _ = future.await;
                        break 'session if shut_down {
                            Ending::Exit
                        } else {
                            Ending::Abrupt
                        };
                    }
                    if !is_request {
                        // Notifications run here, in order; their handlers return quickly.
                        let _ = future.await;
                        continue;
                    }
                    if method == "shutdown" || method == "initialize" {
                        // Answered here rather than in a task, so that what follows them on the
                        // input is judged in the state they leave.
                        if let Ok(Some(response)) = future.await {
                            shut_down |= method == "shutdown" && response.is_ok();
                            send_response(&out_tx, response);
                        }
                        continue;
                    }
                    let out = out_tx.clone();
                    tokio::spawn(async move {
                        if let Ok(Some(response)) = future.await {
                            send_response(&out, response);
                        }
                    });
                }
                Incoming::Response(response) => {
                    if client_responses.send(response).await.is_err() {
                        log("dropped a response to a request the server no longer waits for");
                    }
                }
                Incoming::Invalid { id, code, reason } => {
                    log(&format!("refused a message: {reason}"));
                    reply_error(&out_tx, id, code, &reason);
                }
            }
        }
        if eof {
            break if shut_down {
                Ending::Exit
            } else {
                Ending::Abrupt
            };
        }
        match input.read(&mut chunk).await {
            Ok(0) => eof = true,
            Ok(n) => framer.push(&chunk[..n]),
            Err(error) => {
                log(&format!("cannot read the input: {error}"));
                eof = true;
            }
        }
    };
    forward.abort();
    drop(out_tx);
    let mut writer = writer;
    if tokio::time::timeout(FLUSH_ON_EXIT, &mut writer)
        .await
        .is_err()
    {
        // Requests still running hold the queue open; what they would answer is not waited for.
        writer.abort();
    }
    ending
}

enum Incoming {
    Request(Request),
    Response(Response),
    Invalid {
        id: Value,
        code: i64,
        reason: String,
    },
}

/// What a well-framed body is: a request or notification, a response to one of ours, or
/// something to refuse (with the id to refuse it under, when there is one).
fn classify(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            return Incoming::Invalid {
                id: Value::Null,
                code: -32700,
                reason: format!("the body is not JSON: {error}"),
            };
        }
    };
    let Value::Object(object) = &value else {
        return Incoming::Invalid {
            id: Value::Null,
            code: -32600,
            reason: format!("the body is {}, not a JSON-RPC object", kind(&value)),
        };
    };
    let id = object
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    if object.contains_key("method") {
        return match serde_json::from_value::<Request>(value) {
            Ok(request) => Incoming::Request(request),
            Err(error) => Incoming::Invalid {
                id,
                code: -32600,
                reason: format!("not a valid request: {error}"),
            },
        };
    }
    if object.contains_key("result") || object.contains_key("error") {
        return match serde_json::from_value::<Response>(value) {
            Ok(response) => Incoming::Response(response),
            Err(error) => Incoming::Invalid {
                id: Value::Null,
                code: -32600,
                reason: format!("not a valid response: {error}"),
            },
        };
    }
    Incoming::Invalid {
        id,
        code: -32600,
        reason: "an object with neither a method nor a result".to_string(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The id of a request whose frame was wrong, when its bytes still parse as one: the client is
/// then told which request failed instead of waiting for it forever.
fn recoverable_id(dropped: &[u8]) -> Option<Value> {
    let value: Value = serde_json::from_slice(dropped.trim_ascii()).ok()?;
    value.get("method")?;
    value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
}

fn reply_error(out: &mpsc::UnboundedSender<Value>, id: Value, code: i64, message: &str) {
    let _ = out.send(json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    }));
}

fn send_response(out: &mpsc::UnboundedSender<Value>, response: Response) {
    if let Ok(value) = serde_json::to_value(&response) {
        let _ = out.send(value);
    }
}

/// One line on stderr, which editors keep as the server's log.
fn log(message: &str) {
    eprintln!("statuslint: {message}");
}

async fn write_loop<O: AsyncWrite + Unpin>(
    mut output: O,
    mut queue: mpsc::UnboundedReceiver<Value>,
) {
    let mut buffer = Vec::new();
    while let Some(message) = queue.recv().await {
        buffer.clear();
        let body = serde_json::to_vec(&message).unwrap_or_default();
        buffer.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        buffer.extend_from_slice(&body);
        if output.write_all(&buffer).await.is_err() {
            return;
        }
        if queue.is_empty() && output.flush().await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}
