//! The queries are compiled from a loosened text (`syntax::query_source`: nested steps that their
//! fields pin down become wildcards, which tree-sitter compiles without its grammar analysis).
//! Loosening must change nothing a query finds: every query, as written and as loosened, gives the
//! same matches with the same captures on every fixture and example, and on the same files with
//! syntax errors put in.

mod common;

use common::fixtures::every_source_file;
use statuslint::rules::context::queries::FILES;
use statuslint::syntax::{self, LANGUAGES, Language, query_source};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Query, QueryCursor, Tree};

/// Every match as (pattern, [(capture, byte range)]), in the cursor's order.
type Matches = Vec<(usize, Vec<(u32, std::ops::Range<usize>)>)>;

fn matches(query: &Query, tree: &Tree, source: &str) -> Matches {
    let mut cursor = QueryCursor::new();
    let mut out = Vec::new();
    let mut found = cursor.matches(query, tree.root_node(), source.as_bytes());
    while let Some(m) = found.next() {
        out.push((
            m.pattern_index,
            m.captures
                .iter()
                .map(|c| (c.index, c.node.byte_range()))
                .collect(),
        ));
    }
    out
}

/// Each query text of `language`, as written: the sites query and the rules' queries.
fn queries(language: Language) -> Vec<(&'static str, &'static str)> {
    let mut all = vec![language.spec().sites_query];
    all.extend(
        FILES
            .iter()
            .filter(|f| f.applies_to(language))
            .map(|f| (f.path, f.source)),
    );
    all
}

#[test]
fn loosened_queries_find_exactly_what_the_written_ones_find() {
    let files = every_source_file();
    let mut compared = 0;
    for spec in LANGUAGES {
        let grammar = (spec.grammar)();
        let sources: Vec<String> = files
            .iter()
            .filter(|(_, language, _)| *language == spec.language)
            .map(|(_, _, text)| text.clone())
            // The same text with its brackets cut off halfway: error recovery's trees too.
            .flat_map(|s| {
                let half = (0..=s.len() / 2)
                    .rev()
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap();
                let broken = format!("{}\n{}", &s[..half], &s[half..].replacen('}', "", 3));
                [s, broken]
            })
            .collect();
        for (path, text) in queries(spec.language) {
            let loosened = query_source::prepared(spec.language, text);
            // A query with no field under a nested step has nothing to loosen
            // (queries/rust/responses.scm: one flat token-tree pattern).
            let has_fields = text
                .lines()
                .filter(|l| !l.trim_start().starts_with(';'))
                .any(|l| l.contains(": ("));
            assert!(
                !has_fields || loosened != text,
                "{path}: nothing loosened for {:?}",
                spec.language
            );
            let written = Query::new(&grammar, text).unwrap();
            let loosened = Query::new(&grammar, &loosened)
                .unwrap_or_else(|e| panic!("{path} loosened for {:?}: {e}", spec.language));
            for source in &sources {
                let tree = syntax::parse(source, spec.language, None).unwrap();
                let (a, b) = (
                    matches(&written, &tree, source),
                    matches(&loosened, &tree, source),
                );
                assert_eq!(a, b, "{path} on {:?}: {source:.200}", spec.language);
                compared += a.len();
            }
        }
    }
    assert!(compared > 500, "only {compared} matches compared");
}
