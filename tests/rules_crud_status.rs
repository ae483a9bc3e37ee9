//! `crud-status` (off by default): a POST that creates and answers 200, a DELETE that answers 200
//! with no body.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::rules::Finding;
use statuslint::syntax::Language;
use support::*;

const RULE: &str = "crud-status";

fn on(src: &str, language: Language) -> Vec<Finding> {
    run_with(src, language, RULE, &enabled(RULE))
}

// ---- must fire (once enabled) ----

#[test]
fn express_post_that_creates_with_sequelize() {
    let src = r#"
const express = require("express");
const app = express();
app.post("/users", async (req, res) => {
  const user = await User.create(req.body);
  res.status(200).json(user);
});
"#;
    assert!(run(src, JS, RULE).is_empty(), "off unless configured");
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "status(200)", "200"));
    assert_eq!(
        f.message,
        "`POST /users` creates a record (`User.create(`) and answers 200 OK: 201 Created tells the client a resource was made, and a `Location` header can say where"
    );
    assert_eq!(f.severity, statuslint::rules::Severity::Info);
    let fixed = apply(src, preferred(&f));
    assert!(fixed.contains("res.status(201).json(user)"), "{fixed}");
}

#[test]
fn express_default_200_from_a_mongo_insert() {
    let src = r#"
const router = require("express").Router();
router.post("/orders", async (req, res) => {
  const result = await db.collection("orders").insertOne(req.body);
  res.json({ id: result.insertedId });
});
"#;
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "res.json(", "res.json"));
    assert!(
        f.message.contains("answers with the default 200 OK"),
        "{}",
        f.message
    );
    let fixed = apply(src, preferred(&f));
    assert!(fixed.contains("res.status(201).json({ id"), "{fixed}");
}

#[test]
fn mongoose_save_of_a_new_document() {
    let src = r#"
import express from "express";
const app = express();
app.post("/api/posts", async (req, res) => {
  const post = new Post({ title: req.body.title });
  await post.save();
  return res.status(200).send(post);
});
"#;
    let f = single(on(src, JS));
    assert!(f.message.contains("(`post.save(`)"), "{}", f.message);
}

#[test]
fn fastify_post_with_knex_insert() {
    let src = r#"
const fastify = require("fastify")();
fastify.post("/items", async (request, reply) => {
  const [id] = await knex("items").insert(request.body);
  return reply.code(200).send({ id });
});
"#;
    let f = single(on(src, JS));
    assert_eq!(f.range, locate(src, "code(200)", "200"));
    assert!(apply(src, preferred(&f)).contains("reply.code(201).send({ id })"));
}

#[test]
fn next_app_router_post_with_prisma() {
    let src = r#"
import { NextResponse } from "next/server";
export async function POST(request: Request) {
  const data = await request.json();
  const todo = await prisma.todo.create({ data });
  return NextResponse.json(todo);
}
"#;
    let f = single(on(src, TS));
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains("NextResponse.json(todo, { status: 201 })"),
        "{fixed}"
    );
}

#[test]
fn express_delete_that_ends_an_empty_200() {
    let src = r#"
const app = require("express")();
app.delete("/users/:id", async (req, res) => {
  await User.destroy({ where: { id: req.params.id } });
  res.status(200).end();
});
app.delete("/sessions/:id", (req, res) => {
  store.remove(req.params.id);
  res.sendStatus(200);
});
"#;
    let found = on(src, JS);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].message,
        "`DELETE /users/:id` answers 200 OK with no body: 204 No Content says the deletion succeeded without promising a body"
    );
    assert!(apply(src, preferred(&found[0])).contains("res.status(204).end()"));
    assert!(apply(src, preferred(&found[1])).contains("res.sendStatus(204)"));
}

#[test]
fn axum_post_returning_json_alone() {
    let src = r#"
use axum::{routing::post, Json, Router, http::StatusCode, response::IntoResponse};
async fn create_todo(Json(input): Json<NewTodo>) -> impl IntoResponse {
    let todo = Todo { id: Uuid::new_v4(), text: input.text };
    DB.write().unwrap().insert(todo.id, todo.clone());
    Json(todo)
}
pub fn app() -> Router {
    Router::new().route("/todos", post(create_todo))
}
"#;
    let f = single(on(src, RUST));
    assert_eq!(f.range, locate(src, "    Json(todo)\n", "Json(todo)"));
    let fixed = apply(src, preferred(&f));
    assert!(
        fixed.contains("(StatusCode::CREATED, Json(todo))"),
        "{fixed}"
    );
}

#[test]
fn axum_delete_returning_an_empty_ok() {
    let src = r#"
use axum::{routing::delete, Router, http::StatusCode};
async fn remove(Path(id): Path<u64>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id as i64).execute(&pool).await?;
    Ok(())
}
pub fn app() -> Router {
    Router::new().route("/users/{id}", delete(remove))
}
"#;
    let f = single(on(src, RUST));
    assert_eq!(f.range, locate(src, "Ok(())", "Ok(())"));
    assert!(
        f.message.contains("returns an empty 200 OK"),
        "{}",
        f.message
    );
    assert!(fix_titles(&f).is_empty(), "no fix: the return type is ()");
}

#[test]
fn actix_post_with_diesel_insert_into() {
    let src = r#"
use actix_web::{post, web, HttpResponse, Responder};
#[post("/users")]
async fn create(pool: web::Data<Pool>, form: web::Json<NewUser>) -> impl Responder {
    let mut conn = pool.get().unwrap();
    diesel::insert_into(users::table).values(&*form).execute(&mut conn).unwrap();
    HttpResponse::Ok().json(&*form)
}
"#;
    let f = single(on(src, RUST));
    let fixed = apply(src, preferred(&f));
    assert!(fixed.contains("HttpResponse::Created().json"), "{fixed}");
}

