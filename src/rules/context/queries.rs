//! The rules' own tree-sitter queries (error paths, response bodies, routes), kept apart from the
//! sites query so a rule's notion of "error path" can grow without touching what counts as a site.
//! Each file is embedded, compiled once per language on first use, and validated by a test against
//! every grammar that uses it: a typo in a pattern fails `cargo test`, never a user's editor.

use crate::syntax::{Family, LANGUAGES, Language};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};
use tree_sitter::{Node, Query, Tree};

/// What a query file finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    ErrorPaths,
    Bodies,
    Routes,
    /// The responses a route declares (`statuslint routes`, `undeclared-status`).
    Responses,
}

pub struct QueryFile {
    pub purpose: Purpose,
    /// Path from the repository root, for error messages.
    pub path: &'static str,
    pub source: &'static str,
    /// The family whose languages share the file (JavaScript's serves JSX, TypeScript, TSX).
    pub family: Family,
}

impl QueryFile {
    pub fn applies_to(&self, language: Language) -> bool {
        self.family == language.family()
    }
}

/// A family without a file for a purpose finds nothing for it: its rules stay quiet.
macro_rules! query_file {
    ($purpose:ident, $family:ident, $path:literal) => {
        QueryFile {
            purpose: Purpose::$purpose,
            path: $path,
            source: include_str!(concat!("../../../", $path)),
            family: Family::$family,
        }
    };
}

pub const FILES: &[QueryFile] = &[
    query_file!(ErrorPaths, Javascript, "queries/javascript/error_paths.scm"),
    query_file!(ErrorPaths, Rust, "queries/rust/error_paths.scm"),
    query_file!(Bodies, Javascript, "queries/javascript/bodies.scm"),
    query_file!(Bodies, Rust, "queries/rust/bodies.scm"),
    query_file!(Routes, Javascript, "queries/javascript/routes.scm"),
    query_file!(Routes, Rust, "queries/rust/routes.scm"),
    query_file!(Responses, Javascript, "queries/javascript/responses.scm"),
    query_file!(Responses, Rust, "queries/rust/responses.scm"),
    query_file!(ErrorPaths, Python, "queries/python/error_paths.scm"),
    query_file!(ErrorPaths, Go, "queries/go/error_paths.scm"),
    query_file!(Bodies, Python, "queries/python/bodies.scm"),
    query_file!(Bodies, Go, "queries/go/bodies.scm"),
    query_file!(Routes, Python, "queries/python/routes.scm"),
    query_file!(Routes, Go, "queries/go/routes.scm"),
    query_file!(Responses, Python, "queries/python/responses.scm"),
    query_file!(Responses, Go, "queries/go/responses.scm"),
];

/// Capture names the rule queries may use; anything else is a typo.
pub const KNOWN_CAPTURES: &[&str] = &[
    "path",
    "guard",
    "callee",
    "first",
    "property",
    "pattern",
    "constructor",
    "trait",
    "type",
    "response",
    "body",
    "method",
    "status-method",
    "verb",
    "handler",
    "handler-name",
    "marker",
    "router",
    "route",
    "method-key",
    "handler-key",
    "chain",
    "to",
    "callee-expression",
    "declared",
    "declaration",
    "key",
    "inner-key",
    "returns",
];

/// Property keys (`#set!`) the rule queries may use, with the values each allows (empty: any).
const KNOWN_PROPERTIES: &[(&str, &[&str])] = &[
    (
        "path",
        &[
            "catch",
            "catch-callback",
            "error-middleware",
            "error-handler",
            "error-guard",
            "failed-check",
            "missing-guard",
            "err-arm",
            "error-closure",
            "if-let-err",
            "let-else",
            "error-impl",
        ],
    ),
    ("api", &["node", "fetch", "rust", "go", "python"]),
    ("null-only", &["true"]),
    ("status", &["default"]),
    ("verb", &["within", "pattern"]),
];

/// Compiles `file` for `grammar` and checks its captures and properties against the known ones.
pub fn compile(file: &QueryFile, grammar: &tree_sitter::Language) -> Result<Query, String> {
    compile_text(file.path, file.source, grammar)
}

/// Compiles `source`, the text of the query file at `path`, and checks it as [`compile`] does.
fn compile_text(
    path: &str,
    source: &str,
    grammar: &tree_sitter::Language,
) -> Result<Query, String> {
    let query = Query::new(grammar, source).map_err(|e| format!("{path}: {e}"))?;
    for name in query.capture_names() {
        if !KNOWN_CAPTURES.contains(name) {
            return Err(format!("{}: unknown capture @{name}", path));
        }
    }
    for pattern in 0..query.pattern_count() {
        for property in query.property_settings(pattern) {
            let value = property.value.as_deref().unwrap_or("");
            let allowed = KNOWN_PROPERTIES
                .iter()
                .find(|(key, _)| *key == &*property.key)
                .map(|(_, values)| values.is_empty() || values.contains(&value));
            if allowed != Some(true) {
                return Err(format!(
                    "{}: pattern {pattern}: unknown property {} {value:?}",
                    path, property.key
                ));
            }
        }
    }
    Ok(query)
}

