//! What the framework model (`crate::frameworks`) says about the code around a site: whether a
//! response sends an error (and so the error's status, not 200), whether it is sent from a
//! callback that answers an error with its status already set, and where an error that carries a
//! status is handed to the framework. Rules ask here; the facts are rows in `frameworks/*.toml`.

use super::tree::{ancestors, is_function, text};
use crate::frameworks::ErrorSink;
use crate::rules::Context;
use tree_sitter::Node;

/// The errors row `call` matches in a framework the file uses.
pub fn error_sink<'c>(cx: &'c Context, call: Node) -> Option<&'c ErrorSink> {
    cx.frameworks()
        .iter()
        .flat_map(|f| &f.errors)
        .find(|row| row.call.matches(call, cx.source))
}

/// Whether `response` (a call sending `body` with no status) hands the framework an error it
/// answers with the error's own status: Fastify's `reply.send(err)`.
pub fn sends_an_error(cx: &Context, response: Node, body: Node) -> bool {
    error_sink(cx, response).is_some_and(|row| {
        row.call
            .arguments(response)
            .get(row.argument)
            .is_some_and(|a| a.id() == body.id() && is_error_value(*a, cx.source))
    })
}

/// An expression that is an error: a name like `err`, `error`, `e`, `ex`, `upstreamError`, or a
/// new error (`new Error(..)`, `new NotFoundException()`, `new Boom(..)`).
pub fn is_error_value(node: Node, source: &str) -> bool {
    match node.kind() {
        "identifier" => {
            let name = text(node, source);
            let lower = name.to_ascii_lowercase();
            matches!(
                lower.as_str(),
                "e" | "err" | "error" | "ex" | "exception" | "cause"
            ) || name.ends_with("Error")
                || name.ends_with("Err")
                || name.ends_with("Exception")
        }
        "new_expression" => node
            .child_by_field_name("constructor")
            .is_some_and(|c| is_error_name(text(c, source))),
        "await_expression" | "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| is_error_value(inner, source)),
        _ => false,
    }
}

/// An error class's name: `HttpError`, `NotFoundException`, hapi's `Boom`, or an error status's
/// name under a namespace (http-errors' `createError.NotFound`, `errors.Conflict`).
pub fn is_error_name(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    last.ends_with("Error")
        || last.ends_with("Exception")
        || last == "Boom"
        || (name.contains('.') && error_class_code(last).is_some())
}

/// The status an http-errors class stands for: `NotFound` is 404.
pub fn error_class_code(name: &str) -> Option<u32> {
    error_class_names().get(name).copied()
}

/// `NotFound`, `BadRequest`, `ServiceUnavailable`: the registered 4xx and 5xx phrases as class
/// names, as http-errors exports them.
fn error_class_names() -> &'static std::collections::HashMap<String, u32> {
    static NAMES: std::sync::LazyLock<std::collections::HashMap<String, u32>> =
        std::sync::LazyLock::new(|| {
            crate::catalog::catalog()
                .codes()
                .iter()
                .filter(|c| (400..600).contains(&c.code))
                .filter_map(|c| {
                    let phrase = &c.iana()?.phrase;
                    let name =
                        crate::rules::fix::camel_case(&crate::catalog::screaming_snake(phrase));
                    Some((name, u32::from(c.code)))
                })
                .collect()
        });
    &NAMES
}

/// Whether `node` runs in a callback a framework calls with an error and a response whose status
/// is already the error's (`fastify.setErrorHandler((err, req, reply) => ..)`).
pub fn in_error_handler(cx: &Context, node: Node) -> bool {
    let rows: Vec<_> = cx
        .frameworks()
        .iter()
        .flat_map(|f| &f.error_handlers)
        .collect();
    if rows.is_empty() {
        return false;
    }
    let path: Vec<Node> = ancestors(cx.tree, node).collect();
    path.iter().enumerate().any(|(i, function)| {
        is_function(*function)
            && path.get(i + 2).is_some_and(|call| {
                rows.iter().any(|row| {
                    row.call.matches(*call, cx.source)
                        && row
                            .call
                            .arguments(*call)
                            .get(row.argument)
                            .is_some_and(|a| a.id() == function.id())
                })
            })
    })
}

/// For `err.status = 531`: whether the error `name` in the function around `at` goes to a call
/// that answers with that property (`next(err)`, `throw err`, `reply.send(err)`).
pub fn handed_over(cx: &Context, name: &str, property: &str, at: Node) -> bool {
    let Some(function) = ancestors(cx.tree, at).find(|n| is_function(*n)) else {
        return false;
    };
    let rows: Vec<&ErrorSink> = cx
        .frameworks()
        .iter()
        .flat_map(|f| &f.errors)
        .filter(|row| row.reads.iter().any(|r| r == property))
        .collect();
    if rows.is_empty() {
        return false;
    }
    let mut stack = vec![function];
    while let Some(node) = stack.pop() {
        if node.start_byte() > at.start_byte()
            && rows.iter().any(|row| {
                row.call.matches(node, cx.source)
                    && row
                        .call
                        .arguments(node)
                        .get(row.argument)
                        .is_some_and(|a| a.kind() == "identifier" && text(*a, cx.source) == name)
            })
        {
            return true;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// Whether `name` is a fetch-API response class in a framework the file uses (`Response`,
/// `NextResponse`).
pub fn is_fetch_response(cx: &Context, name: &str) -> bool {
    cx.frameworks()
        .iter()
        .any(|f| f.fetch_responses.iter().any(|r| r == name))
}

/// The status the framework's own form of the redirect call at `call` sends when it names none
/// (`NextResponse.redirect(url)` is 307), if the model has a row for it.
pub fn implicit_redirect(cx: &Context, call: Node) -> Option<u16> {
    cx.frameworks()
        .iter()
        .flat_map(|f| &f.implicit)
        .find(|row| row.redirect && row.call.matches(call, cx.source))
        .map(|row| row.status)
}

/// Whether the model says a body assigned at `assignment` goes out with 200 when no status is
/// set (Koa's `ctx.body = ..`).
pub fn body_alone_is_200(cx: &Context, assignment: Node) -> bool {
    cx.frameworks()
        .iter()
        .flat_map(|f| &f.bodies)
        .any(|call| call.matches(assignment, cx.source))
}
