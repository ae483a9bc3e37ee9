//! The framework model (`frameworks/*.toml`): every kind of row with a case that fires and one
//! that must not, in the file's framework and outside it; the bundled files are valid; the rules
//! name no framework themselves; a user's own rows in `statuslint.toml` work as README shows.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::analysis::analyze;
use statuslint::config::Config;
use statuslint::syntax::{Form, Language};
use support::*;

/// `(rule, 1-based line)` of every finding.
fn findings(source: &str, language: Language, config: &Config) -> Vec<(String, usize)> {
    let analysis = analyze(source, language, config).expect("parses");
    analysis
        .findings
        .iter()
        .map(|f| {
            let line = source[..f.range.start].matches('\n').count() + 1;
            (f.rule.to_string(), line)
        })
        .collect()
}

fn fires(source: &str, language: Language, rule: &str, line: usize) {
    let found = findings(source, language, &Config::default());
    assert!(
        found.contains(&(rule.to_string(), line)),
        "want {rule} on line {line}, got {found:?} in\n{source}"
    );
}

fn quiet(source: &str, language: Language) {
    let found = findings(source, language, &Config::default());
    assert!(found.is_empty(), "want nothing, got {found:?} in\n{source}");
}

/// The implicit-status sites (code and text of the call) of `source`.
fn implicit(source: &str, language: Language) -> Vec<(u32, String)> {
    analyze(source, language, &Config::default())
        .expect("parses")
        .sites
        .iter()
        .filter(|s| matches!(s.form, Form::Implicit { .. }))
        .map(|s| (s.code, source[s.range.clone()].to_string()))
        .collect()
}

// ---- errors: where an error becomes the response ----

