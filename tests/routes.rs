//! `statuslint routes`: every route handler of real-shaped apps with the statuses it can send,
//! how (`set`, `default`, `thrown`, `redirect`, `framework`) and on which line, per framework;
//! and the text table people read.

use serde_json::Value;
use std::process::Command;

fn routes(args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .arg("routes")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("statuslint runs");
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// `METHOD path -> [(code, line, how)]` for each route of a fixture folder.
fn summary(folder: &str) -> Vec<String> {
    let (stdout, stderr, code) = routes(&[
        "--format",
        "json",
        &format!("tests/fixtures/routes/{folder}"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let routes: Vec<Value> = serde_json::from_str(&stdout).expect("an array of routes");
    routes
        .iter()
        .map(|r| {
            let statuses: Vec<String> = r["statuses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| format!("{} {} {}", s["code"], s["line"], s["how"].as_str().unwrap()))
                .collect();
            let unfollowed: Vec<&str> = r["unfollowed"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap())
                .collect();
            let mut line = format!(
                "{} {} @{}: {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap(),
                r["line"],
                statuses.join(", ")
            );
            if !unfollowed.is_empty() {
                line.push_str(&format!(" (not followed: {})", unfollowed.join(", ")));
            }
            line
        })
        .collect()
}

#[test]
fn express_routes_follow_helpers_names_and_errors() {
    assert_eq!(
        summary("express"),
        [
            // notFound(res) is a helper in the file: its 404 counts, at its line.
            "GET /users/:id @15: 404 12 set, 500 16 framework, 200 18 default",
            // err.status = 409; next(err)
            "DELETE /users/:id @21: 204 24 set, 409 26 thrown",
            "GET /legacy @31: 302 31 redirect",
            // GONE is a module constant; audit comes from another file.
            "GET /archive @33: 410 35 set (not followed: audit)",
            // Registered by name, defined below.
            "POST /users @38: 500 41 framework, 201 42 set",
        ]
    );
}

#[test]
fn fastify_koa_hono_and_hapi_routes() {
    assert_eq!(
        summary("fastify"),
        [
            "GET /items/:id @3: 500 4 framework, 404 6 set, 200 8 default",
            "POST /items @11: 500 15 framework, 201 16 set",
            // reply.send(new errors.NotFound()): the class's 404, not a default 200.
            "GET /gone @23: 404 24 thrown",
        ]
    );
    // What a route declares is in the JSON too.
    let (stdout, _, _) = routes(&["--format", "json", "tests/fixtures/routes/openapi-named"]);
    assert!(!stdout.contains("\"declared\""), "{stdout}");
    let schema = "tests/fixtures/routes/declared";
    let (stdout, _, _) = routes(&["--format", "json", schema]);
    let listed: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        listed[0]["declared"],
        serde_json::json!(["200", "4xx"]),
        "{stdout}"
    );
    assert_eq!(
        summary("koa"),
        [
            "GET /orders/:id @5: 500 6 framework, 404 7 thrown, 200 8 default",
            "POST /orders @11: 201 12 set, 500 13 framework",
        ]
    );
    assert_eq!(
        summary("hono"),
        ["GET /books/:id @5: 500 6 framework, 404 8 set, 200 10 default"]
    );
    assert_eq!(summary("hapi"), ["GET /pets/{id} @4: 203 8 set"]);
}

#[test]
fn nestjs_and_next_routes_take_their_paths_from_the_controller_and_the_folder() {
    assert_eq!(
        summary("nest"),
        [
            // A returned value is 200; @Post() with @HttpCode(201) is 201 (the model's `returns`).
            "GET /users/:id @5: 500 7 framework, 404 9 thrown, 200 11 default",
            "POST /users @14: 201 15 set",
            // NestJS's HttpException subclasses name their status (frameworks/nestjs.toml).
            "GET /teams/:id @23: 500 25 framework, 404 26 thrown, 200 27 default",
        ]
    );
    assert_eq!(
        summary("next"),
        [
            "GET /api/items/[id] @3: 500 4 framework, 404 6 set, 200 8 default",
            "DELETE /api/items/[id] @11: 500 12 framework, 204 13 set",
        ]
    );
}

#[test]
fn rust_routes_of_axum_actix_and_rocket() {
    assert_eq!(
        summary("axum"),
        [
            "GET /items/{id} @20: 404 6 set, 200 7 default (not followed: ?)",
            "GET /brew @21: 418 11 set",
            "POST /brew @21: 418 11 set",
            "GET /health @22: 200 15 default",
        ]
    );
    assert_eq!(
        summary("actix"),
        [
            "GET /accounts/{id} @3: 200 6 set, 404 7 set",
            "POST /accounts @11: 201 13 set",
        ]
    );
    assert_eq!(
        summary("rocket"),
        ["GET /hello/<name> @4: 400 7 set, 200 9 default"]
    );
}

#[test]
fn the_table_lists_each_route_with_its_codes_and_what_was_not_followed() {
    let (stdout, _, code) = routes(&["tests/fixtures/routes/express"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("METHOD"), "{stdout}");
    assert!(
        lines.iter().any(|l| l.starts_with("GET     /users/:id")
            && l.contains("200, 404, 500")
            && l.ends_with("tests/fixtures/routes/express/app.js:15")),
        "{stdout}"
    );
    assert!(
        stdout.contains("and statuses from `audit`, not followed"),
        "{stdout}"
    );
    let (_, stderr, code) = routes(&["no/such/dir"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/dir"), "{stderr}");
}

/// `undeclared-status` against an OpenAPI document: `openapi.yaml` beside `statuslint.toml`, or
/// the file its `openapi` key names; a route matches an operation by method and path template.
#[test]
fn openapi_documents_declare_what_routes_may_send() {
    let check = |folder: &str, rule: &str| -> Vec<(String, u64, String)> {
        let output = Command::new(env!("CARGO_BIN_EXE_statuslint"))
            .args(["check", "--format", "json", "--fail-on", "never", "."])
            .current_dir(format!(
                "{}/tests/fixtures/routes/{folder}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .output()
            .expect("statuslint runs");
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let findings = report
            .as_array()
            .cloned()
            .unwrap_or_else(|| report["findings"].as_array().unwrap().clone());
        findings
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["code"].to_string(),
                    f["line"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let found = check("openapi-app", "undeclared-status");
    // 404 on GET /users/:id is not declared; POST's 422 is a 4XX, its 201 declared.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("404", 6));
    assert!(
        found[0]
            .2
            .contains("openapi.yaml declares only 200 for GET /users/:id"),
        "{}",
        found[0].2
    );
    let found = check("openapi-named", "undeclared-status");
    // GET has `default`; DELETE declares only 204, and 409 can be sent.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("409", 10));
    assert!(
        found[0].2.contains("api.json declares only 204 for DELETE"),
        "{}",
        found[0].2
    );
}

#[test]
fn python_routes_of_fastapi_and_flask() {
    assert_eq!(
        summary("fastapi"),
        [
            // The decorator's `status_code` is the route's success status.
            "POST /items @8: 201 8 set, 422 11 thrown",
            // A returned value goes out with 200.
            "GET /items/{item_id} @15: 404 18 thrown, 200 19 default",
            // `RedirectResponse(url)` is 307, and is the response: no 200 beside it.
            "GET /old @22: 307 24 redirect",
            // `router = APIRouter(prefix="/users")`: the decorator's path under the prefix.
            "GET /users/{user_id} @6: 404 9 thrown, 200 10 default",
        ]
    );
    assert_eq!(
        summary("flask"),
        [
            // `methods=["POST"]`; a view's tuple names its status.
            "POST /users @6: 400 9 thrown, 201 10 set",
            "GET /users/<int:user_id> @13: 302 16 redirect, 200 17 default",
        ]
    );
}

#[test]
fn go_routes_of_gin_inline_by_name_and_by_method_value() {
    assert_eq!(
        summary("gin"),
        [
            // `api := r.Group("/api"); v1 := api.Group("/v1")`: the groups' prefixes.
            "GET /api/v1/books/:id @13: 200 14 set",
            // Registered by name above the function: only the handler's own statuses.
            "GET /items/:id @11: 404 23 set",
            "POST /items @12: 400 14 set, 201 17 set",
            // `h.deleteItem` is the method `deleteItem`.
            "DELETE /items/:id @19: 204 31 set",
        ]
    );
    // net/http's patterns name the method before the path (Go 1.22); a write with no
    // `WriteHeader` before it is the default 200.
    assert_eq!(
        summary("net-http"),
        [
            "GET /items/{id} @10: 404 23 set, 200 26 default",
            "POST /items @11: 400 13 set, 201 16 set",
        ]
    );
}
