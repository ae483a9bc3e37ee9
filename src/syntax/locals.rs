//! Which binding a name at a site refers to, read from `queries/<language>/locals.scm`
//! (tree-sitter's locals convention: scopes, definitions, references), the way ruff's semantic
//! model resolves a name: the innermost scope around the use that declares it, and every value
//! assigned to that binding before the use.
//!
//! Only what a site needs is queried: the outermost function around the use (every scope a local
//! can live in) and the declarations at the top of the file, each once per check (`Locals` keeps
//! them). References are not collected: whether a site is a name's only use is counted in the
//! text (`Binding::uses`), which `check`'s skimmed parse leaves whole.

use super::{Language, contains};
use std::collections::HashMap;
use std::sync::OnceLock;
use tree_sitter::{Node, Query, QueryCursor, Tree};

pub struct LocalsQuery {
    query: Query,
    scope: u32,
    definition: u32,
    value: u32,
    /// Per pattern: whether its definition is an assignment to a name declared elsewhere.
    rebinds: Vec<bool>,
}

/// Capture names a locals query may use; a test holds every file to this list.
pub const KNOWN_CAPTURES: &[&str] = &[
    "local.scope",
    "local.definition",
    "local.definition.value",
    "local.reference",
];

impl LocalsQuery {
    /// Compiles a locals query. Patterns that only capture references are disabled: nothing here
    /// reads them, and `(identifier) @local.reference` would match every identifier.
    pub fn compile(
        grammar: &tree_sitter::Language,
        file: &str,
        source: &str,
    ) -> Result<Self, String> {
        let mut query = Query::new(grammar, source).map_err(|e| format!("{file}: {e}"))?;
        for name in query.capture_names() {
            if !KNOWN_CAPTURES.contains(name) {
                return Err(format!("{file}: unknown capture @{name}"));
            }
        }
        let index = |name: &str| {
            query
                .capture_index_for_name(name)
                .ok_or_else(|| format!("{file}: no @{name} capture"))
        };
        let (scope, definition, value) = (
            index("local.scope")?,
            index("local.definition")?,
            index("local.definition.value")?,
        );
        let reference = query.capture_index_for_name("local.reference");
        let mut rebinds = Vec::new();
        for pattern in 0..query.pattern_count() {
            let mut flag = false;
            for property in query.property_settings(pattern) {
                match (&*property.key, property.value.as_deref()) {
                    ("rebinds", Some("true")) => flag = true,
                    (key, value) => {
                        return Err(format!(
                            "{file}: pattern {pattern}: unknown property {key} {value:?}"
                        ));
                    }
                }
            }
            rebinds.push(flag);
        }
        if let Some(reference) = reference {
            for pattern in 0..query.pattern_count() {
                let quantifiers = query.capture_quantifiers(pattern);
                let only_references = quantifiers.iter().enumerate().all(|(i, q)| {
                    (i as u32 == reference) || *q == tree_sitter::CaptureQuantifier::Zero
                });
                if only_references {
                    query.disable_pattern(pattern);
                }
            }
        }
        Ok(LocalsQuery {
            query,
            scope,
            definition,
            value,
            rebinds,
        })
    }
}

const JS_LOCALS: &str = include_str!("../../queries/javascript/locals.scm");
const JS_PARAMETERS: &str = include_str!("../../queries/javascript/parameters.scm");
const TS_LOCALS: &str = include_str!("../../queries/typescript/locals.scm");
const RUST_LOCALS: &str = include_str!("../../queries/rust/locals.scm");
const PYTHON_LOCALS: &str = include_str!("../../queries/python/locals.scm");
const GO_LOCALS: &str = include_str!("../../queries/go/locals.scm");

/// The locals query text of `language`: TypeScript's adds its own patterns to JavaScript's.
pub fn source_of(language: Language) -> String {
    match language {
        Language::JavaScript | Language::Jsx => format!("{JS_LOCALS}\n{JS_PARAMETERS}"),
        Language::TypeScript | Language::Tsx => format!("{JS_LOCALS}\n{TS_LOCALS}"),
        Language::Rust => RUST_LOCALS.to_string(),
        Language::Python => PYTHON_LOCALS.to_string(),
        Language::Go => GO_LOCALS.to_string(),
    }
}

static QUERIES: [OnceLock<LocalsQuery>; super::LANGUAGES.len()] =
    [const { OnceLock::new() }; super::LANGUAGES.len()];

pub fn locals_query(language: Language) -> &'static LocalsQuery {
    let index = language.grammar_slot();
    QUERIES[index].get_or_init(|| {
        // Loosened as the other queries are (`query_source`): tree-sitter's analysis of each
        // pattern against the whole grammar is most of a compile.
        let source = super::query_source::prepared(language, &source_of(language));
        LocalsQuery::compile(
            &(language.spec().grammar)(),
            "queries/<language>/locals.scm",
            &source,
        )
        .unwrap_or_else(|e| panic!("embedded locals query does not compile: {e}"))
    })
}

