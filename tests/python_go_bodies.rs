//! The rules that read a response's body, in Python and Go: a success body on an error status, a
//! body on 204/304, a body whose status field disagrees, companion headers and problem details;
//! each fires and stays quiet in each language.

#[path = "fixtures/rules/support.rs"]
mod support;

use statuslint::syntax::Language::{Go, Python};
use support::*;

#[test]
fn error_status_with_a_success_body() {
    const RULE: &str = "error-status-success-body";
    let py = "from fastapi.responses import JSONResponse\nfrom flask import jsonify\n\n\
              def a():\n    return JSONResponse({\"success\": True}, status_code=500)\n\n\
              def b():\n    return jsonify(ok=True), 503\n\n\
              def quiet():\n    return JSONResponse({\"success\": False, \"error\": \"x\"}, status_code=500)\n";
    let found = run(py, Python, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(py, "status_code=500)\n\ndef b", "500")
    );
    assert!(
        found[0].message.contains("(`success: True`)"),
        "{}",
        found[0].message
    );
    assert_eq!(found[1].range, locate(py, "ok=True), 503", "503"));
    let go = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
              func a(c *gin.Context) {\n\tc.JSON(http.StatusInternalServerError, gin.H{\"success\": true})\n}\n\n\
              func b(c *gin.Context) {\n\tc.JSON(http.StatusBadGateway, Result{Success: true})\n}\n\n\
              func quiet(c *gin.Context) {\n\tc.JSON(http.StatusOK, gin.H{\"success\": true})\n}\n";
    let found = run(go, Go, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(
            go,
            "http.StatusInternalServerError",
            "http.StatusInternalServerError"
        )
    );
    assert_eq!(
        found[1].range,
        locate(go, "http.StatusBadGateway", "http.StatusBadGateway")
    );
}

#[test]
fn a_body_on_a_bodiless_status() {
    const RULE: &str = "body-on-bodiless-status";
    let py = "from fastapi import Response\nfrom django.http import HttpResponse\n\n\
              def a():\n    return Response(content=b\"gone\", status_code=204)\n\n\
              def b():\n    return HttpResponse(\"cached\", status=304)\n\n\
              def quiet():\n    return Response(status_code=204)\n";
    let found = run(py, Python, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(py, "status_code=204)\n\ndef b", "204")
    );
    assert!(found[0].message.contains("h11"), "{}", found[0].message);
    assert_eq!(found[1].range, locate(py, "status=304", "304"));
    let go = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\n\
              func a(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(http.StatusNoContent)\n\tw.Write([]byte(\"done\"))\n}\n\n\
              func b(c *gin.Context) {\n\tc.JSON(http.StatusNoContent, gin.H{\"deleted\": true})\n}\n\n\
              func quiet(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(http.StatusNoContent)\n}\n\n\
              func quiet2(c *gin.Context) {\n\tc.Status(http.StatusNoContent)\n}\n";
    let found = run(go, Go, RULE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0].range,
        locate(
            go,
            "w.WriteHeader(http.StatusNoContent)\n\tw.Write",
            "http.StatusNoContent"
        )
    );
    assert!(
        found[0].message.contains("http.ErrBodyNotAllowed"),
        "{}",
        found[0].message
    );
    assert_eq!(
        found[1].range,
        locate(go, "c.JSON(http.StatusNoContent", "http.StatusNoContent")
    );
}

#[test]
fn a_status_field_that_disagrees() {
    const RULE: &str = "body-status-mismatch";
    let py = "from fastapi.responses import JSONResponse\n\n\
              def a():\n    return JSONResponse({\"status\": 200, \"message\": \"missing\"}, status_code=404)\n\n\
              def quiet():\n    return JSONResponse({\"status\": 404, \"message\": \"missing\"}, status_code=404)\n";
    let f = single(run(py, Python, RULE));
    assert_eq!(f.range, locate(py, "{\"status\": 200", "200"));
    assert!(
        apply(py, preferred(&f))
            .contains("{\"status\": 404, \"message\": \"missing\"}, status_code=404)\n\ndef quiet")
    );
    let go = "package main\n\nimport \"github.com/gin-gonic/gin\"\n\n\
              func a(c *gin.Context) {\n\tc.JSON(500, gin.H{\"code\": 200, \"error\": \"boom\"})\n}\n\n\
              func quiet(c *gin.Context) {\n\tc.JSON(500, gin.H{\"code\": 500, \"error\": \"boom\"})\n}\n";
    let f = single(run(go, Go, RULE));
    assert_eq!(f.range, locate(go, "\"code\": 200", "200"));
    assert!(
        apply(go, preferred(&f))
            .contains("c.JSON(500, gin.H{\"code\": 500, \"error\": \"boom\"})\n}\n\nfunc quiet")
    );
}

#[test]
fn companion_headers_in_python_and_go() {
    const RULE: &str = "missing-companion-header";
    let on = enabled(RULE);
    let py = "from fastapi import HTTPException\nfrom fastapi.responses import JSONResponse\n\n\
              def a():\n    raise HTTPException(status_code=429, detail=\"slow down\")\n\n\
              def quiet():\n    return JSONResponse({}, status_code=429, headers={\"Retry-After\": \"30\"})\n";
    let f = single(run_with(py, Python, RULE, &on));
    assert_eq!(f.range, locate(py, "status_code=429, detail", "429"));
    let go = "package main\n\nimport \"net/http\"\n\n\
              func a(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(http.StatusMethodNotAllowed)\n}\n\n\
              func quiet(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set(\"Allow\", \"GET\")\n\tw.WriteHeader(http.StatusMethodNotAllowed)\n}\n";
    let f = single(run_with(go, Go, RULE, &on));
    assert!(f.message.contains("`Allow`"), "{}", f.message);
    assert_eq!(run(go, Go, RULE), [], "off by default");
}

#[test]
fn problem_details_in_python_and_go_projects() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("statuslint.toml"),
        "[rules]\nproblem-details = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("problems.py"),
        "PROBLEM = \"application/problem+json\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("views.py"),
        "from fastapi.responses import JSONResponse\n\ndef read():\n    return JSONResponse({\"error\": \"not found\"}, status_code=404)\n\n\
         def quiet():\n    return JSONResponse({\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404}, status_code=404)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("main.go"),
        "package main\n\nimport \"net/http\"\n\nfunc bad(w http.ResponseWriter) {\n\thttp.Error(w, \"bad request\", http.StatusBadRequest)\n}\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let problems: Vec<(String, u64)> = findings
        .iter()
        .filter(|f| f["rule"] == "problem-details")
        .map(|f| {
            (
                std::path::Path::new(f["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [("main.go".to_string(), 6), ("views.py".to_string(), 4)],
        "{findings:#?}"
    );
}
