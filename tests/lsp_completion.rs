//! Completion by phrase through the real server: the user types words or digits in a status
//! position and gets codes, and the chosen item's edit replaces exactly what was typed.

mod common;

use common::lsp::{Lsp, inserts, text_edit};
use common::text::find_in;
use tower_lsp_server::lsp_types::{Documentation, MarkupKind};

#[tokio::test]
async fn typed_words_after_res_status_complete_to_the_number_replacing_the_words() {
    let mut lsp = Lsp::start().await;
    let source = "app.get('/', (req, res) => {\n  return res.status(Too Many\n});\n";
    let (items, typed) = lsp
        .complete_after("file:///a.js", "javascript", source, "Too Many")
        .await;
    let first = &items[0];
    assert_eq!(text_edit(first).new_text, "429");
    assert_eq!(
        text_edit(first).range,
        typed,
        "the edit replaces exactly `Too Many`"
    );
    assert_eq!(first.label, "429 Too Many Requests");
    // The detail does not repeat the label's phrase.
    assert_eq!(
        first.detail.as_deref(),
        Some("4xx Client Error · IANA standard")
    );
    match &first.documentation {
        Some(Documentation::MarkupContent(doc)) => {
            assert_eq!(doc.kind, MarkupKind::Markdown);
            assert!(
                doc.value.starts_with("### 429 Too Many Requests"),
                "{}",
                doc.value
            );
        }
        other => panic!("documentation is not Markdown: {other:?}"),
    }
    for item in &items {
        assert_eq!(text_edit(item).range, typed, "{}", item.label);
        assert!(item.detail.is_some(), "{} has no detail", item.label);
    }
}

#[tokio::test]
async fn words_that_are_not_in_the_phrase_still_find_the_code() {
    let mut lsp = Lsp::start().await;
    let cases = [
        ("res.status(rate lim", "rate lim", "429"),
        ("res.status(teapot", "teapot", "418"),
        ("reply.code(not found", "not found", "404"),
        ("res.sendStatus(no content", "no content", "204"),
        ("ctx.throw(unauthor", "unauthor", "401"),
        ("return new Response(body, { status: gone", "gone", "410"),
    ];
    for (line, typed, wanted) in cases {
        let source = format!("function handler(req, res) {{\n  {line}\n}}\n");
        let (items, range) = lsp
            .complete_after("file:///b.js", "javascript", &source, typed)
            .await;
        assert_eq!(inserts(&items)[0], wanted, "{line}: {:?}", inserts(&items));
        assert_eq!(text_edit(&items[0]).range, range, "{line}");
    }
}

#[tokio::test]
async fn digits_filter_by_number() {
    let mut lsp = Lsp::start().await;
    let source = "res.status(42\n";
    let (items, range) = lsp
        .complete_after("file:///c.js", "javascript", source, "42")
        .await;
    let codes = inserts(&items);
    for wanted in ["421", "422", "423", "424", "425", "426", "428", "429"] {
        assert!(codes.contains(&wanted), "{wanted} missing from {codes:?}");
    }
    assert!(codes.iter().all(|c| c.starts_with("42")), "{codes:?}");
    assert_eq!(text_edit(&items[0]).range, range);
}

#[tokio::test]
async fn rust_status_code_paths_complete_to_the_constant_name() {
    let mut lsp = Lsp::start().await;
    for typed in ["too_many", "Too Many", "TOO_MANY"] {
        let source = format!(
            "async fn handler() -> impl IntoResponse {{\n    (StatusCode::{typed}, Json(body))\n}}\n"
        );
        let (items, range) = lsp
            .complete_after("file:///h.rs", "rust", &source, typed)
            .await;
        let first = &items[0];
        assert_eq!(text_edit(first).new_text, "TOO_MANY_REQUESTS", "{typed}");
        assert_eq!(
            text_edit(first).range,
            range,
            "{typed}: replaces exactly the typed name"
        );
        assert_eq!(first.detail.as_deref(), Some("429 Too Many Requests"));
        assert!(
            matches!(&first.documentation, Some(Documentation::MarkupContent(d)) if d.value.starts_with("### 429")),
            "{typed}: {:?}",
            first.documentation
        );
    }
}

