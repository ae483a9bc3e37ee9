//! `ok-on-error`: a 2xx sent from an error path or with a body that says the request failed.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "ok-on-error";

// ---- must fire ----

#[test]
fn express_catch_block() {
    let src = r#"
app.get("/users/:id", async (req, res) => {
  try {
    const user = await User.findById(req.params.id);
    res.status(200).json(user);
  } catch (err) {
    logger.error(err);
    res.status(200).json({ message: "something broke" });
  }
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(
        f.range,
        locate(src, r#"res.status(200).json({ message"#, "200")
    );
    assert!(
        f.message.starts_with("200 OK sent from a catch block:"),
        "{}",
        f.message
    );
    assert_eq!(
        fix_titles(&f),
        [
            "Use 500 Internal Server Error",
            "Use 400 Bad Request",
            "Use 404 Not Found",
            "Use 409 Conflict",
            "Use 422 Unprocessable Content",
        ]
    );
    assert!(apply(src, preferred(&f)).contains("res.status(500).json({ message"));
}

#[test]
fn express_callback_if_err_guard() {
    let src = r#"
router.get("/report", (req, res) => {
  fs.readFile(path, "utf8", (err, data) => {
    if (err) return res.status(200).send("could not read the report");
    res.send(data);
  });
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(
        f.range,
        locate(src, "if (err) return res.status(200)", "200")
    );
    assert!(
        f.message.contains("from an `if (err)` guard"),
        "{}",
        f.message
    );
    assert_eq!(preferred(&f).title, "Use 500 Internal Server Error");
}

#[test]
fn express_missing_user_guard_prefers_404() {
    let src = r#"
app.get("/profile/:id", async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) {
    return res.status(200).json({ message: "User not found" });
  }
  res.json(user);
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "return res.status(200)", "200"));
    assert!(
        f.message.contains("from an `if (!user)` guard"),
        "{}",
        f.message
    );
    assert_eq!(preferred(&f).title, "Use 404 Not Found");
    assert!(apply(src, preferred(&f)).contains("return res.status(404).json"));
}

#[test]
fn express_error_middleware_and_promise_catch() {
    let src = r#"
app.use((err, req, res, next) => {
  res.status(200).json({ message: err.message });
});
app.get("/jobs", (req, res) => {
  queue.list().then((jobs) => res.json(jobs)).catch((e) => res.status(202).send(e.message));
});
"#;
    let found = run(src, JS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "res.status(200).json({ message: err", "200")
    );
    assert!(
        found[0]
            .message
            .contains("from an error-handling middleware")
    );
    assert_eq!(found[1].range, locate(src, "res.status(202)", "202"));
    assert!(
        found[1]
            .message
            .starts_with("202 Accepted sent from a `.catch()` callback")
    );
}

#[test]
fn fastify_error_handler_and_typescript_middleware() {
    let src = r#"
fastify.setErrorHandler((error, request, reply) => {
  request.log.error(error);
  reply.status(200).send({ message: "oops" });
});
export function onError(err: Error, req: Request, res: Response, next: NextFunction) {
  res.status(200).end();
}
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("from an error handler (`setErrorHandler`)")
    );
    assert!(
        found[1]
            .message
            .contains("from an error-handling middleware")
    );
}

#[test]
fn nestjs_constant_keeps_its_style() {
    let src = r#"
import { Controller, Post, Body, HttpException, HttpStatus } from "@nestjs/common";

@Controller("orders")
export class OrdersController {
  @Post()
  async create(@Body() dto: CreateOrderDto) {
    try {
      return await this.orders.create(dto);
    } catch (error) {
      throw new HttpException(error.message, HttpStatus.OK);
    }
  }
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(
        f.range,
        locate(src, "error.message, HttpStatus.OK", "HttpStatus.OK")
    );
    assert_eq!(f.code, 200);
    assert!(apply(src, preferred(&f)).contains("HttpStatus.INTERNAL_SERVER_ERROR);"));
}

#[test]
fn next_route_handler_body_that_says_it_failed() {
    let src = r#"
import { NextResponse } from "next/server";

export async function GET(request: Request) {
  const item = await db.item.findFirst();
  return NextResponse.json({ error: "Not found" }, { status: 200 });
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.range, locate(src, "{ status: 200 }", "200"));
    assert!(
        f.message
            .contains("with a body that says the request failed (`error: \"Not found\"`)"),
        "{}",
        f.message
    );
    assert_eq!(preferred(&f).title, "Use 500 Internal Server Error");
}

#[test]
fn hono_and_zod_guards() {
    let src = r#"
app.post("/signup", async (c) => {
  const parsed = schema.safeParse(await c.req.json());
  if (!parsed.success) {
    return c.json({ issues: parsed.error.issues }, 200);
  }
  return c.json({ ok: false }, 201);
});
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("from an `if (!parsed.success)` guard")
    );
    assert_eq!(preferred(&found[0]).title, "Use 400 Bad Request");
    assert_eq!(found[1].range, locate(src, "{ ok: false }, 201", "201"));
    assert!(
        found[1].message.contains("(`ok: false`)"),
        "{}",
        found[1].message
    );
}

#[test]
fn axum_err_arm_map_err_and_if_let() {
    let src = r#"
use axum::{http::StatusCode, Json};
use serde_json::json;

async fn show(Path(id): Path<u64>) -> impl IntoResponse {
    match repo.find(id).await {
        Ok(user) => (StatusCode::OK, Json(json!({ "user": user }))),
        Err(e) => (StatusCode::OK, Json(json!({ "message": e.to_string() }))),
    }
}

async fn save(state: State<Db>) -> Result<StatusCode, StatusCode> {
    state.insert().await.map_err(|_| StatusCode::ACCEPTED)?;
    if let Err(e) = state.audit().await {
        return Ok(StatusCode::OK);
    }
    Ok(StatusCode::CREATED)
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "Err(e) => (StatusCode::OK", "StatusCode::OK")
    );
    assert!(found[0].message.contains("from a `match` arm on `Err(e)`"));
    assert!(
        apply(src, preferred(&found[0]))
            .contains("Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, Json")
    );
    assert!(
        found[1]
            .message
            .starts_with("202 Accepted sent from a `map_err` closure")
    );
    assert!(found[2].message.contains("from an `if let Err(e)` block"));
}

