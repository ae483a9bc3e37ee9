//! Python and Go through the rules that read sites, roles and the framework model (the error-path
//! and body rules have their own files): each fires in each language and stays quiet where a
//! maintainer would say it must, with the range and the fix in the file's own spelling.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::config::Config;
use statuslint::syntax::Language::{Go, Python};
use support::*;

fn with_file(name: &str) -> Config {
    Config {
        file: Some(std::path::PathBuf::from(name)),
        ..Config::default()
    }
}

// ---- platform-reserved: values through names, fixes at the definition ----

#[test]
fn python_module_constant_carries_a_reserved_code_to_the_response() {
    let src = "from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n\
               UPSTREAM_DOWN = 531\n\n\
               def proxy():\n    return JSONResponse({\"error\": \"upstream\"}, status_code=UPSTREAM_DOWN)\n";
    let f = single(run(src, Python, "platform-reserved"));
    assert_eq!(
        f.range,
        locate(src, "status_code=UPSTREAM_DOWN", "UPSTREAM_DOWN")
    );
    assert!(
        f.message.starts_with("531 (UPSTREAM_DOWN, line 3)"),
        "{}",
        f.message
    );
    let fix = preferred(&f);
    assert_eq!(
        fix.title,
        "Use 502 Bad Gateway (in the definition of UPSTREAM_DOWN)"
    );
    assert!(apply(src, fix).contains("UPSTREAM_DOWN = 502\n"));
}

#[test]
fn python_reassigned_name_gives_every_value_that_reaches_the_site() {
    let src = "from flask import abort\n\ndef view(up):\n    code = 200\n    if not up:\n        code = 521\n    abort(code)\n";
    let found = run(src, Python, "platform-reserved");
    let f = single(found);
    assert_eq!(f.range, locate(src, "abort(code)", "code"));
    assert!(f.message.starts_with("521 (code, line 6)"), "{}", f.message);
    // `code` has another value: the fix edits the site, not the definition.
    assert_eq!(
        preferred(&f).title,
        "Use 502 Bad Gateway here, in place of code"
    );
}

#[test]
fn go_const_carries_a_reserved_code_to_write_header() {
    let src = "package main\n\nimport \"net/http\"\n\nconst StatusOriginDown = 521\n\n\
               func h(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(StatusOriginDown)\n}\n";
    let f = single(run(src, Go, "platform-reserved"));
    assert_eq!(
        f.range,
        locate(src, "WriteHeader(StatusOriginDown)", "StatusOriginDown")
    );
    assert!(apply(src, preferred(&f)).contains("const StatusOriginDown = 502\n"));
}

#[test]
fn go_reserved_literal_in_gin_json_is_fixed_in_place() {
    let src = "package main\n\nimport \"github.com/gin-gonic/gin\"\n\n\
               func h(c *gin.Context) {\n\tc.JSON(520, gin.H{\"error\": \"x\"})\n}\n";
    let f = single(run(src, Go, "platform-reserved"));
    assert_eq!(f.range, locate(src, "c.JSON(520", "520"));
    assert!(apply(src, preferred(&f)).contains("c.JSON(502, gin.H"));
}

#[test]
fn test_files_and_assertions_are_expectations_not_responses() {
    let go = "package main\n\nimport (\n\t\"net/http\"\n\t\"testing\"\n)\n\n\
              func TestProxy(t *testing.T) {\n\th := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(521) }\n\t_ = h\n}\n";
    assert_eq!(
        run_with(go, Go, "platform-reserved", &with_file("proxy_test.go")),
        []
    );
    // The same handler outside a test file sends it.
    assert_eq!(
        run_with(go, Go, "platform-reserved", &with_file("proxy.go")).len(),
        1
    );
    let py = "def test_proxy(client):\n    r = client.get('/')\n    assert r.status_code == 521\n";
    assert_eq!(
        run_with(py, Python, "platform-reserved", &with_file("test_proxy.py")),
        []
    );
    let testify = "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/stretchr/testify/assert\"\n)\n\n\
                   func check(t T, w W) {\n\tassert.Equal(t, 521, w.Code)\n\tassert.Equal(t, http.StatusTeapot, w.Code)\n}\n";
    assert_eq!(run(testify, Go, "platform-reserved"), []);
    assert_eq!(run(testify, Go, "deprecated-code"), []);
    let unittest = "from http import HTTPStatus\n\nclass T:\n    def test(self):\n        self.assertEqual(r.status_code, HTTPStatus.IM_A_TEAPOT)\n";
    assert_eq!(run(unittest, Python, "deprecated-code"), []);
}

