//! Small questions about the syntax tree around a site that several rules ask: which node the site
//! is, which function it is in, and whether a constant there is sent or only compared.

use crate::rules::Context;
use crate::syntax::{Form, Site, SiteKind};
pub use crate::syntax::{ancestors, contains};
use tree_sitter::{Node, Tree};

pub fn text<'s>(node: Node, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// The node a site's code is written as (the literal, or the whole constant path).
pub fn site_node<'t>(cx: &Context<'t>, site: &Site) -> Option<Node<'t>> {
    node_of(cx.tree, site)
}

fn node_of<'t>(tree: &'t tree_sitter::Tree, site: &Site) -> Option<Node<'t>> {
    tree.root_node()
        .descendant_for_byte_range(site.range.start, site.range.end)
}

/// The functions around `site`, innermost first.
pub fn functions_around<'t>(
    tree: &'t tree_sitter::Tree,
    site: &Site,
) -> impl Iterator<Item = Node<'t>> {
    node_of(tree, site)
        .into_iter()
        .flat_map(|node| ancestors(tree, node))
        .filter(|n| is_function(*n))
}

/// A function, method or closure: code in it runs when it is called, not where it is written.
pub fn is_function(node: Node) -> bool {
    crate::syntax::is_function_kind(node.kind())
}

/// The outermost function around `node`: the handler, when `node` is in a route handler's
/// callback.
pub fn outermost_function<'t>(tree: &'t Tree, node: Node<'t>) -> Option<Node<'t>> {
    ancestors(tree, node).filter(|n| is_function(*n)).last()
}

/// The name a function goes by: its own (`function create()`, `fn create()`, a method), or the
/// variable it is assigned to (`const create = async () => ...`).
pub fn function_name<'s>(function: Node, source: &'s str) -> Option<&'s str> {
    if let Some(name) = function.child_by_field_name("name") {
        return Some(text(name, source));
    }
    let parent = function.parent()?;
    if parent.kind() == "variable_declarator" {
        return parent
            .child_by_field_name("name")
            .filter(|n| n.kind() == "identifier")
            .map(|n| text(n, source));
    }
    None
}

/// Whether a site sends its code. Calls (`res.status(200)`) always do; a constant standing alone
/// does unless it is being compared (`status == StatusCode::OK`, `case HttpStatus.OK:`) or
/// matched on (`StatusCode::OK => ...`).
pub fn is_sent(cx: &Context, site: &Site) -> bool {
    if !site.kind.sends() || !cx.role(site).goes_out() {
        return false;
    }
    if site.kind != SiteKind::Constant || !matches!(site.form, Form::Constant { .. }) {
        return true;
    }
    let Some(node) = site_node(cx, site) else {
        return false;
    };
    for ancestor in ancestors(cx.tree, node) {
        match ancestor.kind() {
            "binary_expression" | "switch_case" => return false,
            kind if kind.ends_with("pattern") => return false,
            "parenthesized_expression" | "reference_expression" | "arguments" => continue,
            "call_expression" => {
                let callee = ancestor
                    .child_by_field_name("function")
                    .map_or("", |f| text(f, cx.source));
                let callee = callee.rsplit(['.', ':']).next().unwrap_or(callee);
                match callee {
                    // `Some(StatusCode::OK)` is as sent as what it wraps.
                    "Some" | "Ok" | "Err" => continue,
                    // `expect(res.status).toBe(HttpStatus.OK)`, `assert.equal(s, HttpStatus.OK)`
                    "toBe" | "toEqual" | "toStrictEqual" | "equal" | "strictEqual" | "eq"
                    | "ne" | "assertEquals" => return false,
                    _ => return true,
                }
            }
            _ => return true,
        }
    }
    true
}