#[tokio::test]
async fn rust_completes_numbers_in_builders_and_camel_case_in_actix_and_rocket() {
    let mut lsp = Lsp::start().await;
    let cases = [
        ("let r = Response::builder().status(teapot", "teapot", "418"),
        ("let s = StatusCode::from_u16(rate lim", "rate lim", "429"),
        ("HttpResponse::too many", "too many", "TooManyRequests()"),
        (
            "use rocket::http::Status; fn f() -> Status { Status::not found",
            "not found",
            "NotFound",
        ),
    ];
    for (line, typed, wanted) in cases {
        let source = format!("{line}\n");
        let (items, range) = lsp
            .complete_after("file:///r.rs", "rust", &source, typed)
            .await;
        assert_eq!(inserts(&items)[0], wanted, "{line}: {:?}", inserts(&items));
        assert_eq!(text_edit(&items[0]).range, range, "{line}");
    }
}

#[tokio::test]
async fn nest_constants_complete_in_screaming_case() {
    let mut lsp = Lsp::start().await;
    let source = "throw new HttpException('slow', HttpStatus.too many\n";
    let (items, range) = lsp
        .complete_after("file:///n.ts", "typescript", source, "too many")
        .await;
    assert_eq!(inserts(&items)[0], "TOO_MANY_REQUESTS");
    assert_eq!(text_edit(&items[0]).range, range);
}

#[tokio::test]
async fn completion_in_the_middle_of_a_line_stops_at_the_cursor() {
    let mut lsp = Lsp::start().await;
    let source = "const a = 1;\nres.status(teapot).end(); // later text\nconst b = 2;\n";
    let (items, range) = lsp
        .complete_after("file:///m.js", "javascript", source, "teapot")
        .await;
    assert_eq!(inserts(&items)[0], "418");
    assert_eq!(text_edit(&items[0]).range, range);
}

#[tokio::test]
async fn no_completion_outside_a_status_position() {
    let mut lsp = Lsp::start().await;
    let source = "const timeout = too many\nres.status(429).json(body\nsetTimeout(fn, 40\n";
    let uri = lsp.open("file:///none.js", "javascript", source).await;
    for typed in ["too many", "json(body", "40"] {
        let end = find_in(source, typed, typed).end;
        let position = lsp.position(&uri, end);
        let items = lsp.completion(&uri, position).await;
        assert!(
            items.as_ref().is_none_or(|i| i.is_empty()),
            "after {typed:?}: {items:?}"
        );
    }
}

#[tokio::test]
async fn completion_ranges_count_utf16_units_after_an_emoji() {
    let mut lsp = Lsp::start().await;
    let source = "const s = \"😀 中文\"; res.status(Too Many\n";
    let (items, range) = lsp
        .complete_after("file:///u.js", "javascript", source, "Too Many")
        .await;
    // `😀` is two UTF-16 units, each CJK character one: the typed words start at unit 30.
    assert_eq!(range.start.character, 30);
    assert_eq!(text_edit(&items[0]).range, range);
}

#[tokio::test]
async fn completion_ranges_count_utf8_bytes_when_negotiated() {
    let mut lsp = Lsp::start_utf8().await;
    let source = "const s = \"😀 中文\"; res.status(Too Many\n";
    let (items, range) = lsp
        .complete_after("file:///u.js", "javascript", source, "Too Many")
        .await;
    // `😀` is four bytes, each CJK character three: the typed words start at byte 36.
    assert_eq!(range.start.character, 36);
    assert_eq!(text_edit(&items[0]).range, range);
}

#[tokio::test]
async fn the_server_advertises_trigger_characters_for_status_positions() {
    let lsp = Lsp::start().await;
    let options = lsp
        .capabilities
        .completion_provider
        .clone()
        .expect("completion is offered");
    let triggers = options.trigger_characters.unwrap_or_default();
    for wanted in ["(", ":", " "] {
        assert!(
            triggers.iter().any(|t| t == wanted),
            "{wanted:?} in {triggers:?}"
        );
    }
}
