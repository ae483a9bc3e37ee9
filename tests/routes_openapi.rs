//! Every framework's routes against an OpenAPI document, a mismatch each way: a status the
//! handler sends that the document does not declare (`undeclared-status`) and one it declares
//! that nothing sends (`unsent-declared-status`, turned on in the project's statuslint.toml).
//! Next.js routes take their path from the file's place (`app/api/orders/[id]/route.ts`,
//! `pages/api/users/[id].ts`); a route with no status written anywhere (axum's `/health` returning
//! a string) still sends its default 200.

use serde_json::Value;
use std::process::Command;

struct App {
    framework: &'static str,
    file: &'static str,
    source: &'static str,
    /// The document's `paths`, in YAML.
    paths: &'static str,
    undeclared: u64,
    unsent: u64,
}

const APPS: &[App] = &[
    App {
        framework: "fastapi",
        file: "app.py",
        source: "from fastapi import FastAPI, HTTPException\n\napp = FastAPI()\n\n\n@app.get(\"/items/{item_id}\")\ndef read_item(item_id: int):\n    if item_id < 0:\n        raise HTTPException(status_code=400, detail=\"id\")\n    return {\"id\": item_id}\n",
        paths: "  /items/{item_id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 400,
        unsent: 404,
    },
    App {
        framework: "flask",
        file: "views.py",
        source: "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.route(\"/users/<int:user_id>\", methods=[\"DELETE\"])\ndef delete_user(user_id):\n    return jsonify(deleted=user_id), 202\n",
        paths: "  /users/{user_id}:\n    delete:\n      responses:\n        \"204\": { description: gone }\n",
        undeclared: 202,
        unsent: 204,
    },
    App {
        framework: "gin",
        file: "main.go",
        source: "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() {\n\tr := gin.Default()\n\tr.GET(\"/books/:id\", func(c *gin.Context) {\n\t\tif c.Param(\"id\") == \"\" {\n\t\t\tc.JSON(http.StatusUnprocessableEntity, gin.H{})\n\t\t\treturn\n\t\t}\n\t\tc.JSON(http.StatusOK, gin.H{})\n\t})\n}\n",
        paths: "  /books/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 422,
        unsent: 404,
    },
    App {
        framework: "echo",
        file: "server.go",
        source: "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/labstack/echo/v4\"\n)\n\nfunc main() {\n\te := echo.New()\n\te.POST(\"/orders\", createOrder)\n}\n\nfunc createOrder(c echo.Context) error {\n\treturn c.JSON(http.StatusAccepted, map[string]string{})\n}\n",
        paths: "  /orders:\n    post:\n      responses:\n        \"201\": { description: created }\n",
        undeclared: 202,
        unsent: 201,
    },
    App {
        framework: "fastify",
        file: "server.js",
        source: "const fastify = require(\"fastify\")();\nfastify.get(\"/items/:id\", async (request, reply) => {\n  if (!request.params.id) return reply.code(400).send({ error: \"id\" });\n  return reply.send({ id: request.params.id });\n});\n",
        paths: "  /items/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"410\": { description: gone }\n",
        undeclared: 400,
        unsent: 410,
    },
    App {
        framework: "koa",
        file: "router.js",
        source: "const Koa = require(\"koa\");\nconst Router = require(\"@koa/router\");\nconst router = new Router();\nrouter.get(\"/orders/:id\", async (ctx) => {\n  if (!ctx.params.id) ctx.throw(404, \"no order\");\n  ctx.status = 202;\n});\n",
        paths: "  /orders/{id}:\n    get:\n      responses:\n        \"404\": { description: missing }\n        \"409\": { description: conflict }\n",
        undeclared: 202,
        unsent: 409,
    },
    App {
        framework: "hapi",
        file: "server.js",
        source: "const Hapi = require(\"@hapi/hapi\");\nconst server = Hapi.server({ port: 3000 });\nserver.route({\n  method: \"GET\",\n  path: \"/pets/{id}\",\n  handler: (request, h) => h.response({ pet: 1 }).code(203),\n});\n",
        paths: "  /pets/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n",
        undeclared: 203,
        unsent: 200,
    },
    App {
        framework: "nestjs",
        file: "users.controller.ts",
        source: "import { Controller, Get, HttpException, HttpStatus } from \"@nestjs/common\";\n\n@Controller(\"users\")\nexport class UsersController {\n  @Get(\":id\")\n  async findOne(id: string) {\n    if (!id) {\n      throw new HttpException(\"bad\", HttpStatus.BAD_REQUEST);\n    }\n    return this.users.find(id);\n  }\n}\n",
        paths: "  /users/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 400,
        unsent: 404,
    },
    App {
        framework: "hono",
        file: "app.ts",
        source: "import { Hono } from \"hono\";\nconst app = new Hono();\napp.get(\"/books/:id\", (c) => {\n  if (!c.req.param(\"id\")) return c.json({ error: \"id\" }, 422);\n  return c.json({ ok: true });\n});\n",
        paths: "  /books/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 422,
        unsent: 404,
    },
    App {
        framework: "actix-web",
        file: "main.rs",
        source: "use actix_web::{get, HttpResponse};\n\n#[get(\"/accounts/{id}\")]\nasync fn account() -> HttpResponse {\n    HttpResponse::Accepted().finish()\n}\n",
        paths: "  /accounts/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n",
        undeclared: 202,
        unsent: 200,
    },
    App {
        framework: "rocket",
        file: "main.rs",
        source: "use rocket::http::Status;\nuse rocket::get;\n\n#[get(\"/hello/<name>\")]\nfn hello(name: &str) -> Result<String, Status> {\n    if name.is_empty() {\n        return Err(Status::BadRequest);\n    }\n    Ok(format!(\"Hello, {name}!\"))\n}\n",
        paths: "  /hello/{name}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 400,
        unsent: 404,
    },
    App {
        framework: "express",
        file: "app.js",
        source: "const express = require(\"express\");\nconst app = express();\napp.get(\"/users/:id\", (req, res) => {\n  const user = users.get(req.params.id);\n  if (!user) return res.status(404).json({ error: \"no user\" });\n  res.json(user);\n});\n",
        paths: "  /users/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"403\": { description: forbidden }\n",
        undeclared: 404,
        unsent: 403,
    },
    App {
        framework: "axum",
        file: "main.rs",
        source: "use axum::{routing::get, Router};\n\nasync fn health() -> &'static str {\n    \"ok\"\n}\n\npub fn app() -> Router {\n    Router::new().route(\"/health\", get(health))\n}\n",
        paths: "  /health:\n    get:\n      responses:\n        \"204\": { description: up }\n",
        undeclared: 200,
        unsent: 204,
    },
    App {
        framework: "warp",
        file: "main.rs",
        source: "use warp::{http::StatusCode, Filter};\n\npub fn routes() -> impl Filter<Extract = impl warp::Reply, Error = warp::Rejection> + Clone {\n    warp::path(\"items\")\n        .and(warp::path::param::<u32>())\n        .and(warp::delete())\n        .map(|_id: u32| warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT))\n}\n",
        paths: "  /items/{id}:\n    delete:\n      responses:\n        \"200\": { description: deleted }\n",
        undeclared: 204,
        unsent: 200,
    },
    App {
        framework: "next.js app router",
        file: "app/api/orders/[id]/route.ts",
        source: "import { NextResponse } from \"next/server\";\n\nexport async function GET(request: Request, { params }: { params: { id: string } }) {\n  const order = await findOrder(params.id);\n  if (!order) {\n    return NextResponse.json({ error: \"no order\" }, { status: 404 });\n  }\n  return NextResponse.json(order);\n}\n",
        paths: "  /api/orders/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"410\": { description: gone }\n",
        undeclared: 404,
        unsent: 410,
    },
    App {
        framework: "next.js pages router",
        file: "pages/api/users/[id].ts",
        source: "import type { NextApiRequest, NextApiResponse } from \"next\";\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method !== \"GET\") {\n    return res.status(405).end();\n  }\n  res.status(200).json({ id: req.query.id });\n}\n",
        paths: "  /api/users/{id}:\n    get:\n      responses:\n        \"200\": { description: ok }\n        \"404\": { description: missing }\n",
        undeclared: 405,
        unsent: 404,
    },
];

