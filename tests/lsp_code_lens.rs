//! Code lens through the real server: above each route handler its method, path and the
//! statuses it can send, whose command carries where each one is sent (exact UTF-16 ranges);
//! off with `codeLens: false`.

mod common;

use common::lsp::{Lsp, markdown_client};
use serde_json::{Value, json};
use tower_lsp_server::lsp_types::{ClientCapabilities, InitializeParams};

const APP: &str = r#"const express = require("express");
const app = express();

function notFound(res) {
  /* 😀 漢字 */ res.status(404).json({ error: "not found" });
}

app.get("/users/:id", async (req, res) => {
  const user = await db.users.find(req.params.id);
  if (!user) return notFound(res);
  res.json(user);
});

app.post("/users", (req, res) => res.status(201).json(req.body));
"#;

async fn lenses(lsp: &mut Lsp, uri: &str) -> Value {
    let response = lsp
        .request_raw(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

#[tokio::test]
async fn each_route_gets_a_lens_with_its_statuses_and_where_they_are_sent() {
    let mut lsp = Lsp::start().await;
    assert!(lsp.capabilities.code_lens_provider.is_some());
    let doc = lsp.open("file:///app.js", "javascript", APP).await;
    let found = lenses(&mut lsp, doc.as_str()).await;
    let found = found.as_array().expect("lenses");
    let titles: Vec<&str> = found
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["GET /users/:id -> 200, 404, 500", "POST /users -> 201"]
    );
    let first = &found[0];
    assert_eq!(
        first["range"],
        json!({ "start": { "line": 7, "character": 0 }, "end": { "line": 7, "character": 0 } })
    );
    assert_eq!(first["command"]["command"], "statuslint.showStatuses");
    let arguments = first["command"]["arguments"].as_array().unwrap();
    assert_eq!(arguments[0], json!(doc));
    let locations = arguments[2].as_array().unwrap();
    let ranges: Vec<(u64, u64, u64)> = locations
        .iter()
        .map(|l| {
            (
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["range"]["start"]["character"].as_u64().unwrap(),
                l["range"]["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    // 404 in the helper, after an emoji (two UTF-16 units) and two CJK characters (one each):
    // `  /* 😀 漢字 */ res.status(` is 25 units. The `await` expression (the framework's 500),
    // then the default 200 of `res.json`.
    assert_eq!(ranges, [(4, 25, 28), (8, 15, 49), (10, 2, 10)]);

    // A client that hands the command back to the server gets the locations again, and a
    // message saying where they are.
    let ran = lsp
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "statuslint.showStatuses", "arguments": arguments }),
        )
        .await;
    assert_eq!(ran["result"], json!(locations), "{ran}");
    let rest = lsp.shutdown().await;
    assert!(
        rest.iter().any(|m| m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("line 5, line 9, line 11"))),
        "{rest:?}"
    );
}

#[tokio::test]
async fn code_lens_is_off_with_the_setting() {
    let params = InitializeParams {
        capabilities: ClientCapabilities {
            text_document: Some(markdown_client()),
            ..ClientCapabilities::default()
        },
        initialization_options: Some(json!({ "codeLens": false })),
        ..InitializeParams::default()
    };
    let mut lsp = Lsp::start_custom(statuslint::lsp::Backend::new, params).await;
    let doc = lsp.open("file:///app.js", "javascript", APP).await;
    assert_eq!(lenses(&mut lsp, doc.as_str()).await, Value::Null);
    lsp.shutdown().await;
}