// ---- redirect-status ----

#[test]
fn go_redirect_with_a_success_code_and_flask_redirect_with_one() {
    let go = "package main\n\nimport \"net/http\"\n\n\
              func h(w http.ResponseWriter, r *http.Request) {\n\thttp.Redirect(w, r, \"/new\", http.StatusOK)\n}\n";
    let f = single(run(go, Go, "redirect-status"));
    assert_eq!(
        f.range,
        locate(go, "\"/new\", http.StatusOK", "http.StatusOK")
    );
    assert!(apply(go, preferred(&f)).contains("http.Redirect(w, r, \"/new\", http.StatusFound)"));
    let py = "from flask import redirect\n\ndef view():\n    return redirect(\"/new\", code=200)\n";
    let f = single(run(py, Python, "redirect-status"));
    assert_eq!(f.range, locate(py, "code=200", "200"));
    assert!(apply(py, preferred(&f)).contains("code=302"));
    // Redirect statuses, and the framework's implicit ones, are quiet.
    let quiet = "from flask import redirect\nfrom django.http import HttpResponseRedirect\n\n\
                 def a():\n    return redirect(\"/x\")\n\ndef b():\n    return HttpResponseRedirect(\"/y\")\n\n\
                 def c():\n    return redirect(\"/z\", code=308)\n";
    assert_eq!(run(quiet, Python, "redirect-status"), []);
}

// ---- informational-from-handler, invalid-code, unknown-code ----

#[test]
fn informational_and_invalid_codes_in_python_and_go() {
    let py = "from fastapi import HTTPException, status\n\n\
              def f():\n    raise HTTPException(status_code=status.HTTP_100_CONTINUE)\n";
    let f = single(run(py, Python, "informational-from-handler"));
    assert_eq!(
        f.range,
        locate(
            py,
            "status_code=status.HTTP_100_CONTINUE",
            "status.HTTP_100_CONTINUE"
        )
    );
    let go = "package main\n\nimport \"github.com/labstack/echo/v4\"\n\n\
              func h(c echo.Context) error {\n\treturn c.NoContent(2040)\n}\n";
    let f = single(run(go, Go, "invalid-code"));
    assert_eq!(f.range, locate(go, "NoContent(2040)", "2040"));
    // A comparison with a small number is no status.
    let quiet = "def f(job):\n    if job.status == 2:\n        return 1\n";
    assert_eq!(run(quiet, Python, "invalid-code"), []);
}

// ---- auth-status ----

