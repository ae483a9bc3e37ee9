//! Diagnostics through the real server: published on open and after every incremental change,
//! for the version they were computed from, with exact ranges, the rule as `code`, and a link to
//! the rule's documentation.

mod common;

use common::fixtures::Fixture;
use common::lsp::Lsp;
use common::text::find_in;
use tower_lsp_server::lsp_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, TextDocumentContentChangeEvent,
};

const HANDLER: &str = "const express = require(\"express\");\nconst app = express();\n\napp.get(\"/\", (req, res) => {\n  res.status(404).json({ error: \"missing\" });\n});\n";

fn rule(diagnostic: &Diagnostic) -> &str {
    match &diagnostic.code {
        Some(NumberOrString::String(rule)) => rule,
        other => panic!("the code is not a rule name: {other:?}"),
    }
}

/// The one diagnostic a document should have, with the fields every statuslint diagnostic has.
fn only(diagnostics: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic.source.as_deref(), Some("statuslint"));
    let href = diagnostic
        .code_description
        .as_ref()
        .expect("a codeDescription link")
        .href
        .as_str();
    assert!(
        href.starts_with("https://") && href.ends_with(&format!("/{}.md", rule(diagnostic))),
        "{href}"
    );
    diagnostic
}

#[tokio::test]
async fn each_rule_fires_with_its_severity_and_range_as_the_literal_changes() {
    let mut lsp = Lsp::start().await;
    let uri = lsp.open("file:///app.js", "javascript", HANDLER).await;
    let opened = lsp.diagnostics(&uri).await;
    assert_eq!(opened.version, Some(1));
    assert_eq!(opened.diagnostics, [], "404 is fine");

    let cases = [
        (
            "531",
            "platform-reserved",
            DiagnosticSeverity::WARNING,
            "Edgio",
        ),
        (
            "600",
            "invalid-code",
            DiagnosticSeverity::ERROR,
            "not a valid HTTP status code",
        ),
        (
            "20",
            "invalid-code",
            DiagnosticSeverity::ERROR,
            "not a valid HTTP status code",
        ),
        (
            "299",
            "unknown-code",
            DiagnosticSeverity::WARNING,
            "not a registered status code",
        ),
        (
            "420",
            "unofficial-code",
            DiagnosticSeverity::INFORMATION,
            "not an IANA status code",
        ),
        (
            "305",
            "deprecated-code",
            DiagnosticSeverity::INFORMATION,
            "deprecated",
        ),
    ];
    let mut current = "404".to_string();
    for (code, wanted_rule, severity, words) in cases {
        let context = format!("res.status({current})");
        let version = lsp.edit(&uri, &context, &current, code).await;
        let published = lsp.diagnostics(&uri).await;
        assert_eq!(published.version, Some(version), "{code}");
        let diagnostic = only(&published.diagnostics);
        assert_eq!(rule(diagnostic), wanted_rule, "{code}");
        assert_eq!(diagnostic.severity, Some(severity), "{code}");
        assert!(
            diagnostic.message.contains(words),
            "{code}: {}",
            diagnostic.message
        );
        // The literal sits on line 4 after `  res.status(`.
        let width = code.len() as u32;
        assert_eq!(
            diagnostic.range,
            Range::new(Position::new(4, 13), Position::new(4, 13 + width)),
            "{code}"
        );
        current = code.to_string();
    }

    let version = lsp.edit(&uri, "res.status(305)", "305", "404").await;
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.version, Some(version));
    assert_eq!(published.diagnostics, [], "back to 404, nothing to report");
}

#[tokio::test]
async fn the_platform_reserved_warning_names_each_platform_and_its_meaning() {
    let mut lsp = Lsp::start().await;
    let source = "res.status(530).end();\n";
    let uri = lsp.open("file:///cdn.js", "javascript", source).await;
    let published = lsp.diagnostics(&uri).await;
    let diagnostic = only(&published.diagnostics);
    assert_eq!(rule(diagnostic), "platform-reserved");
    for platform in ["Cloudflare", "Edgio", "Pantheon"] {
        assert!(
            diagnostic.message.contains(platform),
            "{}",
            diagnostic.message
        );
    }
    assert_eq!(
        diagnostic.range,
        lsp.range(&uri, find_in(source, "530", "530"))
    );
}