/// One slot per (purpose, language), filled on first use: a file pays only for the queries of its
/// own language, which matters because compiling a query is slow in unoptimised builds.
static COMPILED: LazyLock<HashMap<(Purpose, Language), OnceLock<Query>>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .flat_map(|spec| {
            FILES
                .iter()
                .filter(|f| f.applies_to(spec.language))
                .map(|f| ((f.purpose, spec.language), OnceLock::new()))
        })
        .collect()
});

/// Compiles the `purpose` query of `language` now, if not done yet.
pub fn prepare(purpose: Purpose, language: Language) {
    query(purpose, language);
}

fn query(purpose: Purpose, language: Language) -> Option<&'static Query> {
    let language = language.grammar_owner();
    let slot = COMPILED.get(&(purpose, language))?;
    Some(slot.get_or_init(|| {
        let file = FILES
            .iter()
            .find(|f| f.purpose == purpose && f.applies_to(language))
            .expect("every slot has a file");
        let source = crate::syntax::query_source::prepared(language, file.source);
        compile_text(file.path, &source, &(language.spec().grammar)())
            .unwrap_or_else(|e| panic!("embedded rule query does not compile: {e}"))
    }))
}

/// The rule queries compiled into each language's sites query (`syntax::sites`), in this order:
/// they run where the sites do, so one cursor run serves all three.
pub const RIDERS: [Purpose; 2] = [Purpose::ErrorPaths, Purpose::Bodies];

/// The files of [`RIDERS`] for `language`'s family: (path, text), each checked on its own by
/// [`compile`]'s tests.
pub fn riders(language: Language) -> Vec<(&'static str, &'static str)> {
    RIDERS
        .iter()
        .filter_map(|purpose| {
            FILES
                .iter()
                .find(|f| f.purpose == *purpose && f.applies_to(language))
                .map(|f| (f.path, f.source))
        })
        .collect()
}

/// The matches of `purpose` among a sites run's riders (`None` when it does not ride).
pub fn from_riders<'t>(
    purpose: Purpose,
    language: Language,
    riders: &[crate::syntax::sites::RiderMatch<'t>],
) -> Option<Vec<Match<'t>>> {
    // A family without a file for a rider shifts the later riders down.
    let present: Vec<Purpose> = RIDERS
        .iter()
        .copied()
        .filter(|p| {
            FILES
                .iter()
                .any(|f| f.purpose == *p && f.applies_to(language))
        })
        .collect();
    let index = present.iter().position(|p| *p == purpose)?;
    Some(
        riders
            .iter()
            .filter(|r| r.rider == index)
            .map(|r| Match {
                query: r.query,
                pattern: r.pattern,
                captures: r.captures.clone(),
            })
            .collect(),
    )
}

/// One match of a rule query: its captures by name and its properties.
pub struct Match<'t> {
    query: &'static Query,
    pattern: usize,
    captures: Vec<(u32, Node<'t>)>,
}

impl<'t> Match<'t> {
    /// What makes two matches the same whichever query found them: the nodes captured, each
    /// with its capture's name.
    pub fn key(&self) -> Vec<(&'static str, usize)> {
        let names = self.query.capture_names();
        let mut key: Vec<(&'static str, usize)> = self
            .captures
            .iter()
            .map(|(i, node)| (names[*i as usize], node.id()))
            .collect();
        key.sort();
        key
    }

    /// The first node captured as `name`.
    pub fn get(&self, name: &str) -> Option<Node<'t>> {
        let index = self.query.capture_index_for_name(name)?;
        self.captures
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, node)| *node)
    }

    /// The value of the pattern's `#set!` property `key`.
    pub fn property(&self, key: &str) -> Option<&'static str> {
        self.query
            .property_settings(self.pattern)
            .iter()
            .find(|p| &*p.key == key)
            .and_then(|p| p.value.as_deref())
    }
}

/// Every match of the `purpose` query that intersects one of `scope`'s byte ranges, each once, in
/// the order the cursor yields them. A match counts when any of its nodes overlaps the range, so a
/// scope that holds a status also finds the catch block or the `impl` around it: the server
/// re-checks only the code an edit touched and still sees the context of that code. The
/// [`RIDERS`] are run through the sites query they ride in, so their files are never compiled on
/// their own outside the tests.
pub fn matches<'t>(
    purpose: Purpose,
    tree: &'t Tree,
    source: &str,
    language: Language,
    scope: &[Range<usize>],
) -> Vec<Match<'t>> {
    if RIDERS.contains(&purpose) {
        let riders = crate::syntax::sites::rider_matches(tree, source, language, scope);
        return from_riders(purpose, language, &riders).unwrap_or_default();
    }
    let Some(query) = query(purpose, language) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    crate::syntax::for_each_match(query, tree, source.as_bytes(), scope, |m| {
        if scope.len() > 1 {
            let key: Vec<usize> = m.captures.iter().map(|c| c.node.id()).collect();
            if !seen.insert((m.pattern_index, key)) {
                return;
            }
        }
        found.push(Match {
            query,
            pattern: m.pattern_index,
            captures: m.captures.iter().map(|c| (c.index, c.node)).collect(),
        });
    });
    found
}
