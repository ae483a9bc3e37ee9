//! A check that can be redone after an edit by checking only the units the edit touched (see
//! `units.rs`). Everything else is carried over, moved to where its code now is. The shortcut is
//! taken only when it gives exactly what a full check would (tests/incremental_analysis.rs holds
//! it to that): a change to the configuration, to an import, to a route registered by name or to
//! the text a query pattern requires means a full check, and so does text with a syntax error.

use super::edits::forward_range;
use super::units::leads_into_next;
use crate::config::Config;
use crate::rules::context::queries::{self, Purpose};
use crate::rules::context::route::NamedRoutes;
use crate::rules::context::tree::functions_around;
use crate::rules::{Edit, Finding};
use crate::syntax::{self, Language, Site, merged};
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use tree_sitter::{InputEdit, Node, Tree};

/// The sites and rule findings of one version of a file.
pub struct Checked {
    language: Language,
    config: Config,
    pub sites: Vec<Site>,
    /// Before suppressions, which are applied afresh each time (a comment can suppress a line in
    /// another unit).
    raw: Vec<Finding>,
    /// What the file as a whole holds that the check read: its frameworks, and the texts of
    /// `analysis::mentions`.
    facts: FileFacts,
    named_routes: Arc<OnceLock<NamedRoutes>>,
    /// How many units the last check redid; None when it checked the whole file.
    pub rechecked_units: Option<usize>,
    /// The names the sites' values were looked up through, and the names holding a code that
    /// another site may send (`analysis::skim` keeps the code that mentions them).
    pub(super) names: Vec<String>,
}

impl Checked {
    /// Checks the whole of `source`.
    ///
    /// The queries run only around the pre-filter's hits (`syntax::prefilter`): each site's match
    /// holds a hit, and so does each response that relies on the default status, so the cursor
    /// visits the few nodes on the way to them instead of the whole tree. Text with a syntax
    /// error is queried in full: error recovery can build a site out of tokens the pre-filter
    /// reads as something else (`{ status:} 204 }` still yields a `status: 204` pair).
    pub fn new(source: &str, tree: &Tree, language: Language, config: &Config) -> Checked {
        let hits = super::hits(source, language, config);
        Checked::around(source, tree, language, config, hits)
    }

    /// Checks the whole of `source` as [`Checked::new`] does, querying around `hits`: the
    /// pre-filter's, or those of them outside literals (`syntax::outline`). The sites query runs
    /// only around the hits of words a sites pattern needs: `send` and `render` are there for the
    /// rules' default-status responses, and were half the hits of a test-heavy tree.
    pub(super) fn around(
        source: &str,
        tree: &Tree,
        language: Language,
        config: &Config,
        hits: Vec<Range<usize>>,
    ) -> Checked {
        if tree.root_node().has_error() {
            return Checked::everywhere(source, tree, language, config);
        }
        let whole = 0..source.len();
        // Python's and Go's hits stand for the top-level units around them.
        let by_unit = syntax::prefilter::by_unit(language);
        // The calls query (implicit statuses) runs only around the words of the rows, which
        // are calls themselves.
        let facts = FileFacts::of(source, language, config);
        let frameworks = facts.frameworks(config);
        let implicit = implicit_windows(source, &frameworks, &hits);
        let hits = if by_unit {
            units_around(tree, hits)
        } else {
            hits
        };
        // The sites query runs around every hit, not only those of words a sites pattern needs
        // (`send`, `render` are there for the rules' default-status responses): the rules'
        // error-path and body queries ride in the same cursor run (`syntax::sites`), and they
        // need those places.
        let windows = merged(hits, WINDOW_GAP);
        let (mut sites, mut names, riders) =
            syntax::sites::find_sites_noting_names_and_riders(tree, source, language, &windows);
        // A name that holds a code (`let code = StatusCode::OK`) may be sent where no word a
        // pattern needs stands (`(code, Json(err))`): its uses are places to look too.
        let carriers = syntax::sites::carriers(tree, source, &sites);
        let uses: Vec<Range<usize>> = carriers
            .iter()
            .flat_map(|(name, scope)| syntax::uses(source, name, scope.clone()))
            .filter(|r| !windows.iter().any(|w| w.start <= r.start && r.end <= w.end))
            .collect();
        if !uses.is_empty() {
            let (more, more_names) = syntax::sites::find_sites_noting_names(
                tree,
                source,
                language,
                &merged(uses, WINDOW_GAP),
            );
            for site in more {
                if !sites
                    .iter()
                    .any(|s| s.range == site.range && s.code == site.code)
                {
                    sites.push(site);
                }
            }
            sites.sort_by_key(|s| (s.range.start, s.range.end, s.code));
            syntax::sites::mark_carried(&mut sites);
            names.extend(more_names);
        }
        sites.extend(syntax::implicit::find(
            tree,
            source,
            language,
            &implicit,
            &frameworks,
        ));
        sites.sort_by_key(|s| (s.range.start, s.range.end, s.code));
        names.extend(carriers.into_iter().map(|(name, _)| name));
        // `err.status = 531` counts where `err` is handed to the framework later in the
        // function (`next(err)`), which the skim must not leave out.
        names.extend(errors_carrying_a_status(tree, source, &sites));
        names.sort();
        names.dedup();
        let focus = merged(
            windows
                .iter()
                .cloned()
                .chain(sites.iter().map(|s| s.range.clone()))
                .chain(markers_around(tree, &sites))
                .collect(),
            WINDOW_GAP,
        );
        // The riders' matches cover the windows; the rest of the focus (a sent name's uses, the
        // attributes above a handler) is queried apart.
        let rest = uncovered(&focus, &windows);
        let seeds = seeds(tree, source, language, &riders, &rest);
        let mut checked = Checked::with_sites(
            source,
            tree,
            (language, config, facts),
            (sites, seeds),
            (&[whole], &focus),
        );
        checked.names = names;
        checked
    }

