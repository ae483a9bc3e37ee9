//! `workspace/executeCommand` through the real server: the search an editor's "insert status code
//! by phrase" command runs (ranked as completion ranks, written in the style of the place it goes)
//! and the explanation an explain view shows.

mod common;

use common::lsp::Lsp;
use serde_json::{Value, json};

async fn execute(lsp: &mut Lsp, command: &str, argument: Value) -> Value {
    lsp.request_raw(
        "workspace/executeCommand",
        json!({ "command": command, "arguments": [argument] }),
    )
    .await
}

fn inserted(response: &Value) -> Vec<&str> {
    response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {response}"))
        .iter()
        .map(|item| item["insertText"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_server_advertises_its_commands() {
    let lsp = Lsp::start().await;
    let commands = &lsp
        .capabilities
        .execute_command_provider
        .as_ref()
        .expect("executeCommandProvider")
        .commands;
    assert_eq!(
        commands,
        &["statuslint.server.search", "statuslint.server.explain"]
    );
    lsp.shutdown().await;
}

#[tokio::test]
async fn search_ranks_as_completion_does_and_writes_the_place_style() {
    let mut lsp = Lsp::start().await;
    let bare = execute(&mut lsp, "statuslint.server.search", json!("rate lim")).await;
    assert_eq!(inserted(&bare)[0], "429", "{bare}");
    let first = &bare["result"][0];
    assert_eq!(first["code"], 429);
    assert_eq!(first["label"], "429 Too Many Requests");
    let typo = execute(&mut lsp, "statuslint.server.search", json!("teapto")).await;
    assert_eq!(inserted(&typo)[0], "418", "{typo}");

    // After `StatusCode::` (😀 and CJK before it, so the position is UTF-16), a constant.
    let text = "// 😀 漢字\nfn h() -> StatusCode { StatusCode::";
    let doc = lsp.open("file:///h.rs", "rust", text).await;
    let at_end = lsp.position(&doc, text.len());
    let placed = execute(
        &mut lsp,
        "statuslint.server.search",
        json!({ "query": "too many", "textDocument": { "uri": doc }, "position": at_end, "limit": 3 }),
    )
    .await;
    assert_eq!(inserted(&placed), ["TOO_MANY_REQUESTS"], "{placed}");
    // Elsewhere in the same file, the number.
    let elsewhere = execute(
        &mut lsp,
        "statuslint.server.search",
        json!({ "query": "too many", "textDocument": { "uri": doc }, "position": { "line": 0, "character": 0 } }),
    )
    .await;
    assert_eq!(inserted(&elsewhere)[0], "429");
    lsp.shutdown().await;
}

#[tokio::test]
async fn explain_gives_the_catalog_entry_and_its_text() {
    let mut lsp = Lsp::start().await;
    let code = execute(&mut lsp, "statuslint.server.explain", json!("531")).await;
    let result = &code["result"];
    assert_eq!(result["code"], 531, "{code}");
    let text = result["text"].as_str().unwrap();
    assert!(text.starts_with("531 "), "{text}");
    assert!(!text.contains('\u{1b}'), "colour escapes in {text:?}");
    let phrase = execute(&mut lsp, "statuslint.server.explain", json!("rate limit")).await;
    assert_eq!(phrase["result"]["matches"][0]["code"], 429, "{phrase}");
    let none = execute(&mut lsp, "statuslint.server.explain", json!("zzzzqqq")).await;
    assert!(
        none["result"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("no status code matches")),
        "{none}"
    );
    lsp.shutdown().await;
}

#[tokio::test]
async fn bad_commands_are_errors_and_the_server_goes_on() {
    let mut lsp = Lsp::start().await;
    let unknown = execute(&mut lsp, "statuslint.nope", json!("x")).await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    let no_argument = lsp
        .request_raw(
            "workspace/executeCommand",
            json!({ "command": "statuslint.server.search", "arguments": [] }),
        )
        .await;
    assert_eq!(no_argument["error"]["code"], -32602, "{no_argument}");
    let after = execute(&mut lsp, "statuslint.server.search", json!("teapot")).await;
    assert_eq!(inserted(&after)[0], "418");
    lsp.shutdown().await;
}
