//! From bytes to status-code sites: the language table, parsing, and the queries.

pub mod cancel;
pub mod implicit;
mod language;
pub mod locals;
pub mod outline;
pub mod prefilter;
mod query_plan;
pub mod query_source;
pub mod sites;
pub mod values;

pub use language::{Family, LANGUAGES, Language, LanguageSpec};
pub use sites::{Form, Role, Site, SiteKind, find_sites};

use std::cell::RefCell;
use std::collections::HashMap;

type Parsers = RefCell<HashMap<Language, tree_sitter::Parser>>;

thread_local! {
    /// Parsers are cheap to keep and not `Sync`: one per language per thread.
    static PARSERS: Parsers = RefCell::new(HashMap::new());
    /// The parsers of [`parse_ranges`], apart so that no whole-file parse ever inherits ranges.
    static RANGE_PARSERS: Parsers = RefCell::new(HashMap::new());
}

/// `node`'s ancestors in `tree`, nearest first, not including `node`. tree-sitter finds a parent
/// by descending from the root, so asking `parent()` level after level costs a descent per level
/// (a deep node in a large file made that a visible share of a `check` run); this descends once.
pub fn ancestors<'t>(
    tree: &'t tree_sitter::Tree,
    node: tree_sitter::Node<'t>,
) -> impl Iterator<Item = tree_sitter::Node<'t>> {
    let mut path = Vec::new();
    let mut current = tree.root_node();
    while current.id() != node.id() {
        path.push(current);
        match current.child_with_descendant(node) {
            Some(next) => current = next,
            // Not a node of `tree`.
            None => {
                path.clear();
                break;
            }
        }
    }
    path.into_iter().rev()
}

/// Whether `a` lies inside `b` (or is `b`).
pub fn contains(outer: tree_sitter::Node, inner: tree_sitter::Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// A function, method or closure: code in it runs when it is called, not where it is written.
pub fn is_function_kind(kind: &str) -> bool {
    matches!(
        kind,
        "arrow_function"
            | "function_expression"
            | "function_declaration"
            | "function"
            | "generator_function"
            | "generator_function_declaration"
            | "method_definition"
            | "function_item"
            | "closure_expression"
            // Python
            | "function_definition"
            | "lambda"
            // Go (`function_declaration` above)
            | "method_declaration"
            | "func_literal"
    )
}

/// Identifier bytes of either language; any non-ASCII byte counts, since `ñstatus` is not
/// `status`.
pub(crate) fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Whether `bytes[range]` stands as a whole identifier: no identifier byte right before or after.
pub(crate) fn is_whole_word(bytes: &[u8], range: std::ops::Range<usize>) -> bool {
    let before = range.start.checked_sub(1).map(|i| bytes[i]);
    !before.is_some_and(is_identifier_byte)
        && !bytes
            .get(range.end)
            .copied()
            .is_some_and(is_identifier_byte)
}

/// Whether `text` holds `name` as a whole identifier.
pub fn mentions(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    !name.is_empty()
        && memchr::memmem::find_iter(bytes, name.as_bytes())
            .any(|at| is_whole_word(bytes, at..at + name.len()))
}

/// Where `name` stands as a whole identifier in `source[scope]`.
pub fn uses(
    source: &str,
    name: &str,
    scope: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let bytes = source.as_bytes();
    let Some(text) = bytes.get(scope.clone()) else {
        return Vec::new();
    };
    memchr::memmem::find_iter(text, name.as_bytes())
        .map(|at| scope.start + at..scope.start + at + name.len())
        .filter(|r| is_whole_word(bytes, r.clone()))
        .collect()
}

/// `ranges` sorted and joined where they overlap or lie less than `gap` bytes apart: the windows
/// a query runs over ([`for_each_match`]).
pub fn merged(mut ranges: Vec<std::ops::Range<usize>>, gap: usize) -> Vec<std::ops::Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end + gap => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// Past this many top-level nodes in a range, a query starts at the root after all.
pub(crate) const MANY_ROOTS: usize = 64;

/// Where a query over `bytes` should start: the root for the whole file, otherwise the top-level
/// nodes that overlap `bytes`. A cursor started at the root with only a byte range set still
/// steps through every top-level node, which made re-checking one statement of a 10,000-line
/// file cost a millisecond per query. A range over many top-level nodes (a minified file's
/// thousands of functions) starts at the root again: one cursor run per node costs more there.
pub fn query_roots<'t>(
    tree: &'t tree_sitter::Tree,
    bytes: &std::ops::Range<usize>,
) -> Vec<tree_sitter::Node<'t>> {
    let root = tree.root_node();
    if bytes.start <= root.start_byte() && bytes.end >= root.end_byte() {
        return vec![root];
    }
    let mut roots = Vec::new();
    let mut node = root.first_child_for_byte(bytes.start);
    // `first_child_for_byte` skips a child that ends exactly at `bytes.start`.
    if let Some(previous) = node.and_then(|n| n.prev_sibling())
        && previous.end_byte() >= bytes.start
    {
        node = Some(previous);
    }
    while let Some(current) = node {
        if current.start_byte() >= bytes.end && !(bytes.is_empty() && roots.is_empty()) {
            break;
        }
        if roots.len() == MANY_ROOTS {
            return vec![root];
        }
        roots.push(current);
        node = current.next_sibling();
    }
    if roots.is_empty() {
        roots.push(root);
    }
    roots
}