    /// Checks the whole of `source` with every query run over all of it: what `new` must equal,
    /// for tests.
    #[doc(hidden)]
    pub fn everywhere(source: &str, tree: &Tree, language: Language, config: &Config) -> Checked {
        let whole = 0..source.len();
        let facts = FileFacts::of(source, language, config);
        let mut sites = syntax::find_sites(tree, source, language);
        sites.extend(syntax::implicit::find(
            tree,
            source,
            language,
            std::slice::from_ref(&whole),
            &facts.frameworks(config),
        ));
        sites.sort_by_key(|s| (s.range.start, s.range.end, s.code));
        let scope = std::slice::from_ref(&whole);
        Checked::with_sites(
            source,
            tree,
            (language, config, facts),
            (sites, Vec::new()),
            (scope, scope),
        )
    }

    fn with_sites(
        source: &str,
        tree: &Tree,
        (language, config, facts): (Language, &Config, FileFacts),
        (sites, seeds): (Vec<Site>, Seeds),
        (scope, focus): (&[Range<usize>], &[Range<usize>]),
    ) -> Checked {
        let named_routes = Arc::new(OnceLock::new());
        // A route with no site can still send a status its OpenAPI document does not declare
        // (axum's `async fn health() -> &'static str`, a default 200): the rules look at all of
        // a file that may register one when the project has a document.
        let whole = 0..source.len();
        let (focus, seeds) =
            if focus.is_empty() && super::routes_without_sites_matter(source, language, config) {
                // Wider than the seeds were found over.
                (std::slice::from_ref(&whole), Vec::new())
            } else {
                (focus, seeds)
            };
        let raw = if focus.is_empty() {
            Vec::new()
        } else {
            super::rule_findings(
                source,
                tree,
                language,
                config,
                &sites,
                (scope, focus),
                (&named_routes, &facts, seeds),
            )
        };
        Checked {
            language,
            config: config.clone(),
            sites,
            raw,
            facts,
            named_routes,
            rechecked_units: None,
            names: Vec::new(),
        }
    }

    /// What a caller of the engine gets: the sites and the findings users see.
    pub fn into_analysis(self, source: &str) -> super::Analysis {
        super::Analysis {
            findings: self.findings(source),
            sites: self.sites,
        }
    }