#[test]
fn auth_status_reads_python_and_go_guards() {
    let py = "from fastapi import HTTPException\n\n\
              def me(token):\n    if not token:\n        raise HTTPException(status_code=403, detail=\"login\")\n";
    let f = single(run(py, Python, "auth-status"));
    assert_eq!(f.range, locate(py, "status_code=403", "403"));
    assert!(apply(py, preferred(&f)).contains("status_code=401"));
    let go = "package main\n\nimport \"net/http\"\n\n\
              func h(w http.ResponseWriter, r *http.Request) {\n\tif !user.IsAdmin {\n\t\thttp.Error(w, \"no\", http.StatusUnauthorized)\n\t}\n}\n";
    let f = single(run(go, Go, "auth-status"));
    assert_eq!(
        f.range,
        locate(go, "http.StatusUnauthorized", "http.StatusUnauthorized")
    );
    assert!(apply(go, preferred(&f)).contains("http.StatusForbidden"));
    // Django: a known client without the permission gets 403 (AccessMixin.handle_no_permission).
    let django = "from django.core.exceptions import PermissionDenied\n\n\
                  def handle(self):\n    if self.raise_exception or self.request.user.is_authenticated:\n        raise PermissionDenied(self.msg)\n";
    assert_eq!(run(django, Python, "auth-status"), []);
    // DRF: 401 needs WWW-Authenticate; without a header to send, 403 is the answer.
    let drf = "from rest_framework import status\n\n\
               def handle(self, exc):\n    if isinstance(exc, NotAuthenticated):\n        if auth_header:\n            exc.auth_header = auth_header\n        else:\n            exc.status_code = status.HTTP_403_FORBIDDEN\n";
    assert_eq!(run(drf, Python, "auth-status"), []);
    // netbox: a token without write permission is a known client's permission (403).
    let netbox = "from rest_framework import exceptions\n\n\
                  def check(self, request):\n    if isinstance(request.auth, Token) and not request.auth.write_enabled:\n        raise exceptions.PermissionDenied(\"read-only token\")\n";
    assert_eq!(run(netbox, Python, "auth-status"), []);
}

// ---- prefer-named-constant ----

#[test]
fn prefer_named_constant_writes_each_librarys_name() {
    let py = "from fastapi import HTTPException, status\n\ndef f():\n    raise HTTPException(status_code=404)\n";
    let f = single(run_with(
        py,
        Python,
        "prefer-named-constant",
        &enabled("prefer-named-constant"),
    ));
    assert!(apply(py, preferred(&f)).contains("status_code=status.HTTP_404_NOT_FOUND"));
    let stdlib =
        "from http import HTTPStatus\nfrom flask import abort\n\ndef f():\n    abort(413)\n";
    let f = single(run_with(
        stdlib,
        Python,
        "prefer-named-constant",
        &enabled("prefer-named-constant"),
    ));
    assert!(apply(stdlib, preferred(&f)).contains("abort(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)"));
    let go = "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter) {\n\tw.WriteHeader(418)\n}\n";
    let f = single(run_with(
        go,
        Go,
        "prefer-named-constant",
        &enabled("prefer-named-constant"),
    ));
    assert!(apply(go, preferred(&f)).contains("w.WriteHeader(http.StatusTeapot)"));
    // Off unless configured; no constants imported, no finding.
    assert_eq!(run(go, Go, "prefer-named-constant"), []);
    let bare = "from flask import abort\n\ndef f():\n    abort(404)\n";
    assert_eq!(
        run_with(
            bare,
            Python,
            "prefer-named-constant",
            &enabled("prefer-named-constant")
        ),
        []
    );
}

// ---- suppression comments in Python ----

#[test]
fn python_suppressions_use_hash_comments() {
    let src = "from flask import abort\n\ndef f():\n    abort(531)\n";
    let f = single(run(src, Python, "platform-reserved"));
    let ignore = fix_titled(&f, "Ignore platform-reserved on this line");
    let suppressed = apply(src, ignore);
    assert!(
        suppressed.contains("    # statuslint-disable-next-line platform-reserved\n    abort(531)"),
        "{suppressed}"
    );
    assert_eq!(run(&suppressed, Python, "platform-reserved"), []);
}

// ---- the framework model's implicit statuses ----

