//! The rules' own queries (error paths, bodies, routes) compile against every grammar that uses
//! them, and use only known captures and properties: a broken pattern fails here, not in an editor.

use statuslint::rules::context::queries::{FILES, Purpose, compile};
use statuslint::syntax::LANGUAGES;

#[test]
fn every_rule_query_compiles_for_every_language_that_uses_it() {
    let mut compiled = 0;
    for spec in LANGUAGES {
        let grammar = (spec.grammar)();
        for file in FILES.iter().filter(|f| f.applies_to(spec.language)) {
            if let Err(e) = compile(file, &grammar) {
                panic!("{} ({}): {e}", file.path, spec.language.name());
            }
            compiled += 1;
        }
    }
    // Four purposes, seven languages.
    assert_eq!(compiled, 28);
}

#[test]
fn every_language_has_each_purpose() {
    for spec in LANGUAGES {
        for purpose in [
            Purpose::ErrorPaths,
            Purpose::Bodies,
            Purpose::Routes,
            Purpose::Responses,
        ] {
            let count = FILES
                .iter()
                .filter(|f| f.purpose == purpose && f.applies_to(spec.language))
                .count();
            assert_eq!(count, 1, "{purpose:?} for {}", spec.language.name());
        }
    }
}

#[test]
fn a_query_with_an_unknown_capture_is_rejected() {
    let file = statuslint::rules::context::queries::QueryFile {
        purpose: Purpose::Bodies,
        path: "inline.scm",
        source: "(identifier) @typo",
        family: statuslint::syntax::Family::Rust,
    };
    let grammar = LANGUAGES.iter().find(|s| s.language.is_rust()).unwrap();
    let error = compile(&file, &(grammar.grammar)()).unwrap_err();
    assert!(error.contains("unknown capture @typo"), "{error}");
}

/// The error-path and body queries run only inside the sites query (`RIDERS`), never compiled on
/// their own at run time: over every fixture, what `matches` finds through the sites query is
/// what each file's own query finds, capture for capture.
#[test]
fn the_riders_find_through_the_sites_query_what_their_own_queries_find() {
    use statuslint::rules::context::queries::{RIDERS, matches};
    use statuslint::syntax::Language;
    use std::collections::BTreeSet;
    use streaming_iterator::StreamingIterator;
    let fixtures = [
        ("javascript/sites.js", Language::JavaScript),
        ("javascript/precision.js", Language::JavaScript),
        ("express.js", Language::JavaScript),
        ("rust/sites.rs", Language::Rust),
        ("rust/precision.rs", Language::Rust),
        ("axum.rs", Language::Rust),
        ("python/sites.py", Language::Python),
        ("go/sites.go", Language::Go),
    ];
    let mut compared = 0;
    for (path, language) in fixtures {
        let source = std::fs::read_to_string(format!("tests/fixtures/{path}")).unwrap();
        let tree = statuslint::syntax::parse(&source, language, None).unwrap();
        let spec = LANGUAGES.iter().find(|s| s.language == language).unwrap();
        for purpose in RIDERS {
            let file = FILES
                .iter()
                .find(|f| f.purpose == purpose && f.applies_to(language))
                .unwrap();
            let own = compile(file, &(spec.grammar)()).unwrap();
            let mut cursor = tree_sitter::QueryCursor::new();
            let mut expected = BTreeSet::new();
            let mut found = cursor.matches(&own, tree.root_node(), source.as_bytes());
            while let Some(m) = found.next() {
                let mut key: Vec<(&str, usize)> = m
                    .captures
                    .iter()
                    .map(|c| (own.capture_names()[c.index as usize], c.node.id()))
                    .collect();
                key.sort();
                expected.insert(key);
            }
            let whole = 0..source.len();
            let riding: BTreeSet<_> = matches(purpose, &tree, &source, language, &[whole])
                .iter()
                .map(|m| m.key())
                .collect();
            assert_eq!(riding, expected, "{purpose:?} in {path}");
            compared += expected.len();
        }
    }
    assert!(
        compared > 20,
        "the fixtures hold error paths and bodies ({compared})"
    );
}
