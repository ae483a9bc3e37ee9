//! The real binary over stdio, as an editor runs it: what the server promises in README's
//! Reliability section. Bad frames of every kind get an error and the session goes on; `exit`
//! ends the process while a long analysis runs; a cancelled request is answered as cancelled;
//! requests after `shutdown` are refused; each document's config is the nearest
//! `statuslint.toml`, re-read when it changes on disk even with no client watcher; each
//! workspace folder has its own. After each step the server still answers a hover.

mod common;

use common::stdio::{Stdio, file_uri};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const GOOD_URI: &str = "file:///tmp/statuslint-stdio-good.js";
const GOOD: &str = "app.get('/', (req, res) => res.status(531).end());\n";

/// A server with one small document open, whose `531` a hover can be asked about.
fn server_with_good_document() -> Stdio {
    let mut server = Stdio::initialized(json!({}), &[]);
    server.open(GOOD_URI, "javascript", GOOD);
    server.diagnostics(GOOD_URI);
    server
}

fn hover_request(id: i64) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": { "textDocument": { "uri": GOOD_URI }, "position": { "line": 0, "character": 39 } } })
}

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

fn error_of(message: &Value) -> Option<(Value, i64)> {
    let code = message["error"]["code"].as_i64()?;
    Some((message["id"].clone(), code))
}

/// Sends `bad`, then a good hover; returns the errors that came before the hover's answer,
/// after checking the hover still tells about 531 and the log got a line.
fn survive(server: &mut Stdio, bad: &[u8], hover_id: i64) -> Vec<(Value, i64)> {
    let lines_before = server.log().len();
    server.send_raw(bad);
    server.send_raw(framed(&hover_request(hover_id).to_string()).as_bytes());
    let (before, hover) = server.response_after(hover_id);
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains("531"),
        "after {:?} the hover is {hover}",
        String::from_utf8_lossy(bad)
    );
    let errors: Vec<(Value, i64)> = before.iter().filter_map(error_of).collect();
    // The log line is written before the error is sent; stderr is read on another thread.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.log().len() == lines_before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        server.log().len() > lines_before,
        "no log line for {:?}",
        String::from_utf8_lossy(bad)
    );
    errors
}

