//! Which HTTP method a handler serves: `app.post("/x", handler)`, `export async function POST`,
//! `@Post()`, `#[post("/x")]`, `.route("/x", post(create))`. Redirect rules need it, since what
//! 301/302 do to a request depends on its method. The patterns are
//! `queries/<language>/routes.scm`; this module resolves markers (decorators, attributes) and
//! names to the functions they mean.

use super::queries::Purpose;
use super::tree::{ancestors, function_name, is_function, text};
use crate::rules::Context;
use crate::syntax::{Site, SiteKind};
use std::collections::HashMap;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    /// Every method: a Next.js API route's default export.
    Any,
}

impl Method {
    /// `post`, `POST`, `Post`, `"POST"`, `routing::post` -> Post.
    fn parse(verb: &str) -> Option<Method> {
        let verb = verb.trim_matches(|c| c == '"' || c == '\'' || c == '`');
        // net/http's `"POST /items"` pattern: the method is its first word.
        let verb = verb.split_whitespace().next().unwrap_or(verb);
        let verb = verb.rsplit("::").next().unwrap_or(verb);
        match verb.to_ascii_lowercase().as_str() {
            "get" => Some(Method::Get),
            "post" => Some(Method::Post),
            "put" => Some(Method::Put),
            "patch" => Some(Method::Patch),
            "delete" | "del" => Some(Method::Delete),
            "default" => Some(Method::Any),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Any => "ANY",
        }
    }
}

/// Receivers of `.post("/url", ...)` that are HTTP clients or test doubles, not routers.
const CLIENTS: &[&str] = &[
    "axios",
    "$",
    "jQuery",
    "got",
    "ky",
    "superagent",
    "request",
    "fetch",
    "http",
    "https",
    "client",
    "nock",
    "cy",
    "rest",
];

/// Whether a rule asks which method the route around `site` serves: `redirect-status`, for a
/// redirect call with a non-redirect code and for 301/302, whose meaning depends on the method.
pub fn needs_method(site: &Site) -> bool {
    (site.kind == SiteKind::Redirect && !REDIRECTS.contains(&site.code))
        || matches!(site.code, 301 | 302)
}

/// The redirect statuses.
pub const REDIRECTS: &[u32] = &[301, 302, 303, 307, 308];

/// Handlers registered by name (`app.get("/x", list)`), with every method each name is
/// registered for. File-wide: the registration and the function are often far apart, so a check
/// of part of a file takes these from the whole file.
pub type NamedRoutes = HashMap<String, Vec<Method>>;

/// The route handlers of one file.
pub struct Routes<'t, 'c> {
    handlers: Vec<(Node<'t>, Method)>,
    named: &'c NamedRoutes,
    tree: &'t tree_sitter::Tree,
}

impl<'t, 'c> Routes<'t, 'c> {
    pub fn find(cx: &'c Context<'t>) -> Routes<'t, 'c> {
        let (handlers, named) = registrations(cx, cx.matches(Purpose::Routes));
        // The matches cover every registration only when the queries ran over the whole file.
        let whole_file = cx
            .focus
            .iter()
            .any(|r| r.start == 0 && r.end >= cx.source.len());
        let named = if whole_file {
            cx.named_routes.get_or_init(|| named)
        } else {
            cx.named_routes
                .get_or_init(|| registrations(cx, &cx.matches_everywhere(Purpose::Routes)).1)
        };
        Routes {
            handlers,
            named,
            tree: cx.tree,
        }
    }

    /// The method of the route whose handler `node` is in, when one is known for certain.
    pub fn method_of(&self, node: Node<'t>, source: &str) -> Option<Method> {
        for function in ancestors(self.tree, node).filter(|n| is_function(*n)) {
            if let Some((_, method)) = self.handlers.iter().find(|(h, _)| h.id() == function.id()) {
                return Some(*method);
            }
            if let Some(methods) = function_name(function, source).and_then(|n| self.named.get(n)) {
                let first = methods[0];
                return methods.iter().all(|m| *m == first).then_some(first);
            }
        }
        None
    }
}

/// One route registration: the method, and the handler inline (`app.get("/", (req, res) => ..)`,
/// a decorated method) or by the name of a function defined elsewhere (`app.get("/", list)`).
pub struct Registration<'t> {
    pub method: Method,
    pub handler: Option<Node<'t>>,
    pub name: Option<String>,
    /// What the registration is written as: the call (`app.get(..)`), the decorator or
    /// attribute, the exported function. Its path and line come from here.
    pub at: Node<'t>,
    /// The filters a warp route's handler is chained on (`warp::path!("x").and(warp::get())`),
    /// which name its method and path.
    pub filters: Option<Node<'t>>,
}

/// Whether `file` is a Next.js API route: under `pages/api/` (or `src/pages/api/`).
pub fn is_next_api_route(file: &std::path::Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = file.iter().collect();
    parts.windows(2).any(|w| w[0] == "pages" && w[1] == "api")
}

