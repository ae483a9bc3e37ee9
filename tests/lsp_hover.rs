//! Hover through the real server over JSON-RPC: on every annotated site of every fixture, in
//! every language that reads the fixture, and nowhere else; then the content of the Markdown.

mod common;

use common::fixtures::{Fixture, SITE_FIXTURES};
use common::lsp::{Lsp, markdown};
use common::text::find_in;
use statuslint::catalog::catalog;

/// What the first line of a hover says for a code: `### 404 Not Found`, or `### 299` for a
/// number the catalog does not know.
fn heading(code: u32) -> String {
    match catalog().get(code) {
        Some(entry) => format!("### {code} {}", entry.primary().phrase),
        None => format!("### {code}"),
    }
}

#[tokio::test]
async fn hover_answers_on_every_site_and_only_there_in_every_language() {
    let mut failures = Vec::new();
    let mut lsp = Lsp::start().await;
    for name in SITE_FIXTURES {
        let fixture = Fixture::load(name);
        for language in fixture.languages() {
            // The languageId decides the grammar, whatever the file's extension says.
            let uri_text = format!("{}?as={}", fixture.uri(), language.name());
            let uri = lsp.open(&uri_text, language.name(), &fixture.text).await;
            for site in &fixture.expected {
                let wanted_range = lsp.range(&uri, site.bytes.clone());
                let last = site.bytes.end - 1;
                let middle = site.bytes.start + site.bytes.len() / 2;
                for offset in [site.bytes.start, middle, last] {
                    let at = format!(
                        "{name} as {}, line {}, on {:?} at byte {}",
                        language.name(),
                        site.line + 1,
                        site.text,
                        offset - site.bytes.start
                    );
                    match lsp.hover_at(&uri, offset).await {
                        None => failures.push(format!("{at}: no hover")),
                        Some(hover) => {
                            let text = markdown(&hover);
                            // A name carrying codes says so before each code's heading.
                            let carried = format!("`{}` carries ", site.text);
                            if text.lines().next() != Some(heading(site.code).as_str())
                                && !(text.starts_with(&carried)
                                    && text.lines().any(|l| l == heading(site.code)))
                            {
                                failures.push(format!("{at}: hover starts {:?}", first_line(text)));
                            }
                            if hover.range != Some(wanted_range) {
                                failures.push(format!("{at}: range {:?}", hover.range));
                            }
                        }
                    }
                }
            }
            for number in fixture.bare_numbers() {
                if let Some(hover) = lsp.hover_at(&uri, number.start).await {
                    failures.push(format!(
                        "{name} as {}: hover on the bare number {} at line {}: {:?}",
                        language.name(),
                        &fixture.text[number.clone()],
                        fixture.text[..number.start].matches('\n').count() + 1,
                        first_line(markdown(&hover))
                    ));
                }
            }
            lsp.close(&uri).await;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// Hovers on `needle` inside `context` in a fresh server, checks the hover spans exactly the
/// needle, and returns its Markdown.
async fn hover_on(
    language_id: &str,
    file: &str,
    source: &str,
    context: &str,
    needle: &str,
) -> String {
    let mut lsp = Lsp::start().await;
    let uri = lsp.open(file, language_id, source).await;
    let bytes = find_in(source, context, needle);
    let hover = lsp
        .hover_at(&uri, bytes.start + 1)
        .await
        .unwrap_or_else(|| panic!("no hover on {needle:?} in {context:?}"));
    assert_eq!(
        hover.range,
        Some(lsp.range(&uri, bytes)),
        "the hover range is {needle:?}"
    );
    markdown(&hover).to_string()
}

#[tokio::test]
async fn hover_on_a_standard_code_gives_phrase_class_standing_rfc_link_and_advice() {
    let source = "app.get('/', (req, res) => res.status(404).end());\n";
    let text = hover_on("javascript", "file:///app.js", source, "status(404)", "404").await;
    assert!(text.starts_with("### 404 Not Found\n"), "{text}");
    assert!(
        text.contains("4xx Client Error · IANA standard"),
        "class and standing: {text}"
    );
    assert!(
        text.contains(
            "[RFC 9110, Section 15.5.5](https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5)"
        ),
        "RFC link: {text}"
    );
    assert!(
        text.contains("**Use when:**") && text.contains("**Avoid when:**"),
        "{text}"
    );
    assert!(text.contains("**Related:**"), "{text}");
}

#[tokio::test]
async fn hover_on_530_names_every_platform_that_gives_it_a_meaning() {
    let source = "res.status(530).send('down');\n";
    let text = hover_on("javascript", "file:///app.js", source, "status(530)", "530").await;
    for meaning in [
        "**Cloudflare: Origin DNS Error**",
        "**Edgio (formerly Layer0): Internal Edgio Error**",
        "**Pantheon: Site is frozen**",
    ] {
        assert!(text.contains(meaning), "{meaning} missing from:\n{text}");
    }
    assert!(
        text.contains("**Generated by"),
        "the warning that platforms send it: {text}"
    );
}

#[tokio::test]
async fn hover_on_named_constants_shows_the_code_they_stand_for() {
    let cases = [
        (
            "rust",
            "file:///main.rs",
            "fn f() -> StatusCode { StatusCode::TOO_MANY_REQUESTS }\n",
            "StatusCode::TOO_MANY_REQUESTS }",
            "StatusCode::TOO_MANY_REQUESTS",
            "### 429 Too Many Requests",
        ),
        (
            "typescript",
            "file:///cats.ts",
            "throw new HttpException('slow', HttpStatus.TOO_MANY_REQUESTS);\n",
            "HttpStatus.TOO_MANY_REQUESTS",
            "HttpStatus.TOO_MANY_REQUESTS",
            "### 429 Too Many Requests",
        ),
        (
            "rust",
            "file:///actix.rs",
            "fn f() -> HttpResponse { HttpResponse::TooManyRequests().finish() }\n",
            "HttpResponse::TooManyRequests()",
            "HttpResponse::TooManyRequests",
            "### 429 Too Many Requests",
        ),
        (
            "javascript",
            "file:///codes.js",
            "res.status(StatusCodes.IM_A_TEAPOT);\n",
            "StatusCodes.IM_A_TEAPOT",
            "StatusCodes.IM_A_TEAPOT",
            "### 418 ",
        ),
    ];
    for (language, file, source, context, needle, wanted) in cases {
        let text = hover_on(language, file, source, context, needle).await;
        assert!(text.starts_with(wanted), "{needle}: {text}");
    }
}

#[tokio::test]
async fn hover_explains_numbers_that_are_not_registered_or_not_valid() {
    let source = "res.status(299); res.status(600);\n";
    let text = hover_on("javascript", "file:///a.js", source, "(299)", "299").await;
    assert!(text.starts_with("### 299\n"), "{text}");
    assert!(text.contains("Not a registered status code"), "{text}");
    let text = hover_on("javascript", "file:///a.js", source, "(600)", "600").await;
    assert!(text.contains("Not a valid HTTP status code"), "{text}");
}

#[tokio::test]
async fn hover_at_either_edge_of_a_literal_and_not_beside_it() {
    let source = "res.status( 404 );\n";
    let mut lsp = Lsp::start().await;
    let uri = lsp.open("file:///edge.js", "javascript", source).await;
    let bytes = find_in(source, "404", "404");
    for offset in [bytes.start, bytes.end - 1] {
        assert!(lsp.hover_at(&uri, offset).await.is_some(), "byte {offset}");
    }
    for offset in [bytes.start - 2, bytes.end + 1] {
        assert_eq!(lsp.hover_at(&uri, offset).await, None, "byte {offset}");
    }
}

/// A NestJS exception class names its status: hover on it says which, after CJK on the line.
#[tokio::test]
async fn hover_on_a_nest_exception_class_shows_its_status() {
    let source = "import { GoneException } from \"@nestjs/common\";\n\
                  export class C { f() { /* 漢字 */ throw new GoneException(); } }\n";
    let mut lsp = Lsp::start().await;
    let uri = lsp.open("file:///gone.ts", "typescript", source).await;
    let bytes = find_in(source, "new GoneException()", "GoneException");
    let hover = lsp
        .hover_at(&uri, bytes.start + 2)
        .await
        .expect("a hover on the class");
    assert_eq!(markdown(&hover).lines().next(), Some(heading(410).as_str()));
}

#[tokio::test]
async fn hover_on_a_document_that_was_never_opened_is_null() {
    let mut lsp = Lsp::start().await;
    let uri = common::lsp::uri("file:///never-opened.js");
    let position = tower_lsp_server::lsp_types::Position::new(0, 0);
    assert_eq!(lsp.hover(&uri, position).await, None);
}

/// A name that carries a code: hover on it where it is sent, on its declaration and on the value
/// there shows the code, with an emoji and CJK before it on each line to hold UTF-16 positions.
#[tokio::test]
async fn hover_on_a_name_shows_the_codes_it_carries_at_the_site_and_the_definition() {
    let source = "const 上游 = '🚀'; const UPSTREAM_DOWN = 531;\n\
                  app.get('/', (req, res) => { /* 🚀 */ res.status(UPSTREAM_DOWN).end(); });\n\
                  function h(res) { let code = 200; if (down) code = 521; /* 漢 */ res.status(code).end(); }\n";
    let mut lsp = Lsp::start().await;
    let uri = lsp.open("file:///names.js", "javascript", source).await;
    let cases = [
        ("status(UPSTREAM_DOWN)", "UPSTREAM_DOWN", vec![531]),
        ("const UPSTREAM_DOWN", "UPSTREAM_DOWN", vec![531]),
        ("= 531", "531", vec![531]),
        ("status(code)", "code", vec![200, 521]),
    ];
    for (context, needle, codes) in cases {
        let bytes = find_in(source, context, needle);
        let hover = lsp
            .hover_at(&uri, bytes.start + 1)
            .await
            .unwrap_or_else(|| panic!("no hover on {needle} in {context}"));
        let text = markdown(&hover);
        for code in &codes {
            assert!(text.contains(&heading(*code)), "{context}: {text}");
        }
        assert!(
            text.starts_with(&format!(
                "`{}` carries",
                if needle == "531" {
                    "UPSTREAM_DOWN"
                } else {
                    needle
                }
            )),
            "{context}: {text}"
        );
        assert_eq!(hover.range, Some(lsp.range(&uri, bytes)), "{context}");
    }
    // The name where nothing sends it is not a site.
    let unused = "const RETRIES = 500;\nretry(RETRIES);\n";
    let uri = lsp.open("file:///unused.js", "javascript", unused).await;
    let bytes = find_in(unused, "const RETRIES", "RETRIES");
    assert_eq!(lsp.hover_at(&uri, bytes.start + 1).await, None);
}

/// A client that declares only plain text (Eglot without markdown-mode), or nothing (LSP says
/// plain text then), gets the same words without `###`, `**` or link syntax, in hovers and in
/// completion documentation; one that declares Markdown gets Markdown.
#[tokio::test]
async fn hover_and_completion_documentation_are_plain_text_unless_the_client_renders_markdown() {
    use tower_lsp_server::lsp_types::*;
    let source = "app.get('/', (req, res) => res.status(531).end());\nres.status(Too Many";
    let plain_only = TextDocumentClientCapabilities {
        hover: Some(HoverClientCapabilities {
            content_format: Some(vec![MarkupKind::PlainText]),
            ..HoverClientCapabilities::default()
        }),
        ..TextDocumentClientCapabilities::default()
    };
    for (client, markdown_wanted) in [
        (Some(plain_only), false),
        (None, false),
        (Some(common::lsp::markdown_client()), true),
    ] {
        let params = InitializeParams {
            capabilities: ClientCapabilities {
                text_document: client,
                ..ClientCapabilities::default()
            },
            ..InitializeParams::default()
        };
        let mut lsp = Lsp::start_custom(statuslint::lsp::Backend::new, params).await;
        let uri = lsp.open("file:///plain.js", "javascript", source).await;
        let at = find_in(source, "status(531)", "531").start + 1;
        let hover = lsp.hover_at(&uri, at).await.expect("a hover on 531");
        let HoverContents::Markup(content) = &hover.contents else {
            panic!("hover is not markup: {hover:?}");
        };
        let items = lsp.completion_at_end(&uri).await.expect("completion items");
        let Some(Documentation::MarkupContent(documentation)) = &items[0].documentation else {
            panic!("no documentation on {:?}", items[0]);
        };
        for (what, content) in [("hover", content), ("documentation", documentation)] {
            if markdown_wanted {
                assert_eq!(content.kind, MarkupKind::Markdown, "{what}");
                assert!(
                    content.value.starts_with("### "),
                    "{what}: {}",
                    content.value
                );
                continue;
            }
            assert_eq!(content.kind, MarkupKind::PlainText, "{what}");
            let text = &content.value;
            for mark in ["###", "**", "](", "`"] {
                assert!(!text.contains(mark), "{what} shows {mark}: {text}");
            }
            assert!(text.contains("Use when:"), "{what}: {text}");
        }
        let first = content.value.lines().next().unwrap_or("");
        assert!(
            first.ends_with("531 Project Upstream Connection Error"),
            "{first}"
        );
        assert!(content.value.contains("Edgio"), "{}", content.value);
    }
}
