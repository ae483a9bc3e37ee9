//! A whole-file check that parses only the code that can matter: what `statuslint check` runs.
//!
//! The pre-filter's hits in strings and comments are dropped (no query matches there), then the
//! insides of function bodies with no hit in them or their header are left out of the parse
//! (`syntax::outline`). What the rules read outside the code around a site is in the parsed
//! part: the enclosing functions, catch blocks and route registrations are around the hit; the
//! imports are top-level statements; a handler's text for companion headers is read from the
//! source. One thing is not: a route that registers a handler by name (`app.get("/x", list)`)
//! from code left out. So when a rule will ask for the method of the route around a site, a
//! left-out body that mentions the name of a function around the site is parsed after all, and
//! the file checked again.
//!
//! Whenever the outline is unsure, or the skimmed tree has a syntax error (error recovery is not
//! local), the file is parsed whole and checked as the server would. `tests/check_skim.rs` holds
//! the result to a check of the whole tree on every fixture, example and a corpus.

use super::{Analysis, Checked};
use crate::config::Config;
use crate::rules::context::route::needs_method;
use crate::rules::context::tree::{function_name, functions_around};
use crate::syntax::outline::{self, Outline};
use crate::syntax::{self, Language, Site, prefilter};
use std::ops::Range;

/// How a file was checked, for `check`'s summary and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// Every hit was in a string or comment, or there was none: nothing to parse.
    Not,
    /// Parsed with function bodies left out.
    Skimmed,
    /// Parsed whole.
    Whole,
}

pub struct Skimmed {
    pub analysis: Analysis,
    pub parsed: Parsed,
}

/// Checks `source` as a full check of its whole tree would, parsing as little as it can. None
/// when tree-sitter gives no tree at all.
pub fn analyze_skimmed(source: &str, language: Language, config: &Config) -> Option<Skimmed> {
    analyze_skimmed_in(source, language, config, None)
}

/// [`analyze_skimmed`] for a file in `dir`, whose nearest manifest's dependencies say which
/// frameworks it uses (`frameworks::manifest`). The manifest is read only for a file that may
/// hold a site: most files of a tree do not, and reading every `package.json` of a
/// `node_modules` cost more than checking the files.
pub fn analyze_skimmed_in(
    source: &str,
    language: Language,
    config: &Config,
    dir: Option<&std::path::Path>,
) -> Option<Skimmed> {
    let bytes = source.as_bytes();
    let raw = prefilter::site_hits(language, bytes);
    // With an OpenAPI document, routes are checked against it: a route with no site at all
    // (a handler that answers with a body alone, the default 200) is checked too, so the whole
    // tree is needed.
    // Asked at most once: it may read the file system (is there an OpenAPI document?).
    let matters = std::cell::OnceCell::new();
    let declared_elsewhere =
        || *matters.get_or_init(|| super::routes_without_sites_matter(source, language, config));
    if raw.is_empty() && !super::adds_words(config, language) && !declared_elsewhere() {
        return Some(Skimmed {
            analysis: Analysis::default(),
            parsed: Parsed::Not,
        });
    }
    // Which frameworks the file uses decides which of the hits count.
    let config = &*super::with_dependencies(config, dir);
    let mut hits = super::refine_hits(raw, source, language, config);
    let outline = if hits.is_empty() {
        None
    } else {
        Outline::read(language, bytes)
    };
    if let Some(outline) = &outline {
        hits.retain(|h| !outline.in_literal(h.start));
    }
    let declared_elsewhere = declared_elsewhere();
    if hits.is_empty() && !declared_elsewhere {
        return Some(Skimmed {
            analysis: Analysis::default(),
            parsed: Parsed::Not,
        });
    }
    super::prepare_queries(language);
    if let Some(outline) = outline.as_ref().filter(|_| !declared_elsewhere)
        && let Some(skimmed) = skim(source, language, config, outline, &hits)
    {
        return Some(skimmed);
    }
    let tree = syntax::parse(source, language, None)?;
    Some(Skimmed {
        analysis: Checked::around(source, &tree, language, config, hits).into_analysis(source),
        parsed: Parsed::Whole,
    })
}

/// The skimmed check, or None when the file must be parsed whole after all.
fn skim(
    source: &str,
    language: Language,
    config: &Config,
    outline: &Outline,
    hits: &[Range<usize>],
) -> Option<Skimmed> {
    let mut skipped = outline::widest_gaps(outline.skippable(hits), source.len());
    if skipped.is_empty() {
        return None;
    }
    let mut tree = parse(source, language, &skipped, None)?;
    let mut checked = Checked::around(source, &tree, language, config, hits.to_vec());
    // A redirect rule asks which method the handler around a site serves, and a route may
    // register that handler by name from code left out; a site's value may come through a name
    // declared or assigned in code left out. Each parse can show more names (`const A = B`), and
    // reuses the tree before it outside the code it adds.
    for _ in 0..4 {
        let mut names: Vec<String> = handler_names(&tree, source, &checked.sites)
            .into_iter()
            .map(str::to_string)
            .collect();
        names.extend(checked.names.iter().cloned());
        let before = skipped.len();
        skipped.retain(|gap| {
            !names
                .iter()
                .any(|name| mentions(&source[gap.clone()], name))
        });
        if skipped.len() == before {
            break;
        }
        tree = parse(source, language, &skipped, Some(&tree))?;
        checked = Checked::around(source, &tree, language, config, hits.to_vec());
    }
    Some(Skimmed {
        analysis: checked.into_analysis(source),
        parsed: Parsed::Skimmed,
    })
}

/// The tree of `source` without `skipped`, if it has no syntax error.
fn parse(
    source: &str,
    language: Language,
    skipped: &[Range<usize>],
    old: Option<&tree_sitter::Tree>,
) -> Option<tree_sitter::Tree> {
    let ranges = outline::included_ranges(source, skipped);
    let tree = syntax::parse_ranges(source, language, &ranges, old)?;
    (!tree.root_node().has_error()).then_some(tree)
}

/// The names of the functions around the sites whose route method a rule asks for.
fn handler_names<'s>(tree: &tree_sitter::Tree, source: &'s str, sites: &[Site]) -> Vec<&'s str> {
    let mut names: Vec<&str> = Vec::new();
    for site in sites.iter().filter(|s| needs_method(s)) {
        for function in functions_around(tree, site) {
            if let Some(name) = function_name(function, source)
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
    }
    names
}

use syntax::mentions;