#[test]
fn implicit_statuses_of_python_and_go_frameworks_are_sites() {
    use statuslint::analysis::analyze;
    let cases: &[(&str, statuslint::syntax::Language, &str, u32)] = &[
        (
            "from django.http import Http404\n\ndef v():\n    raise Http404(\"no\")\n",
            Python,
            "Http404",
            404,
        ),
        (
            "from django.http import HttpResponseGone\n\ndef v():\n    return HttpResponseGone()\n",
            Python,
            "HttpResponseGone",
            410,
        ),
        (
            "from aiohttp import web\n\nasync def v(r):\n    raise web.HTTPTooManyRequests()\n",
            Python,
            "web.HTTPTooManyRequests",
            429,
        ),
        (
            "from rest_framework.exceptions import Throttled\n\ndef v():\n    raise Throttled()\n",
            Python,
            "Throttled",
            429,
        ),
        (
            "from fastapi.responses import RedirectResponse\n\ndef v():\n    return RedirectResponse(\"/x\")\n",
            Python,
            "RedirectResponse",
            307,
        ),
        (
            "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\thttp.NotFound(w, r)\n}\n",
            Go,
            "http.NotFound",
            404,
        ),
    ];
    for (src, language, callee, code) in cases {
        let sites = analyze(src, *language, &Config::default()).unwrap().sites;
        let site = sites
            .iter()
            .find(|s| &src[s.range.clone()] == *callee)
            .unwrap_or_else(|| panic!("no site at {callee}: {sites:?}"));
        assert_eq!(site.code, *code, "{callee}");
    }
    // Without the framework's import the same names are nobody's.
    let mine = "class Throttled(Exception):\n    pass\n\ndef v():\n    raise Throttled()\n";
    assert!(
        analyze(mine, Python, &Config::default())
            .unwrap()
            .sites
            .is_empty()
    );
}

// ---- crud-status (off by default) ----

