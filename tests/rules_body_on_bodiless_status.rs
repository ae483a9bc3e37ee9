//! `body-on-bodiless-status`: a body sent with 204, 205 or 304.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "body-on-bodiless-status";

// ---- must fire ----

#[test]
fn express_json_with_204() {
    let src = r#"
router.delete("/items/:id", async (req, res) => {
  await Item.deleteOne({ _id: req.params.id });
  res.status(204).json({ deleted: true });
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.status(204)", "204"));
    assert_eq!(
        f.message,
        "A body sent with 204 No Content, which cannot carry one: Node drops the body, so the client never receives it"
    );
    assert_eq!(fix_titles(&f), ["Use 200 OK"]);
    assert!(apply(src, preferred(&f)).contains("res.status(200).json({ deleted: true })"));
}

#[test]
fn fastify_send_with_205_and_304() {
    let src = r#"
fastify.post("/form", async (request, reply) => reply.code(205).send({ reset: true }));
fastify.get("/doc", async (request, reply) => reply.status(304).send(cached));
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .starts_with("A body sent with 205 Reset Content")
    );
    assert_eq!(found[1].range, locate(src, "status(304)", "304"));
}

#[test]
fn fetch_response_constructor_throws() {
    let src = r#"
export async function DELETE(request: Request) {
  await db.session.delete();
  return new Response(JSON.stringify({ ok: true }), { status: 204 });
}
export async function PATCH() {
  return new Response("", { status: 204 });
}
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "{ ok: true }), { status: 204 }", "204")
    );
    assert!(
        found[0]
            .message
            .contains("the fetch API's Response throws a TypeError at run time"),
        "{}",
        found[0].message
    );
    // The fetch API counts an empty string as a body too.
    assert_eq!(
        found[1].range,
        locate(src, "(\"\", { status: 204 })", "204")
    );
}

#[test]
fn hono_and_next_json_helpers() {
    let src = r#"
app.delete("/posts/:id", async (c) => c.json({ id: c.req.param("id") }, 204));
export async function GET() {
  return NextResponse.json(await loadCached(), { status: 304 });
}
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|f| f.message.contains("throws a TypeError"))
    );
    assert!(apply(src, preferred(&found[0])).contains("}, 200));"));
}

#[test]
fn axum_tuple_and_actix_builder() {
    let src = r#"
async fn remove(Path(id): Path<u64>) -> impl IntoResponse {
    (StatusCode::NO_CONTENT, Json(json!({ "deleted": id })))
}
async fn purge() -> HttpResponse {
    HttpResponse::NoContent().body("purged")
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "StatusCode::NO_CONTENT", "StatusCode::NO_CONTENT")
    );
    assert!(
        found[0]
            .message
            .ends_with("the server drops the body, so the client never receives it")
    );
    assert!(apply(src, preferred(&found[0])).contains("(StatusCode::OK, Json("));
    assert!(apply(src, preferred(&found[1])).contains("HttpResponse::Ok().body(\"purged\")"));
}

// ---- must not fire ----

#[test]
fn express_without_a_body() {
    let src = r#"
app.delete("/a", (req, res) => res.status(204).end());
app.delete("/b", (req, res) => res.status(204).send());
app.delete("/c", (req, res) => res.sendStatus(204));
app.delete("/d", (req, res) => res.status(204).send(""));
app.get("/e", (req, res) => res.status(304).json(null));
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn fetch_with_a_null_body() {
    let src = r#"
export const DELETE = async () => new Response(null, { status: 204 });
export const PUT = async () => new NextResponse(undefined, { status: 205 });
app.delete("/x", (c) => c.body(null, 204));
"#;
    assert!(run(src, TS, RULE).is_empty());
}

#[test]
fn statuses_that_carry_bodies() {
    let src = r#"
app.get("/a", (req, res) => res.status(200).json({ items }));
app.post("/b", (c) => c.json({ id }, 201));
"#;
    assert!(run(src, TS, RULE).is_empty());
}

#[test]
fn rust_without_a_body() {
    let src = r#"
async fn a() -> impl IntoResponse {
    StatusCode::NO_CONTENT
}
async fn b() -> impl IntoResponse {
    (StatusCode::NO_CONTENT, [(header::ETAG, etag)])
}
async fn c() -> HttpResponse {
    HttpResponse::NoContent().finish()
}
fn d() -> http::Response<()> {
    http::Response::builder().status(204).body(()).unwrap()
}
async fn e() -> impl IntoResponse {
    (StatusCode::NOT_MODIFIED, "")
}
"#;
    assert!(
        run(src, RUST, RULE).is_empty(),
        "{:#?}",
        run(src, RUST, RULE)
    );
}

#[test]
fn a_comparison_is_not_a_response() {
    let src = r#"
if (response.status === 204) return response.json({ fallback: true });
"#;
    assert!(run(src, JS, RULE).is_empty());
}
