//! `body-status-mismatch`: a body whose status field names another status than the one sent.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "body-status-mismatch";

// ---- must fire ----

#[test]
fn express_status_400_with_a_body_saying_500_follows_the_status() {
    let src = r#"
app.post("/orders", async (req, res) => {
  if (!req.body.items) {
    return res.status(400).json({ status: 500, message: "items are required" });
  }
  res.status(201).json(await orders.create(req.body));
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "{ status: 500", "500"));
    assert_eq!(f.code, 400);
    assert!(
        f.message.starts_with(
            "The body says 500 (`status: 500`) but the response is sent with 400 Bad Request"
        ),
        "{}",
        f.message
    );
    let fix = preferred(&f);
    assert_eq!(fix.title, "Make `status` follow the status: `400`");
    assert!(apply(src, fix).contains("res.status(400).json({ status: 400, message"));
}

#[test]
fn fastify_reply_code_with_status_code_in_the_body() {
    let src = r#"
fastify.get("/items/:id", async (request, reply) => {
  const item = await items.find(request.params.id);
  if (!item) return reply.code(404).send({ statusCode: 400, error: "Not Found" });
  return item;
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "statusCode: 400", "400"));
    assert!(apply(src, preferred(&f)).contains("reply.code(404).send({ statusCode: 404,"));
}

#[test]
fn axum_tuple_with_a_json_macro_code() {
    let src = r#"
async fn show(Path(id): Path<u32>) -> impl IntoResponse {
    match load(id).await {
        Some(item) => (StatusCode::OK, Json(json!({ "item": item }))),
        None => (StatusCode::NOT_FOUND, Json(json!({ "code": 500, "error": "missing" }))),
    }
}
"#;
    let f = single(run(src, RUST, RULE));
    assert_eq!(f.range, locate(src, "\"code\": 500", "500"));
    assert_eq!(f.code, 404);
    assert!(apply(src, preferred(&f)).contains("json!({ \"code\": 404, \"error\""));
}

#[test]
fn hono_and_next_js_bodies() {
    let src = r#"
app.get("/quota", (c) => c.json({ status: 503, error: "slow down" }, 429));
export async function GET() {
  return NextResponse.json({ statusCode: 200, error: "gone" }, { status: 410 });
}
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "status: 503", "503"));
    assert_eq!(found[1].range, locate(src, "statusCode: 200", "200"));
    assert_eq!(found[1].code, 410);
}

#[test]
fn a_status_through_a_name_is_followed_by_that_name() {
    let src = r#"
const UPSTREAM_DOWN = 503;
app.get("/proxy", async (req, res) => {
  try {
    res.json(await upstream.get(req.query.url));
  } catch (e) {
    res.status(UPSTREAM_DOWN).json({ status: 500, error: e.message });
  }
});
"#;
    let f = single(run(src, JS, RULE));
    assert!(
        f.message
            .contains("503 Service Unavailable (UPSTREAM_DOWN, line 2)"),
        "{}",
        f.message
    );
    assert_eq!(
        preferred(&f).title,
        "Make `status` follow the status: `UPSTREAM_DOWN`"
    );
    assert!(apply(src, preferred(&f)).contains("json({ status: UPSTREAM_DOWN, error"));
}

#[test]
fn a_named_constant_in_the_body_counts_as_its_code() {
    let src = r#"
@Get(":id")
find(@Res() res: Response) {
  return res.status(HttpStatus.NOT_FOUND).json({ statusCode: HttpStatus.BAD_REQUEST, message: "no" });
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(
        f.range,
        locate(
            src,
            "statusCode: HttpStatus.BAD_REQUEST",
            "HttpStatus.BAD_REQUEST"
        )
    );
    assert!(apply(src, preferred(&f)).contains("statusCode: HttpStatus.NOT_FOUND,"));
}

#[test]
fn a_quoted_status_and_an_error_object_one_level_down() {
    let src = r#"
app.delete("/users/:id", (req, res) => {
  if (!req.user) return res.status(401).send({ error: { status: "403", detail: "sign in" } });
  res.sendStatus(204);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status: \"403\"", "\"403\""));
    assert!(apply(src, preferred(&f)).contains("status: \"401\", detail"));
}

#[test]
fn fetch_response_with_a_stringified_body() {
    let src = r#"
export default {
  async fetch(request) {
    return new Response(JSON.stringify({ status: 200, error: "bad input" }), { status: 422 });
  },
};
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "status: 200", "200"));
    assert_eq!(f.code, 422);
}