#[test]
fn crud_status_in_fastapi_flask_and_gin() {
    let on = enabled("crud-status");
    let fastapi = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post(\"/items\")\n\
                   def add_item(item: dict):\n    return crud.create_item(session, item)\n\n\n\
                   @app.delete(\"/items/{id}\")\ndef remove(id: int):\n    db.delete(id)\n    return None\n";
    let found = run_with(fastapi, Python, "crud-status", &on);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0]
            .message
            .starts_with("`POST /items` creates a record (`create_item(`)"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[0].range,
        locate(
            fastapi,
            "return crud.create_item(session, item)",
            "crud.create_item(session, item)"
        )
    );
    // FastAPI names the status in the decorator.
    assert!(
        apply(fastapi, preferred(&found[0])).contains("@app.post(\"/items\", status_code=201)")
    );
    assert!(
        apply(fastapi, preferred(&found[1]))
            .contains("@app.delete(\"/items/{id}\", status_code=204)")
    );
    // Flask names it in the returned tuple.
    let flask = "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n@app.post(\"/users\")\n\
                 def add_user():\n    user = User.objects.create(name=request.json[\"name\"])\n    return jsonify(id=user.id)\n";
    let f = single(run_with(flask, Python, "crud-status", &on));
    assert!(
        apply(flask, preferred(&f)).contains("    return jsonify(id=user.id), 201\n"),
        "{}",
        apply(flask, preferred(&f))
    );
    // gin writes its status: the fix replaces it.
    let gin = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
               func main() {\n\tr := gin.Default()\n\tr.POST(\"/books\", func(c *gin.Context) {\n\t\tdb.Create(&book)\n\t\tc.JSON(http.StatusOK, book)\n\t})\n}\n";
    let f = single(run_with(gin, Go, "crud-status", &on));
    assert_eq!(
        f.range,
        locate(gin, "c.JSON(http.StatusOK", "http.StatusOK")
    );
    assert!(apply(gin, preferred(&f)).contains("c.JSON(http.StatusCreated, book)"));
    // Quiet: off by default, a decorator that names 201, a login that makes a token, a POST
    // action.
    assert_eq!(run(fastapi, Python, "crud-status"), []);
    let quiet = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.post(\"/items\", status_code=201)\n\
                 def add_item(item: dict):\n    return crud.create_item(session, item)\n\n\n\
                 @app.post(\"/login\")\ndef create_session(form: dict):\n    return token(form)\n";
    assert_eq!(run_with(quiet, Python, "crud-status", &on), []);
}

// ---- unknown-code, unofficial-code ----

#[test]
fn unknown_and_unofficial_codes_in_python_and_go() {
    let py = "from django.http import JsonResponse\n\ndef v(request):\n    return JsonResponse({}, status=299)\n";
    let f = single(run(py, Python, "unknown-code"));
    assert_eq!(f.range, locate(py, "status=299", "299"));
    let go = "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter) {\n\tw.WriteHeader(419)\n}\n";
    let f = single(run(go, Go, "unofficial-code"));
    assert_eq!(f.range, locate(go, "WriteHeader(419)", "419"));
    // A registered code is neither.
    let quiet = "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter) {\n\tw.WriteHeader(http.StatusConflict)\n}\n";
    assert_eq!(run(quiet, Go, "unofficial-code"), []);
    assert_eq!(run(quiet, Go, "unknown-code"), []);
}

// ---- manifests: a project's dependencies name its frameworks ----

#[test]
fn go_mod_pyproject_and_requirements_name_the_frameworks() {
    use statuslint::frameworks::manifest::{from_go_mod, from_pyproject, from_requirements};
    let go = "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/labstack/echo/v4 v4.11.4\n\tgolang.org/x/net v0.20.0 // indirect\n)\n\nrequire github.com/gin-gonic/gin v1.9.1\n";
    assert_eq!(
        from_go_mod(go),
        [
            "example.com/shop",
            "github.com/gin-gonic/gin",
            "github.com/labstack/echo/v4",
            "golang.org/x/net"
        ]
    );
    let pyproject = "[project]\nname = \"shop-api\"\ndependencies = [\"fastapi[standard]>=0.110\", \"SQLAlchemy>=2\", \"djangorestframework; python_version >= '3.9'\"]\n\n[tool.poetry.dependencies]\nFlask = \"^3\"\n";
    assert_eq!(
        from_pyproject(pyproject),
        [
            "fastapi",
            "flask",
            "rest_framework",
            "shop_api",
            "sqlalchemy"
        ]
    );
    assert_eq!(
        from_requirements("# web\nDjango==5.0\n-r base.txt\naiohttp>=3.9  # client\n"),
        ["aiohttp", "django"]
    );
    // echo's v4 module path is echo's: a Go file that imports only its own packages still uses
    // echo's rows (here, none would fire either way; the model decides which rows apply).
    let echo = statuslint::frameworks::bundled()
        .iter()
        .find(|f| f.name == "echo")
        .unwrap();
    let imports =
        statuslint::frameworks::imported_modules("package h\n", statuslint::syntax::Family::Go);
    assert!(echo.used_by(&imports, &from_go_mod(go)));
    assert!(!echo.used_by(&imports, &["github.com/labstack/echo-contrib".to_string()]));
}

// ---- every code rule fires and stays quiet in both languages ----

#[test]
fn code_rules_fire_and_stay_quiet_in_python_and_go() {
    let py = |call: &str| format!("from flask import abort\n\ndef v():\n    {call}\n");
    let go = |call: &str| {
        format!(
            "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter, r *http.Request) {{\n\t{call}\n}}\n"
        )
    };
    // (rule, Python that fires, Python that is quiet, Go that fires, Go that is quiet)
    let cases = [
        (
            "invalid-code",
            "abort(999)",
            "abort(404)",
            "w.WriteHeader(1000)",
            "w.WriteHeader(404)",
        ),
        (
            "unknown-code",
            "abort(299)",
            "abort(409)",
            "w.WriteHeader(299)",
            "w.WriteHeader(409)",
        ),
        (
            "unofficial-code",
            "abort(419)",
            "abort(429)",
            "w.WriteHeader(419)",
            "w.WriteHeader(429)",
        ),
        (
            "deprecated-code",
            "abort(306)",
            "abort(307)",
            "w.WriteHeader(306)",
            "w.WriteHeader(307)",
        ),
        (
            "platform-reserved",
            "abort(522)",
            "abort(504)",
            "w.WriteHeader(522)",
            "w.WriteHeader(504)",
        ),
        (
            "informational-from-handler",
            "abort(102)",
            "abort(202)",
            "w.WriteHeader(http.StatusProcessing)",
            "w.WriteHeader(http.StatusAccepted)",
        ),
        (
            "redirect-status",
            "return redirect(\"/x\", code=200)",
            "return redirect(\"/x\", code=303)",
            "http.Redirect(w, r, \"/x\", 200)",
            "http.Redirect(w, r, \"/x\", http.StatusSeeOther)",
        ),
    ];
    for (rule, py_fires, py_quiet, go_fires, go_quiet) in cases {
        let src = py(py_fires).replace("import abort", "import abort, redirect");
        assert_eq!(run(&src, Python, rule).len(), 1, "{rule}: {src}");
        let src = py(py_quiet).replace("import abort", "import abort, redirect");
        assert_eq!(run(&src, Python, rule), [], "{rule}: {src}");
        let src = go(go_fires);
        assert_eq!(run(&src, Go, rule).len(), 1, "{rule}: {src}");
        assert_eq!(run(&go(go_quiet), Go, rule), [], "{rule}: {go_quiet}");
    }
}

#[test]
fn route_rules_stay_quiet_in_go_where_the_status_is_right() {
    let on = enabled("crud-status");
    let gin = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
               func main() {\n\tr := gin.Default()\n\tr.POST(\"/books\", func(c *gin.Context) {\n\t\tdb.Create(&book)\n\t\tc.JSON(http.StatusCreated, book)\n\t})\n\tr.POST(\"/login\", func(c *gin.Context) {\n\t\tc.JSON(http.StatusOK, token())\n\t})\n\tr.DELETE(\"/books/:id\", func(c *gin.Context) {\n\t\tc.Status(http.StatusNoContent)\n\t})\n}\n";
    assert_eq!(run_with(gin, Go, "crud-status", &on), []);
    let guard = "package main\n\nimport \"net/http\"\n\n\
                 func h(w http.ResponseWriter, r *http.Request) {\n\tif r.Header.Get(\"Authorization\") == \"\" {\n\t\thttp.Error(w, \"login\", http.StatusUnauthorized)\n\t\treturn\n\t}\n\tif !user.IsAdmin {\n\t\thttp.Error(w, \"no\", http.StatusForbidden)\n\t}\n}\n";
    assert_eq!(run(guard, Go, "auth-status"), []);
}

#[test]
fn python_class_constants_and_flasks_positional_redirect_code() {
    let src = "from enum import IntEnum\n\nfrom fastapi import HTTPException\nfrom flask import redirect\n\n\n\
               class Codes(IntEnum):\n    ORIGIN_DOWN = 521\n    OK = 200\n\n\n\
               def f():\n    raise HTTPException(status_code=Codes.ORIGIN_DOWN)\n\n\n\
               def g():\n    return redirect(\"/x\", 200)\n";
    let f = single(run(src, Python, "platform-reserved"));
    assert_eq!(
        f.range,
        locate(src, "status_code=Codes.ORIGIN_DOWN", "Codes.ORIGIN_DOWN")
    );
    assert!(
        f.message.starts_with("521 (Codes.ORIGIN_DOWN, line 8)"),
        "{}",
        f.message
    );
    let f = single(run(src, Python, "redirect-status"));
    assert_eq!(f.range, locate(src, "redirect(\"/x\", 200)", "200"));
    // A class member assigned twice is no constant; an attribute of an object is unknown.
    let quiet = "from fastapi import HTTPException\n\nclass C:\n    X = 521\n    X = 200\n\n\
                 def f(exc):\n    raise HTTPException(status_code=C.X)\n\ndef g(exc):\n    raise HTTPException(status_code=exc.status_code)\n";
    assert_eq!(run(quiet, Python, "platform-reserved"), []);
}