    /// The findings users see: suppressions applied, each with its "ignore" fix, in order.
    pub fn findings(&self, source: &str) -> Vec<Finding> {
        super::finish(source, &self.raw, self.language)
    }

    /// The check of `source` (parsed as `tree`), which `edits` made of `old_source`, the text this
    /// check is of (`old_tree` being its tree, not edited).
    pub fn after_edits(
        &self,
        old_source: &str,
        old_tree: &Tree,
        edits: &[InputEdit],
        source: &str,
        tree: &Tree,
        config: &Config,
    ) -> Checked {
        self.reuse(old_source, old_tree, edits, source, tree, config)
            .unwrap_or_else(|| Checked::new(source, tree, self.language, config))
    }

    fn reuse(
        &self,
        old_source: &str,
        old_tree: &Tree,
        edits: &[InputEdit],
        source: &str,
        tree: &Tree,
        config: &Config,
    ) -> Option<Checked> {
        let language = self.language;
        if *config != self.config {
            return None;
        }
        // Error recovery is not local: where one broken statement ends, and what the statements
        // around it turn into, depends on text far from the edit. Broken text is checked in full.
        if old_tree.root_node().has_error() || tree.root_node().has_error() {
            return None;
        }
        let (old_dirty, new_dirty) = dirty_units(old_tree, edits, tree)?;
        if new_dirty.len() > source.len() / 2 {
            return None;
        }
        if file_wide_facts(old_source, old_tree, language, &old_dirty)
            != file_wide_facts(source, tree, language, &new_dirty)
        {
            return None;
        }
        let outside = |r: &Range<usize>| !overlaps(&old_dirty, r);
        // A code a name carries from one unit to another: an edit to either end, or to any
        // mention of the name, can change it (a new assignment, a shadowing declaration).
        let old_text = old_source.get(old_dirty.clone()).unwrap_or("");
        let new_text = source.get(new_dirty.clone()).unwrap_or("");
        // A text the sites patterns or rules read file-wide, or a framework's import, gained or
        // lost: what other units mean may have changed with it.
        let facts = self.facts.after_edit(old_text, new_text, source, config)?;
        let frameworks = facts.frameworks(config);
        let unit_of = |at: usize| {
            old_tree
                .root_node()
                .first_child_for_byte(at)
                .map(|n| n.start_byte())
        };
        for (site, origin) in self
            .sites
            .iter()
            .filter_map(|s| s.origin.as_deref().map(|o| (s, o)))
        {
            let name = origin.name.split('.').next().unwrap_or(&origin.name);
            // A name declared in the site's own unit is only used there; one declared at the top
            // can gain uses or assignments anywhere.
            let across = unit_of(site.range.start) != unit_of(origin.binding.start);
            if !outside(&origin.value)
                || !outside(&origin.binding)
                || across && (syntax::mentions(old_text, name) || syntax::mentions(new_text, name))
            {
                return None;
            }
        }

        let mut sites = Vec::with_capacity(self.sites.len());
        for site in self.sites.iter().filter(|s| outside(&s.range)) {
            let range = forward_range(&site.range, edits)?;
            let origin = match &site.origin {
                Some(origin) => Some(Box::new(syntax::values::Origin {
                    value: forward_range(&origin.value, edits)?,
                    binding: forward_range(&origin.binding, edits)?,
                    line: moved_line(origin.line, origin.value.start, edits),
                    ..(**origin).clone()
                })),
                None => None,
            };
            sites.push(Site {
                range,
                origin,
                ..site.clone()
            });
        }
        let (mut fresh_sites, riders) =
            syntax::sites::find_sites_and_riders_in(tree, source, language, new_dirty.clone());
        let seeds = seeds(tree, source, language, &riders, &[]);
        fresh_sites.extend(syntax::implicit::find(
            tree,
            source,
            language,
            std::slice::from_ref(&new_dirty),
            &frameworks,
        ));
        fresh_sites.retain(|s| new_dirty.contains(&s.range.start));
        // A new use of a name defined in an unchanged unit makes that definition's own site a
        // definition (`Role::Defined`), which only a full check sees.
        if fresh_sites
            .iter()
            .filter_map(|s| s.origin.as_deref())
            .any(|o| !new_dirty.contains(&o.value.start))
        {
            return None;
        }

        let mut raw = Vec::with_capacity(self.raw.len());
        for finding in self.raw.iter().filter(|f| outside(&f.range)) {
            let mut finding = moved(finding, edits)?;
            // A message naming the line a name's value is written on follows that line.
            let origin = self
                .sites
                .iter()
                .filter(|s| s.code == finding.code)
                .find_map(|s| {
                    let origin = s.origin.as_deref()?;
                    (forward_range(&s.range, edits)? == finding.range).then_some(origin)
                });
            if let Some(origin) = origin {
                let new_line = moved_line(origin.line, origin.value.start, edits);
                finding.message = finding.message.replace(
                    &format!("({}, line {})", origin.name, origin.line),
                    &format!("({}, line {new_line})", origin.name),
                );
            }
            raw.push(finding);
        }
        raw.extend(super::rule_findings(
            source,
            tree,
            language,
            config,
            &fresh_sites,
            (
                std::slice::from_ref(&new_dirty),
                std::slice::from_ref(&new_dirty),
            ),
            (&self.named_routes, &facts, seeds),
        ));
        sites.extend(fresh_sites);
        sites.sort_by_key(|s| (s.range.start, s.range.end));
        Some(Checked {
            language,
            config: self.config.clone(),
            sites,
            raw,
            facts,
            named_routes: self.named_routes.clone(),
            names: Vec::new(),
            rechecked_units: Some(
                syntax::query_roots(tree, &new_dirty)
                    .into_iter()
                    .filter(|n| n.parent().is_some() && !leads_into_next(*n))
                    .count(),
            ),
        })
    }
}

