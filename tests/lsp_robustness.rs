//! The server never crashes, never answers out of turn and keeps serving: panics, protocol abuse
//! and hostile content, all through the real protocol.

mod common;

use common::lsp::{Lsp, uri};
use serde_json::{Value, json};
use tower_lsp_server::lsp_types::*;

const GOOD: &str = "app.get('/', (req, res) => res.status(531).end());\n";

fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

#[tokio::test]
async fn a_panic_in_one_request_leaves_the_server_serving() {
    let marker = "PANIC-HERE";
    let mut lsp = Lsp::start_custom(
        move |client| statuslint::lsp::Backend::with_panic_marker(client, marker),
        InitializeParams {
            capabilities: ClientCapabilities {
                text_document: Some(common::lsp::markdown_client()),
                ..ClientCapabilities::default()
            },
            ..InitializeParams::default()
        },
    )
    .await;
    let bad = lsp
        .open(
            "file:///bad.js",
            "javascript",
            &format!("// {marker}\nres.status(404);\n"),
        )
        .await;
    lsp.diagnostics(&bad).await;
    let response = lsp
        .request_raw(
            "textDocument/hover",
            json!({ "textDocument": { "uri": bad }, "position": { "line": 1, "character": 12 } }),
        )
        .await;
    assert_eq!(
        error_code(&response),
        Some(-32603),
        "an internal error: {response}"
    );

    // The same server still answers, on another document and on the same one.
    let good = lsp.open("file:///good.js", "javascript", GOOD).await;
    let published = lsp.diagnostics(&good).await;
    assert_eq!(published.diagnostics.len(), 1);
    let at = GOOD.find("531").unwrap();
    let hover = lsp.hover_at(&good, at).await.expect("hover still works");
    assert!(common::lsp::markdown(&hover).contains("531"));
    let again = lsp
        .request_raw(
            "textDocument/completion",
            json!({ "textDocument": { "uri": bad }, "position": { "line": 1, "character": 11 } }),
        )
        .await;
    assert!(again.get("error").is_none(), "{again}");
    lsp.shutdown().await;
}

#[tokio::test]
async fn requests_before_initialize_are_refused_and_after_shutdown_too() {
    let (client_in, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, client_out) = tokio::io::duplex(1 << 16);
    let (service, socket) = tower_lsp_server::LspService::new(statuslint::lsp::Backend::new);
    let server = tokio::spawn(statuslint::lsp::transport::serve(
        server_in, server_out, service, socket,
    ));
    let mut raw = common::raw::Raw::new(client_in, client_out);
    let early = raw
        .request(1, "textDocument/hover", json!({ "textDocument": { "uri": "file:///a.js" }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert_eq!(
        error_code(&early),
        Some(-32002),
        "server not initialized: {early}"
    );
    let init = raw
        .request(2, "initialize", json!({ "capabilities": {} }))
        .await;
    assert!(init["result"]["capabilities"].is_object());
    raw.notify("initialized", json!({})).await;
    let down = raw.request(3, "shutdown", Value::Null).await;
    assert!(down.get("error").is_none());
    let late = raw
        .request(4, "textDocument/hover", json!({ "textDocument": { "uri": "file:///a.js" }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert_eq!(
        error_code(&late),
        Some(-32600),
        "invalid request after shutdown: {late}"
    );
    raw.notify("exit", Value::Null).await;
    server.await.expect("the server stops after exit");
}

#[tokio::test]
async fn unknown_methods_and_malformed_params_get_errors() {
    let mut lsp = Lsp::start().await;
    let unknown = lsp.request_raw("statuslint/noSuchThing", json!({})).await;
    assert_eq!(error_code(&unknown), Some(-32601), "{unknown}");
    let malformed = lsp
        .request_raw("textDocument/hover", json!({ "textDocument": 42 }))
        .await;
    assert_eq!(error_code(&malformed), Some(-32602), "{malformed}");
    // Malformed notifications have no answer; the server carries on.
    lsp.notify("textDocument/didOpen", json!({ "textDocument": "nope" }))
        .await;
    lsp.notify("textDocument/didChange", json!({})).await;
    let doc = lsp.open("file:///still.js", "javascript", GOOD).await;
    assert_eq!(lsp.diagnostics(&doc).await.diagnostics.len(), 1);
    lsp.shutdown().await;
}

#[tokio::test]
async fn odd_positions_versions_and_unopened_documents_are_handled() {
    let mut lsp = Lsp::start().await;
    // A change to a document never opened: ignored, nothing published.
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///ghost.js", "version": 2 },
                "contentChanges": [{ "text": "res.status(600)" }] }),
    )
    .await;
    let doc = lsp.open("file:///odd.js", "javascript", GOOD).await;
    assert_eq!(lsp.diagnostics(&doc).await.diagnostics.len(), 1);
    // Positions past the end of a line and of the file: answered, not a crash.
    for (line, character) in [(0, 10_000), (500, 0), (u32::MAX, u32::MAX)] {
        let hover = lsp
            .request_raw(
                "textDocument/hover",
                json!({ "textDocument": { "uri": doc }, "position": { "line": line, "character": character } }),
            )
            .await;
        assert!(hover.get("error").is_none(), "{hover}");
        let completion = lsp
            .request_raw(
                "textDocument/completion",
                json!({ "textDocument": { "uri": doc }, "position": { "line": line, "character": character } }),
            )
            .await;
        assert!(completion.get("error").is_none(), "{completion}");
    }
    // An edit whose range lies past the end appends at the end.
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 2 },
                "contentChanges": [{ "range": { "start": { "line": 99, "character": 0 }, "end": { "line": 99, "character": 5 } },
                                     "text": "res.status(600);\n" }] }),
    )
    .await;
    let after = lsp.diagnostics(&doc).await;
    assert_eq!(after.version, Some(2));
    assert_eq!(after.diagnostics.len(), 2, "{:?}", after.diagnostics);
    // A version that goes backwards is ignored: the next publication is still version 2's.
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 1 },
                "contentChanges": [{ "text": "res.status(200);" }] }),
    )
    .await;
    let hover = lsp
        .request_raw(
            "textDocument/hover",
            json!({ "textDocument": { "uri": doc }, "position": { "line": 1, "character": 12 } }),
        )
        .await;
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|m| m.contains("600")),
        "the document is still version 2's text: {hover}"
    );
    lsp.shutdown().await;
}

