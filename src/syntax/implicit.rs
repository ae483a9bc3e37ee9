//! Statuses a call sends without naming them, from the framework model's `implicit` rows:
//! `res.redirect(url)` is 302 in Express, `redirect(url)` 307 in Next.js, `Redirect::to(uri)` 303
//! in rocket and axum. Each is a site whose code no literal writes ([`Form::Implicit`]), so hover,
//! rules and a route's statuses see it like any other.

use super::Language;
use super::sites::{Form, Role, Site, SiteKind};
use crate::frameworks::Framework;
use std::ops::Range;
use std::sync::OnceLock;
use tree_sitter::Query;

/// One per language: a query is compiled against one grammar, and each of the four JavaScript
/// and TypeScript grammars numbers its node kinds its own way.
static QUERIES: [OnceLock<Query>; super::LANGUAGES.len()] =
    [const { OnceLock::new() }; super::LANGUAGES.len()];

pub fn calls_query(language: Language) -> &'static Query {
    let source = match language.family() {
        super::Family::Javascript => include_str!("../../queries/javascript/calls.scm"),
        super::Family::Rust => include_str!("../../queries/rust/calls.scm"),
        super::Family::Python => include_str!("../../queries/python/calls.scm"),
        super::Family::Go => include_str!("../../queries/go/calls.scm"),
    };
    let index = language.grammar_slot();
    QUERIES[index].get_or_init(|| {
        Query::new(
            &(language.spec().grammar)(),
            &super::query_source::prepared(language, source),
        )
        .unwrap_or_else(|e| panic!("queries/<language>/calls.scm: {e}"))
    })
}

/// The implicit-status sites in `windows` of a file that uses `frameworks`.
pub fn find(
    tree: &tree_sitter::Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
    frameworks: &[&Framework],
) -> Vec<Site> {
    let rows: Vec<_> = frameworks.iter().flat_map(|f| &f.implicit).collect();
    if rows.is_empty() || windows.is_empty() {
        return Vec::new();
    }
    let mut sites: Vec<Site> = Vec::new();
    let query = calls_query(language);
    super::for_each_match(query, tree, source.as_bytes(), windows, |m| {
        for capture in m.captures {
            let node = capture.node;
            let Some(row) = rows.iter().find(|row| {
                row.call.matches(node, source)
                    && row
                        .arguments
                        .is_none_or(|n| row.call.arguments(node).len() == n)
            }) else {
                continue;
            };
            let callee = row.call.callee(node);
            let range = callee.byte_range();
            if !windows
                .iter()
                .any(|w| w.start < range.end && range.start < w.end)
                || sites.iter().any(|s| s.range == range)
            {
                continue;
            }
            sites.push(Site {
                code: u32::from(row.status),
                range,
                kind: if row.redirect {
                    SiteKind::Redirect
                } else {
                    SiteKind::Set
                },
                form: Form::Implicit { named: row.named },
                role: if row.thrown { Role::Thrown } else { Role::Sent },
                origin: None,
                on_response: false,
            });
        }
    });
    sites.sort_by_key(|s| (s.range.start, s.range.end));
    sites
}