#[test]
fn axum_error_type_response_and_let_else() {
    let src = r#"
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Upstream(_) => StatusCode::OK,
        };
        (status, self.to_string()).into_response()
    }
}

async fn session(jar: CookieJar) -> Response {
    let Ok(claims) = decode(&jar) else {
        return StatusCode::NO_CONTENT.into_response();
    };
    Json(claims).into_response()
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("from `impl IntoResponse for AppError`")
    );
    assert!(
        found[1]
            .message
            .starts_with("204 No Content sent from the `else` block of `let Ok(claims)`")
    );
}

#[test]
fn actix_err_arm_and_response_error() {
    let src = r#"
#[post("/users")]
async fn create(body: web::Json<NewUser>) -> HttpResponse {
    match insert(body.into_inner()).await {
        Ok(user) => HttpResponse::Created().json(user),
        Err(_) => HttpResponse::Ok().json(serde_json::json!({ "saved": false })),
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::OK
    }
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "HttpResponse::Ok()", "HttpResponse::Ok")
    );
    assert!(
        apply(src, preferred(&found[0])).contains("Err(_) => HttpResponse::InternalServerError()")
    );
    assert!(
        found[1]
            .message
            .contains("from `impl ResponseError for ApiError`")
    );
}

#[test]
fn an_error_types_own_status_function_is_an_error_path() {
    // The realworld-axum-sqlx shape: `IntoResponse` calls `self.status_code()`, so the 2xx a
    // variant maps to there goes out as that error's response. A success type's status function,
    // and a status function that returns something else, are not error paths.
    let src = r#"
impl ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::OK,
            Self::Sqlx(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status_code(), self.to_string()).into_response()
    }
}

impl Created {
    fn status_code(&self) -> StatusCode {
        StatusCode::OK
    }
}

impl ApiError {
    fn fallback(&self) -> Response {
        match self {
            _ => (StatusCode::OK, "fine").into_response(),
        }
    }
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "NotFound => StatusCode::OK", "StatusCode::OK")
    );
    assert!(
        found[0].message.starts_with(
            "200 OK sent from `ApiError::status_code`, the status an error type answers with"
        ),
        "{}",
        found[0].message
    );
}

const PY: statuslint::syntax::Language = statuslint::syntax::Language::Python;
const GO: statuslint::syntax::Language = statuslint::syntax::Language::Go;

const THROWN: &str = "an error goes out with its status, so clients, caches and monitoring take \
    the failure for a success (or the framework swaps in 500); give it a 4xx or 5xx";