#[test]
fn express_next_err_answers_with_the_status_the_error_carries() {
    let src = r#"const express = require("express");
const app = express();
app.get("/report", async (req, res, next) => {
  const err = new Error("upstream unreachable");
  err.status = 531;
  next(err);
});
"#;
    fires(src, JS, "platform-reserved", 5);
    // The same error kept, not handed over, sends nothing.
    quiet(&src.replace("next(err);", "log(err);"), JS);
    // A file of no framework the model knows is left alone.
    quiet(
        &src.replace(r#"const express = require("express");"#, ""),
        JS,
    );
}

#[test]
fn a_thrown_error_carries_its_status_in_express_koa_fastify_nest_hono_and_hapi() {
    for module in [
        "express",
        "koa",
        "fastify",
        "@nestjs/common",
        "hono",
        "@hapi/hapi",
    ] {
        let src = format!(
            "import x from \"{module}\";\nexport async function load() {{\n  const e = new Error(\"origin down\");\n  e.status = 521;\n  throw e;\n}}\n"
        );
        fires(&src, TS, "platform-reserved", 4);
        quiet(&src.replace("throw e;", "return e;"), TS);
    }
}

#[test]
fn fastify_reply_send_err_answers_with_the_errors_status_not_200() {
    let src = r#"import Fastify from "fastify";
const app = Fastify();
app.get("/", async (request, reply) => {
  try {
    return await load();
  } catch (err) {
    reply.send(err);
  }
});
"#;
    quiet(src, TS);
    // Express serialises the error with 200.
    let express = r#"import express from "express";
const app = express();
app.get("/", async (req, res) => {
  try {
    res.json(await load());
  } catch (err) {
    res.send(err);
  }
});
"#;
    fires(express, TS, "ok-on-error", 7);
}

#[test]
fn fastify_error_handler_replies_start_with_the_errors_status() {
    let src = r#"import Fastify from "fastify";
const app = Fastify();
app.setErrorHandler((error, request, reply) => {
  reply.send({ error: error.message });
});
"#;
    quiet(src, TS);
    // Express error middleware has no status set: 200.
    let express = r#"import express from "express";
const app = express();
app.use((err, req, res, next) => {
  res.json({ error: err.message });
});
"#;
    fires(express, TS, "ok-on-error", 4);
}

#[test]
fn thrown_framework_errors_are_sites_koa_hono_nest_http_errors() {
    fires(
        "import Koa from \"koa\";\napp.use(async (ctx) => {\n  ctx.throw(531, \"down\");\n});\n",
        JS,
        "platform-reserved",
        3,
    );
    fires(
        "import { HTTPException } from \"hono/http-exception\";\napp.get(\"/\", () => {\n  throw new HTTPException(531, { message: \"down\" });\n});\n",
        TS,
        "platform-reserved",
        3,
    );
    fires(
        "import createError from \"http-errors\";\nexport const fail = () => next(createError(531));\n",
        JS,
        "platform-reserved",
        2,
    );
    quiet(
        "import Koa from \"koa\";\napp.use(async (ctx) => {\n  ctx.throw(503, \"down\");\n});\n",
        JS,
    );
}

// ---- implicit statuses ----

#[test]
fn calls_that_send_a_status_they_do_not_name() {
    let cases: &[(&str, Language, &str, u32, &str)] = &[
        (
            "express",
            JS,
            "res.redirect(\"/home\");",
            302,
            "res.redirect",
        ),
        ("koa", JS, "ctx.redirect(\"/home\");", 302, "ctx.redirect"),
        (
            "hono",
            TS,
            "return c.redirect(\"/home\");",
            302,
            "c.redirect",
        ),
        (
            "next/navigation",
            TS,
            "redirect(\"/login\");",
            307,
            "redirect",
        ),
        (
            "next/navigation",
            TS,
            "permanentRedirect(\"/new\");",
            308,
            "permanentRedirect",
        ),
        (
            "next/server",
            TS,
            "return NextResponse.redirect(url);",
            307,
            "NextResponse.redirect",
        ),
    ];
    for (module, language, call, code, callee) in cases {
        let src = format!(
            "import x from \"{module}\";\nexport function h(req, res, ctx, c, url) {{\n  {call}\n}}\n"
        );
        assert_eq!(
            implicit(&src, *language),
            [(*code, callee.to_string())],
            "{module}: {call}"
        );
        // Outside the framework, the same call is nobody's.
        let bare = src.replacen(&format!("import x from \"{module}\";\n"), "", 1);
        assert!(
            implicit(&bare, *language).is_empty(),
            "{call} without {module}"
        );
    }
    // The fetch API's Response is a global.
    assert_eq!(
        implicit("export const GET = () => Response.redirect(url);\n", TS),
        [(302, "Response.redirect".to_string())]
    );
    // The two-argument form names its own status.
    let explicit = "import express from \"express\";\napp.get(\"/\", (req, res) => res.redirect(301, \"/new\"));\n";
    assert!(implicit(explicit, JS).is_empty());
}

#[test]
fn nest_redirect_decorator_is_302_and_with_a_code_is_that_code() {
    let src = "import { Controller, Get, Redirect } from \"@nestjs/common\";\n@Controller()\nexport class Docs {\n  @Get(\"docs\")\n  @Redirect(\"https://docs.example.com\")\n  docs() {}\n}\n";
    assert_eq!(implicit(src, TS), [(302, "Redirect".to_string())]);
    let with_code = src.replace(
        "\"https://docs.example.com\")",
        "\"https://docs.example.com\", 301)",
    );
    assert!(implicit(&with_code, TS).is_empty());
}

#[test]
fn nest_exception_classes_name_their_status_and_are_thrown() {
    let src = "import { NotFoundException, ForbiddenException } from \"@nestjs/common\";\nexport class C {\n  find(id) {\n    if (!id) throw new ForbiddenException();\n    throw new NotFoundException(`no ${id}`);\n  }\n}\n";
    assert_eq!(
        implicit(src, TS),
        [
            (403, "new ForbiddenException()".to_string()),
            (404, "new NotFoundException(`no ${id}`)".to_string())
        ]
    );
    let sites = analyze(src, TS, &Config::default()).expect("parses").sites;
    assert!(
        sites
            .iter()
            .all(|s| s.role == statuslint::syntax::Role::Thrown),
        "{sites:#?}"
    );
    // Without NestJS imported, a class of the same name is the project's own.
    let own = src.replace("@nestjs/common", "./errors");
    assert!(implicit(&own, TS).is_empty());
}

#[test]
fn rust_redirects_rocket_axum_warp() {
    let rocket = "use rocket::response::Redirect;\n#[rocket::post(\"/login\")]\nfn login() -> Redirect {\n    Redirect::moved(\"/home\")\n}\n";
    assert_eq!(
        implicit(rocket, RUST),
        [(301, "Redirect::moved".to_string())]
    );
    // Choosing `moved` from a POST chose 301: the same mistake as writing it.
    fires(rocket, RUST, "redirect-status", 4);
    // `Redirect::to` is 303 See Other, what a POST should answer.
    let to = rocket.replace("Redirect::moved", "Redirect::to");
    assert_eq!(implicit(&to, RUST), [(303, "Redirect::to".to_string())]);
    quiet(&to, RUST);
    let axum = "use axum::response::Redirect;\nasync fn old() -> Redirect {\n    Redirect::permanent(\"/new\")\n}\n";
    assert_eq!(
        implicit(axum, RUST),
        [(308, "Redirect::permanent".to_string())]
    );
    let warp = "use warp::Filter;\nfn r() -> impl warp::Reply {\n    warp::redirect::found(warp::http::Uri::from_static(\"/x\"))\n}\n";
    assert_eq!(
        implicit(warp, RUST),
        [(302, "warp::redirect::found".to_string())]
    );
}

#[test]
fn express_redirect_after_post_is_the_documented_idiom_not_a_finding() {
    let src = "import express from \"express\";\napp.post(\"/login\", (req, res) => {\n  res.redirect(\"/home\");\n});\n";
    assert_eq!(implicit(src, JS), [(302, "res.redirect".to_string())]);
    quiet(src, JS);
    // Writing 302 out from a POST is reported, as before.
    fires(
        &src.replace("res.redirect(\"/home\")", "res.redirect(302, \"/home\")"),
        JS,
        "redirect-status",
        3,
    );
}

// ---- the data itself ----

#[test]
fn every_bundled_framework_file_is_valid_and_knows_its_modules() {
    let bundled = statuslint::frameworks::bundled();
    assert_eq!(bundled.len(), statuslint::frameworks::FILES.len());
    for framework in bundled {
        framework.validate().unwrap();
        if framework.name != "fetch" {
            assert!(
                !framework.modules.is_empty(),
                "{} names no module",
                framework.name
            );
        }
    }
    statuslint::rules::context::role::validate().unwrap();
}

#[test]
fn every_implicit_call_is_a_word_the_pre_filter_looks_for() {
    use statuslint::syntax::prefilter::needles;
    for framework in statuslint::frameworks::bundled() {
        let language = match framework.language {
            statuslint::frameworks::Family::Rust => Language::Rust,
            statuslint::frameworks::Family::Javascript => Language::JavaScript,
            statuslint::frameworks::Family::Python => Language::Python,
            statuslint::frameworks::Family::Go => Language::Go,
        };
        for row in &framework.implicit {
            let word = row.call.word();
            assert!(
                needles(language).iter().any(|n| n.word == word),
                "{}: `{}` needs a pre-filter needle `{word}`",
                framework.name,
                row.call.text
            );
        }
    }
}

/// Rules read the model; none names a framework (`src/rules/<rule>.rs`, outside comments).
#[test]
fn rules_hold_no_framework_names_of_their_own() {
    const NAMES: &[&str] = &[
        "express",
        "fastify",
        "koa",
        "nestjs",
        "hono",
        "hapi",
        "boom",
        "axum",
        "actix",
        "rocket",
        "warp",
        "hyper",
        "nextresponse",
        "nextjs",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    for rule in statuslint::rules::RULES {
        let path = dir.join(format!("{}.rs", rule.name().replace('-', "_")));
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("").to_ascii_lowercase();
            for name in NAMES {
                let words = code.split(|c: char| !c.is_alphanumeric() && c != '_');
                assert!(
                    !words.into_iter().any(|w| w == *name),
                    "{}:{}: names {name}: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
}

// ---- a project's own rows ----

/// The example of README's "Frameworks" section, as written there.
const USER_ROWS: &str = r#"
[frameworks.billing]
language = "javascript"

[[frameworks.billing.errors]]
call = "fail"
argument = 0
reads = ["status"]
fallback = 500

[[frameworks.billing.implicit]]
call = "response.upstreamDown"
status = 531
"#;

#[test]
fn a_project_adds_rows_for_its_own_helpers() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(USER_ROWS.trim()),
        "README shows the rows this test uses"
    );
    let config = Config::from_toml(USER_ROWS).expect("valid rows");
    let src = "export function charge(res) {\n  const e = new Error(\"gateway\");\n  e.status = 531;\n  fail(e);\n  res.upstreamDown();\n}\n";
    let found = findings(src, JS, &config);
    assert_eq!(
        found,
        [
            ("platform-reserved".to_string(), 3),
            ("platform-reserved".to_string(), 5)
        ]
    );
    assert!(findings(src, JS, &Config::default()).is_empty());
    // A row that names no code is refused with its place.
    let bad = USER_ROWS.replace("status = 531", "status = 53");
    let error = Config::from_toml(&bad).unwrap_err();
    assert!(error.message.contains("not a code"), "{error}");
    let bad = USER_ROWS.replace("call = \"fail\"", "call = \"fail(\"");
    assert!(Config::from_toml(&bad).is_err());
}

// ---- defaults ----

#[test]
fn a_fetch_response_without_init_is_200_even_from_a_catch() {
    let src = r#"export async function GET() {
  try {
    return Response.json(await load());
  } catch (e) {
    return new Response(JSON.stringify({ status: "error" }));
  }
}
"#;
    fires(src, TS, "ok-on-error", 5);
    let fixed = src.replace(
        "JSON.stringify({ status: \"error\" }))",
        "JSON.stringify({ status: \"error\" }), { status: 500 })",
    );
    quiet(&fixed, TS);
    // NextResponse is Next.js's: known where the file imports it.
    let next = format!(
        "import {{ NextResponse }} from \"next/server\";\n{}",
        src.replace("new Response(", "new NextResponse(")
    );
    fires(&next, TS, "ok-on-error", 6);
}

#[test]
fn koa_body_alone_is_200_and_a_status_set_before_or_after_it_counts() {
    let src = r#"const Router = require("@koa/router");
const router = new Router();
router.get("/exports/:id", async (ctx) => {
  try {
    ctx.body = await load(ctx.params.id);
  } catch (e) {
    ctx.body = { error: e.message };
  }
});
"#;
    fires(src, JS, "ok-on-error", 7);
    quiet(
        &src.replace(
            "ctx.body = { error",
            "ctx.status = 502;\n    ctx.body = { error",
        ),
        JS,
    );
    quiet(
        &src.replace(
            "{ error: e.message };",
            "{ error: e.message };\n    ctx.status = 502;",
        ),
        JS,
    );
    // Without Koa, an assignment to `ctx.body` is nobody's response.
    quiet(
        &src.replace(r#"const Router = require("@koa/router");"#, ""),
        JS,
    );
}

/// A controller module that imports no framework still uses the ones its `package.json` depends
/// on, in `check`'s skimmed analysis as in the server's.
#[test]
fn the_nearest_manifest_says_which_frameworks_a_file_uses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{ "name": "shop", "dependencies": { "koa": "^2" } }"#,
    )
    .unwrap();
    let src = "module.exports.show = async (ctx) => {\n  try {\n    ctx.body = await load();\n  } catch (e) {\n    ctx.body = { error: e.message };\n  }\n};\n";
    let config = Config::default();
    let skimmed = statuslint::analysis::analyze_skimmed_in(src, JS, &config, Some(dir.path()))
        .expect("parses");
    let rules: Vec<&str> = skimmed.analysis.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["ok-on-error"]);
    let server = Config {
        dependencies: statuslint::frameworks::manifest::dependencies(dir.path()),
        ..Config::default()
    };
    assert_eq!(findings(src, JS, &server), [("ok-on-error".to_string(), 5)]);
    // Without the manifest, nobody's.
    assert!(findings(src, JS, &config).is_empty());
}
