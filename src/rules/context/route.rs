//! Which HTTP method a handler serves: `app.post("/x", handler)`, `export async function POST`,
//! `@Post()`, `#[post("/x")]`, `.route("/x", post(create))`. Redirect rules need it, since what
//! 301/302 do to a request depends on its method. The patterns are
//! `queries/<language>/routes.scm`; this module resolves markers (decorators, attributes) and
//! names to the functions they mean.

use super::queries::{self, Purpose};
use super::tree::{ancestors, function_name, is_function, text};
use crate::rules::Context;
use std::collections::HashMap;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// `post`, `POST`, `Post`, `"POST"`, `routing::post` -> Post.
    fn parse(verb: &str) -> Option<Method> {
        let verb = verb.trim_matches(|c| c == '"' || c == '\'' || c == '`');
        let verb = verb.rsplit("::").next().unwrap_or(verb);
        match verb.to_ascii_lowercase().as_str() {
            "get" => Some(Method::Get),
            "post" => Some(Method::Post),
            "put" => Some(Method::Put),
            "patch" => Some(Method::Patch),
            "delete" | "del" => Some(Method::Delete),
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

/// The route handlers of one file.
pub struct Routes<'t> {
    handlers: Vec<(Node<'t>, Method)>,
    /// Handlers registered by name, with every method each name is registered for.
    named: HashMap<String, Vec<Method>>,
}

impl<'t> Routes<'t> {
    pub fn find(cx: &Context<'t>) -> Routes<'t> {
        let mut handlers = Vec::new();
        let mut named: HashMap<String, Vec<Method>> = HashMap::new();
        for m in queries::matches(Purpose::Routes, cx.tree, cx.source, cx.language) {
            let Some(method) = m
                .get("verb")
                .and_then(|v| Method::parse(text(v, cx.source)))
            else {
                continue;
            };
            if let Some(router) = m.get("router")
                && CLIENTS.contains(&text(router, cx.source))
            {
                continue;
            }
            if let Some(handler) = m.get("handler") {
                handlers.push((handler, method));
            } else if let Some(name) = m.get("handler-name") {
                let name = text(name, cx.source);
                let name = name.rsplit("::").next().unwrap_or(name);
                named.entry(name.to_string()).or_default().push(method);
            } else if let Some(handler) = m.get("marker").and_then(marked_function) {
                handlers.push((handler, method));
            }
        }
        Routes { handlers, named }
    }

    /// The method of the route whose handler `node` is in, when one is known for certain.
    pub fn method_of(&self, node: Node<'t>, source: &str) -> Option<Method> {
        for function in ancestors(node).filter(|n| is_function(*n)) {
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
            "method_definition" | "function_item" => return Some(node),
            "decorator" | "attribute_item" | "line_comment" | "block_comment" | "comment" => {
                next = node.next_named_sibling();
            }
            _ => return None,
        }
    }
    None
}