#[test]
fn a_success_status_thrown_as_an_error() {
    // Whatever surrounds it, an error made with a 2xx is a failure that reads as a success.
    let js = r#"
const createError = require("http-errors");
app.use(async (ctx) => {
  if (!ctx.user) ctx.throw(200, "login first");
  throw createError(201, "nope");
});
"#;
    let found = run(js, JS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(js, "ctx.throw(200", "200"));
    assert_eq!(
        found[0].message,
        format!("200 OK thrown as an error: {THROWN}")
    );
    assert_eq!(found[1].range, locate(js, "createError(201", "201"));
    assert_eq!(
        found[1].message,
        format!("201 Created thrown as an error: {THROWN}")
    );
    assert!(apply(js, preferred(&found[0])).contains("ctx.throw(500, \"login first\")"));

    let ts = r#"
import { Controller, Get, HttpException } from "@nestjs/common";
@Controller("x")
export class X {
  @Get()
  find() {
    throw new HttpException("not found", 200);
  }
}
"#;
    let f = single(run(ts, TS, RULE));
    assert_eq!(f.range, locate(ts, "\"not found\", 200", "200"));
    assert!(
        f.message.starts_with("200 OK thrown as an error"),
        "{}",
        f.message
    );

    let py = r#"
from fastapi import FastAPI, HTTPException
app = FastAPI()

@app.get("/items/{id}")
def item(id: int):
    raise HTTPException(status_code=200, detail="no such item")
"#;
    let f = single(run(py, PY, RULE));
    assert_eq!(f.range, locate(py, "status_code=200", "200"));
    assert_eq!(f.message, format!("200 OK raised as an error: {THROWN}"));

    // An error thrown with its proper status is what the rule wants.
    assert!(run("ctx.throw(404, 'no such user');", JS, RULE).is_empty());
}

#[test]
fn an_error_class_that_gives_itself_a_success_status() {
    let js = r#"
class NotFoundError extends Error {
  constructor(message) {
    super(message);
    this.status = 200;
  }
}
class ConflictError extends HttpError {
  statusCode = 200;
}
module.exports.Teapot = class extends Error {
  constructor() {
    super("teapot");
    this.statusCode = 204;
  }
};
class Point {
  constructor() {
    this.status = 200;
  }
  statusCode = 200;
}
class Gone extends Error {
  constructor() {
    super("gone");
    this.status = 410;
  }
}
"#;
    let found = run(js, JS, RULE);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(js, "this.status = 200;\n  }\n}\nclass Conflict", "200")
    );
    assert_eq!(
        found[0].message,
        format!("200 OK given to the error class `NotFoundError`: {THROWN}")
    );
    assert_eq!(
        found[1].range,
        locate(js, "statusCode = 200;\n}\nmodule", "200")
    );
    assert!(found[1].message.contains("the error class `ConflictError`"));
    assert_eq!(found[2].range, locate(js, "this.statusCode = 204", "204"));
    assert!(
        found[2]
            .message
            .starts_with("204 No Content given to an error class:"),
        "{}",
        found[2].message
    );
    assert!(apply(js, preferred(&found[1])).contains("statusCode = 500;"));

    let ts = r#"
import { HttpException, HttpStatus } from "@nestjs/common";
export class PaymentFailed extends HttpException {
  constructor() {
    super("payment failed", HttpStatus.OK);
  }
}
export class Teapot extends HttpException {
  constructor() {
    super("teapot", 200);
  }
}
export class Widget extends Component {
  constructor() {
    super("w", 200);
  }
}
export class Gone extends HttpException {
  readonly status = 410;
}
"#;
    let found = run(ts, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(ts, "HttpStatus.OK", "HttpStatus.OK"));
    assert!(found[0].message.contains("the error class `PaymentFailed`"));
    assert_eq!(found[1].range, locate(ts, "\"teapot\", 200", "200"));
    assert!(found[1].message.contains("the error class `Teapot`"));

    let py = r#"
from werkzeug.exceptions import HTTPException

class PaymentFailed(HTTPException):
    code = 200
    description = "payment failed"

class Gone(HTTPException):
    def __init__(self):
        super().__init__(status_code=200, detail="gone")

class Settings(BaseModel):
    code = 200

class Missing(HTTPException):
    code = 404
"#;
    let found = run(py, PY, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(py, "code = 200\n    description", "200")
    );
    assert!(found[0].message.contains("the error class `PaymentFailed`"));
    assert_eq!(found[1].range, locate(py, "status_code=200", "200"));
    assert!(found[1].message.contains("the error class `Gone`"));

    let go = r#"
