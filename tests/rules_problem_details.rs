//! `problem-details` (off by default): an error sent with a bare string or an ad-hoc object where
//! the project answers errors with RFC 9457 problem details.

#[path = "fixtures/rules/support.rs"]
mod support;

mod check_support;

use statuslint::rules::Finding;
use statuslint::syntax::Language;
use support::*;

const RULE: &str = "problem-details";

fn on(src: &str, language: Language) -> Vec<Finding> {
    run_with(src, language, RULE, &enabled(RULE))
}

/// An Express error handler that answers with problem details: the file's contract.
const EXPRESS_PROBLEMS: &str = r#"
const express = require("express");
const app = express();
app.use((err, req, res, next) => {
  res.status(err.status || 500).type("application/problem+json").json({
    type: "about:blank", title: err.title, status: err.status, detail: err.message,
  });
});
"#;

// ---- must fire (once enabled) ----

#[test]
fn express_bare_string_beside_a_problem_handler() {
    let src = format!(
        "{EXPRESS_PROBLEMS}app.get(\"/users/:id\", (req, res) => {{\n  res.status(404).send(\"User not found\");\n}});\n"
    );
    assert!(run(&src, JS, RULE).is_empty(), "off unless configured");
    let f = single(on(&src, JS));
    assert_eq!(
        f.range,
        locate(&src, "send(\"User not found\")", "\"User not found\"")
    );
    assert_eq!(
        f.message,
        "404 Not Found is sent with a bare string, but this project answers errors with problem details (RFC 9457: `application/problem+json` in this file): clients that read `type`, `title`, `status` and `detail` get something else from this one"
    );
    let fix = fix_titled(&f, "Send a problem document");
    assert!(!fix.preferred);
    assert!(apply(&src, fix).contains(
        "res.status(404).send({ type: \"about:blank\", title: \"Not Found\", status: 404, detail: \"User not found\" })"
    ));
}

#[test]
fn express_ad_hoc_error_object() {
    let src = format!(
        "{EXPRESS_PROBLEMS}app.post(\"/orders\", (req, res) => {{\n  if (!req.body.items) return res.status(422).json({{ error: \"items required\" }});\n  res.json(place(req.body));\n}});\n"
    );
    let f = single(on(&src, JS));
    assert!(f.message.contains("with an ad-hoc object"), "{}", f.message);
    assert!(apply(&src, fix_titled(&f, "Send a problem document")).contains(
        "json({ type: \"about:blank\", title: \"Unprocessable Content\", status: 422, detail: \"items required\" })"
    ));
}

#[test]
fn fastify_reply_with_a_template_string() {
    let src = r#"
const fastify = require("fastify")();
const { ProblemDocument } = require("http-problem-details");
fastify.get("/a", async (req, reply) => reply.code(409).send(new ProblemDocument({ status: 409 })));
fastify.get("/b/:id", async (req, reply) => {
  return reply.code(400).send(`bad id ${req.params.id}`);
});
"#;
    let f = single(on(src, JS));
    assert!(
        f.message
            .contains("`ProblemDocument` (http-problem-details)"),
        "{}",
        f.message
    );
}

#[test]
fn koa_status_and_body_set_apart() {
    let src = r#"
const Koa = require("koa");
const app = new Koa();
app.use(async (ctx, next) => {
  try { await next(); } catch (err) {
    ctx.status = err.status || 500;
    ctx.type = "application/problem+json";
    ctx.body = { type: "about:blank", title: err.name, status: ctx.status, detail: err.message };
  }
});
router.get("/me", async (ctx) => {
  if (!ctx.state.user) {
    ctx.status = 401;
    ctx.body = { error: "log in first" };
    return;
  }
  ctx.body = ctx.state.user;
});
"#;
    let f = single(on(src, JS));
    assert_eq!(
        f.range,
        locate(
            src,
            "{ error: \"log in first\" }",
            "{ error: \"log in first\" }"
        )
    );
}

#[test]
fn hono_ad_hoc_body() {
    let hono = r#"
import { Hono } from "hono";
const app = new Hono();
app.onError((err, c) => c.json({ type: "about:blank", title: "Internal Server Error", status: 500, detail: err.message }, 500));
app.get("/x", (c) => c.json({ message: "no such thing" }, 404));
"#;
    let f = single(on(hono, TS));
    assert!(
        f.message
            .contains("an object with `type`, `title`, `status` and `detail`"),
        "{}",
        f.message
    );
}

#[test]
fn next_route_with_a_string_response() {
    let src = r#"
import { NextResponse } from "next/server";
const problem = (status, title) => NextResponse.json({ type: "about:blank", title, status }, { status, headers: { "content-type": "application/problem+json" } });
export async function GET(request) {
  if (!request.headers.get("x-key")) return new Response("missing key", { status: 401 });
  return NextResponse.json(await list());
}
"#;
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "\"missing key\"", "\"missing key\""));
}

#[test]
fn nest_response_with_an_ad_hoc_object() {
    let src = r#"
import { Controller, Get, Res, HttpStatus } from "@nestjs/common";
// Errors follow RFC 9457: application/problem+json (see ProblemFilter).
@Controller("cats")
export class CatsController {
  @Get(":id")
  find(@Res() res) {
    return res.status(HttpStatus.NOT_FOUND).json({ statusCode: 404, message: "cat not found" });
  }
}
"#;
    let f = single(on(src, TS));
    assert!(
        f.message
            .starts_with("404 Not Found is sent with an ad-hoc object"),
        "{}",
        f.message
    );
    assert_eq!(
        f.range,
        locate(
            src,
            "{ statusCode: 404, message: \"cat not found\" }",
            "{ statusCode: 404, message: \"cat not found\" }"
        )
    );
}

