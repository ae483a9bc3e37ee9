//! `undeclared-status` and `unsent-declared-status`: what a route can send against what it
//! declares beside it (Fastify's response schema, NestJS Swagger decorators, utoipa).

#[path = "fixtures/rules/support.rs"]
mod support;

use support::*;

const RULE: &str = "undeclared-status";
const UNSENT: &str = "unsent-declared-status";

// ---- must fire ----

#[test]
fn fastify_schema_without_the_404_the_handler_sends() {
    let src = r#"
const fastify = require("fastify")();
fastify.get("/items/:id", {
  schema: {
    response: {
      200: { type: "object" },
    },
  },
}, async (request, reply) => {
  const item = await store.get(request.params.id);
  if (!item) return reply.code(404).send({ error: "missing" });
  return item;
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.range, locate(src, "reply.code(404)", "404"));
    assert!(
        f.message.starts_with(
            "404 Not Found can be sent here (set), but GET /items/:id declares only 200"
        ),
        "{}",
        f.message
    );
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains("response: {\n      404: {},\n      200: { type: \"object\" },"),
        "{fixed}"
    );
    assert!(run(&fixed, JS, RULE).is_empty(), "{fixed}");
}

#[test]
fn fastify_route_options_and_a_default_200_not_declared() {
    let src = r#"
const fastify = require("fastify")();
fastify.route({
  method: "POST",
  url: "/items",
  schema: { response: { 201: {} } },
  handler: async (request, reply) => {
    if (request.body.dry) {
      return reply.send({ ok: true });
    }
    reply.code(201).send(await store.add(request.body));
  },
});
"#;
    let f = single(run(src, JS, RULE));
    assert_eq!(f.code, 200);
    assert!(f.message.contains("(default)"), "{}", f.message);
    assert_eq!(
        apply(src, preferred(&f)).lines().nth(5).unwrap(),
        "  schema: { response: { 200: {}, 201: {} } },"
    );
}

#[test]
fn nestjs_ok_response_and_a_thrown_not_found() {
    let src = r#"
import { Controller, Get, HttpException, HttpStatus } from "@nestjs/common";
import { ApiOkResponse } from "@nestjs/swagger";

@Controller("users")
export class UsersController {
  @Get(":id")
  @ApiOkResponse({ description: "the user" })
  async findOne(id: string) {
    const user = await this.users.find(id);
    if (!user) {
      throw new HttpException("missing", HttpStatus.NOT_FOUND);
    }
    return user;
  }
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.code, 404);
    assert!(
        f.message.contains("GET /users/:id declares only 200"),
        "{}",
        f.message
    );
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains(
            "  @ApiResponse({ status: 404 })\n  @ApiOkResponse({ description: \"the user\" })"
        ),
        "{fixed}"
    );
}

#[test]
fn nestjs_post_answers_201_by_default() {
    let src = r#"
import { Controller, Post, HttpException, HttpStatus } from "@nestjs/common";
import { ApiResponse } from "@nestjs/swagger";

@Controller("orders")
export class OrdersController {
  @Post()
  @ApiResponse({ status: 200, description: "created" })
  @ApiResponse({ status: 409, description: "duplicate" })
  create(body: Order) {
    if (this.orders.has(body.id)) {
      throw new HttpException("duplicate", HttpStatus.CONFLICT);
    }
    return this.orders.create(body);
  }
}
"#;
    let f = single(run(src, TS, RULE));
    assert_eq!(f.code, 201);
    assert!(f.message.contains("POST /orders"), "{}", f.message);
}

#[test]
fn utoipa_responses_without_the_404() {
    let src = r#"
use actix_web::{get, HttpResponse};

#[utoipa::path(get, path = "/accounts/{id}", responses((status = 200, description = "found")))]
#[get("/accounts/{id}")]
async fn account(id: web::Path<u32>) -> HttpResponse {
    match find(*id) {
        Some(a) => HttpResponse::Ok().json(a),
        None => HttpResponse::NotFound().finish(),
    }
}
"#;
    let f = single(run(src, RUST, RULE));
    assert_eq!(f.code, 404);
    assert!(
        f.fixes.iter().all(|fix| fix.title.starts_with("Ignore")),
        "no edit of an attribute"
    );
}

// ---- must not fire ----

#[test]
fn a_class_or_default_covers_the_status() {
    for response in ["\"4xx\": {}", "default: {}", "404: {}, 500: {}"] {
        let src = format!(
            "const fastify = require(\"fastify\")();\nfastify.get(\"/x\", {{ schema: {{ response: {{ 200: {{}}, {response} }} }} }}, async (request, reply) => {{\n  if (!request.query.id) return reply.code(404).send({{ error: \"missing\" }});\n  return {{ ok: true }};\n}});\n"
        );
        assert!(run(&src, JS, RULE).is_empty(), "{src}");
    }
}

#[test]
fn a_route_that_declares_nothing_and_the_framework_500_are_not_reported() {
    let none = "const fastify = require(\"fastify\")();\nfastify.get(\"/x\", async (request, reply) => reply.code(404).send({}));\n";
    assert!(run(none, JS, RULE).is_empty());
    // `await` outside a try: the framework's 500, which no API declares.
    let escaping = "const fastify = require(\"fastify\")();\nfastify.get(\"/x\", { schema: { response: { 200: {} } } }, async (request, reply) => {\n  const x = await load();\n  return x;\n});\n";
    assert!(run(escaping, JS, RULE).is_empty());
    // A schema object that belongs to no route.
    let unrelated = "const opts = { schema: { response: { 200: {} } } };\nfunction f(res) { res.status(404).end(); }\n";
    assert!(run(unrelated, JS, RULE).is_empty());
}

#[test]
fn nestjs_named_decorators_declare_their_codes() {
    let src = r#"
import { Controller, Get, NotFoundException, HttpException, HttpStatus } from "@nestjs/common";

@Controller("users")
export class UsersController {
  @Get(":id")
  @ApiOkResponse()
  @ApiNotFoundResponse()
  async findOne(id: string) {
    const user = await this.users.find(id);
    if (!user) {
      throw new HttpException("missing", HttpStatus.NOT_FOUND);
    }
    return user;
  }
}
"#;
    assert!(run(src, TS, RULE).is_empty());
}

// ---- unsent-declared-status (off by default) ----

#[test]
fn a_declared_status_nothing_sends_is_a_hint_when_enabled() {
    let src = "const fastify = require(\"fastify\")();\nfastify.get(\"/x\", { schema: { response: { 200: {}, 409: {} } } }, (request, reply) => {\n  reply.send({ ok: true });\n});\n";
    assert!(run(src, JS, UNSENT).is_empty(), "off by default");
    let f = single(run_with(src, JS, UNSENT, &enabled(UNSENT)));
    assert_eq!(f.code, 409);
    assert_eq!(f.range, locate(src, "409: {}", "409"));
    // Sent, or possibly sent by a helper the model cannot follow: quiet.
    let sent = src.replace(
        "reply.send({ ok: true });",
        "if (busy) return reply.code(409).send({}); reply.send({ ok: true });",
    );
    assert!(run_with(&sent, JS, UNSENT, &enabled(UNSENT)).is_empty());
    let helper = src.replace("reply.send({ ok: true });", "answer(reply);");
    assert!(run_with(&helper, JS, UNSENT, &enabled(UNSENT)).is_empty());
}