/// The 1-based line of text at `offset` after `edits`, given its line before them.
fn moved_line(line: usize, offset: usize, edits: &[InputEdit]) -> usize {
    let mut line = line as isize;
    let mut offset = offset;
    for edit in edits {
        if edit.old_end_byte <= offset {
            line += edit.new_end_position.row as isize - edit.old_end_position.row as isize;
            offset = offset - edit.old_end_byte + edit.new_end_byte;
        }
    }
    line.max(1) as usize
}

/// The top-level units (with the decorators and comments above them, `analysis::units`) that
/// hold `hits`, each once, in order.
fn units_around(tree: &Tree, hits: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let root = tree.root_node();
    let mut cursor = root.walk();
    let children: Vec<tree_sitter::Node> = root.named_children(&mut cursor).collect();
    let mut units: Vec<Range<usize>> = Vec::new();
    for hit in hits {
        let at = children.partition_point(|c| c.end_byte() <= hit.start);
        let Some(child) = children.get(at).filter(|c| c.start_byte() <= hit.start) else {
            units.push(hit);
            continue;
        };
        let mut start = child.start_byte();
        let mut before = at;
        while before > 0 && super::units::leads_into_next(children[before - 1]) {
            before -= 1;
            start = children[before].start_byte();
        }
        let range = start..child.end_byte().max(hit.end);
        if units.last().is_none_or(|last| *last != range) {
            units.push(range);
        }
    }
    units.sort_by_key(|r| (r.start, r.end));
    units.dedup();
    units
}

/// The windows around the hits of words an implicit row of the file's frameworks needs
/// (`redirect`): the calls query runs only there.
fn implicit_windows(
    source: &str,
    frameworks: &[&crate::frameworks::Framework],
    hits: &[Range<usize>],
) -> Vec<Range<usize>> {
    let words: Vec<&str> = frameworks
        .iter()
        .flat_map(|f| &f.implicit)
        .map(|row| row.call.word())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    merged(
        hits.iter()
            .filter(|h| source.get((*h).clone()).is_some_and(|w| words.contains(&w)))
            .cloned()
            .collect(),
        WINDOW_GAP,
    )
}