// ---- must not fire ----

#[test]
fn quiet_when_the_body_agrees_or_names_no_status() {
    let src = r#"
app.get("/a", (req, res) => res.status(404).json({ status: 404, message: "missing" }));
app.get("/b", (req, res) => res.status(400).json({ status: "error", message: "bad" }));
app.get("/c", (req, res) => res.status(400).json({ code: "E_VALIDATION", message: "bad" }));
app.get("/d", (req, res) => res.status(400).json({ code: 1001, message: "bad" }));
app.get("/e", (req, res) => res.status(500).json({ error: e.message }));
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_when_the_field_follows_the_status_through_a_name() {
    let src = r#"
function fail(res, code, message) {
  return res.status(code).json({ statusCode: code, message });
}
app.get("/x", (req, res) => {
  const status = 409;
  res.status(status).json({ status, message: "conflict" });
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_when_any_value_of_the_name_agrees() {
    let src = r#"
app.get("/sync", async (req, res) => {
  let code = 200;
  if (!upstream.ok) code = 502;
  res.status(code).json({ status: 502, upstream: upstream.name });
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_in_test_expectations() {
    let src = r#"
test("missing items", async (t) => {
  const res = await app.inject({ url: "/items/1" });
  t.assert.deepStrictEqual(res.json(), { statusCode: 404, error: "Not Found" });
  expect(res.body).toEqual({ status: 500 });
  assert.equal(res.statusCode, 404);
});
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_for_a_body_that_is_not_an_object_literal() {
    let src = r#"
app.get("/a", (req, res) => res.status(404).json(problem));
app.get("/b", (req, res) => res.status(404).send("status: 500"));
app.get("/c", (req, res) => res.status(404).json(build({ status: 500 })));
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_for_a_nested_status_that_is_not_the_error() {
    let src = r#"
app.get("/jobs/:id", (req, res) =>
  res.status(200).json({ job: { id: 1, status: 500 }, upstream: { statusCode: 503 } }));
"#;
    assert_eq!(run(src, JS, RULE), []);
}

#[test]
fn quiet_in_rust_when_the_body_agrees_or_carries_data() {
    let src = r#"
async fn show() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, Json(json!({ "code": 404, "error": "missing" })))
}
async fn list() -> impl IntoResponse {
    (StatusCode::OK, Json(json!({ "items": [], "code": "page-1" })))
}
async fn proxy() -> impl IntoResponse {
    (StatusCode::BAD_GATEWAY, Json(Upstream { status: 500 }))
}
"#;
    assert_eq!(run(src, RUST, RULE), []);
}

#[test]
fn quiet_for_a_status_that_is_compared_not_sent() {
    let src = r#"
if (res.status === 404) {
  log({ status: 500, message: "upstream said 404" });
}
const seen = { status: 500 };
"#;
    assert_eq!(run(src, TS, RULE), []);
}

#[test]
fn quiet_for_a_gateway_reporting_the_upstreams_own_5xx() {
    let src = r#"
app.get("/thumbnails/:id", async (c) => {
  const origin = await fetch(url);
  if (!origin.ok) return c.json({ error: "Origin timed out", statusCode: 524 }, 504);
  if (origin.status === 404) return c.json({ statusCode: 500 }, 502);
  return c.json({ statusCode: 200, error: "late" }, 504);
});
"#;
    let found = run(src, TS, RULE);
    assert_eq!(
        found.len(),
        1,
        "a 2xx in a gateway error's body still contradicts it: {found:#?}"
    );
    assert_eq!(found[0].range, locate(src, "statusCode: 200", "200"));
}

#[test]
fn koa_status_and_body_set_in_statements_of_their_own() {
    let src = r#"
const Koa = require("koa");
const app = new Koa();
app.use(async (ctx) => {
  if (!ctx.query.id) {
    ctx.status = 400;
    ctx.body = { status: 500, message: "id is required" };
    return;
  }
  ctx.body = await find(ctx.query.id);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "{ status: 500,", "500"));
    assert!(apply(src, preferred(&f)).contains("ctx.body = { status: 400, message"));
}
