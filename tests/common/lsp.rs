//! An in-process LSP client. The real server (`statuslint::lsp::Backend` inside statuslint's own
//! transport, as `statuslint lsp` runs it) sits at the far end of two in-memory pipes and this client speaks JSON-RPC framed
//! with `Content-Length` headers at the near end, the way an editor does over stdio. Tests
//! therefore cover what an editor sees: capability negotiation, serialisation, the order of
//! notifications, not only the handlers.
//!
//! The client keeps its own copy of every open document so tests can say "replace this 404 with
//! 531" and let it work out the protocol range in the negotiated encoding.
//!
//! Every wait is bounded by [`PATIENCE`], which only turns a hang into a failure with a message;
//! no test measures how fast the server answers.

use super::text;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::ops::Range as Bytes;
use std::str::FromStr;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tower_lsp_server::LspService;
use tower_lsp_server::lsp_types::*;

/// How long to wait for any one message before declaring the server hung.
/// Generous: the robustness tests push 20 MB documents through a debug build on two cores shared
/// with other tests, and a shorter wait fails a slow run, not a hung one.
pub const PATIENCE: Duration = Duration::from_secs(180);

/// In-memory pipe capacity; large enough that a completion list with documentation never fills it
/// while the test is busy writing.
const PIPE: usize = 1 << 20;

pub fn uri(text: &str) -> Uri {
    Uri::from_str(text).unwrap_or_else(|e| panic!("{text:?} is not a URI: {e}"))
}

pub struct Lsp {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    /// Notifications read while the test waited for something else, oldest first.
    backlog: VecDeque<Value>,
    next_id: i64,
    /// The position encoding the server chose in its `initialize` answer.
    pub encoding: PositionEncodingKind,
    pub capabilities: ServerCapabilities,
    /// The client's copy of each open document: text and version.
    documents: HashMap<Uri, (String, i32)>,
    /// Requests the server sent (answered with `null`) that no test has consumed, oldest first.
    requests: VecDeque<Value>,
    server: JoinHandle<statuslint::lsp::transport::Ending>,
}

impl Lsp {
    /// A server initialised by a client that offers no position encodings (so UTF-16).
    pub async fn start() -> Lsp {
        Lsp::start_offering(None).await
    }

    /// A server initialised by a client that prefers UTF-8 positions.
    pub async fn start_utf8() -> Lsp {
        Lsp::start_offering(Some(vec![
            PositionEncodingKind::UTF8,
            PositionEncodingKind::UTF16,
        ]))
        .await
    }

    /// A server initialised by a client that offers `encodings` and renders Markdown in hovers
    /// and completion documentation, as VS Code and Neovim do.
    pub async fn start_offering(encodings: Option<Vec<PositionEncodingKind>>) -> Lsp {
        let params = InitializeParams {
            capabilities: ClientCapabilities {
                general: Some(GeneralClientCapabilities {
                    position_encodings: encodings,
                    ..GeneralClientCapabilities::default()
                }),
                text_document: Some(markdown_client()),
                ..ClientCapabilities::default()
            },
            ..InitializeParams::default()
        };
        Lsp::start_custom(statuslint::lsp::Backend::new, params).await
    }

    /// A server built by `backend` (e.g. with a test hook), initialised with `params`.
    pub async fn start_custom(
        backend: impl Fn(tower_lsp_server::Client) -> statuslint::lsp::Backend + Send + Sync + 'static,
        params: InitializeParams,
    ) -> Lsp {
        let (client_in, server_in) = tokio::io::duplex(PIPE);
        let (server_out, client_out) = tokio::io::duplex(PIPE);
        let (service, socket) = LspService::new(backend);
        let server = tokio::spawn(statuslint::lsp::transport::serve(
            server_in, server_out, service, socket,
        ));
        let mut lsp = Lsp {
            to_server: client_in,
            from_server: BufReader::new(client_out),
            backlog: VecDeque::new(),
            next_id: 1,
            encoding: PositionEncodingKind::UTF16,
            capabilities: ServerCapabilities::default(),
            documents: HashMap::new(),
            requests: VecDeque::new(),
            server,
        };
        let result: InitializeResult = lsp.request("initialize", params).await;
        lsp.encoding = result
            .capabilities
            .position_encoding
            .clone()
            .unwrap_or(PositionEncodingKind::UTF16);
        lsp.capabilities = result.capabilities;
        lsp.notify("initialized", InitializedParams {}).await;
        lsp
    }