/// The names of the errors that sites assign a status to (`err` in `err.status = 531`).
fn errors_carrying_a_status(tree: &Tree, source: &str, sites: &[Site]) -> Vec<String> {
    sites
        .iter()
        .filter(|s| s.role == syntax::Role::Thrown)
        .filter_map(|s| {
            let node = tree
                .root_node()
                .descendant_for_byte_range(s.range.start, s.range.end)?;
            crate::rules::context::role::assigned_to_a_name(node, source)
                .map(|(name, _)| name.to_string())
        })
        .collect()
}

/// The statuses the framework model says calls in `windows` send unnamed (`res.redirect(url)`).
pub fn implicit_sites(
    tree: &Tree,
    source: &str,
    language: Language,
    config: &Config,
    windows: &[Range<usize>],
) -> Vec<Site> {
    let frameworks = crate::frameworks::used_in(source, language, config);
    syntax::implicit::find(tree, source, language, windows, &frameworks)
}

/// The attributes and decorators right above the functions around `sites` (`#[post("/form")]`,
/// TypeScript's `@Post()`): they say which route a handler serves, yet sit beside the function, not
/// in it, so a query run only around the sites would not see them.
fn markers_around(tree: &Tree, sites: &[Site]) -> Vec<Range<usize>> {
    let mut markers = Vec::new();
    for site in sites {
        for function in functions_around(tree, site) {
            let mut previous = function.prev_named_sibling();
            while let Some(marker) = previous.filter(|p| leads_into_next(*p)) {
                markers.push(marker.byte_range());
                previous = marker.prev_named_sibling();
            }
        }
    }
    markers
}

/// Hits closer than this share a window: one descent of the query cursor instead of several.
const WINDOW_GAP: usize = 256;

/// The units an edit touched: one byte range in the old text and the same code in the new one.
///
/// Left of the edits, a top-level node tree-sitter left alone (`has_changes` false, which accounts
/// for the lookahead that could carry an edit's effect back into it) is unchanged. Right of them,
/// the first top-level node that spans the same bytes with the same kind in the old (edited) and
/// new trees is unchanged, and so is everything after it: parsing resumes from the same state at
/// a top-level boundary over the same text. Only the nodes in between are walked, so the cost
/// follows the size of the change, not of the file (`Tree::changed_ranges` walks both trees).
fn dirty_units(
    old_tree: &Tree,
    edits: &[InputEdit],
    tree: &Tree,
) -> Option<(Range<usize>, Range<usize>)> {
    let mut edited = old_tree.clone();
    let mut span: Option<Range<usize>> = None;
    for edit in edits {
        edited.edit(edit);
        let moved = span.map(|s| {
            let map = |at: usize| {
                if at <= edit.start_byte {
                    at
                } else if at >= edit.old_end_byte {
                    at - edit.old_end_byte + edit.new_end_byte
                } else {
                    edit.new_end_byte
                }
            };
            map(s.start).min(edit.start_byte)..map(s.end).max(edit.new_end_byte)
        });
        span = Some(moved.unwrap_or(edit.start_byte..edit.new_end_byte));
    }
    let span = span?;
    let delta: isize = edits
        .iter()
        .map(|e| e.new_end_byte as isize - e.old_end_byte as isize)
        .sum();
    let (root, old_root) = (tree.root_node(), edited.root_node());
    let same = |new: Node, old: Option<Node>| {
        old.is_some_and(|old| {
            !old.has_changes()
                && old.kind_id() == new.kind_id()
                && old.byte_range() == new.byte_range()
        })
    };
    let counterpart = |new: Node| {
        old_root
            .first_child_for_byte(new.start_byte())
            .filter(|old| old.start_byte() == new.start_byte())
    };
    // The first changed node: step left from the edit past every node that is not the same.
    let mut first = root.first_child_for_byte(span.start.saturating_sub(1));
    if first.is_none() {
        first = last_child(root);
    }
    let mut first = first?;
    while let Some(previous) = first.prev_sibling() {
        if same(previous, counterpart(previous)) && previous.end_byte() < span.start {
            break;
        }
        first = previous;
    }
    // The first unchanged node after the edit, if any.
    let mut stop = root.first_child_for_byte(span.end.max(first.start_byte()));
    while let Some(node) = stop {
        if node.start_byte() >= span.end && same(node, counterpart(node)) {
            break;
        }
        stop = node.next_sibling();
    }
    // Units: the attributes and comments above the first changed node go with it, and an item
    // after a changed attribute goes with the attribute.
    while let Some(previous) = first.prev_sibling().filter(|p| leads_into_next(*p)) {
        first = previous;
    }
    while let Some(node) = stop {
        let before = node.prev_sibling();
        if !before.is_some_and(leads_into_next) || before.is_some_and(|b| b.end_byte() < span.start)
        {
            break;
        }
        stop = node.next_sibling();
    }
    let start = first.start_byte().min(span.start);
    let end = stop.map_or(tree.root_node().end_byte(), |n| n.start_byte());
    let old_end = stop.map_or(old_tree.root_node().end_byte(), |n| {
        (n.start_byte() as isize - delta).max(0) as usize
    });
    Some((start..old_end.max(start), start..end.max(start)))
}

