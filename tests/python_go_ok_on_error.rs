//! `ok-on-error` in Python and Go: a 2xx sent from an `except` block, an `if err != nil` guard, a
//! failed validation or an error handler, written out or left to the default 200 (a Flask view's
//! returned body, Go's first write without `WriteHeader`), each fixed in the file's own spelling;
//! and the cases a maintainer would call right.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::syntax::Language::{Go, Python};
use support::*;

const RULE: &str = "ok-on-error";

// ---- Go: must fire ----

#[test]
fn gin_json_200_in_an_err_guard() {
    let src = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
               func create(c *gin.Context) {\n\tif err := c.ShouldBindJSON(&in); err != nil {\n\t\tc.JSON(http.StatusOK, gin.H{\"error\": err.Error()})\n\t\treturn\n\t}\n\tc.JSON(http.StatusCreated, in)\n}\n";
    let f = single(run(src, Go, RULE));
    assert_eq!(
        f.range,
        locate(src, "c.JSON(http.StatusOK", "http.StatusOK")
    );
    assert!(
        f.message
            .starts_with("200 OK sent from an `if err != nil` guard"),
        "{}",
        f.message
    );
    assert!(apply(src, preferred(&f)).contains("c.JSON(http.StatusInternalServerError, gin.H"));
}

#[test]
fn net_http_error_and_echo_with_200() {
    let src = "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tdata, err := load(r)\n\tif err != nil {\n\t\thttp.Error(w, err.Error(), 200)\n\t\treturn\n\t}\n\tw.Write(data)\n}\n";
    let f = single(run(src, Go, RULE));
    assert_eq!(f.range, locate(src, "err.Error(), 200", "200"));
    assert!(apply(src, preferred(&f)).contains("http.Error(w, err.Error(), 500)"));
    let echo = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/labstack/echo/v4\"\n)\n\n\
                func get(c echo.Context) error {\n\tu, err := find(c.Param(\"id\"))\n\tif err != nil {\n\t\treturn c.JSON(http.StatusOK, map[string]string{\"error\": err.Error()})\n\t}\n\treturn c.JSON(http.StatusOK, u)\n}\n";
    let f = single(run(echo, Go, RULE));
    assert_eq!(
        f.range,
        locate(echo, "return c.JSON(http.StatusOK, map", "http.StatusOK")
    );
}

#[test]
fn a_go_write_with_no_write_header_in_an_err_guard_is_the_default_200() {
    let src = "package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"net/http\"\n)\n\n\
               func h(w http.ResponseWriter, r *http.Request) {\n\tif err := save(r); err != nil {\n\t\tfmt.Fprintf(w, \"failed: %v\", err)\n\t\treturn\n\t}\n\tif err := notify(); err != nil {\n\t\tjson.NewEncoder(w).Encode(map[string]string{\"error\": err.Error()})\n\t\treturn\n\t}\n}\n";
    let found = run(src, Go, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "fmt.Fprintf(w", "fmt.Fprintf"));
    assert!(
        found[0]
            .message
            .starts_with("200 OK (the default status) sent from an `if err != nil` guard")
    );
    let fixed = apply(src, preferred(&found[0]));
    assert!(
        fixed.contains("\t\tw.WriteHeader(http.StatusInternalServerError)\n\t\tfmt.Fprintf(w, \"failed: %v\", err)"),
        "{fixed}"
    );
    assert_eq!(
        found[1].range,
        locate(
            src,
            "json.NewEncoder(w).Encode(map",
            "json.NewEncoder(w).Encode"
        )
    );
}

// ---- Go: must not fire ----

#[test]
fn go_quiet_cases() {
    // An error status; a status set before the write; `err == nil`; a handled case on purpose
    // (a condition between the guard and the 200); a test file.
    let src = "package main\n\nimport (\n\t\"errors\"\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
               func a(c *gin.Context) {\n\tif err := c.ShouldBindJSON(&in); err != nil {\n\t\tc.JSON(http.StatusBadRequest, gin.H{\"error\": err.Error()})\n\t\treturn\n\t}\n\tc.JSON(http.StatusOK, in)\n}\n\n\
               func b(w http.ResponseWriter, r *http.Request) {\n\tif err := load(); err != nil {\n\t\tw.WriteHeader(http.StatusBadGateway)\n\t\tw.Write([]byte(err.Error()))\n\t\treturn\n\t}\n}\n\n\
               func d(c *gin.Context) {\n\tif err := load(); err == nil {\n\t\tc.JSON(http.StatusOK, gin.H{})\n\t}\n}\n\n\
               func e(c *gin.Context) {\n\tif err := remove(); err != nil {\n\t\tif errors.Is(err, ErrGone) {\n\t\t\tc.Status(http.StatusOK)\n\t\t\treturn\n\t\t}\n\t\tc.Status(http.StatusInternalServerError)\n\t}\n}\n";
    assert_eq!(run(src, Go, RULE), []);
    let test = "package main\n\nimport (\n\t\"net/http\"\n\t\"testing\"\n)\n\nfunc TestH(t *testing.T) {\n\th := func(w http.ResponseWriter, r *http.Request) {\n\t\tif err := f(); err != nil {\n\t\t\tw.WriteHeader(200)\n\t\t}\n\t}\n\t_ = h\n}\n";
    let config = statuslint::config::Config {
        file: Some("h_test.go".into()),
        ..Default::default()
    };
    assert_eq!(run_with(test, Go, RULE, &config), []);
}

// ---- Python: must fire ----

#[test]
fn fastapi_except_with_200_written_and_returned() {
    let src = "from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\n\n\n\
               @app.get(\"/items\")\ndef items():\n    try:\n        return load()\n    except Exception as e:\n        return JSONResponse({\"error\": str(e)}, status_code=200)\n\n\n\
               @app.get(\"/other\")\ndef other():\n    try:\n        return load()\n    except Exception as e:\n        return {\"error\": str(e)}\n";
    let found = run(src, Python, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].range, locate(src, "status_code=200", "200"));
    assert!(
        found[0]
            .message
            .starts_with("200 OK sent from an `except` block"),
        "{}",
        found[0].message
    );
    assert!(apply(src, preferred(&found[0])).contains("status_code=500)"));
    // A returned dict: the default 200, and FastAPI has no place in the return for a status.
    assert_eq!(
        found[1].range,
        locate(src, "return {\"error\": str(e)}", "{\"error\": str(e)}")
    );
    assert!(
        found[1]
            .message
            .starts_with("200 OK (the default status) sent from an `except` block")
    );
    assert!(
        fix_titles(&found[1]).is_empty(),
        "{:?}",
        fix_titles(&found[1])
    );
}

#[test]
fn flask_views_return_the_default_200_or_say_200() {
    let src = "from flask import Flask, jsonify, render_template\n\napp = Flask(__name__)\n\n\n\
               @app.route(\"/x\")\ndef x():\n    try:\n        return jsonify(load())\n    except Exception as e:\n        return jsonify(error=str(e))\n\n\n\
               @app.post(\"/y\")\ndef y():\n    form = Form()\n    if form.errors:\n        return render_template(\"form.html\", form=form), 200\n    return \"\", 201\n";
    let found = run(src, Python, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(src, "return jsonify(error=str(e))", "jsonify(error=str(e))")
    );
    assert!(apply(src, preferred(&found[0])).contains("return jsonify(error=str(e)), 500\n"));
    assert_eq!(found[1].range, locate(src, "form=form), 200", "200"));
    assert!(
        found[1].message.contains("`if form.errors` guard"),
        "{}",
        found[1].message
    );
}

#[test]
fn django_and_drf_views_answer_a_failed_validation_with_the_default_200() {
    let src = "from django.http import JsonResponse\nfrom rest_framework.response import Response\nfrom rest_framework.views import APIView\n\n\
               def detail(request, pk):\n    try:\n        item = Item.objects.get(pk=pk)\n    except Exception:\n        return JsonResponse({\"error\": \"no such item\"})\n    return JsonResponse(item.to_dict())\n\n\n\
               class Items(APIView):\n    def post(self, request):\n        serializer = ItemSerializer(data=request.data)\n        if not serializer.is_valid():\n            return Response(serializer.errors)\n        serializer.save()\n        return Response(serializer.data, status=201)\n";
    let found = run(src, Python, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        apply(src, preferred(&found[0]))
            .contains("JsonResponse({\"error\": \"no such item\"}, status=500)")
    );
    assert!(
        found[1]
            .message
            .contains("`if not serializer.is_valid()` guard"),
        "{}",
        found[1].message
    );
    // A failed validation is the client's mistake: 400 first.
    assert!(
        apply(src, preferred(&found[1])).contains("return Response(serializer.errors, status=400)")
    );
}

// ---- Python: must not fire ----

#[test]
fn python_quiet_cases() {
    let src = "from flask import Flask, jsonify\nfrom fastapi import HTTPException\n\napp = Flask(__name__)\n\n\n\
               # A specific exception handled on purpose.\n@app.get(\"/a\")\ndef a():\n    try:\n        return jsonify(load())\n    except KeyError:\n        return jsonify(items=[])\n\n\n\
               # An error status.\n@app.get(\"/b\")\ndef b():\n    try:\n        return jsonify(load())\n    except Exception as e:\n        return jsonify(error=str(e)), 500\n\n\n\
               # A helper's returned dict is data, not a response.\ndef helper():\n    try:\n        return {\"a\": 1}\n    except Exception:\n        return {\"error\": \"x\"}\n\n\n\
               # A raise answers with the exception's status.\n@app.get(\"/c\")\ndef c():\n    try:\n        return jsonify(load())\n    except Exception:\n        raise HTTPException(status_code=502)\n";
    assert_eq!(run(src, Python, RULE), []);
    // FastAPI's own tutorial: an exception handler answering with the exception's status, which
    // the file cannot know, names a status all the same.
    let handler = "from fastapi import FastAPI\nfrom fastapi.responses import PlainTextResponse\n\napp = FastAPI()\n\n\n\
                   @app.exception_handler(StarletteHTTPException)\nasync def http_exception_handler(request, exc):\n    return PlainTextResponse(str(exc.detail), status_code=exc.status_code)\n";
    assert_eq!(run(handler, Python, RULE), []);
    let test = "def test_x(client):\n    try:\n        r = client.get('/')\n    except Exception:\n        assert r.status_code == 200\n";
    let config = statuslint::config::Config {
        file: Some("test_x.py".into()),
        ..Default::default()
    };
    assert_eq!(run_with(test, Python, RULE, &config), []);
}

#[test]
fn chi_render_fiber_and_aiohttp_defaults() {
    let chi = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/go-chi/render\"\n)\n\n\
               func list(w http.ResponseWriter, r *http.Request) {\n\titems, err := load()\n\tif err != nil {\n\t\trender.JSON(w, r, map[string]string{\"error\": err.Error()})\n\t\treturn\n\t}\n\trender.JSON(w, r, items)\n}\n\n\
               func quiet(w http.ResponseWriter, r *http.Request) {\n\tif err := load2(); err != nil {\n\t\trender.Status(r, http.StatusBadGateway)\n\t\trender.JSON(w, r, map[string]string{\"error\": err.Error()})\n\t\treturn\n\t}\n}\n";
    let f = single(run(chi, Go, RULE));
    assert_eq!(
        f.range,
        locate(
            chi,
            "\t\trender.JSON(w, r, map[string]string{\"error\": err.Error()})\n\t\treturn\n\t}\n\trender.JSON(w, r, items)",
            "render.JSON"
        )
    );
    assert!(apply(chi, preferred(&f)).contains("\t\trender.Status(r, http.StatusInternalServerError)\n\t\trender.JSON(w, r, map[string]string{\"error\": err.Error()})\n\t\treturn\n\t}\n\trender.JSON(w, r, items)"));
    let fiber = "package main\n\nimport \"github.com/gofiber/fiber/v2\"\n\n\
                 func h(c *fiber.Ctx) error {\n\tif err := do(); err != nil {\n\t\treturn c.JSON(fiber.Map{\"error\": err.Error()})\n\t}\n\treturn c.JSON(fiber.Map{\"ok\": true})\n}\n\n\
                 func quiet(c *fiber.Ctx) error {\n\tif err := do(); err != nil {\n\t\treturn c.Status(fiber.StatusBadGateway).JSON(fiber.Map{\"error\": err.Error()})\n\t}\n\treturn nil\n}\n";
    let f = single(run(fiber, Go, RULE));
    assert!(apply(fiber, preferred(&f)).contains("return c.Status(500).JSON(fiber.Map{\"error\""));
    let aiohttp = "from aiohttp import web\n\n\nasync def handle(request):\n    try:\n        data = await load()\n    except Exception as e:\n        return web.json_response({\"error\": str(e)})\n    return web.json_response(data)\n";
    let f = single(run(aiohttp, Python, RULE));
    assert!(
        apply(aiohttp, preferred(&f))
            .contains("web.json_response({\"error\": str(e)}, status=500)")
    );
}
