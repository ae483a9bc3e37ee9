//! Every framework's routes against an OpenAPI document, a mismatch each way: a status the
//! handler sends that the document does not declare (`undeclared-status`) and one it declares
//! that nothing sends (`unsent-declared-status`, turned on in the project's statuslint.toml).
//! Next.js is not among them: its routes take their path from the file's place, which the rules
//! do not see (`statuslint routes` does).

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