fn last_child(node: Node) -> Option<Node> {
    node.child(node.child_count().checked_sub(1)?)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// A finding of the last check moved to where its code is now; None when an edit replaced text
/// one of its fixes would change (then nothing is reused).
fn moved(finding: &Finding, edits: &[InputEdit]) -> Option<Finding> {
    let mut finding = finding.clone();
    finding.range = forward_range(&finding.range, edits)?;
    for fix in &mut finding.fixes {
        for Edit { range, .. } in &mut fix.edits {
            *range = forward_range(range, edits)?;
        }
    }
    Some(finding)
}

/// What code in one unit tells the rules about the whole file: the imports that decide how fixes
/// spell a constant, and the handlers registered by name. Two versions of the touched units with
/// the same facts leave every other unit's findings as they were.
fn file_wide_facts(
    source: &str,
    tree: &Tree,
    language: Language,
    dirty: &Range<usize>,
) -> Vec<String> {
    let mut facts = Vec::new();
    let nodes = syntax::query_roots(tree, dirty)
        .into_iter()
        .filter(|n| n.parent().is_some() && overlaps(dirty, &n.byte_range()));
    for child in nodes {
        let text = source.get(child.byte_range()).unwrap_or("");
        let imports = match child.kind() {
            "import_statement" | "use_declaration" | "extern_crate_declaration" => true,
            "lexical_declaration" | "variable_declaration" => text.contains("require"),
            _ => false,
        };
        if imports {
            facts.push(text.to_string());
        }
        // What a top-level name holds is read by sites in other units (`syntax::values`).
        if let Some(binding) = top_level_binding(child, source) {
            facts.push(binding);
        }
    }
    for m in queries::matches(
        Purpose::Routes,
        tree,
        source,
        language,
        std::slice::from_ref(dirty),
    ) {
        if let Some(name) = m.get("handler-name") {
            let verb = m.get("verb").map_or("", |v| &source[v.byte_range()]);
            facts.push(format!("{verb} {}", &source[name.byte_range()]));
        }
    }
    facts
}

/// A top-level declaration or assignment as a fact: its text, or only its names where a value is
/// a function or class (whose body changes at every keystroke in it and holds no code a name
/// carries elsewhere).
fn top_level_binding(node: Node, source: &str) -> Option<String> {
    let declaration = match node.kind() {
        "export_statement" => node.child_by_field_name("declaration")?,
        _ => node,
    };
    let text = |n: Node| source.get(n.byte_range()).unwrap_or("");
    match declaration.kind() {
        "lexical_declaration" | "variable_declaration" => {
            let mut cursor = declaration.walk();
            let parts: Vec<String> = declaration
                .named_children(&mut cursor)
                .filter(|d| d.kind() == "variable_declarator")
                .map(|d| {
                    let name = d.child_by_field_name("name").map_or("", text);
                    match d.child_by_field_name("value") {
                        Some(v) if syntax::is_function_kind(v.kind()) || v.kind() == "class" => {
                            format!("{name} = <function>")
                        }
                        Some(v) => format!("{name} = {}", text(v)),
                        None => name.to_string(),
                    }
                })
                .collect();
            Some(parts.join(", "))
        }
        "enum_declaration" | "const_item" | "static_item" => Some(text(declaration).to_string()),
        "expression_statement" => {
            let inner = declaration.named_child(0)?;
            matches!(
                inner.kind(),
                "assignment_expression" | "augmented_assignment_expression"
            )
            .then(|| text(inner).to_string())
        }
        _ => None,
    }
}

/// Matches of rule queries found already, by purpose (see `Context::with_matches`).
pub(super) type Seeds<'t> = Vec<(Purpose, Vec<queries::Match<'t>>)>;

