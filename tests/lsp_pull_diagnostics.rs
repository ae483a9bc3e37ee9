//! Pull diagnostics (LSP 3.17 `textDocument/diagnostic`) through the real server, for clients
//! that declare them (VS Code's client, Neovim 0.10+): the server answers pulls with the
//! current version's findings and a result id, says "unchanged" when the client holds them
//! already, asks the client to pull again when settings change, and pushes nothing.

mod common;

use common::lsp::{Lsp, markdown_client};
use serde_json::{Value, json};
use tower_lsp_server::lsp_types::{
    ClientCapabilities, DiagnosticClientCapabilities, DiagnosticServerCapabilities,
    DiagnosticWorkspaceClientCapabilities, InitializeParams, TextDocumentClientCapabilities,
    WorkspaceClientCapabilities,
};

async fn pulling_client(refresh: bool) -> Lsp {
    let params = InitializeParams {
        capabilities: ClientCapabilities {
            text_document: Some(TextDocumentClientCapabilities {
                diagnostic: Some(DiagnosticClientCapabilities::default()),
                ..markdown_client()
            }),
            workspace: Some(WorkspaceClientCapabilities {
                diagnostic: Some(DiagnosticWorkspaceClientCapabilities {
                    refresh_support: Some(refresh),
                }),
                ..WorkspaceClientCapabilities::default()
            }),
            ..ClientCapabilities::default()
        },
        ..InitializeParams::default()
    };
    Lsp::start_custom(statuslint::lsp::Backend::new, params).await
}

async fn pull(lsp: &mut Lsp, uri: &str, previous: Option<&str>) -> Value {
    let response = lsp
        .request_raw(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri }, "previousResultId": previous }),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

fn rules(report: &Value) -> Vec<&str> {
    report["items"]
        .as_array()
        .expect("a full report has items")
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn a_pulling_client_gets_reports_and_no_pushes() {
    let mut lsp = pulling_client(true).await;
    match &lsp.capabilities.diagnostic_provider {
        Some(DiagnosticServerCapabilities::Options(options)) => {
            assert_eq!(options.identifier.as_deref(), Some("statuslint"));
            assert!(!options.inter_file_dependencies);
        }
        other => panic!("no diagnosticProvider: {other:?}"),
    }
    let text = "app.get('/', (req, res) => {\n  // 😀 CDN\n  res.status(531).end();\n});\n";
    let doc = lsp.open("file:///pull.js", "javascript", text).await;
    let first = pull(&mut lsp, doc.as_str(), None).await;
    assert_eq!(first["kind"], "full", "{first}");
    assert_eq!(rules(&first), ["platform-reserved"]);
    assert_eq!(
        first["items"][0]["range"],
        json!({ "start": { "line": 2, "character": 13 }, "end": { "line": 2, "character": 16 } })
    );
    let id = first["resultId"].as_str().expect("a result id").to_string();

    // Nothing changed: the client keeps what it has.
    let again = pull(&mut lsp, doc.as_str(), Some(&id)).await;
    assert_eq!(again, json!({ "kind": "unchanged", "resultId": id }));

    // An edit: the next pull is the new version's, under a new id.
    lsp.edit(&doc, "res.status(531)", "531", "503").await;
    let edited = pull(&mut lsp, doc.as_str(), Some(&id)).await;
    assert_eq!(edited["kind"], "full", "{edited}");
    assert!(rules(&edited).is_empty(), "{edited}");
    let edited_id = edited["resultId"].as_str().unwrap().to_string();
    assert_ne!(edited_id, id);

    // A settings change asks the client to pull again, and the pull follows the new settings.
    lsp.edit(&doc, "res.status(503)", "503", "531").await;
    let back = pull(&mut lsp, doc.as_str(), None).await;
    assert_eq!(rules(&back), ["platform-reserved"]);
    let back_id = back["resultId"].as_str().unwrap().to_string();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "statuslint": { "rules": { "platform-reserved": "off" } } } }),
    )
    .await;
    lsp.server_request("workspace/diagnostic/refresh").await;
    let after = pull(&mut lsp, doc.as_str(), Some(&back_id)).await;
    assert_eq!(after["kind"], "full", "{after}");
    assert!(rules(&after).is_empty(), "{after}");

    // A document statuslint does not read (the client pulls for every one it shows).
    let other = pull(&mut lsp, "file:///notes.md", None).await;
    assert_eq!(other["kind"], "full");
    assert!(rules(&other).is_empty());

    let rest = lsp.shutdown().await;
    assert!(
        !rest
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "a pulling client was pushed diagnostics: {rest:?}"
    );
}

#[tokio::test]
async fn a_client_that_cannot_pull_is_pushed_to() {
    let mut lsp = Lsp::start().await;
    assert!(lsp.capabilities.diagnostic_provider.is_none());
    let doc = lsp
        .open(
            "file:///push.js",
            "javascript",
            "app.get('/', (req, res) => res.status(531).end());\n",
        )
        .await;
    let pushed = lsp.diagnostics(&doc).await;
    assert_eq!(pushed.diagnostics.len(), 1);
    lsp.shutdown().await;
}

#[tokio::test]
async fn without_refresh_support_the_next_pull_still_sees_new_settings() {
    let mut lsp = pulling_client(false).await;
    let doc = lsp
        .open(
            "file:///norefresh.js",
            "javascript",
            "app.get('/', (req, res) => res.status(531).end());\n",
        )
        .await;
    let first = pull(&mut lsp, doc.as_str(), None).await;
    let id = first["resultId"].as_str().unwrap().to_string();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "statuslint": { "rules": { "platform-reserved": "off" } } } }),
    )
    .await;
    let after = pull(&mut lsp, doc.as_str(), Some(&id)).await;
    assert_eq!(after["kind"], "full", "{after}");
    assert!(rules(&after).is_empty());
    // No refresh was asked of a client that cannot take one.
    assert_eq!(lsp.unconsumed_requests("workspace/diagnostic/refresh"), 0);
    lsp.shutdown().await;
}
