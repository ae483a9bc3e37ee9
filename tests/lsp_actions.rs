//! Quick fixes, configuration and inlay hints through the real protocol: the edits a code action
//! carries, `statuslint.toml` at the workspace root (and a broken one), editor settings, and
//! suppression comments.

mod common;

use common::lsp::Lsp;
use serde_json::{Value, json};
use std::str::FromStr;
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::*;

fn actions(response: &Value) -> Vec<CodeAction> {
    serde_json::from_value(response["result"].clone()).expect("a list of code actions")
}

fn only_edit(action: &CodeAction, uri: &Uri) -> TextEdit {
    let edits = &action
        .edit
        .as_ref()
        .expect("an edit")
        .changes
        .as_ref()
        .expect("changes")[uri];
    assert_eq!(edits.len(), 1, "{edits:?}");
    edits[0].clone()
}

async fn code_actions(lsp: &mut Lsp, uri: &Uri, range: Range) -> Vec<CodeAction> {
    let response = lsp
        .request_raw(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
        )
        .await;
    actions(&response)
}

#[tokio::test]
async fn platform_reserved_offers_the_standard_code_and_an_ignore_comment() {
    let mut lsp = Lsp::start().await;
    let text = "app.get('/', (req, res) => {\n  // 😀 upstream\n  res.status(531).end();\n});\n";
    let doc = lsp.open("file:///app.js", "javascript", text).await;
    let published = lsp.diagnostics(&doc).await;
    let diagnostic = &published.diagnostics[0];
    let found = code_actions(&mut lsp, &doc, diagnostic.range).await;
    let titles: Vec<&str> = found.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Use 502 Bad Gateway",
            "Use 504 Gateway Timeout",
            "Ignore platform-reserved on this line"
        ]
    );
    let preferred = &found[0];
    assert_eq!(preferred.is_preferred, Some(true));
    assert_eq!(preferred.kind, Some(CodeActionKind::QUICKFIX));
    assert_eq!(
        preferred.diagnostics.as_ref().unwrap()[0].code,
        diagnostic.code
    );
    let edit = only_edit(preferred, &doc);
    assert_eq!(edit.range, diagnostic.range);
    assert_eq!(edit.new_text, "502");
    let ignore = only_edit(&found[2], &doc);
    assert_eq!(
        ignore.range,
        Range::new(Position::new(2, 0), Position::new(2, 0))
    );
    assert_eq!(
        ignore.new_text,
        "  // statuslint-disable-next-line platform-reserved\n"
    );

    // Applying the ignore comment silences the finding.
    lsp.replace(
        &doc,
        text.find("  res.status").unwrap()..text.find("  res.status").unwrap(),
        &ignore.new_text,
    )
    .await;
    assert!(lsp.diagnostics(&doc).await.diagnostics.is_empty());
    // Nothing to fix where there is no finding.
    let none = code_actions(
        &mut lsp,
        &doc,
        Range::new(Position::new(0, 0), Position::new(0, 3)),
    )
    .await;
    assert!(none.is_empty(), "{none:?}");
    lsp.shutdown().await;
}

#[tokio::test]
async fn fixes_keep_a_constant_a_constant_in_rust() {
    let mut lsp = Lsp::start().await;
    let text = "async fn h() -> impl IntoResponse {\n    match load().await {\n        Ok(v) => (StatusCode::OK, Json(v)).into_response(),\n        Err(e) => (StatusCode::OK, Json(json!({\"error\": e.to_string()}))).into_response(),\n    }\n}\n";
    let doc = lsp.open("file:///h.rs", "rust", text).await;
    let published = lsp.diagnostics(&doc).await;
    let ok_on_error = published
        .diagnostics
        .iter()
        .find(|d| d.code == Some(NumberOrString::String("ok-on-error".into())))
        .expect("ok-on-error fires on the Err arm");
    assert_eq!(ok_on_error.range.start.line, 3);
    let found = code_actions(&mut lsp, &doc, ok_on_error.range).await;
    let preferred = found
        .iter()
        .find(|a| a.is_preferred == Some(true))
        .expect("a preferred fix");
    assert_eq!(
        only_edit(preferred, &doc).new_text,
        "StatusCode::INTERNAL_SERVER_ERROR"
    );
    lsp.shutdown().await;
}