package api

import "net/http"

type NotFoundError struct{}

func (e NotFoundError) Error() string { return "not found" }
func (e NotFoundError) StatusCode() int { return http.StatusOK }

type Page struct{}

func (p Page) StatusCode() int { return http.StatusOK }
"#;
    let f = single(run(go, GO, RULE));
    assert_eq!(
        f.range,
        locate(go, "return http.StatusOK }\n\ntype", "http.StatusOK")
    );
    assert_eq!(
        f.message,
        format!("200 OK given to the error type `NotFoundError`: {THROWN}")
    );
}

#[test]
fn rust_body_that_says_it_failed() {
    let src = r#"
async fn charge() -> impl IntoResponse {
    (StatusCode::OK, Json(json!({ "success": false, "reason": "card declined" })))
}

async fn refund() -> impl IntoResponse {
    (StatusCode::OK, Json(ErrorResponse { message: "refund failed".into() }))
}
"#;
    let found = run(src, RUST, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].message.contains("(`success: false`)"),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("(`ErrorResponse { .. }`)"),
        "{}",
        found[1].message
    );
}

#[test]
fn express_default_status_from_a_catch_block() {
    let src = r#"
app.get("/users/:id", async (req, res) => {
  try {
    res.status(200).json(await User.findById(req.params.id));
  } catch (err) {
    res.json({ error: err.message });
  }
});
"#;
    // The status set in the try branch does not apply to the catch branch.
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "res.json({ error", "res.json"));
    assert_eq!(f.code, 200);
    assert!(
        f.message
            .starts_with("200 OK (the default status) sent from a catch block:"),
        "{}",
        f.message
    );
    assert_eq!(preferred(&f).title, "Use 500 Internal Server Error");
    assert!(apply(src, preferred(&f)).contains("res.status(500).json({ error: err.message });"));
}

