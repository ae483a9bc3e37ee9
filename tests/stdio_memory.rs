//! The real binary over stdio: it answers `initialize`, survives opening and closing 1,000
//! documents, and gives the memory back afterwards (resident memory read from /proc, Linux only).

mod common;

use common::stdio::Stdio;
use serde_json::{Value, json};
use std::time::Duration;

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
    let mut server = Stdio::start();
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
