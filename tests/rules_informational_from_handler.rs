//! `informational-from-handler`: a handler setting a 1xx status itself.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "informational-from-handler";

// ---- must fire ----

#[test]
fn express_continue() {
    let src = r#"
app.post("/upload", (req, res) => {
  res.status(100).end();
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.status(100)", "100"));
    assert!(
        f.message.starts_with("100 Continue is an interim response, not a final status: the server answers `Expect: 100-continue` on its own"),
        "{}",
        f.message
    );
    assert!(fix_titles(&f).is_empty(), "no safe rewrite exists");
}

#[test]
fn early_hints_point_to_write_early_hints() {
    let src = r#"
app.get("/", (req, res) => {
  res.writeHead(103, { Link: "</app.css>; rel=preload; as=style" });
  res.status(200).send(page);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "writeHead(103", "103"));
    assert!(
        f.message.contains("`res.writeEarlyHints()`"),
        "{}",
        f.message
    );
}

#[test]
fn switching_protocols_in_a_file_without_upgrades() {
    let src = r#"
fastify.get("/stream", async (request, reply) => {
  reply.code(101).send();
});
"#;
    let f = single(run(src, TS, RULE));
    assert!(f.message.starts_with("101 Switching Protocols"));
    assert!(
        f.message.contains("this file handles none"),
        "{}",
        f.message
    );
}

#[test]
fn nestjs_decorator_and_hono() {
    let src = r#"
@Controller("jobs")
export class JobsController {
  @Post()
  @HttpCode(102)
  start() {}
}
app.get("/wait", (c) => c.text("wait", 100));
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "@HttpCode(102)", "102"));
    assert_eq!(found[1].range, locate(src, "\"wait\", 100", "100"));
}

#[test]
fn axum_and_actix() {
    let src = r#"
async fn slow() -> impl IntoResponse {
    (StatusCode::CONTINUE, "working on it")
}
async fn slower() -> HttpResponse {
    HttpResponse::Continue().finish()
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "StatusCode::CONTINUE", "StatusCode::CONTINUE")
    );
    assert_eq!(
        found[1].range,
        locate(src, "HttpResponse::Continue", "HttpResponse::Continue")
    );
    assert_eq!(found[1].code, 100);
}

// ---- must not fire ----

#[test]
fn switching_protocols_where_the_file_upgrades() {
    let src = r#"
server.on("upgrade", (req, socket) => {
  socket.write("HTTP/1.1 101 Switching Protocols\r\n\r\n");
});
app.get("/ws", (req, res) => res.writeHead(101, { Connection: "Upgrade" }));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn axum_websocket_upgrade() {
    let src = r#"
async fn ws(upgrade: WebSocketUpgrade) -> Response {
    let mut response = upgrade.on_upgrade(handle);
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    response
}
"#;
    assert!(run(src, RUST, RULE).is_empty());
}

#[test]
fn comparisons_and_client_code() {
    let src = r#"
async function poll() {
  const response = await fetch("/job");
  if (response.status === 102) return poll();
  switch (response.status) { case 100: break; }
}
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn rust_matches_and_comparisons() {
    let src = r#"
fn interim(status: StatusCode) -> bool {
    match status {
        StatusCode::CONTINUE | StatusCode::PROCESSING => true,
        _ => status == StatusCode::SWITCHING_PROTOCOLS,
    }
}
"#;
    assert!(run(src, RUST, RULE).is_empty());
}

#[test]
fn final_statuses() {
    let src = r#"
app.get("/a", (req, res) => res.status(200).send("ok"));
app.get("/b", (req, res) => res.sendStatus(204));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn processing_is_reported_once_as_informational_not_as_deprecated() {
    // The IANA registry still lists 102 (RFC 2518); RFC 4918 dropped it from WebDAV.
    let src = r#"
app.post("/copy", (req, res) => {
  res.writeHead(102);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "writeHead(102", "102"));
    assert!(run(src, JS, "deprecated-code").is_empty());
}