#[tokio::test]
async fn ranges_follow_edits_that_add_and_remove_lines_before_the_site() {
    let mut lsp = Lsp::start().await;
    let source = "res.status(531).end();\n";
    let uri = lsp.open("file:///lines.js", "javascript", source).await;
    let first = lsp.diagnostics(&uri).await;
    assert_eq!(
        only(&first.diagnostics).range,
        Range::new(Position::new(0, 11), Position::new(0, 14))
    );

    // Two lines inserted in front, in one change.
    let version = lsp.replace(&uri, 0..0, "// first\n// second\n").await;
    let moved = lsp.diagnostics(&uri).await;
    assert_eq!(moved.version, Some(version));
    assert_eq!(
        only(&moved.diagnostics).range,
        Range::new(Position::new(2, 11), Position::new(2, 14))
    );

    // A change that spans a line break: `second\nres` becomes `x; res`, joining the lines.
    let text = lsp.text(&uri).to_string();
    let join = find_in(&text, "second\nres", "second\n");
    let version = lsp.replace(&uri, join, "x; ").await;
    let joined = lsp.diagnostics(&uri).await;
    assert_eq!(joined.version, Some(version));
    assert_eq!(lsp.text(&uri), "// first\n// x; res.status(531).end();\n");
    assert_eq!(joined.diagnostics, [], "the call is now inside a comment");
}

#[tokio::test]
async fn several_changes_in_one_notification_apply_in_order() {
    let mut lsp = Lsp::start().await;
    let source = "res.status(404);\nres.status(200);\n";
    let uri = lsp.open("file:///multi.js", "javascript", source).await;
    lsp.diagnostics(&uri).await;
    // The second change's range refers to the text after the first one.
    let changes = vec![
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 11), Position::new(0, 14))),
            range_length: None,
            text: "6000".to_string(),
        },
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 0), Position::new(1, 0))),
            range_length: None,
            text: "res.status(299);\n".to_string(),
        },
    ];
    lsp.change(&uri, 2, changes).await;
    assert_eq!(
        lsp.text(&uri),
        "res.status(6000);\nres.status(299);\nres.status(200);\n"
    );
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.version, Some(2));
    let found: Vec<(&str, Range)> = published
        .diagnostics
        .iter()
        .map(|d| (rule(d), d.range))
        .collect();
    assert_eq!(
        found,
        [
            (
                "invalid-code",
                Range::new(Position::new(0, 11), Position::new(0, 15))
            ),
            (
                "unknown-code",
                Range::new(Position::new(1, 11), Position::new(1, 14))
            ),
        ]
    );
}

#[tokio::test]
async fn a_full_text_change_replaces_the_document() {
    let mut lsp = Lsp::start().await;
    let uri = lsp
        .open("file:///full.js", "javascript", "res.status(404);\n")
        .await;
    lsp.diagnostics(&uri).await;
    let change = TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text: "\n\nres.sendStatus(600);\n".to_string(),
    };
    lsp.change(&uri, 7, vec![change]).await;
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.version, Some(7));
    let diagnostic = only(&published.diagnostics);
    assert_eq!(rule(diagnostic), "invalid-code");
    assert_eq!(
        diagnostic.range,
        Range::new(Position::new(2, 15), Position::new(2, 18))
    );
}

/// Changes sent back to back: whatever the server publishes is labelled with the version it
/// describes, and the last publication describes the last version.
#[tokio::test]
async fn publications_are_never_stale_when_changes_arrive_in_a_burst() {
    let mut lsp = Lsp::start().await;
    let uri = lsp
        .open("file:///burst.js", "javascript", "res.status(404);\n")
        .await;
    lsp.diagnostics(&uri).await;
    let codes = ["531", "600", "299", "420", "305"];
    let mut current = "404".to_string();
    for code in codes {
        let context = format!("res.status({current})");
        lsp.edit(&uri, &context, &current, code).await;
        current = code.to_string();
    }
    let last = 1 + codes.len() as i32;
    loop {
        let published = lsp.diagnostics(&uri).await;
        let version = published.version.expect("a version on every publication");
        let code = codes[(version - 2) as usize];
        let message = only(&published.diagnostics).message.clone();
        assert!(
            message.starts_with(code),
            "version {version} is {code}, but its diagnostic says {message:?}"
        );
        if version == last {
            break;
        }
    }
}

#[tokio::test]
async fn rust_sites_get_the_same_rules() {
    let mut lsp = Lsp::start().await;
    let source = "fn custom() -> StatusCode {\n    StatusCode::from_u16(531).unwrap()\n}\n\nfn builder() {\n    let _ = http::Response::builder().status(600).body(());\n}\n";
    let uri = lsp.open("file:///src/lib.rs", "rust", source).await;
    let published = lsp.diagnostics(&uri).await;
    let found: Vec<(&str, Range)> = published
        .diagnostics
        .iter()
        .map(|d| (rule(d), d.range))
        .collect();
    assert_eq!(
        found,
        [
            (
                "platform-reserved",
                lsp.range(&uri, find_in(source, "from_u16(531)", "531"))
            ),
            (
                "invalid-code",
                lsp.range(&uri, find_in(source, "status(600)", "600"))
            ),
        ]
    );
}