/// One definition of a name: a declaration, a parameter, an import, or (`rebinds`) an assignment.
#[derive(Clone, Copy)]
pub struct Binding<'t> {
    pub name: Node<'t>,
    /// The value it gives the name; None when the file cannot know it (a parameter without a
    /// default, an import, `code += 1`).
    pub value: Option<Node<'t>>,
    pub rebinds: bool,
    /// The innermost scope the definition lives in.
    pub scope: Node<'t>,
}

impl Binding<'_> {
    /// Items and declarations a later line can see before they appear: a Rust `const`, `static`,
    /// a function or class, a module-level declaration used inside a function.
    fn hoisted(&self) -> bool {
        self.name.parent().is_some_and(|p| {
            matches!(
                p.kind(),
                "const_item"
                    | "static_item"
                    | "function_declaration"
                    | "class_declaration"
                    | "enum_declaration"
            )
        })
    }
}

/// What a use of a name resolves to: the binding it reads and the values assigned to it before.
pub struct Resolution<'t> {
    /// The declaration (or parameter, or import) in force at the use.
    pub declaration: Binding<'t>,
    /// Assignments to that binding that can run before the use.
    pub assignments: Vec<Binding<'t>>,
}

/// The definitions of one region of a file, by name.
#[derive(Default)]
struct Region<'t> {
    by_name: HashMap<&'t str, Vec<Binding<'t>>>,
}

/// Definitions found so far in one check of one file.
pub struct Locals<'t> {
    tree: &'t Tree,
    source: &'t str,
    query: &'static LocalsQuery,
    top: Option<Region<'t>>,
    /// By the id of the outermost function (or top-level statement) around a use.
    regions: HashMap<usize, Region<'t>>,
}

impl<'t> Locals<'t> {
    pub fn new(tree: &'t Tree, source: &'t str, language: Language) -> Locals<'t> {
        Locals {
            tree,
            source,
            query: locals_query(language),
            top: None,
            regions: HashMap::new(),
        }
    }

    /// The root of the tree the locals are read from.
    pub fn root(&self) -> Node<'t> {
        self.tree.root_node()
    }

    /// The binding `name` refers to at `at`, or None when the file does not declare it there (a
    /// global, or code the parse left out).
    pub fn resolve(&mut self, name: &str, at: Node<'t>) -> Option<Resolution<'t>> {
        let path: Vec<Node<'t>> = super::ancestors(self.tree, at).collect();
        let region_root = path
            .iter()
            .rev()
            .find(|n| super::is_function_kind(n.kind()))
            .or_else(|| path.iter().rev().nth(1))
            .copied();
        let mut candidates: Vec<Binding<'t>> = Vec::new();
        if let Some(region) = region_root {
            let region = self
                .regions
                .entry(region.id())
                .or_insert_with(|| collect(self.query, region, self.source, None));
            candidates.extend(region.by_name.get(name).into_iter().flatten().copied());
        }
        if self.top.is_none() {
            let root = self.tree.root_node();
            let mut top = Region::default();
            let mut cursor = root.walk();
            for child in root.named_children(&mut cursor) {
                if region_root.is_some_and(|r| r.id() == child.id()) {
                    continue;
                }
                let found = collect(self.query, child, self.source, Some(root));
                for (key, list) in found.by_name {
                    top.by_name.entry(key).or_default().extend(list);
                }
            }
            self.top = Some(top);
        }
        if let Some(top) = &self.top {
            candidates.extend(top.by_name.get(name).into_iter().flatten().copied());
        }
        // The innermost scope around the use that declares the name.
        let encloses = |scope: Node| {
            scope.start_byte() <= at.start_byte() && at.end_byte() <= scope.end_byte()
        };
        let depth = |scope: Node| path.iter().position(|n| n.id() == scope.id());
        let visible = |b: &Binding<'t>| {
            !b.rebinds
                && encloses(b.scope)
                && (b.hoisted()
                    || b.name.start_byte() < at.start_byte()
                    || crosses_function(&path, b.scope))
        };
        let scope_depth = candidates
            .iter()
            .filter(|b| visible(b))
            .filter_map(|b| depth(b.scope))
            .min();
        let Some(scope_depth) = scope_depth else {
            return self.first_assignment(&candidates, &path, at);
        };
        let scope = path[scope_depth];
        let declaration = candidates
            .iter()
            .filter(|b| visible(b) && b.scope.id() == scope.id())
            .max_by_key(|b| b.name.start_byte())
            .copied()?;
        // Assignments reach this binding when no declaration nearer to them takes the name.
        let declarations: Vec<Binding> =
            candidates.iter().filter(|b| !b.rebinds).copied().collect();
        let assignments = candidates
            .iter()
            .filter(|b| b.rebinds && b.name.start_byte() < at.start_byte())
            .filter(|b| contains(scope, b.name))
            .filter(|b| {
                !declarations.iter().any(|d| {
                    d.scope.id() != scope.id()
                        && contains(d.scope, b.name)
                        && contains(scope, d.scope)
                })
            })
            .copied()
            .collect();
        Some(Resolution {
            declaration,
            assignments,
        })
    }
}

