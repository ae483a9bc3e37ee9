//! Site detection, below the server: every embedded query compiles for every grammar it serves,
//! and each annotated fixture under `tests/fixtures/<language>/` yields exactly the sites its
//! annotations list (see `tests/common/fixtures.rs` for the format).

mod common;

use common::fixtures::{Fixture, SITE_FIXTURES};
use statuslint::syntax::sites::{KNOWN_CAPTURES, SitesQuery};
use statuslint::syntax::{LANGUAGES, find_sites, parse};

#[test]
fn every_query_compiles_for_every_language_with_known_captures_only() {
    for spec in LANGUAGES {
        let compiled = SitesQuery::compile(&(spec.grammar)(), spec.sites_query);
        let query = compiled.unwrap_or_else(|e| panic!("{:?}: {e}", spec.language));
        for name in query.query.capture_names() {
            assert!(
                KNOWN_CAPTURES.contains(name),
                "{:?}: @{name}",
                spec.language
            );
        }
    }
}

#[test]
fn compile_rejects_what_the_interpreter_would_misread() {
    let grammar = tree_sitter_javascript::LANGUAGE.into();
    let cases = [
        (
            "((number) @bogus (#set! kind \"set\"))",
            "unknown capture @bogus",
        ),
        ("((number) @status)", "sets no kind"),
        (
            "((number) @status (#set! kind \"sent\"))",
            "unknown property",
        ),
        (
            "((identifier) @receiver (#set! kind \"set\"))",
            "no @status capture",
        ),
        ("((number @status)", "bad.scm"),
    ];
    for (source, wanted) in cases {
        match SitesQuery::compile(&grammar, ("bad.scm", source)) {
            Ok(_) => panic!("{source} compiled"),
            Err(error) => assert!(error.contains(wanted), "{source}: {error}"),
        }
    }
}

#[test]
fn fixtures_cover_every_language() {
    for spec in LANGUAGES {
        assert!(
            SITE_FIXTURES
                .iter()
                .any(|name| Fixture::load(name).language == spec.language),
            "no site fixture for {:?}",
            spec.language
        );
    }
}

/// Each fixture's sites, as `line: text code kind`, against its annotations, in its own language
/// and in every other language of its family that parses it.
#[test]
fn each_fixture_yields_exactly_its_annotated_sites() {
    let mut failures = Vec::new();
    for name in SITE_FIXTURES {
        let fixture = Fixture::load(name);
        let own = parse(&fixture.text, fixture.language, None).expect("the fixture parses");
        assert!(
            !own.root_node().has_error(),
            "{name} has a syntax error: the fixture should be valid code"
        );
        let expected: Vec<String> = fixture
            .expected
            .iter()
            .map(|e| format!("{}: {} {} {}", e.line + 1, e.text, e.code, e.kind))
            .collect();
        for language in fixture.languages() {
            let tree = parse(&fixture.text, language, None).expect("the fixture parses");
            let found: Vec<String> = find_sites(&tree, &fixture.text, language)
                .iter()
                .map(|site| {
                    let line = fixture.text[..site.range.start].matches('\n').count();
                    let kind = serde_json::to_value(site.kind).expect("kinds serialise");
                    format!(
                        "{}: {} {} {}",
                        line + 1,
                        &fixture.text[site.range.clone()],
                        site.code,
                        kind.as_str().expect("kinds serialise to strings")
                    )
                })
                .collect();
            let missing: Vec<_> = expected.iter().filter(|e| !found.contains(e)).collect();
            let extra: Vec<_> = found.iter().filter(|f| !expected.contains(f)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                failures.push(format!(
                    "{name} read as {language:?}\n  missing: {missing:#?}\n  unexpected: {extra:#?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Which fixtures run under which grammars; a fixture that stopped parsing in a sibling grammar
/// would silently lose that coverage. The plain JavaScript fixture holds every JS site kind, so
/// reading it as JSX, TypeScript and TSX covers every kind in every JS-family language.
#[test]
fn fixtures_are_read_by_every_grammar_that_parses_them() {
    use statuslint::syntax::Language::*;
    let table = [
        (
            "javascript/sites.js",
            vec![JavaScript, Jsx, TypeScript, Tsx],
        ),
        (
            "javascript/precision.js",
            vec![JavaScript, Jsx, TypeScript, Tsx],
        ),
        ("jsx/sites.jsx", vec![Jsx, JavaScript, Tsx]),
        ("typescript/sites.ts", vec![TypeScript, Tsx]),
        ("typescript/nest.ts", vec![TypeScript, Tsx]),
        ("tsx/sites.tsx", vec![Tsx]),
        ("rust/sites.rs", vec![Rust]),
        ("rust/rocket.rs", vec![Rust]),
        ("rust/precision.rs", vec![Rust]),
        ("python/sites.py", vec![Python]),
        ("go/sites.go", vec![Go]),
    ];
    for (name, languages) in &table {
        assert_eq!(&Fixture::load(name).languages(), languages, "{name}");
    }
    assert_eq!(
        table.len(),
        SITE_FIXTURES.len(),
        "every fixture is in the table"
    );
}
/// The annotations' byte ranges are what the hover test checks against, so they must be the
/// sites' exact ranges, not just the same line.
#[test]
fn site_ranges_cover_exactly_the_code_text() {
    for name in SITE_FIXTURES {
        let fixture = Fixture::load(name);
        let tree = parse(&fixture.text, fixture.language, None).expect("the fixture parses");
        let sites = find_sites(&tree, &fixture.text, fixture.language);
        for expected in &fixture.expected {
            assert!(
                sites.iter().any(|s| s.range == expected.bytes),
                "{name}:{}: no site spans exactly {:?}",
                expected.line + 1,
                expected.text
            );
        }
    }
}