/// Comparisons and range bounds describe responses from elsewhere: `>= 600` is a class bound and
/// `=== 531` handles someone else's 531, so neither is reported as something the app sends.
#[tokio::test]
async fn comparisons_and_bounds_are_not_reported_as_sent_codes() {
    let mut lsp = Lsp::start().await;
    let source = "if (response.status >= 500 && response.status < 600) retry();\nif (response.status === 531) retry();\n";
    let uri = lsp.open("file:///client.js", "javascript", source).await;
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.diagnostics, []);
}

/// Numbers that are not status codes (indexes, timeouts, ports, an app's own `Status` enum) raise
/// nothing, even when the number would be an invalid status.
#[tokio::test]
async fn precision_fixtures_publish_no_diagnostics() {
    let mut lsp = Lsp::start().await;
    for name in ["javascript/precision.js", "rust/precision.rs"] {
        let fixture = Fixture::load(name);
        let uri = lsp
            .open(&fixture.uri(), fixture.language_id(), &fixture.text)
            .await;
        let published = lsp.diagnostics(&uri).await;
        assert_eq!(published.diagnostics, [], "{name}");
    }
}

/// Every site fixture, diagnosed through the server, gets exactly the findings the engine computes
/// for it, at the same places: the server adds positions, it does not filter or invent.
#[tokio::test]
async fn the_server_publishes_what_the_engine_finds_for_every_fixture() {
    let config = statuslint::config::Config::default();
    let mut lsp = Lsp::start().await;
    for name in common::fixtures::SITE_FIXTURES {
        let fixture = Fixture::load(name);
        let analysis = statuslint::analysis::analyze(&fixture.text, fixture.language, &config)
            .expect("the fixture parses");
        let uri = lsp
            .open(&fixture.uri(), fixture.language_id(), &fixture.text)
            .await;
        let published = lsp.diagnostics(&uri).await;
        let wanted: Vec<(String, Range, String)> = analysis
            .findings
            .iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    lsp.range(&uri, f.range.clone()),
                    f.message.clone(),
                )
            })
            .collect();
        let got: Vec<(String, Range, String)> = published
            .diagnostics
            .iter()
            .map(|d| (rule(d).to_string(), d.range, d.message.clone()))
            .collect();
        assert_eq!(got, wanted, "{name}");
    }
}

/// A small deterministic generator, so the edit sequence below is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The findings the engine computes for `text` from scratch, in the client's encoding.
fn fresh_findings(lsp: &Lsp, text: &str) -> Vec<(String, Range, String)> {
    let config = statuslint::config::Config::default();
    let analysis =
        statuslint::analysis::analyze(text, statuslint::syntax::Language::JavaScript, &config)
            .expect("JavaScript always parses");
    analysis
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                common::text::range(text, f.range.clone(), &lsp.encoding),
                f.message.clone(),
            )
        })
        .collect()
}

/// After each of many small edits (codes swapped, lines and emoji inserted, spans deleted) the
/// server's diagnostics equal those of a fresh parse of the same text: the incremental re-parse
/// and the position conversions never drift from the text.
#[tokio::test]
async fn incremental_edits_agree_with_a_fresh_parse() {
    for mut lsp in [Lsp::start().await, Lsp::start_utf8().await] {
        let fixture = Fixture::load("javascript/sites.js");
        let uri = lsp.open(&fixture.uri(), "javascript", &fixture.text).await;
        lsp.diagnostics(&uri).await;
        let mut random = Lcg(7);
        let codes = ["404", "531", "600", "299", "420", "305", "20", "530"];
        for step in 0..60 {
            let text = lsp.text(&uri).to_string();
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let at = boundaries[random.below(boundaries.len())];
            let version = match random.below(4) {
                0 => {
                    // Swap the code in some `res.status(...)`.
                    let calls: Vec<usize> = text.match_indices("status(").map(|(i, _)| i).collect();
                    let Some(&call) = calls.get(random.below(calls.len())) else {
                        continue;
                    };
                    let start = call + "status(".len();
                    let end = start
                        + text[start..]
                            .find(|c: char| !c.is_ascii_digit())
                            .unwrap_or(0);
                    let code = codes[random.below(codes.len())];
                    lsp.replace(&uri, start..end, code).await
                }
                1 => lsp.replace(&uri, at..at, "\n").await,
                2 => lsp.replace(&uri, at..at, "😀中").await,
                _ => {
                    let later = boundaries
                        .iter()
                        .copied()
                        .filter(|&b| b > at)
                        .nth(random.below(3))
                        .unwrap_or(at);
                    lsp.replace(&uri, at..later, "").await
                }
            };
            let published = lsp.diagnostics(&uri).await;
            assert_eq!(published.version, Some(version));
            let got: Vec<(String, Range, String)> = published
                .diagnostics
                .iter()
                .map(|d| (rule(d).to_string(), d.range, d.message.clone()))
                .collect();
            let text = lsp.text(&uri).to_string();
            assert_eq!(
                got,
                fresh_findings(&lsp, &text),
                "{:?}, step {step}, text:\n{text}",
                lsp.encoding
            );
        }
    }
}
