//! `error-status-success-body`: a 4xx or 5xx whose body claims success.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "error-status-success-body";

// ---- must fire ----

#[test]
fn express_500_with_success_true_offers_to_flip_the_flag() {
    let src = r#"
app.post("/orders", async (req, res) => {
  const saved = await orders.save(req.body);
  if (!saved) return res.status(500).json({ success: true, message: "could not save" });
  res.status(201).json(saved);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.status(500)", "500"));
    assert!(
        f.message.starts_with(
            "500 Internal Server Error sent with a body that says the request succeeded (`success: true`)"
        ),
        "{}",
        f.message
    );
    assert_eq!(
        fix_titles(&f),
        ["Change `success: true` to `success: false`"]
    );
    assert!(f.fixes.iter().all(|fix| !fix.preferred));
    let fixed = apply(src, &f.fixes[0]);
    assert!(fixed.contains(r#"res.status(500).json({ success: false, message"#));
}

#[test]
fn fastify_and_hono() {
    let src = r#"
fastify.get("/items/:id", async (request, reply) => {
  return reply.code(404).send({ ok: true, item: null });
});
app.get("/quota", (c) => c.json({ "success": true }, 429));
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "reply.code(404)", "404"));
    assert!(found[0].message.contains("(`ok: true`)"));
    assert_eq!(found[1].range, locate(src, "}, 429)", "429"));
    assert!(found[1].message.starts_with("429 Too Many Requests"));
}

#[test]
fn next_route_handler() {
    let src = r#"
export async function DELETE(request: Request) {
  return NextResponse.json({ ok: true, deleted: 0 }, { status: 503 });
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.range, locate(src, "status: 503", "503"));
    assert!(apply(src, &f.fixes[0]).contains("{ ok: false, deleted: 0 }"));
}

#[test]
fn jsend_status_success_has_no_fix() {
    let src = r#"
app.put("/profile", (req, res) => res.status(422).json({ status: "success", data: null }));
"#;
    let f = single(run(src, JS, RULE));
    assert!(
        f.message.contains("(`status: \"success\"`)"),
        "{}",
        f.message
    );
    assert!(fix_titles(&f).is_empty());
}

#[test]
fn axum_json_macro() {
    let src = r#"
async fn upload() -> impl IntoResponse {
    (StatusCode::PAYLOAD_TOO_LARGE, Json(json!({ "success": true, "size": 0 })))
}
"#;
    let f = single(run(src, RUST, RULE));
    assert_eq!(
        f.range,
        locate(
            src,
            "StatusCode::PAYLOAD_TOO_LARGE",
            "StatusCode::PAYLOAD_TOO_LARGE"
        )
    );
    assert!(
        f.message
            .starts_with("413 Content Too Large sent with a body"),
        "{}",
        f.message
    );
    assert!(apply(src, &f.fixes[0]).contains(r#"json!({ "success": false, "size": 0 })"#));
}

#[test]
fn actix_builder() {
    let src = r#"
async fn login() -> HttpResponse {
    HttpResponse::Unauthorized().json(LoginResult { ok: true, token: None })
}
"#;
    let f = single(run(src, RUST, RULE));
    assert_eq!(
        f.range,
        locate(
            src,
            "HttpResponse::Unauthorized",
            "HttpResponse::Unauthorized"
        )
    );
    assert!(apply(src, &f.fixes[0]).contains("LoginResult { ok: false, token: None }"));
}

// ---- must not fire ----

#[test]
fn bodies_that_agree_with_the_status() {
    let src = r#"
app.get("/a", (req, res) => res.status(200).json({ success: true }));
app.get("/b", (req, res) => res.status(404).json({ success: false }));
app.get("/c", (req, res) => res.status(500).json({ error: "boom" }));
app.get("/d", (c) => c.json({ ok: false }, 400));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn a_flag_that_is_not_a_literal() {
    let src = r#"
app.post("/sync", (req, res) => res.status(502).json({ success: result.ok, ok: isOk }));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn status_and_body_in_separate_statements() {
    let src = r#"
app.get("/x", (req, res) => {
  res.status(500);
  res.json({ success: true });
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn a_comparison_is_not_a_response() {
    let src = r#"
async function check() {
  const response = await fetch("/api");
  if (response.status === 500) return { success: true };
}
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn rust_bodies_that_agree() {
    let src = r#"
async fn a() -> impl IntoResponse {
    (StatusCode::BAD_REQUEST, Json(json!({ "success": false })))
}
async fn b() -> impl IntoResponse {
    (StatusCode::OK, Json(json!({ "ok": true })))
}
async fn c() -> HttpResponse {
    HttpResponse::NotFound().json(body)
}
"#;
    assert!(run(src, RUST, RULE).is_empty());
}