#[tokio::test]
async fn a_burst_of_a_thousand_changes_ends_in_the_last_versions_diagnostics() {
    let mut lsp = Lsp::start().await;
    let doc = lsp
        .open("file:///burst.js", "javascript", "res.status(200);\n")
        .await;
    lsp.diagnostics(&doc).await;
    for version in 2..=1001 {
        let code = if version == 1001 {
            "600"
        } else {
            ["201", "404", "299"][version as usize % 3]
        };
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": doc, "version": version },
                    "contentChanges": [{ "range": { "start": { "line": 0, "character": 11 }, "end": { "line": 0, "character": 14 } },
                                         "text": code }] }),
        )
        .await;
    }
    loop {
        let published = lsp.diagnostics(&doc).await;
        let version = published.version.expect("versioned");
        assert!(version <= 1001);
        if version == 1001 {
            assert_eq!(published.diagnostics.len(), 1);
            assert_eq!(
                published.diagnostics[0].code,
                Some(NumberOrString::String("invalid-code".into()))
            );
            break;
        }
    }
    lsp.shutdown().await;
}

#[tokio::test]
async fn hostile_content_is_survived_and_other_documents_stay_responsive() {
    let mut lsp = Lsp::start().await;
    // 20 MB of minified JavaScript on one line, with status calls spread through it.
    let chunk = "function a(b){return b.status(200).json({x:[1,2,3],y:\"z\"})};";
    let mut huge = String::with_capacity(20 * 1024 * 1024 + chunk.len());
    while huge.len() < 20 * 1024 * 1024 {
        huge.push_str(chunk);
    }
    let big = lsp.open("file:///huge.min.js", "javascript", &huge).await;
    // While it is analysed, another document answers.
    let small = lsp.open("file:///small.js", "javascript", GOOD).await;
    let hover = lsp.hover_at(&small, GOOD.find("531").unwrap()).await;
    assert!(
        hover.is_some(),
        "hover on a small document answers while a huge one is analysed"
    );
    lsp.diagnostics(&big).await;

    let long_line = format!("const s = \"{}\"; res.status(600);\n", "x".repeat(1 << 20));
    let deep = format!(
        "res.status({}404{});\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let nul = "res.status(531);\u{0}\u{0}\u{1}\u{7f}\nres.status(\u{0}600);\n";
    for (name, text) in [
        ("long.js", long_line.as_str()),
        ("deep.js", deep.as_str()),
        ("nul.js", nul),
    ] {
        let doc = lsp
            .open(&format!("file:///{name}"), "javascript", text)
            .await;
        lsp.diagnostics(&doc).await;
        let answer = lsp
            .request_raw(
                "textDocument/hover",
                json!({ "textDocument": { "uri": doc }, "position": { "line": 0, "character": 5 } }),
            )
            .await;
        assert!(answer.get("error").is_none(), "{name}: {answer}");
    }
    let rust = lsp
        .open(
            "file:///deep.rs",
            "rust",
            &format!(
                "fn f() {{ let x = {}1{}; }}\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
        )
        .await;
    lsp.diagnostics(&rust).await;
    lsp.shutdown().await;
}

#[tokio::test]
async fn a_document_over_the_size_limit_is_skipped_with_one_message() {
    let mut lsp = Lsp::start().await;
    let limit = statuslint::lsp::document::MAX_DOCUMENT_BYTES;
    let text = format!("res.status(600);\n{}", " ".repeat(limit));
    let doc = lsp.open("file:///enormous.js", "javascript", &text).await;
    let published = lsp.diagnostics(&doc).await;
    assert!(published.diagnostics.is_empty());
    let rest = lsp.shutdown().await;
    let messages: Vec<&Value> = rest
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    let _ = uri("file:///enormous.js");
    assert!(
        messages.iter().any(|m| m["params"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not checked")),
        "one clear message: {messages:?}"
    );
}