#[test]
fn every_kind_of_bad_frame_gets_an_error_and_the_next_message_is_served() {
    let mut server = server_with_good_document();
    let null = Value::Null;
    let hover_body = |id: i64| hover_request(id).to_string();

    // Not JSON.
    let errors = survive(&mut server, b"Content-Length: 9\r\n\r\n{not json", 1001);
    assert_eq!(errors, [(null.clone(), -32700)]);

    // JSON, but not an object.
    for (i, body) in ["[]", "42", "\"text\"", "null"].iter().enumerate() {
        let errors = survive(&mut server, framed(body).as_bytes(), 1010 + i as i64);
        assert_eq!(errors, [(null.clone(), -32600)], "{body}");
    }

    // An object that is neither a request nor a response, and a request of another version.
    let errors = survive(
        &mut server,
        framed(r#"{"jsonrpc":"2.0","id":77}"#).as_bytes(),
        1020,
    );
    assert_eq!(errors, [(json!(77), -32600)]);
    let errors = survive(
        &mut server,
        framed(r#"{"jsonrpc":"1.0","id":78,"method":"textDocument/hover"}"#).as_bytes(),
        1021,
    );
    assert_eq!(errors, [(json!(78), -32600)]);

    // No Content-Length: the header is refused, and the body's request is told it failed.
    let bad = format!("Content-Type: application/json\r\n\r\n{}", hover_body(79));
    let errors = survive(&mut server, bad.as_bytes(), 1030);
    assert!(errors.contains(&(json!(79), -32600)), "{errors:?}");

    // A Content-Length that is not a number.
    let bad = format!("Content-Length: twelve\r\n\r\n{}", hover_body(80));
    let errors = survive(&mut server, bad.as_bytes(), 1031);
    assert!(errors.contains(&(json!(80), -32600)), "{errors:?}");

    // A length that runs over into the next message: that message is still served.
    let bad = format!("Content-Length: 5000\r\n\r\n{}", hover_body(81));
    let errors = survive(&mut server, bad.as_bytes(), 1032);
    assert_eq!(errors, [(json!(81), -32600)]);

    // A length short of the body: the cut body is not JSON, and the rest is skipped.
    let body = hover_body(82);
    let bad = format!("Content-Length: 20\r\n\r\n{body}");
    let errors = survive(&mut server, bad.as_bytes(), 1033);
    assert!(errors.contains(&(null.clone(), -32700)), "{errors:?}");

    // Stray bytes between messages.
    let errors = survive(&mut server, b"\x00\xffgarbage\r\n\r\n", 1034);
    assert!(!errors.is_empty());

    // Extra headers, any case, are fine: the request is served, no error.
    let bad = format!(
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Proxy: yes\r\ncontent-length: {}\r\n\r\n{}",
        hover_body(83).len(),
        hover_body(83)
    );
    server.send_raw(bad.as_bytes());
    let (before, answer) = server.response_after(83);
    assert!(before.iter().all(|m| error_of(m).is_none()), "{before:?}");
    assert!(
        answer["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("531")
    );

    // A body cut off by the end of the input: one log line, and the server ends.
    let lines = server.log().len();
    server.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",");
    server.close_stdin();
    let status = server
        .exit_status(Duration::from_secs(30))
        .expect("the server ends at EOF");
    assert_eq!(status.code(), Some(1), "no shutdown came first");
    assert!(
        server.log()[lines..]
            .iter()
            .any(|l| l.contains("end of input")),
        "{:?}",
        server.log()
    );
}

/// One line of 20 MB holding a site every 16 bytes: an analysis of many seconds.
fn huge_document() -> String {
    "res.status(200);".repeat(20 * 1024 * 1024 / 16)
}

#[test]
fn exit_ends_the_process_while_a_long_analysis_runs_and_other_documents_stay_served() {
    let mut server = server_with_good_document();
    let huge_uri = "file:///tmp/statuslint-stdio-huge.js";
    server.open(huge_uri, "javascript", &huge_document());
    // Another document is served while the huge one is analysed.
    let asked = Instant::now();
    let hover = server.hover(GOOD_URI, 0, 39).expect("a hover");
    eprintln!(
        "hover during the analysis answered in {:?}",
        asked.elapsed()
    );
    assert!(hover.contains("531"));
    let published = server.wait_for("the huge document's diagnostics", Duration::ZERO, |m| {
        m["params"]["uri"] == huge_uri
    });
    assert!(published.is_none(), "the analysis should still be running");

    let shutdown = server.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    let asked = Instant::now();
    server.notify("exit", Value::Null);
    // Bounded only to tell a hang from an exit; README gives the measured figure.
    let status = server
        .exit_status(Duration::from_secs(10))
        .expect("exit ends the process while the analysis runs");
    eprintln!("exit took {:?}", asked.elapsed());
    assert_eq!(
        status.code(),
        Some(0),
        "exit after shutdown is a clean exit"
    );
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled() {
    let mut server = server_with_good_document();
    let huge_uri = "file:///tmp/statuslint-stdio-cancel.js";
    server.open(huge_uri, "javascript", &huge_document());
    // Code actions need the findings, which are not there yet.
    let id = server.send_request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": huge_uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 5 } },
                "context": { "diagnostics": [] } }),
    );
    server.notify("$/cancelRequest", json!({ "id": id }));
    let answer = server.response(&json!(id));
    assert_eq!(
        answer["error"]["code"], -32800,
        "RequestCancelled: {answer}"
    );
    // Closing the document gives up its analysis; the server goes on serving.
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": huge_uri } }),
    );
    let hover = server.hover(GOOD_URI, 0, 39).expect("a hover");
    assert!(hover.contains("531"));
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_is_clean() {
    let mut server = server_with_good_document();
    assert!(server.hover(GOOD_URI, 0, 39).unwrap().contains("531"));
    let shutdown = server.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    let after = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": GOOD_URI }, "position": { "line": 0, "character": 39 } }),
    );
    assert_eq!(after["error"]["code"], -32600, "InvalidRequest: {after}");
    let again = server.request("shutdown", Value::Null);
    assert_eq!(again["error"]["code"], -32600, "{again}");
    server.notify("exit", Value::Null);
    let status = server.exit_status(Duration::from_secs(10)).expect("exits");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_one() {
    let mut server = server_with_good_document();
    server.notify("exit", Value::Null);
    let status = server.exit_status(Duration::from_secs(10)).expect("exits");
    assert_eq!(status.code(), Some(1));
}

const SITE: &str = "res.status(531);\n";