#[test]
fn nest_controller_post_and_delete() {
    let src = r#"
import { Controller, Post, Delete, Body, Param, Res, HttpStatus } from "@nestjs/common";
@Controller("cats")
export class CatsController {
  @Post()
  async create(@Body() dto: CreateCatDto, @Res() res) {
    const cat = await this.catsRepository.insert(dto);
    return res.status(HttpStatus.OK).json(cat);
  }
  @Delete(":id")
  async remove(@Param("id") id: string, @Res() res) {
    await this.catsRepository.delete(id);
    return res.status(HttpStatus.OK).send();
  }
}
"#;
    let found = on(src, TS);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(apply(src, preferred(&found[0])).contains("res.status(HttpStatus.CREATED).json(cat)"));
    assert!(apply(src, preferred(&found[1])).contains("res.status(HttpStatus.NO_CONTENT).send()"));
}

// ---- must not fire ----

#[test]
fn a_post_that_already_answers_201() {
    let src = r#"
const app = require("express")();
app.post("/users", async (req, res) => {
  const user = await User.create(req.body);
  res.status(201).location(`/users/${user.id}`).json(user);
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn a_post_with_201_on_one_path_and_200_on_another() {
    let src = r#"
const app = require("express")();
app.post("/users", async (req, res) => {
  const existing = await User.findOne({ email: req.body.email });
  if (existing) return res.status(200).json(existing);
  const user = await User.create(req.body);
  res.status(201).json(user);
});
"#;
    assert!(on(src, JS).is_empty(), "{:#?}", on(src, JS));
}

#[test]
fn a_post_that_creates_nothing() {
    let src = r#"
const app = require("express")();
app.post("/price", (req, res) => {
  const total = req.body.items.reduce((sum, i) => sum + i.price, 0);
  res.status(200).json({ total });
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn login_and_search_are_actions() {
    let src = r#"
const app = require("express")();
app.post("/auth/login", async (req, res) => {
  const session = await Session.create({ user: req.user.id });
  res.status(200).json({ token: session.token });
});
app.post("/users/search", async (req, res) => {
  await SearchLog.create({ q: req.body.q });
  res.json(await User.find(req.body));
});
"#;
    assert!(on(src, JS).is_empty(), "{:#?}", on(src, JS));
}

#[test]
fn object_create_headers_and_sessions_make_no_record() {
    let src = r#"
const app = require("express")();
app.post("/render", (req, res) => {
  const opts = Object.create(defaults);
  req.session.save();
  res.status(200).send(render(opts));
});
"#;
    assert!(on(src, JS).is_empty());
    let rust = r#"
use axum::{routing::post, Router, http::{HeaderMap, StatusCode}};
async fn echo(body: String) -> (StatusCode, HeaderMap, String) {
    let mut headers = HeaderMap::new();
    headers.insert("x-echo", "1".parse().unwrap());
    (StatusCode::OK, headers, body)
}
pub fn app() -> Router { Router::new().route("/echo", post(echo)) }
"#;
    assert!(on(rust, RUST).is_empty(), "{:#?}", on(rust, RUST));
}

#[test]
fn an_update_saved_again_is_not_a_create() {
    let src = r#"
const app = require("express")();
app.post("/users/:id/rename", async (req, res) => {
  const user = await User.findById(req.params.id);
  user.name = req.body.name;
  await user.save();
  res.status(200).json(user);
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn a_delete_that_returns_what_it_removed() {
    let src = r#"
const app = require("express")();
app.delete("/users/:id", async (req, res) => {
  const removed = await User.findByIdAndDelete(req.params.id);
  res.status(200).json(removed);
});
"#;
    assert!(on(src, JS).is_empty());
    let hono = r#"
import { Hono } from "hono";
const app = new Hono();
app.delete("/posts/:id", async (c) => {
  await db.delete(posts).where(eq(posts.id, c.req.param("id")));
  return c.json({ deleted: true }, 200);
});
"#;
    assert!(on(hono, TS).is_empty(), "{:#?}", on(hono, TS));
}

#[test]
fn a_delete_answering_204_and_a_get_answering_200() {
    let src = r#"
const app = require("express")();
app.delete("/users/:id", async (req, res) => {
  await User.destroy({ where: { id: req.params.id } });
  res.status(204).end();
});
app.get("/users", async (req, res) => {
  await Audit.create({ what: "list" });
  res.status(200).end();
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn a_200_in_the_catch_is_ok_on_error_s() {
    let src = r#"
const app = require("express")();
app.post("/users", async (req, res) => {
  try {
    const user = await User.create(req.body);
    res.status(201).json(user);
  } catch (e) {
    res.status(200).json({ error: e.message });
  }
});
"#;
    assert!(on(src, JS).is_empty());
}

#[test]
fn axum_post_already_created() {
    let src = r#"
use axum::{routing::post, Json, Router, http::StatusCode, response::IntoResponse};
async fn create_todo(Json(input): Json<NewTodo>) -> impl IntoResponse {
    let todo = Todo { id: Uuid::new_v4(), text: input.text };
    DB.write().unwrap().insert(todo.id, todo.clone());
    (StatusCode::CREATED, Json(todo))
}
pub fn app() -> Router { Router::new().route("/todos", post(create_todo)) }
"#;
    assert!(on(src, RUST).is_empty(), "{:#?}", on(src, RUST));
}
