//! `prefer-named-constant` (off by default): a number where the file imports named constants.

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "prefer-named-constant";

fn on(src: &str, language: statuslint::syntax::Language) -> Vec<statuslint::rules::Finding> {
    run_with(src, language, RULE, &enabled(RULE))
}

// ---- must fire (once enabled) ----

#[test]
fn http_status_codes_esm() {
    let src = r#"
import { StatusCodes } from "http-status-codes";
app.get("/items/:id", (req, res) => res.status(404).json({ error: "no such item" }));
"#;
    assert!(run(src, TS, RULE).is_empty(), "off unless configured");
    let f = single(on(src, TS));
    assert_eq!(f.range, locate(src, "res.status(404)", "404"));
    assert_eq!(
        f.message,
        "404 written as a number while this file imports `StatusCodes` from `http-status-codes`: write `StatusCodes.NOT_FOUND`"
    );
    assert_eq!(fix_titles(&f), ["Use StatusCodes.NOT_FOUND"]);
    assert!(apply(src, preferred(&f)).contains("res.status(StatusCodes.NOT_FOUND).json"));
}

#[test]
fn library_specific_names() {
    // The three libraries disagree on 302 and 413.
    let codes = r#"
const { StatusCodes } = require("http-status-codes");
app.post("/upload", (req, res) => res.status(413).end());
app.get("/tmp", (req, res) => res.redirect(302, "/x"));
"#;
    let found = on(codes, JS);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        apply(codes, preferred(&found[0])).contains("res.status(StatusCodes.REQUEST_TOO_LONG)")
    );
    assert!(
        apply(codes, preferred(&found[1])).contains("res.redirect(StatusCodes.MOVED_TEMPORARILY,")
    );

    let status = r#"
import httpStatus from "http-status";
app.post("/upload", (req, res) => res.status(413).end());
"#;
    let f = single(on(status, JS));
    assert!(
        apply(status, preferred(&f)).contains("res.status(httpStatus.REQUEST_ENTITY_TOO_LARGE)")
    );
}

#[test]
fn nestjs_adds_the_missing_import() {
    let src = r#"import { Controller, Post, HttpCode } from "@nestjs/common";

@Controller("uploads")
export class UploadsController {
  @Post()
  @HttpCode(413)
  reject() {}
}
"#;
    let f = single(on(src, TS));
    assert_eq!(f.range, locate(src, "@HttpCode(413)", "413"));
    assert_eq!(
        fix_titles(&f),
        ["Use HttpStatus.PAYLOAD_TOO_LARGE (and import HttpStatus)"]
    );
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.starts_with(
            r#"import { Controller, Post, HttpCode, HttpStatus } from "@nestjs/common";"#
        ),
        "{fixed}"
    );
    assert!(fixed.contains("@HttpCode(HttpStatus.PAYLOAD_TOO_LARGE)"));
}

#[test]
fn aliases_are_respected() {
    let src = r#"
import { StatusCodes as Codes } from "http-status-codes";
fastify.get("/x", async (request, reply) => reply.code(503).send());
"#;
    let f = single(on(src, TS));
    assert!(apply(src, preferred(&f)).contains("reply.code(Codes.SERVICE_UNAVAILABLE)"));
}

#[test]
fn rust_builder_status() {
    let src = r#"use axum::http::StatusCode;

fn not_found() -> Response<Body> {
    Response::builder().status(404).body(Body::empty()).unwrap()
}
"#;
    let f = single(on(src, RUST));
    assert_eq!(f.range, locate(src, "status(404)", "404"));
    assert!(apply(src, preferred(&f)).contains(".status(StatusCode::NOT_FOUND)"));
}

#[test]
fn rust_adds_status_code_to_an_http_import() {
    let listed = r#"use http::{Request, Response};

fn gone() -> Response<()> {
    Response::builder().status(410).body(()).unwrap()
}
"#;
    let f = single(on(listed, RUST));
    let fixed = apply(listed, preferred(&f));
    assert!(
        fixed.starts_with("use http::{Request, Response, StatusCode};"),
        "{fixed}"
    );
    assert!(fixed.contains(".status(StatusCode::GONE)"));

    let single_use = r#"use http::Response;

fn gone() -> Response<()> {
    Response::builder().status(410).body(()).unwrap()
}
"#;
    let f = single(on(single_use, RUST));
    let fixed = apply(single_use, preferred(&f));
    assert!(
        fixed.starts_with("use http::Response;\nuse http::StatusCode;\n"),
        "{fixed}"
    );
}

// ---- must not fire ----

#[test]
fn files_without_a_constants_import() {
    let src = r#"
import express from "express";
app.get("/x", (req, res) => res.status(404).end());
"#;
    assert!(on(src, JS).is_empty());
    let rust = "use axum::Json;\nfn f() { Response::builder().status(404); }\n";
    assert!(on(rust, RUST).is_empty());
}

#[test]
fn rust_calls_whose_type_would_change() {
    let src = r#"use http::StatusCode;

fn parse() -> StatusCode {
    StatusCode::from_u16(404).unwrap()
}
"#;
    assert!(on(src, RUST).is_empty());
}

#[test]
fn hono_status_parameters_and_comparisons() {
    let src = r#"
import { StatusCodes } from "http-status-codes";
app.get("/x", (c) => c.json({ error: "gone" }, 410));
async function f() {
  const response = await fetch("/y");
  if (response.status === 404) return null;
}
"#;
    assert!(on(src, TS).is_empty());
}

#[test]
fn constants_already_and_codes_without_a_name() {
    let src = r#"
import { HttpStatus } from "@nestjs/common";
throw new HttpException("gone", HttpStatus.GONE);
throw new HttpException("legal", 451);
"#;
    // NestJS has not always had a name for 451, so no fix could be trusted.
    assert!(on(src, TS).is_empty());
}

#[test]
fn other_modules_named_alike() {
    let src = r#"
import { StatusCodes } from "./my-codes";
import status from "statuses";
app.get("/x", (req, res) => res.status(404).end());
"#;
    assert!(on(src, TS).is_empty());
}