/// Rule codes `statuslint check` reports for `path`, for comparison with the editor's.
fn check_codes(dir: &std::path::Path, path: &std::path::Path) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .args(["check", "--format", "json"])
        .arg(path)
        .current_dir(dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    let findings = report
        .as_array()
        .cloned()
        .or_else(|| report["findings"].as_array().cloned())
        .unwrap_or_default();
    let mut codes: Vec<String> = findings
        .iter()
        .map(|f| {
            f["rule"]
                .as_str()
                .or(f["code"].as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    codes.sort();
    codes
}

fn sorted(mut codes: Vec<String>) -> Vec<String> {
    codes.sort();
    codes
}

#[test]
fn each_document_takes_the_nearest_config_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("statuslint.toml"),
        "[rules]\nunofficial-code = \"error\"\n",
    )
    .unwrap();
    let sub = root.join("packages/api");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("statuslint.toml"),
        "[rules]\nplatform-reserved = \"off\"\n",
    )
    .unwrap();
    std::fs::write(root.join("a.js"), SITE).unwrap();
    std::fs::write(sub.join("b.js"), SITE).unwrap();

    let mut server = Stdio::initialized(json!({}), &[root]);
    let a = file_uri(&root.join("a.js"));
    let b = file_uri(&sub.join("b.js"));
    server.open(&a, "javascript", SITE);
    let at_root = sorted(server.codes(&a));
    server.open(&b, "javascript", SITE);
    let in_sub = sorted(server.codes(&b));
    assert_eq!(at_root, ["platform-reserved"]);
    assert!(in_sub.is_empty(), "{in_sub:?}");
    assert_eq!(at_root, check_codes(root, &root.join("a.js")));
    assert_eq!(in_sub, check_codes(root, &sub.join("b.js")));
    assert!(server.hover(&b, 0, 12).unwrap().contains("531"));
}

#[test]
fn a_config_saved_on_disk_is_seen_with_no_client_watcher() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = root.join("statuslint.toml");
    std::fs::write(&config, "").unwrap();
    let nested = root.join("src/routes");
    std::fs::create_dir_all(&nested).unwrap();
    let doc = file_uri(&nested.join("users.js"));
    // A client that offers no file watching, as Neovim on Linux.
    let mut server = Stdio::initialized(json!({}), &[root]);
    server.open(&doc, "javascript", SITE);
    assert_eq!(server.codes(&doc), ["platform-reserved"]);

    std::fs::write(&config, "[rules]\nplatform-reserved = \"off\"\n").unwrap();
    let saved = Instant::now();
    assert!(server.codes(&doc).is_empty());
    eprintln!("the edited config was applied after {:?}", saved.elapsed());

    // A config appearing nearer the document wins over the root's.
    std::fs::write(
        nested.join("statuslint.toml"),
        "[rules]\nplatform-reserved = \"error\"\n",
    )
    .unwrap();
    let published = server.diagnostics(&doc);
    assert_eq!(published["diagnostics"][0]["severity"], 1, "{published}");

    // A broken one gets a diagnostic of its own, and the defaults apply.
    std::fs::write(
        nested.join("statuslint.toml"),
        "[rules]\nplatform-reservd = \"off\"\n",
    )
    .unwrap();
    let config_uri = file_uri(&nested.join("statuslint.toml"));
    let problem = server.wait("the broken config's diagnostic", |m| {
        m["params"]["uri"] == config_uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty())
    })["params"]
        .clone();
    assert!(
        problem["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("platform-reservd"),
        "{problem}"
    );
    assert!(server.hover(&doc, 0, 12).unwrap().contains("531"));
}

#[test]
fn each_workspace_folder_has_its_own_config() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    std::fs::write(
        one.path().join("statuslint.toml"),
        "[rules]\nplatform-reserved = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        two.path().join("statuslint.toml"),
        "[rules]\nplatform-reserved = \"error\"\n",
    )
    .unwrap();
    let mut server = Stdio::initialized(json!({}), &[one.path(), two.path()]);
    let a = file_uri(&one.path().join("a.js"));
    let b = file_uri(&two.path().join("b.js"));
    server.open(&a, "javascript", SITE);
    assert!(server.codes(&a).is_empty());
    server.open(&b, "javascript", SITE);
    let published = server.diagnostics(&b);
    assert_eq!(published["diagnostics"][0]["severity"], 1, "{published}");

    // A third folder added later, with a broken config: its file gets the diagnostic.
    let three = tempfile::tempdir().unwrap();
    let broken = three.path().join("statuslint.toml");
    std::fs::write(&broken, "platforms = [\"nowhere\"]\n").unwrap();
    server.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [{ "uri": file_uri(three.path()), "name": "three" }], "removed": [] } }),
    );
    let problem = server.diagnostics(&file_uri(&broken));
    assert!(
        problem["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nowhere"),
        "{problem}"
    );
    assert!(server.hover(&a, 0, 12).unwrap().contains("531"));
}