/// Runs `query` over `windows` and hands `each` every match that touches one: a match counts when
/// any of its nodes overlaps a window. A match may be handed over more than once, and, where many
/// windows fall in one top-level node, so may a match between them (`query_plan`): callers drop
/// repeats, and treat windows as places that must be covered, not as the only ones.
pub fn for_each_match<'t>(
    query: &tree_sitter::Query,
    tree: &'t tree_sitter::Tree,
    source: &[u8],
    windows: &[std::ops::Range<usize>],
    mut each: impl FnMut(&tree_sitter::QueryMatch<'_, 't>),
) {
    use streaming_iterator::StreamingIterator;
    let mut cursor = tree_sitter::QueryCursor::new();
    for (node, bytes) in query_plan::plan(tree, windows) {
        cursor.set_byte_range(bytes);
        let mut matches = cursor.matches(query, node, source);
        let mut seen = 0u32;
        while let Some(m) = matches.next() {
            each(m);
            seen = seen.wrapping_add(1);
            if seen.is_multiple_of(256) && cancel::requested() {
                return;
            }
        }
        if cancel::requested() {
            return;
        }
    }
}

/// Parses `source`, reusing `old` (already edited with `Tree::edit`) when given.
pub fn parse(
    source: &str,
    language: Language,
    old: Option<&tree_sitter::Tree>,
) -> Option<tree_sitter::Tree> {
    parse_cancellable(source, language, old, &|| false)
}

/// Parses only `ranges` of `source` (tree-sitter's included ranges; nodes keep their offsets in
/// the whole text). None when tree-sitter refuses the ranges. `old`, a tree of the same text
/// with other ranges, is reused where the ranges agree: tree-sitter re-lexes only around the
/// ranges that changed, as it does for an editor's language injections.
pub fn parse_ranges(
    source: &str,
    language: Language,
    ranges: &[tree_sitter::Range],
    old: Option<&tree_sitter::Tree>,
) -> Option<tree_sitter::Tree> {
    with_parser(&RANGE_PARSERS, language, |parser| {
        parser.reset();
        parser.set_included_ranges(ranges).ok()?;
        let bytes = source.as_bytes();
        parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            old,
            None,
        )
    })
}

fn with_parser<T>(
    parsers: &'static std::thread::LocalKey<Parsers>,
    language: Language,
    f: impl FnOnce(&mut tree_sitter::Parser) -> T,
) -> T {
    parsers.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers.entry(language).or_insert_with(|| {
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&(language.spec().grammar)())
                .expect("bundled grammars match the tree-sitter version");
            parser
        });
        f(parser)
    })
}

/// Like [`parse`], but gives up (returning None) as soon as `cancelled` says so: the server asks
/// whether a newer version of the document has arrived, so a stale parse of a huge file stops.
pub fn parse_cancellable(
    source: &str,
    language: Language,
    old: Option<&tree_sitter::Tree>,
    cancelled: &dyn Fn() -> bool,
) -> Option<tree_sitter::Tree> {
    with_parser(&PARSERS, language, |parser| {
        let bytes = source.as_bytes();
        let mut progress = |_: &tree_sitter::ParseState| cancelled();
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let tree = parser.parse_with_options(
            &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
            old,
            Some(options),
        );
        match tree {
            None => {
                // A cancelled parse would otherwise resume on the next, unrelated, call.
                parser.reset();
                None
            }
            // Error recovery depends on which old subtrees get reused, so an incremental parse of
            // broken text can differ from a fresh one. Re-parse from scratch then: the server's
            // tree must always equal a full parse (tests/incremental_sync.rs holds it to that).
            Some(tree) if old.is_some() && tree.root_node().has_error() => {
                let fresh = parser.parse_with_options(
                    &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
                    None,
                    Some(tree_sitter::ParseOptions::new().progress_callback(&mut progress)),
                );
                if fresh.is_none() {
                    parser.reset();
                }
                fresh
            }
            Some(tree) => Some(tree),
        }
    })
}