/// The matches of the rule queries that ride with the sites query (`queries::RIDERS`): those of
/// the sites run (`riders`), and those the query finds over `rest`, the part of the focus that run
/// did not cover, each once.
fn seeds<'t>(
    tree: &'t Tree,
    source: &str,
    language: Language,
    riders: &[syntax::sites::RiderMatch<'t>],
    rest: &[Range<usize>],
) -> Seeds<'t> {
    let more = if rest.is_empty() {
        Vec::new()
    } else {
        syntax::sites::rider_matches(tree, source, language, rest)
    };
    queries::RIDERS
        .iter()
        .filter_map(|&purpose| {
            let mut found = queries::from_riders(purpose, language, riders)?;
            if let Some(extra) = queries::from_riders(purpose, language, &more)
                && !extra.is_empty()
            {
                let mut seen: std::collections::HashSet<_> =
                    found.iter().map(|m| m.key()).collect();
                found.extend(extra.into_iter().filter(|m| seen.insert(m.key())));
            }
            Some((purpose, found))
        })
        .collect()
}

/// The parts of `ranges` no window covers. Both are sorted and disjoint (`syntax::merged`), so
/// one pass over each: a file with thousands of scattered hits has as many of both.
fn uncovered(ranges: &[Range<usize>], windows: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut rest = Vec::new();
    let mut next = 0;
    for range in ranges {
        while windows.get(next).is_some_and(|w| w.end <= range.start) {
            next += 1;
        }
        let mut start = range.start;
        let mut at = next;
        while let Some(window) = windows.get(at).filter(|w| w.start < range.end) {
            if window.start > start {
                rest.push(start..window.start);
            }
            start = start.max(window.end);
            at += 1;
        }
        if start < range.end {
            rest.push(start..range.end);
        }
    }
    rest
}

/// What a check reads of the file as a whole, kept for the next check: the frameworks the file
/// uses (positions in `frameworks::all`) and the file-wide texts of `analysis::mentions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileFacts {
    frameworks: Vec<usize>,
    mentions: super::Mentions,
}

impl FileFacts {
    pub(super) fn of(source: &str, language: Language, config: &Config) -> FileFacts {
        FileFacts {
            frameworks: crate::frameworks::used_indices(source, language, config),
            mentions: super::Mentions::of(source, language),
        }
    }

    pub(super) fn frameworks<'c>(
        &self,
        config: &'c Config,
    ) -> Vec<&'c crate::frameworks::Framework> {
        crate::frameworks::at_indices(&self.frameworks, config)
    }

    pub(super) fn mentions(&self) -> &super::Mentions {
        &self.mentions
    }

    /// The facts after an edit that turned the units `old_units` into `new_units`, or None when
    /// the edit changed one (a new import, a `rocket::` gained): then the whole file is checked.
    fn after_edit(
        &self,
        old_units: &str,
        new_units: &str,
        source: &str,
        config: &Config,
    ) -> Option<FileFacts> {
        let language = self.mentions.language();
        if crate::frameworks::modules_named(old_units, language, config)
            != crate::frameworks::modules_named(new_units, language, config)
        {
            return None;
        }
        let mentions = self.mentions.after_edit(old_units, new_units, source);
        (mentions == self.mentions).then(|| self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::uncovered;

    #[test]
    fn uncovered_is_what_no_window_touches() {
        assert_eq!(
            uncovered(&[0..10, 20..30, 40..50], &[2..4, 6..12, 20..30, 45..60]),
            vec![0..2, 4..6, 40..45]
        );
        let whole = std::slice::from_ref(&(0..10));
        assert_eq!(uncovered(whole, &[]), whole);
        assert!(uncovered(&[], whole).is_empty());
    }
}