impl<'t> Locals<'t> {
    /// A name no statement declares, only assignments (Python, where assigning declares): the
    /// first assignment in the innermost scope that assigns it before the use (or anywhere, for
    /// a use inside a function the scope holds) stands for the declaration, and the others there
    /// before the use are its assignments.
    fn first_assignment(
        &self,
        candidates: &[Binding<'t>],
        path: &[Node<'t>],
        at: Node<'t>,
    ) -> Option<Resolution<'t>> {
        let depth = |scope: Node| path.iter().position(|n| n.id() == scope.id());
        let reaches = |b: &Binding<'t>| {
            b.rebinds
                && depth(b.scope).is_some()
                && (b.name.start_byte() < at.start_byte() || crosses_function(path, b.scope))
        };
        let innermost = candidates
            .iter()
            .filter(|b| reaches(b))
            .filter_map(|b| depth(b.scope))
            .min()?;
        let scope = path[innermost];
        let mut in_scope: Vec<Binding<'t>> = candidates
            .iter()
            .filter(|b| reaches(b) && b.scope.id() == scope.id())
            .copied()
            .collect();
        in_scope.sort_by_key(|b| b.name.start_byte());
        let declaration = *in_scope.first()?;
        // Inside a function the scope holds, every assignment may have run; in the scope itself
        // only those before the use.
        let later_runs = crosses_function(path, scope);
        let assignments = in_scope[1..]
            .iter()
            .filter(|b| later_runs || b.name.start_byte() < at.start_byte())
            .copied()
            .collect();
        Some(Resolution {
            declaration,
            assignments,
        })
    }
}

/// Whether the use at the end of `path` is inside a function that `scope` holds: code there
/// runs later, so it sees declarations written after it.
fn crosses_function(path: &[Node], scope: Node) -> bool {
    let Some(at) = path.iter().position(|n| n.id() == scope.id()) else {
        return false;
    };
    path[..at].iter().any(|n| super::is_function_kind(n.kind()))
}

/// The definitions in `node`. At the top of the file (`top` is the root) only declarations that
/// stand at the top are read, not those inside functions defined there.
fn collect<'t>(
    query: &'static LocalsQuery,
    node: Node<'t>,
    source: &'t str,
    top: Option<Node<'t>>,
) -> Region<'t> {
    use streaming_iterator::StreamingIterator;
    let mut region = Region::default();
    let mut cursor = QueryCursor::new();
    if top.is_some() {
        // `export const X = 1` puts the name three levels down; `code = 1;` two.
        cursor.set_max_start_depth(Some(3));
    }
    let mut scopes: Vec<Node<'t>> = Vec::new();
    let mut found: Vec<(Node<'t>, Option<Node<'t>>, bool)> = Vec::new();
    let mut matches = cursor.matches(&query.query, node, source.as_bytes());
    while let Some(m) = matches.next() {
        let mut name = None;
        let mut value = None;
        for capture in m.captures {
            if capture.index == query.scope {
                scopes.push(capture.node);
            } else if capture.index == query.definition {
                name = Some(capture.node);
            } else if capture.index == query.value {
                value = Some(capture.node);
            }
        }
        if let Some(name) = name {
            found.push((name, value, query.rebinds[m.pattern_index]));
        }
    }
    for (name, value, rebinds) in found {
        // At the top, a parameter of a function defined there is not a top-level name.
        if top.is_some() && inside_function(name, node) {
            continue;
        }
        let scope = match top {
            Some(root) => root,
            None => innermost_scope(&scopes, name).unwrap_or(node),
        };
        let Some(text) = source.get(name.byte_range()) else {
            continue;
        };
        region.by_name.entry(text).or_default().push(Binding {
            name,
            value,
            rebinds,
            scope,
        });
    }
    region
}

/// The smallest scope holding `name`, not counting the function or class `name` names (a
/// function's name belongs to the scope around it).
fn innermost_scope<'t>(scopes: &[Node<'t>], name: Node<'t>) -> Option<Node<'t>> {
    scopes
        .iter()
        .filter(|s| contains(**s, name))
        .filter(|s| {
            s.child_by_field_name("name")
                .is_none_or(|n| n.id() != name.id())
        })
        .filter(|s| {
            name.parent()
                .is_none_or(|p| p.id() != s.id() || !is_named_by(p, name))
        })
        .min_by_key(|s| s.byte_range().len())
        .copied()
}

fn inside_function(name: Node, stop: Node) -> bool {
    let mut current = name.parent();
    // A function's own name is declared where the function stands.
    if let Some(parent) = current.filter(|p| is_named_by(*p, name)) {
        if parent.id() == stop.id() {
            return false;
        }
        current = parent.parent();
    }
    while let Some(node) = current {
        if node.id() == stop.id() {
            return super::is_function_kind(node.kind());
        }
        if super::is_function_kind(node.kind()) {
            return true;
        }
        current = node.parent();
    }
    false
}

fn is_named_by(node: Node, name: Node) -> bool {
    node.child_by_field_name("name")
        .is_some_and(|n| n.id() == name.id())
}