#[test]
fn axum_string_body_where_the_crate_uses_http_api_problem() {
    let src = r#"
use axum::{http::StatusCode, response::IntoResponse};
use http_api_problem::HttpApiProblem;
async fn show() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, "no such user")
}
"#;
    let f = single(on(src, RUST));
    assert_eq!(f.range, locate(src, "\"no such user\"", "\"no such user\""));
    assert!(fix_titles(&f).is_empty(), "a Rust body's type would change");
}

#[test]
fn actix_json_macro_ad_hoc() {
    let src = r#"
use actix_web::{HttpResponse, http::header};
fn problem() -> HttpResponse { HttpResponse::BadRequest().content_type("application/problem+json").finish() }
async fn create() -> HttpResponse {
    HttpResponse::Conflict().json(serde_json::json!({ "error": "exists" }))
}
"#;
    let found = on(src, RUST);
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn evidence_in_another_file_of_the_project() {
    let dir = tempfile::tempdir().unwrap();
    check_support::write(
        dir.path(),
        "package.json",
        r#"{ "dependencies": { "express": "4" } }"#,
    );
    check_support::write(
        dir.path(),
        "src/errors.js",
        "module.exports = (res, status, title) => res.status(status).type('application/problem+json').json({ title, status });\n",
    );
    check_support::write(
        dir.path(),
        "src/users.js",
        "const app = require('express')();\napp.get('/u', (req, res) => res.status(404).json({ error: 'nope' }));\n",
    );
    let run = check_support::check(dir.path(), &["--format", "json", "--select", RULE]);
    assert_eq!(
        run.findings(),
        [("src/users.js".to_string(), 2, RULE.to_string())]
    );
    let message = run.json()[0]["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("`application/problem+json` in errors.js"),
        "{message}"
    );
    // Without the evidence, nothing.
    std::fs::remove_file(dir.path().join("src/errors.js")).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    check_support::write(dir2.path(), "package.json", "{}");
    check_support::write(
        dir2.path(),
        "src/users.js",
        "const app = require('express')();\napp.get('/u', (req, res) => res.status(404).json({ error: 'nope' }));\n",
    );
    let run = check_support::check(dir2.path(), &["--format", "json", "--select", RULE]);
    assert!(run.findings().is_empty());
}

// ---- must not fire ----

#[test]
fn no_problem_details_anywhere() {
    let src = r#"
const app = require("express")();
app.get("/users/:id", (req, res) => res.status(404).send("User not found"));
app.post("/x", (req, res) => res.status(400).json({ error: "bad" }));
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn problem_documents_are_the_contract() {
    let src = format!(
        "{EXPRESS_PROBLEMS}app.get(\"/a\", (req, res) => res.status(404).json({{ type: \"https://example.com/not-found\", title: \"Not Found\", status: 404 }}));\n"
    );
    assert!(on(&src, JS).is_empty(), "{:#?}", on(&src, JS));
}

#[test]
fn success_bodies_are_not_errors() {
    let src =
        format!("{EXPRESS_PROBLEMS}app.get(\"/a\", (req, res) => res.status(200).send(\"ok\"));\n");
    assert!(on(&src, JS).is_empty());
}

#[test]
fn a_helper_or_variable_body_may_be_a_problem() {
    let src = format!(
        "{EXPRESS_PROBLEMS}app.get(\"/a\", (req, res) => res.status(404).json(notFound(req.path)));\napp.get(\"/b\", (req, res) => {{ const body = problem(409); res.status(409).json(body); }});\n"
    );
    assert!(on(&src, JS).is_empty(), "{:#?}", on(&src, JS));
}

#[test]
fn a_spread_of_a_problem_is_a_problem() {
    let src = format!(
        "{EXPRESS_PROBLEMS}app.get(\"/a\", (req, res) => res.status(404).json({{ ...base, detail: \"missing\" }}));\n"
    );
    assert!(on(&src, JS).is_empty());
}

#[test]
fn a_response_that_declares_the_problem_media_type_itself() {
    let src = r#"
const app = require("express")();
app.get("/a", (req, res) => res.status(404).type("application/problem+json").send(JSON.stringify(doc)));
app.get("/b", (req, res) => res.status(410).set("Content-Type", "application/problem+json").json({ type: "about:blank", title: "Gone" }));
"#;
    assert!(on(src, JS).is_empty(), "{:#?}", on(src, JS));
}

#[test]
fn test_assertions_send_nothing() {
    let src = r#"
const { ProblemDocument } = require("http-problem-details");
test("404", async () => {
  const res = await request(app).get("/missing");
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: "not found" });
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn rust_problem_struct_and_no_body() {
    let src = r#"
use axum::{http::StatusCode, Json, response::IntoResponse};
use http_api_problem::HttpApiProblem;
async fn show() -> impl IntoResponse {
    if missing() { return StatusCode::NOT_FOUND.into_response(); }
    (StatusCode::CONFLICT, Json(HttpApiProblem::new(StatusCode::CONFLICT))).into_response()
}
"#;
    assert!(on(src, RUST).is_empty(), "{:#?}", on(src, RUST));
}