fn workspace_params(root: &std::path::Path, options: Option<Value>) -> InitializeParams {
    let root_uri = Uri::from_file_path(root).expect("an absolute path");
    InitializeParams {
        workspace_folders: Some(vec![WorkspaceFolder {
            uri: root_uri,
            name: "ws".into(),
        }]),
        initialization_options: options,
        capabilities: ClientCapabilities {
            workspace: Some(WorkspaceClientCapabilities {
                did_change_watched_files: Some(DidChangeWatchedFilesClientCapabilities {
                    dynamic_registration: Some(true),
                    relative_pattern_support: None,
                }),
                ..WorkspaceClientCapabilities::default()
            }),
            ..ClientCapabilities::default()
        },
        ..InitializeParams::default()
    }
}

fn codes(published: &PublishDiagnosticsParams) -> Vec<String> {
    published
        .diagnostics
        .iter()
        .map(|d| match &d.code {
            Some(NumberOrString::String(s)) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn the_workspace_config_file_applies_and_is_reread_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("statuslint.toml");
    std::fs::write(
        &config,
        "platforms = [\"cloudflare\"]\n[rules]\nunofficial-code = \"error\"\n",
    )
    .unwrap();
    let mut lsp = Lsp::start_custom(
        statuslint::lsp::Backend::new,
        workspace_params(dir.path(), None),
    )
    .await;
    let config_uri = Uri::from_file_path(&config).unwrap();
    // Read at start-up: a sound file gets an empty publication.
    assert!(lsp.diagnostics(&config_uri).await.diagnostics.is_empty());
    let file = Uri::from_file_path(dir.path().join("a.js")).unwrap();
    let doc = lsp
        .open(file.as_str(), "javascript", "res.status(531);\n")
        .await;
    let published = lsp.diagnostics(&doc).await;
    // Edgio is not among the platforms: 531 is only unofficial, at the configured severity.
    assert_eq!(codes(&published), ["unofficial-code"]);
    assert_eq!(
        published.diagnostics[0].severity,
        Some(DiagnosticSeverity::ERROR)
    );

    // Break the file: a diagnostic on it, at the line, and the defaults apply.
    std::fs::write(
        &config,
        "platforms = [\"cloudflare\"]\n[rules]\nunofficial-cod = \"error\"\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    )
    .await;
    let problem = lsp.diagnostics(&config_uri).await;
    assert_eq!(problem.diagnostics.len(), 1);
    assert_eq!(problem.diagnostics[0].range.start.line, 2);
    assert!(
        problem.diagnostics[0]
            .message
            .contains("unknown rule `unofficial-cod`")
    );
    let published = lsp.diagnostics(&doc).await;
    assert_eq!(
        codes(&published),
        ["platform-reserved"],
        "defaults while the file is broken"
    );

    // Fix it: the diagnostic on the file clears and its settings apply again.
    std::fs::write(&config, "allow = [531]\n").unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    )
    .await;
    assert!(lsp.diagnostics(&config_uri).await.diagnostics.is_empty());
    assert!(lsp.diagnostics(&doc).await.diagnostics.is_empty());
    lsp.shutdown().await;
}

/// Which frameworks a file uses comes from the nearest `package.json`: adding one there is seen
/// without restarting the server, as a changed `statuslint.toml` is.
#[tokio::test]
async fn a_changed_package_json_is_reread() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("package.json");
    std::fs::write(&manifest, r#"{ "name": "shop", "dependencies": {} }"#).unwrap();
    let mut lsp = Lsp::start_custom(
        statuslint::lsp::Backend::new,
        workspace_params(dir.path(), None),
    )
    .await;
    let registration = lsp.server_request("client/registerCapability").await;
    let globs: Vec<&str> =
        registration["params"]["registrations"][0]["registerOptions"]["watchers"]
            .as_array()
            .expect("watchers")
            .iter()
            .map(|w| w["globPattern"].as_str().unwrap())
            .collect();
    assert_eq!(
        globs,
        [
            "**/statuslint.toml",
            "**/package.json",
            "**/Cargo.toml",
            "**/go.mod",
            "**/pyproject.toml",
            "**/requirements.txt",
            "**/openapi.yaml",
            "**/openapi.yml",
            "**/openapi.json"
        ]
    );
    // A Koa controller that imports nothing: Koa's only through the manifest.
    let file = Uri::from_file_path(dir.path().join("show.js")).unwrap();
    let text = "module.exports.show = async (ctx) => {\n  try {\n    ctx.body = await load();\n  } catch (e) {\n    ctx.body = { error: e.message };\n  }\n};\n";
    let doc = lsp.open(file.as_str(), "javascript", text).await;
    assert!(codes(&lsp.diagnostics(&doc).await).is_empty());
    std::fs::write(
        &manifest,
        r#"{ "name": "shop", "dependencies": { "koa": "^2" } }"#,
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": Uri::from_file_path(&manifest).unwrap(), "type": 2 }] }),
    )
    .await;
    assert_eq!(codes(&lsp.diagnostics(&doc).await), ["ok-on-error"]);
    lsp.shutdown().await;
}

#[tokio::test]
async fn editor_settings_override_and_empty_settings_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let options = json!({ "rules": { "platform-reserved": "error" }, "inlayHints": true });
    let mut lsp = Lsp::start_custom(
        statuslint::lsp::Backend::new,
        workspace_params(dir.path(), Some(options)),
    )
    .await;
    let text = "res.status(531);\nres.status(429);\n";
    let doc = lsp.open("file:///s.js", "javascript", text).await;
    let published = lsp.diagnostics(&doc).await;
    assert_eq!(
        published.diagnostics[0].severity,
        Some(DiagnosticSeverity::ERROR)
    );

    // Inlay hints: the phrase after each bare number, positioned at its end.
    let hints = lsp
        .request_raw(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": doc }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 2, "character": 0 } } }),
        )
        .await;
    let hints: Vec<InlayHint> = serde_json::from_value(hints["result"].clone()).unwrap();
    let labels: Vec<(Position, String)> = hints
        .iter()
        .map(|h| match &h.label {
            InlayHintLabel::String(s) => (h.position, s.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        labels,
        [
            (
                Position::new(0, 14),
                "Project Upstream Connection Error".to_string()
            ),
            (Position::new(1, 14), "Too Many Requests".to_string())
        ]
    );

    // `{}` (Eglot sends it on connect) says nothing: still an error.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": {} }),
    )
    .await;
    let still = code_actions(&mut lsp, &doc, published.diagnostics[0].range).await;
    assert!(!still.is_empty());
    // The section form turns the rule off.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "statuslint": { "rules": { "platform-reserved": "off" } } } }),
    )
    .await;
    loop {
        let next = lsp.diagnostics(&doc).await;
        if next.diagnostics.is_empty() {
            break;
        }
    }
    // A typo in the editor's settings is reported, not silently applied.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "platforms": ["cloudfare"] } }),
    )
    .await;
    let rest = lsp.shutdown().await;
    assert!(
        rest.iter().any(|m| m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("unknown platform `cloudfare`")),
        "{rest:?}"
    );
    let _ = Uri::from_str("file:///x");
}