fn findings(dir: &std::path::Path) -> Vec<(String, u64)> {
    let output = Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .args(["check", "--format", "json", "--fail-on", "never", "."])
        .current_dir(dir)
        .output()
        .expect("statuslint runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    report
        .as_array()
        .expect("an array of findings")
        .iter()
        .filter(|f| f["rule"] == "undeclared-status" || f["rule"] == "unsent-declared-status")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["code"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn each_framework_against_its_openapi_document_a_mismatch_each_way() {
    for app in APPS {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("statuslint.toml"),
            "[rules]\nunsent-declared-status = \"hint\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("openapi.yaml"),
            format!(
                "openapi: 3.1.0\ninfo: {{ title: app, version: \"1\" }}\npaths:\n{}",
                app.paths
            ),
        )
        .unwrap();
        let file = dir.path().join(app.file);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, app.source).unwrap();
        let mut found = findings(dir.path());
        found.sort();
        assert_eq!(
            found,
            [
                ("undeclared-status".to_string(), app.undeclared),
                ("unsent-declared-status".to_string(), app.unsent),
            ],
            "{}",
            app.framework
        );
    }
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column as usize - 1)
            .map_or(rest.len(), |(i, _)| i)
}

/// The fix `--format json` offers for an undeclared status edits the OpenAPI document (YAML and
/// JSON alike): applied as listed, the status is declared and the finding gone. `--fix` leaves
/// the document alone (the fix is not preferred: declaring is the author's call).
#[test]
fn the_undeclared_status_fix_declares_it_in_the_document() {
    let source = "const express = require(\"express\");\nconst app = express();\napp.get(\"/users/:id\", (req, res) => {\n  if (!req.params.id) return res.status(404).json({ error: \"no user\" });\n  res.json({ id: req.params.id });\n});\n";
    let documents = [
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo:\n  title: app\n  version: \"1\"\npaths:\n  /users/{id}:\n    get:\n      responses:\n        \"200\":\n          description: ok\n  /health:\n    get:\n      responses:\n        \"204\":\n          description: up\n",
        ),
        (
            "openapi.json",
            "{\n  \"openapi\": \"3.1.0\",\n  \"info\": { \"title\": \"app\", \"version\": \"1\" },\n  \"paths\": {\n    \"/users/{id}\": {\n      \"get\": {\n        \"responses\": {\n          \"200\": { \"description\": \"ok\" }\n        }\n      }\n    }\n  }\n}\n",
        ),
    ];
    for (name, document) in documents {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.js"), source).unwrap();
        std::fs::write(dir.path().join(name), document).unwrap();
        let fixed = Command::new(env!("CARGO_BIN_EXE_statuslint"))
            .args(["check", "--fix", "--fail-on", "never", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(fixed.status.success(), "{name}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            document,
            "{name}: --fix leaves the document alone"
        );

        let output = Command::new(env!("CARGO_BIN_EXE_statuslint"))
            .args(["check", "--format", "json", "--fail-on", "never", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let finding = report
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "undeclared-status")
            .unwrap_or_else(|| panic!("{name}: {report:#}"));
        assert_eq!(finding["code"], 404, "{name}");
        let fix = finding["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["title"] == format!("Declare 404 for GET /users/{{id}} in {name}"))
            .unwrap_or_else(|| panic!("{name}: {finding:#}"));
        assert_eq!(fix["preferred"], false);
        assert_eq!(fix["edits"].as_array().map(Vec::len), Some(0), "{name}");
        let elsewhere = fix["elsewhere"].as_array().unwrap();
        assert_eq!(elsewhere.len(), 1, "{name}");
        assert_eq!(
            elsewhere[0]["path"], name,
            "shown as the findings' paths are"
        );
        let mut text = document.to_string();
        let mut edits: Vec<&Value> = elsewhere[0]["edits"].as_array().unwrap().iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse((e["line"].as_u64(), e["column"].as_u64())));
        for edit in edits {
            let start = offset(
                &text,
                edit["line"].as_u64().unwrap(),
                edit["column"].as_u64().unwrap(),
            );
            let end = offset(
                &text,
                edit["end_line"].as_u64().unwrap(),
                edit["end_column"].as_u64().unwrap(),
            );
            text.replace_range(start..end, edit["replacement"].as_str().unwrap());
        }
        std::fs::write(dir.path().join(name), &text).unwrap();
        assert!(text.contains("\"404\""), "{name}: {text}");
        assert!(
            text.contains("Not Found"),
            "{name}: the catalog's phrase describes it: {text}"
        );
        let after = findings(dir.path());
        assert!(
            !after.iter().any(|(rule, _)| rule == "undeclared-status"),
            "{name}: {after:?}\n{text}"
        );
    }
}
