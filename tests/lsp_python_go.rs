//! Python and Go through the real server: completion by phrase in their status positions, each
//! edit written in the file's own spelling, hover on their constants and on the names that carry
//! a code, and diagnostics with exact ranges.

mod common;

use common::lsp::{Lsp, inserts, text_edit};
use common::text::find_in;

#[tokio::test]
async fn python_status_positions_complete_by_phrase() {
    let mut lsp = Lsp::start().await;
    let cases = [
        (
            "raise HTTPException(status_code=Too Many",
            "Too Many",
            "429",
        ),
        (
            "return JSONResponse(body, status_code=teapot",
            "teapot",
            "418",
        ),
        ("return HttpResponse(status=gone", "gone", "410"),
        ("abort(not found", "not found", "404"),
        ("response.status_code = bad gateway", "bad gateway", "502"),
        (
            "from http import HTTPStatus\nreturn HTTPStatus.payload too",
            "payload too",
            "REQUEST_ENTITY_TOO_LARGE",
        ),
        (
            "from fastapi import status\nraise HTTPException(status_code=status.too many",
            "too many",
            "HTTP_429_TOO_MANY_REQUESTS",
        ),
    ];
    for (source, typed, wanted) in cases {
        let (items, range) = lsp
            .complete_after("file:///app.py", "python", source, typed)
            .await;
        assert_eq!(
            inserts(&items).first(),
            Some(&wanted),
            "{source}: {:?}",
            inserts(&items)
        );
        assert_eq!(text_edit(&items[0]).range, range, "{source}");
    }
}

#[tokio::test]
async fn go_status_positions_complete_by_phrase() {
    let mut lsp = Lsp::start().await;
    let cases = [
        (
            "\thttp.Error(w, msg, http.StatusToo",
            "Too",
            "TooManyRequests",
        ),
        ("\tw.WriteHeader(http.Statusteapot", "teapot", "Teapot"),
        ("\tc.JSON(Too Many", "Too Many", "429"),
        ("\tw.WriteHeader(gateway time", "gateway time", "504"),
        (
            "\treturn echo.NewHTTPError(unauthorized",
            "unauthorized",
            "401",
        ),
    ];
    for (line, typed, wanted) in cases {
        let source = format!("package main\n\nfunc h() {{\n{line}\n}}\n");
        let (items, range) = lsp
            .complete_after("file:///main.go", "go", &source, typed)
            .await;
        assert!(
            inserts(&items).contains(&wanted),
            "{line}: {wanted} not in {:?}",
            inserts(&items)
        );
        if typed != "Too" {
            assert_eq!(inserts(&items)[0], wanted, "{line}");
        }
        for item in &items {
            assert_eq!(text_edit(item).range, range, "{line}: {}", item.label);
        }
    }
}

#[tokio::test]
async fn no_completion_where_no_status_goes_in_python_and_go() {
    let mut lsp = Lsp::start().await;
    let cases = [
        ("app.py", "python", "job.status=pend", "pend"),
        ("app.py", "python", "print(status.too", "too"),
        ("main.go", "go", "\tjob.Run(too many", "too many"),
    ];
    for (file, language_id, source, typed) in cases {
        let uri = lsp
            .open(&format!("file:///{file}"), language_id, source)
            .await;
        let bytes = find_in(source, typed, typed);
        let position = lsp.position(&uri, bytes.end);
        let items = lsp.completion(&uri, position).await;
        assert!(
            items.as_ref().is_none_or(|i| i.is_empty()),
            "{source}: {:?}",
            items.map(|i| inserts(&i)
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>())
        );
        lsp.close(&uri).await;
    }
}

#[tokio::test]
async fn hover_on_python_and_go_constants_and_carrying_names() {
    let mut lsp = Lsp::start().await;
    let python = "from fastapi import status\nfrom http import HTTPStatus\nUPSTREAM_DOWN = 531\n\
                  def f(response):\n    response.status_code = UPSTREAM_DOWN\n    \
                  raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS)\n    \
                  return HTTPStatus.IM_A_TEAPOT\n";
    let uri = lsp.open("file:///app.py", "python", python).await;
    for (needle, wanted) in [
        ("HTTP_429", "### 429 Too Many Requests"),
        ("IM_A_TEAPOT", "### 418"),
        ("UPSTREAM_DOWN\n    raise", "`UPSTREAM_DOWN` carries 531"),
    ] {
        let at = python.find(needle).unwrap() + 2;
        let hover = lsp.hover_at(&uri, at).await.expect(needle);
        let text = common::lsp::markdown(&hover);
        assert!(text.starts_with(wanted), "{needle}: {text}");
    }
    let go = "package main\n\nimport \"net/http\"\n\nconst StatusUpstreamDown = 531\n\n\
              func h(w http.ResponseWriter) {\n\tw.WriteHeader(StatusUpstreamDown)\n\t\
              http.Error(w, \"slow\", http.StatusTooManyRequests)\n}\n";
    let uri = lsp.open("file:///main.go", "go", go).await;
    for (needle, wanted) in [
        ("StatusTooManyRequests", "### 429 Too Many Requests"),
        ("StatusUpstreamDown)", "`StatusUpstreamDown` carries 531"),
    ] {
        let at = go.find(needle).unwrap() + 1;
        let hover = lsp.hover_at(&uri, at).await.expect(needle);
        let text = common::lsp::markdown(&hover);
        assert!(text.starts_with(wanted), "{needle}: {text}");
    }
}

#[tokio::test]
async fn python_and_go_diagnostics_underline_the_code_and_fix_it_in_the_files_spelling() {
    let mut lsp = Lsp::start().await;
    // 😀 and CJK before the literal: UTF-16 columns.
    let python = "from fastapi import HTTPException, status\n\
                  def f():\n    x = \"😀漢字\"; raise HTTPException(status_code=521, detail=x)\n";
    let uri = lsp.open("file:///app.py", "python", python).await;
    let diagnostics = lsp.diagnostics(&uri).await.diagnostics;
    let reserved: Vec<_> = diagnostics
        .iter()
        .filter(|d| {
            d.code
                == Some(tower_lsp_server::lsp_types::NumberOrString::String(
                    "platform-reserved".into(),
                ))
        })
        .collect();
    assert_eq!(reserved.len(), 1, "{diagnostics:?}");
    let at = python.find("521").unwrap();
    assert_eq!(reserved[0].range, lsp.range(&uri, at..at + 3));
    let go = "package main\n\nimport \"net/http\"\n\nfunc h(w http.ResponseWriter) {\n\t\
              s := \"😀漢字\"; http.Error(w, s, http.StatusContinue)\n}\n";
    let uri = lsp.open("file:///main.go", "go", go).await;
    let diagnostics = lsp.diagnostics(&uri).await.diagnostics;
    let informational: Vec<_> = diagnostics
        .iter()
        .filter(|d| {
            d.code
                == Some(tower_lsp_server::lsp_types::NumberOrString::String(
                    "informational-from-handler".into(),
                ))
        })
        .collect();
    assert_eq!(informational.len(), 1, "{diagnostics:?}");
    let at = go.find("http.StatusContinue").unwrap();
    assert_eq!(
        informational[0].range,
        lsp.range(&uri, at..at + "http.StatusContinue".len())
    );
}