#[tokio::test]
async fn inlay_hints_are_off_unless_asked_for() {
    let mut lsp = Lsp::start().await;
    let doc = lsp
        .open("file:///h.js", "javascript", "res.status(429);\n")
        .await;
    lsp.diagnostics(&doc).await;
    let hints = lsp
        .request_raw(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": doc }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 1, "character": 0 } } }),
        )
        .await;
    assert_eq!(hints["result"], Value::Null);
    lsp.shutdown().await;
}

/// `[[overrides]]` in statuslint.toml give a test folder its own rules, in the server as in
/// `check` (tests/check_config.rs): the same 418 is reported in src/ and not in test/.
#[tokio::test]
async fn overrides_give_paths_their_own_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("statuslint.toml"),
        "[[overrides]]\npaths = [\"test/**\"]\nrules = { deprecated-code = \"off\" }\nallow = [531]\n",
    )
    .unwrap();
    let mut lsp = Lsp::start_custom(
        statuslint::lsp::Backend::new,
        workspace_params(dir.path(), None),
    )
    .await;
    let text = "res.status(418);\nres.status(531);\n";
    let src = Uri::from_file_path(dir.path().join("src/app.js")).unwrap();
    let src = lsp.open(src.as_str(), "javascript", text).await;
    let mut reported = codes(&lsp.diagnostics(&src).await);
    reported.sort();
    assert_eq!(reported, ["deprecated-code", "platform-reserved"]);
    let test = Uri::from_file_path(dir.path().join("test/app.test.js")).unwrap();
    let test = lsp.open(test.as_str(), "javascript", text).await;
    assert!(
        lsp.diagnostics(&test).await.diagnostics.is_empty(),
        "the override turns deprecated-code off and allows 531 under test/"
    );
}