    // ---- documents -------------------------------------------------------------------------

    /// Opens a document at version 1.
    pub async fn open(&mut self, uri_text: &str, language_id: &str, text: &str) -> Uri {
        let uri = uri(uri_text);
        self.documents.insert(uri.clone(), (text.to_string(), 1));
        self.notify(
            "textDocument/didOpen",
            DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(
                    uri.clone(),
                    language_id.to_string(),
                    1,
                    text.to_string(),
                ),
            },
        )
        .await;
        uri
    }

    /// Sends incremental changes as given, and applies them to the client's copy the way the
    /// protocol says (in order, each against the result of the previous one).
    pub async fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) {
        let encoding = self.encoding.clone();
        let (doc, doc_version) = self
            .documents
            .get_mut(uri)
            .unwrap_or_else(|| panic!("{} is not open", uri.as_str()));
        for change in &changes {
            match change.range {
                Some(range) => {
                    let start = text::offset(doc, range.start, &encoding);
                    let end = text::offset(doc, range.end, &encoding);
                    doc.replace_range(start..end, &change.text);
                }
                None => *doc = change.text.clone(),
            }
        }
        *doc_version = version;
        self.notify(
            "textDocument/didChange",
            DidChangeTextDocumentParams {
                text_document: VersionedTextDocumentIdentifier::new(uri.clone(), version),
                content_changes: changes,
            },
        )
        .await;
    }

    /// Replaces `bytes` of the client's copy with `new_text` in one incremental change at the
    /// next version, which it returns.
    pub async fn replace(&mut self, uri: &Uri, bytes: Bytes<usize>, new_text: &str) -> i32 {
        let range = self.range(uri, bytes);
        let version = self.version(uri) + 1;
        self.change(
            uri,
            version,
            vec![TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: new_text.to_string(),
            }],
        )
        .await;
        version
    }

    /// Replaces `needle` inside the first `context` of the document: `edit(&uri,
    /// "res.status(404)", "404", "531")`. Returns the new version.
    pub async fn edit(&mut self, uri: &Uri, context: &str, needle: &str, new_text: &str) -> i32 {
        let bytes = text::find_in(self.text(uri), context, needle);
        self.replace(uri, bytes, new_text).await
    }

    pub async fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri);
        self.notify(
            "textDocument/didClose",
            DidCloseTextDocumentParams {
                text_document: TextDocumentIdentifier::new(uri.clone()),
            },
        )
        .await;
    }

    /// The client's copy of an open document.
    pub fn text(&self, uri: &Uri) -> &str {
        &self.document(uri).0
    }

    pub fn version(&self, uri: &Uri) -> i32 {
        self.document(uri).1
    }

    fn document(&self, uri: &Uri) -> &(String, i32) {
        self.documents
            .get(uri)
            .unwrap_or_else(|| panic!("{} is not open", uri.as_str()))
    }

    /// The protocol position of a byte offset in an open document, in the negotiated encoding.
    pub fn position(&self, uri: &Uri, offset: usize) -> Position {
        text::position(self.text(uri), offset, &self.encoding)
    }

    pub fn range(&self, uri: &Uri, bytes: Bytes<usize>) -> Range {
        text::range(self.text(uri), bytes, &self.encoding)
    }

    // ---- requests ----------------------------------------------------------------------------

    pub async fn hover(&mut self, uri: &Uri, position: Position) -> Option<Hover> {
        self.request(
            "textDocument/hover",
            HoverParams {
                text_document_position_params: TextDocumentPositionParams::new(
                    TextDocumentIdentifier::new(uri.clone()),
                    position,
                ),
                work_done_progress_params: WorkDoneProgressParams::default(),
            },
        )
        .await
    }

    /// Hover with the cursor on the byte at `offset`.
    pub async fn hover_at(&mut self, uri: &Uri, offset: usize) -> Option<Hover> {
        let position = self.position(uri, offset);
        self.hover(uri, position).await
    }

    /// The completion items at `position`; `None` when the server answers `null`.
    pub async fn completion(
        &mut self,
        uri: &Uri,
        position: Position,
    ) -> Option<Vec<CompletionItem>> {
        let response: Option<CompletionResponse> = self
            .request(
                "textDocument/completion",
                CompletionParams {
                    text_document_position: TextDocumentPositionParams::new(
                        TextDocumentIdentifier::new(uri.clone()),
                        position,
                    ),
                    work_done_progress_params: WorkDoneProgressParams::default(),
                    partial_result_params: PartialResultParams::default(),
                    context: None,
                },
            )
            .await;
        response.map(|r| match r {
            CompletionResponse::Array(items) => items,
            CompletionResponse::List(list) => list.items,
        })
    }

    /// Completion with the cursor at the end of the document's text.
    /// Opens `source` and asks for completions at the end of `typed`'s first occurrence; returns
    /// the items (none at all is a failure) and the range `typed` occupies, which every item's
    /// edit must replace.
    pub async fn complete_after(
        &mut self,
        file: &str,
        language_id: &str,
        source: &str,
        typed: &str,
    ) -> (Vec<CompletionItem>, Range) {
        let uri = self.open(file, language_id, source).await;
        let bytes = text::find_in(source, typed, typed);
        let position = self.position(&uri, bytes.end);
        let items = self
            .completion(&uri, position)
            .await
            .unwrap_or_else(|| panic!("no completion after {typed:?} in {source}"));
        assert!(!items.is_empty(), "empty completion after {typed:?}");
        let range = self.range(&uri, bytes);
        self.close(&uri).await;
        (items, range)
    }

    pub async fn completion_at_end(&mut self, uri: &Uri) -> Option<Vec<CompletionItem>> {
        let end = self.text(uri).len();
        let position = self.position(uri, end);
        self.completion(uri, position).await
    }

    // ---- notifications from the server ---------------------------------------------------------

    /// The next `publishDiagnostics` for `uri`, whether it already arrived or is still to come.
    pub async fn diagnostics(&mut self, uri: &Uri) -> PublishDiagnosticsParams {
        let wanted = uri.as_str().to_string();
        let message = self
            .next(&format!("publishDiagnostics for {wanted}"), |m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == *wanted
            })
            .await;
        serde_json::from_value(message["params"].clone())
            .expect("publishDiagnostics params have the protocol's shape")
    }

    /// Every `publishDiagnostics` for `uri` already read from the pipe and not yet consumed, in
    /// the order the server sent them. Everything the server sent before the last message a test
    /// waited for has been read, so this is "all publications so far" without any waiting.
    pub fn received_diagnostics(&mut self, uri: &Uri) -> Vec<PublishDiagnosticsParams> {
        let wanted = uri.as_str();
        let (mine, rest): (Vec<Value>, Vec<Value>) = self.backlog.drain(..).partition(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == wanted
        });
        self.backlog = rest.into();
        mine.into_iter()
            .map(|m| {
                serde_json::from_value(m["params"].clone())
                    .expect("publishDiagnostics params have the protocol's shape")
            })
            .collect()
    }

    /// Shuts the server down as an editor does (`shutdown`, then `exit`), and returns every
    /// notification it sent that no test consumed, to the end of the stream. A test uses it to
    /// prove that something was never sent.
    pub async fn shutdown(mut self) -> Vec<Value> {
        let () = self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        let mut rest: Vec<Value> = self.backlog.drain(..).collect();
        let drained = timeout(PATIENCE, async {
            while let Some(message) = self.read_message().await {
                rest.push(message);
            }
        })
        .await;
        assert!(
            drained.is_ok(),
            "the server kept its output open after exit"
        );
        let stopped = timeout(PATIENCE, self.server).await;
        assert!(
            matches!(stopped, Ok(Ok(statuslint::lsp::transport::Ending::Exit))),
            "the server did not stop cleanly after exit"
        );
        rest
    }

    // ---- JSON-RPC ----------------------------------------------------------------------------

    /// Sends a request and returns its result; panics on an error response.
    pub async fn request<R: DeserializeOwned>(
        &mut self,
        method: &str,
        params: impl Serialize,
    ) -> R {
        let response = self.request_raw(method, params).await;
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        serde_json::from_value(response.get("result").cloned().unwrap_or(Value::Null))
            .unwrap_or_else(|e| panic!("{method} answered {response}, not the expected shape: {e}"))
    }

    /// Sends a request and returns the whole response message.
    pub async fn request_raw(&mut self, method: &str, params: impl Serialize) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.next(&format!("the response to {method}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
        .await
    }

    pub async fn notify(&mut self, method: &str, params: impl Serialize) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("JSON values serialise");
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server
            .write_all(frame.as_bytes())
            .await
            .expect("the server's input pipe is open");
    }

    /// The next request for `method` the server sent us (answered with `null`), whether it
    /// already arrived or is still to come.
    pub async fn server_request(&mut self, method: &str) -> Value {
        if let Some(i) = self.requests.iter().position(|m| m["method"] == method) {
            return self.requests.remove(i).expect("position is in range");
        }
        self.next(&format!("a {method} request"), |m| {
            m["method"] == method && m.get("id").is_some()
        })
        .await
    }

    /// How many requests for `method` the server sent that no test consumed, without waiting.
    pub fn unconsumed_requests(&self, method: &str) -> usize {
        self.requests
            .iter()
            .filter(|m| m["method"] == method)
            .count()
    }

    /// The first message matching `wanted`, from the backlog or else the pipe. Messages that do
    /// not match wait in the backlog; requests from the server are answered with `null`, which
    /// is what a client that supports none of them would say.
    async fn next(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i).expect("position is in range");
        }
        let found = timeout(PATIENCE, async {
            loop {
                let Some(message) = self.read_message().await else {
                    panic!("the server closed its output while the test waited for {what}");
                };
                if message.get("method").is_some() && message.get("id").is_some() {
                    let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                    self.send(&reply).await;
                    if wanted(&message) {
                        return message;
                    }
                    self.requests.push_back(message);
                } else if wanted(&message) {
                    return message;
                } else {
                    self.backlog.push_back(message);
                }
            }
        })
        .await;
        found.unwrap_or_else(|_| panic!("no {what} within {PATIENCE:?}: the server seems hung"))
    }

    /// One framed message, or None at the end of the stream.
    async fn read_message(&mut self) -> Option<Value> {
        let mut length = None;
        loop {
            let mut line = String::new();
            let read = self
                .from_server
                .read_line(&mut line)
                .await
                .expect("the server's output pipe reads");
            if read == 0 {
                assert!(length.is_none(), "the stream ended inside a message header");
                return None;
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("malformed header line {line:?}"));
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .expect("Content-Length is a number"),
                );
            }
        }
        let length = length.expect("every message carries a Content-Length header");
        let mut body = vec![0; length];
        self.from_server
            .read_exact(&mut body)
            .await
            .expect("the body is as long as Content-Length says");
        Some(serde_json::from_slice(&body).expect("the server sends JSON"))
    }
}

