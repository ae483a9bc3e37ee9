//! `missing-companion-header` (off by default): 401, 405, 429, 503 and 201 without the header
//! that completes them, looked for in the enclosing handler.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "missing-companion-header";

fn on(src: &str, language: statuslint::syntax::Language) -> Vec<statuslint::rules::Finding> {
    run_with(src, language, RULE, &enabled(RULE))
}

// ---- must fire (once enabled) ----

#[test]
fn off_by_default_and_info_once_enabled() {
    let src = r#"
app.get("/me", (req, res) => {
  if (!req.session.user) return res.status(401).json({ error: "login required" });
  res.json(req.session.user);
});
"#;
    assert!(run(src, JS, RULE).is_empty(), "off unless configured");
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "res.status(401)", "401"));
    assert_eq!(f.severity, statuslint::rules::Severity::Info);
    assert_eq!(
        f.message,
        "401 Unauthorized without a `WWW-Authenticate` header in this handler: RFC 9110 requires it with a 401, naming the authentication scheme to use"
    );
    assert!(fix_titles(&f).is_empty());
}

#[test]
fn fastify_rate_limit_and_next_method_not_allowed() {
    let src = r#"
fastify.post("/login", async (request, reply) => {
  if (await limiter.exceeded(request.ip)) {
    return reply.code(429).send({ error: "slow down" });
  }
});
export async function TRACE() {
  return new Response(null, { status: 405 });
}
"#;
    let found = on(src, TS);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .starts_with("429 Too Many Requests without a `Retry-After` header")
    );
    assert_eq!(
        found[1].message,
        "405 Method Not Allowed without an `Allow` header in this handler: RFC 9110 requires it with a 405, listing the methods the resource supports"
    );
}

#[test]
fn hono_created_and_nest_exception() {
    let src = r#"
app.post("/posts", async (c) => {
  const post = await createPost(await c.req.json());
  return c.json(post, 201);
});
@Controller("exports")
export class ExportsController {
  @Get()
  run() {
    if (this.busy) throw new HttpException("busy", 503);
  }
}
"#;
    let found = on(src, TS);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .starts_with("201 Created without a `Location` header")
    );
    assert!(
        found[1]
            .message
            .starts_with("503 Service Unavailable without a `Retry-After` header")
    );
}

#[test]
fn axum_and_actix() {
    let src = r#"
async fn maintenance() -> impl IntoResponse {
    (StatusCode::SERVICE_UNAVAILABLE, "back soon")
}
async fn create(body: web::Json<New>) -> HttpResponse {
    HttpResponse::Created().json(save(body).await)
}
"#;
    let found = on(src, RUST);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(
            src,
            "StatusCode::SERVICE_UNAVAILABLE",
            "StatusCode::SERVICE_UNAVAILABLE"
        )
    );
    assert_eq!(
        found[1].range,
        locate(src, "HttpResponse::Created", "HttpResponse::Created")
    );
}

#[test]
fn express_unauthorized_in_a_nested_callback() {
    let src = r#"
app.get("/files", (req, res) => {
  verify(req.headers.authorization, (err, claims) => {
    if (err) return res.sendStatus(401);
    res.json(list(claims));
  });
});
"#;
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "sendStatus(401)", "401"));
}

// ---- must not fire ----

#[test]
fn express_sets_the_header_in_the_handler() {
    let src = r#"
app.get("/me", (req, res) => {
  res.set("WWW-Authenticate", 'Bearer realm="api"');
  return res.status(401).end();
});
app.post("/jobs", (req, res) => {
  res.setHeader("Retry-After", "30");
  res.status(503).end();
});
app.post("/items", (req, res) => {
  const item = save(req.body);
  res.location(`/items/${item.id}`).status(201).json(item);
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn header_objects_and_constants() {
    let src = r#"
export async function DELETE() {
  return new Response(null, { status: 405, headers: { Allow: "GET, POST" } });
}
app.post("/x", (c) => c.json({ retryAfter: 10 }, 429));
"#;
    assert!(on(src, TS).is_empty());
}

#[test]
fn rust_headers() {
    let src = r#"
async fn limited() -> impl IntoResponse {
    (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "60")], "slow down")
}
async fn create() -> HttpResponse {
    HttpResponse::Created().append_header((header::LOCATION, "/items/1")).finish()
}
async fn login() -> impl IntoResponse {
    (StatusCode::UNAUTHORIZED, [("www-authenticate", "Basic")])
}
"#;
    assert!(on(src, RUST).is_empty());
}

#[test]
fn statuses_outside_handlers_and_comparisons() {
    let src = r#"
const FALLBACK = createError(503);
async function call() {
  const response = await fetch("/api");
  if (response.status === 401) return login();
}
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn other_statuses() {
    let src = r#"
app.get("/a", (req, res) => res.status(404).end());
app.get("/b", (req, res) => res.status(403).end());
"#;
    assert!(on(src, JS).is_empty());
}