/// `source.fixAll.statuslint` (what editors run on save, as ruff's server offers): one action
/// whose edits apply every finding's preferred fix; asked for alone, no quick fixes come with it.
#[tokio::test]
async fn fix_all_applies_every_preferred_fix() {
    let mut lsp = Lsp::start().await;
    let text = "app.get('/', (req, res) => {\n  try { run(); } catch (e) { res.status(200).json({ error: e.message }); }\n  res.status(531).end();\n});\n";
    let uri = lsp.open("file:///fixall.js", "javascript", text).await;
    lsp.diagnostics(&uri).await;
    let response = lsp
        .request_raw(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] }
            }),
        )
        .await;
    let actions = response["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{response}");
    assert_eq!(actions[0]["kind"], "source.fixAll.statuslint");
    let edits = actions[0]["edit"]["changes"][uri.as_str()]
        .as_array()
        .unwrap();
    let mut replaced: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    replaced.sort();
    assert_eq!(replaced, ["500", "502"], "{response}");
    // Quick fixes only: no fix-all.
    let response = lsp
        .request_raw(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 2, "character": 13 }, "end": { "line": 2, "character": 13 } },
                "context": { "diagnostics": [], "only": ["quickfix"] }
            }),
        )
        .await;
    let kinds: Vec<&str> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| *k == "quickfix"),
        "{kinds:?}"
    );
    // Unasked: the light bulb at a finding ends with the fix-all (two fixes here); where there
    // is no finding it offers nothing.
    let at = |line: u32, character: u32| {
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character } },
            "context": { "diagnostics": [] }
        })
    };
    let response = lsp.request_raw("textDocument/codeAction", at(2, 13)).await;
    let kinds: Vec<&str> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"quickfix"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"source.fixAll.statuslint"), "{kinds:?}");
    let response = lsp.request_raw("textDocument/codeAction", at(3, 0)).await;
    assert_eq!(response["result"], json!([]), "{response}");
}

/// A status the workspace's OpenAPI document does not declare gets a quick fix that edits the
/// document (another file than the one the diagnostic is on), found with no statuslint.toml.
#[tokio::test]
async fn an_undeclared_status_is_declared_in_the_openapi_document_by_a_quick_fix() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("openapi.yaml");
    let yaml = "openapi: 3.1.0\ninfo:\n  title: shop\n  version: \"1\"\npaths:\n  /orders/{id}:\n    get:\n      responses:\n        \"200\":\n          description: ok\n";
    std::fs::write(&document, yaml).unwrap();
    let mut lsp = Lsp::start_custom(
        statuslint::lsp::Backend::new,
        workspace_params(dir.path(), None),
    )
    .await;
    let file = Uri::from_file_path(dir.path().join("orders.js")).unwrap();
    let text = "const app = require(\"express\")();\n// 注文 😀\napp.get(\"/orders/:id\", (req, res) => {\n  if (!req.params.id) return res.status(422).json({ error: \"id\" });\n  res.json({ id: req.params.id });\n});\n";
    let doc = lsp.open(file.as_str(), "javascript", text).await;
    let published = lsp.diagnostics(&doc).await;
    let diagnostic = published
        .diagnostics
        .iter()
        .find(|d| d.code == Some(NumberOrString::String("undeclared-status".into())))
        .unwrap_or_else(|| panic!("{published:?}"));
    let at = text.find("422").unwrap();
    assert_eq!(diagnostic.range, lsp.range(&doc, at..at + 3));
    let found = code_actions(&mut lsp, &doc, diagnostic.range).await;
    let declare = found
        .iter()
        .find(|a| a.title == "Declare 422 for GET /orders/{id} in openapi.yaml")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_ne!(
        declare.is_preferred,
        Some(true),
        "declaring is the author's call"
    );
    #[allow(clippy::mutable_key_type)] // lsp_types keys the edit by `Uri`
    let changes = declare.edit.as_ref().unwrap().changes.as_ref().unwrap();
    let document_uri = Uri::from_file_path(&document).unwrap();
    assert_eq!(changes.keys().collect::<Vec<_>>(), [&document_uri]);
    let edits = &changes[&document_uri];
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(
        edits[0].range,
        Range::new(Position::new(10, 0), Position::new(10, 0))
    );
    assert_eq!(
        edits[0].new_text,
        "        \"422\":\n          description: Unprocessable Content\n"
    );
    // Applied and saved, the document declares the status and the finding goes.
    std::fs::write(&document, format!("{yaml}{}", edits[0].new_text)).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": document_uri, "type": 2 }] }),
    )
    .await;
    let published = lsp.diagnostics(&doc).await;
    assert!(
        !published
            .diagnostics
            .iter()
            .any(|d| d.code == Some(NumberOrString::String("undeclared-status".into()))),
        "{published:?}"
    );
}