/// The Markdown of a hover, which this server always sends as `MarkupContent`.
/// Text-document capabilities of a client that renders Markdown in hovers and completion
/// documentation.
pub fn markdown_client() -> TextDocumentClientCapabilities {
    TextDocumentClientCapabilities {
        hover: Some(HoverClientCapabilities {
            content_format: Some(vec![MarkupKind::Markdown, MarkupKind::PlainText]),
            ..HoverClientCapabilities::default()
        }),
        completion: Some(CompletionClientCapabilities {
            completion_item: Some(CompletionItemCapability {
                documentation_format: Some(vec![MarkupKind::Markdown, MarkupKind::PlainText]),
                ..CompletionItemCapability::default()
            }),
            ..CompletionClientCapabilities::default()
        }),
        ..TextDocumentClientCapabilities::default()
    }
}

pub fn markdown(hover: &Hover) -> &str {
    match &hover.contents {
        HoverContents::Markup(content) => {
            assert_eq!(content.kind, MarkupKind::Markdown);
            &content.value
        }
        other => panic!("hover is not Markdown markup: {other:?}"),
    }
}

/// The text edit of a completion item, which this server always sends as a plain `TextEdit`.
/// What each completion item writes into the file.
pub fn inserts(items: &[CompletionItem]) -> Vec<&str> {
    items
        .iter()
        .map(|i| text_edit(i).new_text.as_str())
        .collect()
}

pub fn text_edit(item: &CompletionItem) -> &TextEdit {
    match &item.text_edit {
        Some(CompletionTextEdit::Edit(edit)) => edit,
        other => panic!("{:?} has no plain text edit: {other:?}", item.label),
    }
}