#[test]
fn next_default_status_from_guards() {
    let src = r#"
import { NextResponse } from "next/server";
export async function GET(request: Request) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: "Unauthorized" });
  const item = await db.item.findFirst();
  if (!item) return NextResponse.json({ message: "Item not found" });
  return NextResponse.json(item);
}
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].message.contains("from an `if (!session)` guard"));
    assert_eq!(preferred(&found[0]).title, "Use 401 Unauthorized");
    assert!(
        apply(src, preferred(&found[0]))
            .contains(r#"NextResponse.json({ error: "Unauthorized" }, { status: 401 });"#)
    );
    assert!(
        apply(src, preferred(&found[1]))
            .contains(r#"NextResponse.json({ message: "Item not found" }, { status: 404 });"#)
    );
}

#[test]
fn hono_and_fastify_default_status() {
    let src = r#"
app.post("/jobs", async (c) => {
  const body = await c.req.json();
  if (!valid(body)) return c.json({ error: "bad input" });
  return c.json(await enqueue(body), 201);
});
fastify.get("/feed", async (request, reply) => {
  try {
    return await feed();
  } catch (e) {
    return reply.send({ ok: false });
  }
});
"#;
    let found = run(src, TS, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, r#"c.json({ error: "bad input" })"#, "c.json")
    );
    assert!(apply(src, preferred(&found[0])).contains(r#"c.json({ error: "bad input" }, 500)"#));
    assert!(apply(src, preferred(&found[1])).contains("reply.code(500).send({ ok: false })"));
}

/// A branch that returns its own status before the default-200 response does not set the status
/// of the path the response is on: the body alone still goes out as 200 from the catch.
#[test]
fn default_200_after_a_branch_that_returns() {
    let src = r#"
const express = require("express");
app.get("/users/:id", async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    if (err.code === "ENOENT") return res.status(404).json({ error: "missing" });
    if (err.code === "EACCES") {
      res.status(403).json({ error: "forbidden" });
      return;
    }
    res.json({ error: err.message });
  }
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(
        f.range,
        locate(src, "res.json({ error: err.message })", "res.json")
    );
}

// ---- must not fire ----

/// An http-errors instance handed to Fastify carries its own status (`errors.NotFound` is 404).
#[test]
fn an_http_errors_instance_sent_is_not_a_200() {
    let src = r#"
const fastify = require("fastify")();
const errors = require("http-errors");
fastify.get("/x", async (request, reply) => {
  try {
    reply.send(await load());
  } catch (err) {
    reply.send(new errors.ServiceUnavailable());
  }
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

/// A branch that sets the status and goes on (no return) sets it for the response after it.
#[test]
fn a_branch_that_sets_and_falls_through_sets_the_status() {
    let src = r#"
const express = require("express");
app.get("/users/:id", async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    if (err.code === "ENOENT") res.status(404);
    else res.status(500);
    res.json({ error: err.message });
  }
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn default_status_set_some_other_way() {
    let src = r#"
import { NextResponse } from "next/server";
app.get("/a", async (req, res) => {
  try { await go(); } catch (err) { res.status(500); res.json({ error: err.message }); }
});
app.get("/b", (c) => { c.status(503); return c.json({ error: "maintenance" }); });
function sendError(res, message) {
  res.json({ error: message });
}
app.get("/c", (req, res) => res.json({ data: rows, error }));
export async function GET() {
  return NextResponse.json({ error: "gone" }, init);
}
"#;
    assert!(run(src, TS, RULE).is_empty(), "{:#?}", run(src, TS, RULE));
}

#[test]
fn success_path_of_a_try_block() {
    let src = r#"
app.get("/users", async (req, res) => {
  try {
    res.status(200).json(await User.find());
  } catch (err) {
    next(err);
  } finally {
    res.status(200);
  }
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn a_specific_recovery_inside_a_catch_block() {
    let src = r#"
app.get("/files", async (req, res) => {
  try {
    res.json(await readdir(dir));
  } catch (err) {
    if (err.code === "ENOENT") return res.status(200).json([]);
    res.status(500).json({ error: err.message });
  }
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn a_callback_defined_in_a_catch_block_runs_elsewhere() {
    let src = r#"
try {
  connect();
} catch (err) {
  server.on("request", (req, res) => res.status(200).end("retrying"));
}
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn a_missing_guard_whose_answer_is_the_point() {
    let src = r#"
app.get("/email-available", async (req, res) => {
  const user = await User.findOne({ email: req.query.email });
  if (!user) return res.status(200).json({ available: true });
  res.status(200).json({ available: false });
});
app.post("/forgot-password", async (req, res) => {
  const account = await Account.findOne({ email: req.body.email });
  if (!account) {
    return res.status(200).json({ message: "If that address is registered, a link is on its way" });
  }
  await sendReset(account);
  res.status(200).json({ message: "If that address is registered, a link is on its way" });
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn bodies_that_pass_an_empty_error_along() {
    let src = r#"
app.get("/posts", async (req, res) => {
  const { data, error } = await supabase.from("posts").select();
  res.status(200).json({ data, error });
});
app.get("/health", (req, res) => res.status(200).json({ error: null, ok: true }));
app.get("/x", (req, res) => {
  db.get((err, row) => {
    if (!err) res.status(200).json(row);
    if (err) { log(err); } else { res.status(200).json(row); }
  });
});
"#;
    assert!(run(src, JS, RULE).is_empty());
}

#[test]
fn rust_arms_that_handle_one_error_on_purpose() {
    let src = r#"
async fn remove(id: Id) -> StatusCode {
    match repo.delete(id).await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(e) if e.is_not_found() => StatusCode::NO_CONTENT,
        Err(sqlx::Error::RowNotFound) => StatusCode::OK,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn probe(client: Client) -> bool {
    match client.get(URL).send().await {
        Err(e) => e.status() == Some(StatusCode::OK),
        Ok(r) => r.status() == StatusCode::OK,
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        (StatusCode::OK, Html(self.0)).into_response()
    }
}
"#;
    assert!(
        run(src, RUST, RULE).is_empty(),
        "{:#?}",
        run(src, RUST, RULE)
    );
}

#[test]
fn suppressed_or_turned_off() {
    let src = r#"
app.post("/webhook", async (req, res) => {
  try {
    await handle(req.body);
  } catch (err) {
    // The provider retries anything but a 2xx, and we have logged it.
    // statuslint-disable-next-line ok-on-error
    res.status(200).json({ received: true });
  }
});
"#;
    assert!(run(src, JS, RULE).is_empty());
    let off = statuslint::config::Config::from_toml("[rules]\nok-on-error = \"off\"\n").unwrap();
    let unsuppressed = src.replace("// statuslint-disable-next-line ok-on-error", "");
    assert_eq!(run(&unsuppressed, JS, RULE).len(), 1);
    assert!(run_with(&unsuppressed, JS, RULE, &off).is_empty());
}
