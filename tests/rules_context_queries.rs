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