/// The method filter of a warp chain (`warp::get()`, `get()`, `method::post()`): a call with no
/// arguments of a plain or scoped name that is a method, the first in source order.
fn method_filter<'t>(chain: Node<'t>, source: &str) -> Option<Node<'t>> {
    let mut stack = vec![chain];
    let mut found: Option<Node<'t>> = None;
    while let Some(node) = stack.pop() {
        if node.kind() == "call_expression"
            && let (Some(function), Some(arguments)) = (
                node.child_by_field_name("function"),
                node.child_by_field_name("arguments"),
            )
            && arguments.named_child_count() == 0
            && matches!(function.kind(), "identifier" | "scoped_identifier")
            && Method::parse(text(function, source)).is_some_and(|m| m != Method::Any)
            && found.is_none_or(|f| function.start_byte() < f.start_byte())
        {
            found = Some(function);
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    found
}

/// Every registration `matches` hold, in source order.
pub fn registered<'t>(
    cx: &Context<'t>,
    matches: &[super::queries::Match<'t>],
) -> Vec<Registration<'t>> {
    let mut found = Vec::new();
    for m in matches {
        // A warp route: the method is a filter somewhere in the chain before the handler.
        let filters = m
            .get("chain")
            .filter(|_| m.property("verb") == Some("within"));
        let verb = match filters {
            Some(chain) => method_filter(chain, cx.source),
            None => m.get("verb"),
        };
        let Some(verb) = verb else {
            continue;
        };
        let Some(method) = Method::parse(text(verb, cx.source)) else {
            continue;
        };
        // A default export is a route only as a Next.js API route.
        if method == Method::Any && !cx.config.file.as_deref().is_some_and(is_next_api_route) {
            continue;
        }
        if let Some(router) = m.get("router")
            && CLIENTS.contains(&text(router, cx.source))
        {
            continue;
        }
        let call = || {
            ancestors(cx.tree, verb)
                .find(|n| n.kind() == "call_expression")
                .unwrap_or(verb)
        };
        // A default export is registered by the export itself.
        let export = verb.parent().filter(|_| method == Method::Any);
        if let Some(handler) = m.get("handler") {
            let at = if let Some(export) = export {
                export
            } else if handler.kind() == "function_declaration"
                || handler
                    .parent()
                    .is_some_and(|p| p.kind() == "variable_declarator")
            {
                ancestors(cx.tree, handler)
                    .find(|n| n.kind() == "export_statement")
                    .unwrap_or(handler)
            } else if filters.is_some() {
                handler.parent().and_then(|a| a.parent()).unwrap_or(handler)
            } else {
                call()
            };
            found.push(Registration {
                method,
                handler: Some(handler),
                name: None,
                at,
                filters,
            });
        } else if let Some(name) = m.get("handler-name") {
            let name = text(name, cx.source);
            // `h.Create` (Go) names the method `Create`, `handlers::create` the fn `create`.
            let name = name.rsplit("::").next().unwrap_or(name);
            let name = name.rsplit('.').next().unwrap_or(name);
            found.push(Registration {
                method,
                handler: None,
                name: Some(name.to_string()),
                at: match filters {
                    Some(_) => m
                        .get("handler-name")
                        .and_then(|n| n.parent()?.parent())
                        .unwrap_or(verb),
                    None => export.unwrap_or_else(call),
                },
                filters,
            });
        } else if let Some(marker) = m.get("marker")
            && let Some(handler) = marked_function(marker)
        {
            found.push(Registration {
                method,
                handler: Some(handler),
                name: None,
                at: marker,
                filters: None,
            });
        }
    }
    // A warp chain's later `.map(..)` reshapes what an earlier one answered
    // (`.map(show).map(|r| with_header(r, ..))`): the route is the first.
    let inner: Vec<(usize, usize)> = found
        .iter()
        .filter(|r| r.filters.is_some())
        .map(|r| (r.at.start_byte(), r.at.end_byte()))
        .collect();
    found.retain(|r| {
        r.filters.is_none_or(|f| {
            !inner
                .iter()
                .any(|&(start, end)| f.start_byte() <= start && end <= f.end_byte())
        })
    });
    found.sort_by_key(|r| r.at.start_byte());
    found.dedup_by_key(|r| (r.at.id(), r.handler.map(|h| h.id()), r.name.clone()));
    found
}

/// The handlers `matches` register inline or by marker, and those they register by name.
fn registrations<'t>(
    cx: &Context<'t>,
    matches: &[super::queries::Match<'t>],
) -> (Vec<(Node<'t>, Method)>, NamedRoutes) {
    let mut handlers = Vec::new();
    let mut named = NamedRoutes::new();
    for registration in registered(cx, matches) {
        match (registration.handler, registration.name) {
            (Some(handler), _) => handlers.push((handler, registration.method)),
            (None, Some(name)) => named.entry(name).or_default().push(registration.method),
            (None, None) => {}
        }
    }
    (handlers, named)
}

/// The function a decorator or attribute applies to: the method it sits in (JavaScript puts
/// decorators inside `method_definition`) or the next function after it (TypeScript, Rust).
fn marked_function(marker: Node) -> Option<Node> {
    let parent = marker.parent()?;
    if parent.kind() == "method_definition" {
        return Some(parent);
    }
    let mut next = marker.next_named_sibling();
    while let Some(node) = next {
        match node.kind() {
            "method_definition" | "function_item" | "function_definition" => return Some(node),
            "decorator" | "attribute_item" | "line_comment" | "block_comment" | "comment" => {
                next = node.next_named_sibling();
            }
            _ => return None,
        }
    }
    None
}
