//! Every route handler of a file with the statuses it can send: what `statuslint routes` prints
//! and the server's code lens shows. A handler is what `queries/<language>/routes.scm` registers
//! (the same registrations the redirect rules read); its statuses are the model's, not a second
//! reading of the code: the sites it sends or throws (with their values through names), the
//! responses that rely on the default 200 (`rules::context::body::default_status`), the
//! framework's own 500 when an error can escape, and the same for helpers in the file it hands
//! its response to. What cannot be followed (a helper from another file, Rust's `?`) is named,
//! never guessed.

pub mod declared;
pub mod declaring;
pub mod openapi;
pub mod openapi_edit;

use crate::rules::Context;
use crate::rules::context::model;
use crate::rules::context::queries::Purpose;
use crate::rules::context::route::registered;
use crate::rules::context::tree::{ancestors, function_name, is_function, text};
use crate::syntax::{Role, SiteKind};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use tree_sitter::Node;

/// One route: how it is registered and what it can answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    pub method: &'static str,
    /// The path as written (`/users/:id`, `/users/{id}`), with a NestJS controller's prefix, or
    /// a Next.js route file's folder path. Empty when the registration does not say.
    pub path: String,
    /// 1-based line of the registration.
    pub line: usize,
    #[serde(skip)]
    pub at: Range<usize>,
    /// The handler's function, when the registration names one the file defines.
    #[serde(skip)]
    pub handler: Option<Range<usize>>,
    pub statuses: Vec<Status>,
    /// Calls the statuses may come from that the model cannot follow (`handleError`, or `?` in
    /// Rust, whose error type's conversion decides).
    pub unfollowed: Vec<String>,
    /// The responses the route declares beside it (Fastify's schema, NestJS's `@ApiResponse`,
    /// utoipa), when it declares any.
    pub declared: Option<declared::Declared>,
}

/// A status a route can send, where, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub code: u32,
    /// 1-based line where it is sent.
    pub line: usize,
    pub how: How,
    #[serde(skip)]
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Set by the code: `res.status(404)`, `StatusCode::NOT_FOUND`.
    Set,
    /// Not set: a body sent alone goes out with the default 200.
    Default,
    /// Raised as an error the framework turns into the status: `ctx.throw(404)`,
    /// `err.status = 422; next(err)`.
    Thrown,
    /// A redirect's status, written or the call's own (`res.redirect(url)` is 302).
    Redirect,
    /// The framework's own 500 for an error the handler lets escape (`await` or `throw` outside
    /// a `try`).
    Framework,
}

impl How {
    pub fn label(self) -> &'static str {
        match self {
            How::Set => "set",
            How::Default => "default",
            How::Thrown => "thrown",
            How::Redirect => "redirect",
            How::Framework => "framework",
        }
    }
}

/// Whether `source` holds a word some `routes.scm` pattern needs (`.get(`, `@Post(`, `GET`,
/// `get(`, `path!(`, a default export in a Next.js API route `file`): most files register no
/// route and need not be parsed for their routes.
pub fn may_register(source: &str, language: crate::syntax::Language, file: Option<&Path>) -> bool {
    const RUST: &[&str] = &[
        "get(", "post(", "put(", "patch(", "delete(", "#[get", "#[post", "#[put", "#[patch",
        "#[delete", "path!(",
    ];
    const JAVASCRIPT: &[&str] = &[
        ".get(", ".post(", ".put(", ".patch(", ".delete(", ".del(", "route(", "@Get(", "@Post(",
        "@Put(", "@Patch(", "@Delete(", "GET", "POST", "PUT", "PATCH", "DELETE",
    ];
    const PYTHON: &[&str] = &[
        ".get(",
        ".post(",
        ".put(",
        ".patch(",
        ".delete(",
        ".route(",
        "api_view(",
    ];
    const GO: &[&str] = &[
        ".GET(",
        ".POST(",
        ".PUT(",
        ".PATCH(",
        ".DELETE(",
        ".Get(",
        ".Post(",
        ".Put(",
        ".Patch(",
        ".Delete(",
        "HandleFunc(\"",
        "Handle(\"",
    ];
    let needles = match language.family() {
        crate::syntax::Family::Javascript => JAVASCRIPT,
        crate::syntax::Family::Rust => RUST,
        crate::syntax::Family::Python => PYTHON,
        crate::syntax::Family::Go => GO,
    };
    needles.iter().any(|needle| source.contains(needle))
        || (language.is_javascript()
            && file.is_some_and(crate::rules::context::route::is_next_api_route)
            && source.contains("export default"))
}

/// The routes of a checked file, in source order. The file's path (`Config::file`) is the path
/// of routes whose path is the file's place (Next.js's `app/.../route.ts`).
pub fn find(cx: &Context) -> Vec<Route> {
    find_with(cx, &declared::all(cx))
}

/// [`find`], given the file's declarations (`declared::all`) when the caller has them already.
pub fn find_with<'t>(cx: &Context<'t>, declarations: &[declared::Declaration<'t>]) -> Vec<Route> {
    let file = cx.config.file.as_deref();
    // Over the whole file: a check's focus (its sites and hits) may not touch a registration made
    // away from its handler (`Router::new().route("/x", get(show))`).
    let registrations = registered(cx, &cx.matches_everywhere(Purpose::Routes));
    if registrations.is_empty() {
        return Vec::new();
    }
    let functions = functions_by_name(cx);
    let lines = LineStarts::new(cx.source);
    // The responses that rely on the default status, found once for every handler to share.
    let defaults: Vec<DefaultResponse> = if cx.language.is_rust() {
        Vec::new()
    } else {
        crate::rules::context::body::default_status(cx)
            .into_iter()
            .map(|d| DefaultResponse {
                at: d.whole.start_byte(),
                callee: d.callee.byte_range(),
                in_helper: d.in_helper,
            })
            .collect()
    };
    let mut routes = Vec::new();
    for registration in registrations {
        let handler = registration.handler.or_else(|| {
            registration
                .name
                .as_deref()
                .and_then(|n| functions.get(n).copied())
        });
        let mut statuses = Vec::new();
        let mut unfollowed = Vec::new();
        match handler {
            Some(handler) => {
                let mut seen = vec![handler.id()];
                collect(
                    cx,
                    handler,
                    &functions,
                    &lines,
                    &defaults,
                    &mut seen,
                    &mut statuses,
                    &mut unfollowed,
                    0,
                );
                // A decorator or attribute before the handler may set its status (`@HttpCode(201)`).
                // Only a marker stands there: between a call registering a handler by name and
                // the function, far below, lies other code (`r.GET("/x", show)` ... `func show`).
                let marked = if matches!(registration.at.kind(), "decorator" | "attribute_item") {
                    registration.at.start_byte()..handler.start_byte()
                } else {
                    0..0
                };
                let mut set_by_marker = false;
                // Not a declaration's own code (`@ApiResponse({ status: 200 })` documents, it
                // does not set).
                let in_declaration = |at: usize| {
                    declarations
                        .iter()
                        .any(|(_, _, holder, _)| holder.byte_range().contains(&at))
                };
                for site in cx
                    .sites
                    .iter()
                    .filter(|s| marked.contains(&s.range.start) && !in_declaration(s.range.start))
                {
                    if site.kind.sends() {
                        set_by_marker = true;
                        statuses.push(Status {
                            code: site.code,
                            line: lines.line(site.range.start),
                            how: How::Set,
                            range: site.range.clone(),
                        });
                    }
                }
                if !set_by_marker
                    && let Some(returns) = cx.frameworks().iter().find_map(|f| f.returns.as_ref())
                {
                    let code = u32::from(returns.status_for(registration.method.name()));
                    let holds_a_site = |node: Node| {
                        cx.sites
                            .iter()
                            .any(|s| node.byte_range().contains(&s.range.start))
                    };
                    // `let status = StatusCode::from_u16(531)..; return (status, body)`: a name
                    // whose value starts with a status (not `let item = load().ok_or(404)?`).
                    let is_a_status = |node: Node| {
                        cx.sites.iter().any(|s| {
                            // The site opens the value, or is the argument of the call that does
                            // (`StatusCode::from_u16(531)`).
                            let before = cx.source.get(node.start_byte()..s.range.start);
                            before.is_some_and(|b| {
                                b.is_empty() || (b.ends_with('(') && b.matches('(').count() == 1)
                            })
                        })
                    };
                    let carriers = bound_to(handler, cx.source, &is_a_status);
                    for returned in returned_values(handler) {
                        if !holds_a_site(returned) && !mentions_any(returned, &carriers, cx.source)
                        {
                            statuses.push(Status {
                                code,
                                line: lines.line(returned.start_byte()),
                                how: How::Default,
                                range: returned.byte_range(),
                            });
                        }
                    }
                }
            }
            None => unfollowed.extend(registration.name.clone()),
        }
        statuses.sort_by_key(|s| (s.line, s.code, s.how));
        statuses.dedup_by_key(|s| (s.line, s.code, s.how));
        unfollowed.sort();
        unfollowed.dedup();
        let zone = declaration_zone(&registration.at, handler);
        let mut mine = declared::Declared {
            responses: Vec::new(),
            holders: Vec::new(),
        };
        for (response, node, holder, kind) in declarations {
            if zone.contains(&holder.start_byte()) {
                mine.responses.push((*response, node.byte_range()));
                let holder = declared::Holder {
                    range: holder.byte_range(),
                    kind: *kind,
                };
                if !mine.holders.contains(&holder) {
                    mine.holders.push(holder);
                }
            }
        }
        routes.push(Route {
            method: registration.method.name(),
            path: match registration.filters {
                Some(filters) => warp_path(filters, cx.source),
                None => path_of(cx, &registration.at, handler, file),
            },
            line: lines.line(registration.at.start_byte()),
            at: registration.at.byte_range(),
            handler: handler.map(|h| h.byte_range()),
            statuses,
            unfollowed,
            declared: (!mine.responses.is_empty()).then_some(mine),
        });
    }
    routes
}

/// Where a route's declarations stand: inside its registration (`fastify.get("/", { schema },
/// handler)`), or among the decorators and attributes before its handler's body.
fn declaration_zone(at: &Node, handler: Option<Node>) -> Range<usize> {
    let mut start = at.start_byte();
    let mut end = at.end_byte();
    if matches!(at.kind(), "decorator" | "attribute_item") {
        let mut previous = at.prev_named_sibling();
        while let Some(node) = previous {
            if !matches!(
                node.kind(),
                "decorator" | "attribute_item" | "comment" | "line_comment" | "block_comment"
            ) {
                break;
            }
            start = node.start_byte();
            previous = node.prev_named_sibling();
        }
        if let Some(handler) = handler {
            end = handler
                .child_by_field_name("body")
                .map_or(handler.start_byte(), |b| b.start_byte());
        }
    }
    start..end.max(start)
}

/// A response sent relying on the default status (see `rules::context::body::default_status`).
struct DefaultResponse {
    at: usize,
    callee: Range<usize>,
    in_helper: bool,
}

/// Helpers are followed this deep: a handler's helper's helper, no further.
const HELPER_DEPTH: usize = 2;

#[allow(clippy::too_many_arguments)]
fn collect<'t>(
    cx: &Context<'t>,
    function: Node<'t>,
    functions: &HashMap<&'t str, Node<'t>>,
    lines: &LineStarts,
    defaults: &[DefaultResponse],
    seen: &mut Vec<usize>,
    statuses: &mut Vec<Status>,
    unfollowed: &mut Vec<String>,
    depth: usize,
) {
    let range = function.byte_range();
    let inside = |at: usize| range.contains(&at);
    for site in cx.sites.iter().filter(|s| inside(s.range.start)) {
        let role = cx.role(site);
        if !role.goes_out() || !site.kind.sends() {
            continue;
        }
        let how = match (role, site.kind) {
            (_, SiteKind::Redirect) => How::Redirect,
            (Role::Thrown, _) => How::Thrown,
            _ => How::Set,
        };
        statuses.push(Status {
            code: site.code,
            line: lines.line(site.range.start),
            how,
            range: site.range.clone(),
        });
    }
    if !cx.language.is_rust() {
        for default in defaults {
            if inside(default.at) && (depth > 0 || !default.in_helper) {
                statuses.push(Status {
                    code: 200,
                    line: lines.line(default.at),
                    how: How::Default,
                    range: default.callee.clone(),
                });
            }
        }
        if let Some(escape) = escaping_error(function) {
            statuses.push(Status {
                code: 500,
                line: lines.line(escape.start_byte()),
                how: How::Framework,
                range: escape.byte_range(),
            });
        }
    } else if has_kind(function, "try_expression") {
        // The error's own conversion (`IntoResponse`, `ResponseError`) decides its status.
        unfollowed.push("?".to_string());
    }
    // Helpers the handler hands its response to (not its request: a loader sends nothing).
    let parameters: Vec<&str> = parameter_names(function, cx.source)
        .into_iter()
        .filter(|p| crate::syntax::sites::looks_like_response(p))
        .collect();
    for node in own_nodes(function) {
        // An http-errors instance thrown or handed to the framework (`reply.send(new
        // errors.NotFound())`, `throw new createError.Conflict()`): the class names the status.
        if node.kind() == "new_expression"
            && let Some(constructor) = node.child_by_field_name("constructor")
            && let Some(code) = error_class(text(constructor, cx.source))
            && node.parent().is_some_and(|p| {
                p.kind() == "throw_statement"
                    || (p.kind() == "arguments"
                        && p.parent()
                            .is_some_and(|call| model::error_sink(cx, call).is_some()))
            })
        {
            statuses.push(Status {
                code,
                line: lines.line(node.start_byte()),
                how: How::Thrown,
                range: constructor.byte_range(),
            });
        }
        if node.kind() == "call_expression"
            && let Some(callee) = node.child_by_field_name("function")
            && matches!(callee.kind(), "identifier" | "scoped_identifier")
            && let Some(arguments) = node.child_by_field_name("arguments")
            && passes_one_of(arguments, &parameters, cx.source)
        {
            let name = text(callee, cx.source);
            let name = name.rsplit("::").next().unwrap_or(name);
            match functions.get(name) {
                Some(helper) if !seen.contains(&helper.id()) && depth < HELPER_DEPTH => {
                    seen.push(helper.id());
                    collect(
                        cx,
                        *helper,
                        functions,
                        lines,
                        defaults,
                        seen,
                        statuses,
                        unfollowed,
                        depth + 1,
                    );
                }
                Some(_) => {}
                None if !is_framework_call(name) => unfollowed.push(name.to_string()),
                None => {}
            }
        }
    }
}

/// `errors.NotFound` -> 404: a namespaced http-errors class.
fn error_class(constructor: &str) -> Option<u32> {
    let (namespace, name) = constructor.rsplit_once('.')?;
    (!namespace.is_empty()).then_some(())?;
    model::error_class_code(name)
}

/// Calls that take the response without answering for the handler: the error hand-off the model
/// reads already (`next(err)`), the platform's own functions, a test's assertions.
fn is_framework_call(name: &str) -> bool {
    matches!(
        name,
        "next" | "Ok" | "Err" | "Some" | "Json" | "Html" | "format" | "expect" | "assert"
    )
}

/// The first `await` or `throw` outside a `try` in `function` (not in a function nested in it):
/// an error there reaches the framework, which answers 500.
fn escaping_error(function: Node) -> Option<Node> {
    let mut stack = vec![function];
    let mut first: Option<Node> = None;
    while let Some(node) = stack.pop() {
        match node.kind() {
            "try_statement" => {
                // Errors in the handler's catch or finally escape; those in its block do not.
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    if child.kind() != "statement_block" {
                        stack.push(child);
                    }
                }
                continue;
            }
            "await_expression" | "throw_statement"
                if first.is_none_or(|f| node.start_byte() < f.start_byte()) =>
            {
                first = Some(node);
            }
            _ => {}
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.id() == function.id() || !is_function(child) {
                stack.push(child);
            }
        }
    }
    first
}

/// The nodes of `function` that run when it is called: not those of functions nested in it.
fn own_nodes(function: Node) -> Vec<Node> {
    let mut own = Vec::new();
    let mut stack = vec![function];
    while let Some(node) = stack.pop() {
        own.push(node);
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if child.id() == function.id() || !is_function(child) {
                stack.push(child);
            }
        }
    }
    own
}

/// What `function` returns to the framework: each `return` with a value, an arrow function's
/// expression body, a Rust block's tail expression (not those of functions nested in it).
fn returned_values(function: Node) -> Vec<Node> {
    let mut found = Vec::new();
    if let Some(body) = function.child_by_field_name("body") {
        match body.kind() {
            "statement_block" => {}
            "block" => {
                let count = body.named_child_count();
                if let Some(last) = (0..count)
                    .rev()
                    .filter_map(|i| body.named_child(i))
                    .find(|n| !n.is_extra())
                    && !matches!(
                        last.kind(),
                        "expression_statement" | "let_declaration" | "empty_statement"
                    )
                    && body
                        .child(body.child_count().saturating_sub(2))
                        .is_none_or(|n| n.kind() != ";")
                {
                    found.push(last);
                }
            }
            _ => found.push(body),
        }
    }
    for node in own_nodes(function) {
        if matches!(node.kind(), "return_statement" | "return_expression")
            && let Some(value) = node.named_child(0)
        {
            found.push(value);
        }
    }
    found
}

/// The names `function` binds to a value holding a status (`let status = StatusCode::OK`).
fn bound_to<'s>(function: Node, source: &'s str, holds: &dyn Fn(Node) -> bool) -> Vec<&'s str> {
    let mut names = Vec::new();
    let mut stack = vec![function];
    while let Some(node) = stack.pop() {
        if matches!(node.kind(), "let_declaration" | "variable_declarator")
            && let (Some(name), Some(value)) = (
                node.child_by_field_name("pattern")
                    .or_else(|| node.child_by_field_name("name")),
                node.child_by_field_name("value"),
            )
            && name.kind() == "identifier"
            && holds(value)
        {
            names.push(text(name, source));
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    names
}

fn mentions_any(node: Node, names: &[&str], source: &str) -> bool {
    if names.is_empty() {
        return false;
    }
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if current.kind() == "identifier" && names.contains(&text(current, source)) {
            return true;
        }
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

fn has_kind(node: Node, kind: &str) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.kind() == kind {
            return true;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// The names of `function`'s parameters (`req`, `res`, `next`; `ctx`; `c`).
fn parameter_names<'s>(function: Node, source: &'s str) -> Vec<&'s str> {
    let Some(parameters) = function
        .child_by_field_name("parameters")
        .or_else(|| function.child_by_field_name("parameter"))
    else {
        return Vec::new();
    };
    if parameters.kind() == "identifier" {
        return vec![text(parameters, source)];
    }
    let mut names = Vec::new();
    let mut cursor = parameters.walk();
    for parameter in parameters.named_children(&mut cursor) {
        let name = match parameter.kind() {
            "identifier" => Some(parameter),
            _ => parameter
                .child_by_field_name("pattern")
                .or_else(|| parameter.child_by_field_name("left"))
                .filter(|n| n.kind() == "identifier"),
        };
        names.extend(name.map(|n| text(n, source)));
    }
    names
}

fn passes_one_of(arguments: Node, names: &[&str], source: &str) -> bool {
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .any(|a| a.kind() == "identifier" && names.contains(&text(a, source)))
}

/// The functions of the file by name: a named handler's definition, and helpers.
fn functions_by_name<'t>(cx: &Context<'t>) -> HashMap<&'t str, Node<'t>> {
    let mut found = HashMap::new();
    let mut stack = vec![cx.tree.root_node()];
    while let Some(node) = stack.pop() {
        if is_function(node)
            && let Some(name) = function_name(node, cx.source)
        {
            found.entry(name).or_insert(node);
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    found
}

/// The path a registration names, as written.
fn path_of(cx: &Context, at: &Node, handler: Option<Node>, file: Option<&Path>) -> String {
    match at.kind() {
        // Next.js: `export async function GET` in `app/api/orders/[id]/route.ts`, or the default
        // export of `pages/api/orders/[id].ts`.
        "export_statement" => match file {
            Some(file) if crate::rules::context::route::is_next_api_route(file) => {
                next_api_path(file)
            }
            Some(file) => next_route_path(file),
            None => String::new(),
        },
        // NestJS: `@Get(":id")` under `@Controller("users")`; Python: `@router.get("/{id}")`
        // with `router = APIRouter(prefix="/items")`.
        "decorator" => {
            let own = first_string(*at, cx.source).unwrap_or_default();
            if let Some(prefix) = router_of(*at)
                .map(|r| group_prefix(cx, r, 0))
                .filter(|p| !p.is_empty())
            {
                return join(&prefix, &own);
            }
            let prefix = handler
                .and_then(|h| {
                    ancestors(cx.tree, h).find(|n| {
                        matches!(
                            n.kind(),
                            "class_declaration" | "class" | "abstract_class_declaration"
                        )
                    })
                })
                .and_then(|class| controller_prefix(class, cx.source))
                .unwrap_or_default();
            join(&prefix, &own)
        }
        // `#[get("/users/<id>")]` (actix-web, rocket).
        "attribute_item" => first_string(*at, cx.source).unwrap_or_default(),
        _ => {
            let path = registration_path(cx, *at).unwrap_or_default();
            // net/http's `"POST /items"`: the path after the method.
            let path = match path.split_once(' ') {
                Some((method, rest)) if method.chars().all(|c| c.is_ascii_uppercase()) => {
                    rest.trim().to_string()
                }
                _ => path,
            };
            match router_of(*at).map(|r| group_prefix(cx, r, 0)) {
                Some(prefix) if !prefix.is_empty() => join(&prefix, &path),
                _ => path,
            }
        }
    }
}

/// The router a Go registration (`api.GET("/x", h)`) or a Python route decorator
/// (`@router.get("/x")`) is called on.
fn router_of(at: Node) -> Option<Node> {
    let call = match at.kind() {
        "decorator" => at.named_child(0).filter(|c| c.kind() == "call")?,
        "call_expression" => at,
        _ => return None,
    };
    let function = call.child_by_field_name("function")?;
    match function.kind() {
        "selector_expression" => function.child_by_field_name("operand"),
        "attribute" => function.child_by_field_name("object"),
        _ => None,
    }
}

/// The path prefix of a router made in this file as a group of another: gin's, echo's and
/// fiber's `api := r.Group("/api")`, FastAPI's `router = APIRouter(prefix="/items")`, Flask's
/// `bp = Blueprint("items", __name__, url_prefix="/items")`, each group's own prefix after its
/// parent's.
fn group_prefix(cx: &Context, router: Node, depth: usize) -> String {
    if depth > 4 || router.kind() != "identifier" {
        return String::new();
    }
    let name = text(router, cx.source);
    let mut stack = vec![cx.tree.root_node()];
    while let Some(node) = stack.pop() {
        let (left, right) = match node.kind() {
            "short_var_declaration" | "assignment_statement" | "assignment" => (
                node.child_by_field_name("left"),
                node.child_by_field_name("right"),
            ),
            _ => {
                let mut cursor = node.walk();
                stack.extend(node.named_children(&mut cursor));
                continue;
            }
        };
        let (Some(left), Some(right)) = (left, right) else {
            continue;
        };
        let left = if left.kind() == "expression_list" {
            left.named_child(0)
        } else {
            Some(left)
        };
        let right = if right.kind() == "expression_list" {
            right.named_child(0)
        } else {
            Some(right)
        };
        let (Some(left), Some(call)) = (
            left,
            right.filter(|r| matches!(r.kind(), "call_expression" | "call")),
        ) else {
            continue;
        };
        if text(left, cx.source) != name {
            continue;
        }
        let Some(function) = call.child_by_field_name("function") else {
            continue;
        };
        let callee = text(function, cx.source);
        let last = callee.rsplit('.').next().unwrap_or(callee);
        let arguments = call.child_by_field_name("arguments");
        let keyword = |wanted: &str| {
            let arguments = arguments?;
            let mut cursor = arguments.walk();
            let found = arguments.named_children(&mut cursor).find(|a| {
                a.kind() == "keyword_argument"
                    && a.child_by_field_name("name")
                        .is_some_and(|n| text(n, cx.source) == wanted)
            });
            found
                .and_then(|a| a.child_by_field_name("value"))
                .and_then(|v| string_value(v, cx.source))
        };
        return match last {
            "Group" => {
                let own = call
                    .child_by_field_name("arguments")
                    .and_then(|_| first_argument_string(call, cx.source))
                    .unwrap_or_default();
                let parent = function
                    .child_by_field_name("operand")
                    .map(|o| group_prefix(cx, o, depth + 1))
                    .unwrap_or_default();
                join(&parent, &own)
            }
            "APIRouter" => keyword("prefix").unwrap_or_default(),
            "Blueprint" => keyword("url_prefix").unwrap_or_default(),
            _ => String::new(),
        };
    }
    String::new()
}

/// The path a warp route's filters match, in the order they are chained: `warp::path!("users" /
/// u32)` is `/users/{}`, as are `warp::path("users").and(warp::path::param())`.
fn warp_path(filters: Node, source: &str) -> String {
    let mut segments: Vec<(usize, String)> = Vec::new();
    let mut stack = vec![filters];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "macro_invocation"
                if node
                    .child_by_field_name("macro")
                    .is_some_and(|m| text(m, source).rsplit("::").next() == Some("path")) =>
            {
                let mut cursor = node.walk();
                let Some(tokens) = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind() == "token_tree")
                else {
                    continue;
                };
                let mut cursor = tokens.walk();
                for token in tokens.named_children(&mut cursor) {
                    let segment = match token.kind() {
                        "string_literal" => text(token, source).trim_matches('"').to_string(),
                        "identifier" | "primitive_type" | "scoped_identifier"
                        | "type_identifier" => "{}".to_string(),
                        _ => continue,
                    };
                    segments.push((token.start_byte(), segment));
                }
                continue;
            }
            "call_expression" => {
                // `warp::path::param::<u32>()` names its function through a turbofish.
                let function = node
                    .child_by_field_name("function")
                    .map(|f| match f.kind() {
                        "generic_function" => f.child_by_field_name("function").unwrap_or(f),
                        _ => f,
                    })
                    .map(|f| text(f, source))
                    .unwrap_or_default();
                let last: Vec<&str> = function.rsplit("::").take(2).collect();
                match last.as_slice() {
                    ["path", ..] => {
                        if let Some(path) = first_argument_string(node, source) {
                            segments.push((node.start_byte(), path));
                        }
                    }
                    ["param", "path", ..] | ["param"] => {
                        segments.push((node.start_byte(), "{}".to_string()));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    segments.sort();
    let parts: Vec<&str> = segments
        .iter()
        .map(|(_, s)| s.trim_matches('/'))
        .filter(|s| !s.is_empty())
        .collect();
    format!("/{}", parts.join("/"))
}

/// A call registering a route carries its path as its first argument (`app.get("/x", ..)`), or
/// a call it is chained on does (`app.route("/x").get(..)`, axum's `.route("/x", get(h))`,
/// actix-web's `web::resource("/x").route(..)`), or an options object does
/// (`fastify.route({ url: "/x" })`, hapi's `path`).
fn registration_path(cx: &Context, at: Node) -> Option<String> {
    let mut node = Some(at);
    for _ in 0..8 {
        let current = node?;
        if matches!(
            current.kind(),
            "expression_statement"
                | "let_declaration"
                | "function_item"
                | "statement_block"
                | "block"
        ) {
            return None;
        }
        if current.kind() == "call_expression" {
            if let Some(path) = first_argument_string(current, cx.source) {
                return Some(path);
            }
            if let Some(options) = first_argument(current).filter(|a| a.kind() == "object") {
                let mut cursor = options.walk();
                for pair in options.named_children(&mut cursor) {
                    if pair.kind() == "pair"
                        && let (Some(key), Some(value)) = (
                            pair.child_by_field_name("key"),
                            pair.child_by_field_name("value"),
                        )
                        && matches!(text(key, cx.source), "url" | "path")
                        && let Some(path) = string_value(value, cx.source)
                    {
                        return Some(path);
                    }
                }
            }
            // Chained on a call that names the path: `app.route("/x").get(..)`.
            if let Some(function) = current.child_by_field_name("function")
                && let Some(object) = function
                    .child_by_field_name("object")
                    .or_else(|| function.child_by_field_name("value"))
                && object.kind() == "call_expression"
                && let Some(path) = first_argument_string(object, cx.source)
            {
                return Some(path);
            }
        }
        node = current.parent();
    }
    None
}

fn first_argument(call: Node) -> Option<Node> {
    let arguments = call.child_by_field_name("arguments")?;
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .find(|n| !n.is_extra())
}

fn first_argument_string(call: Node, source: &str) -> Option<String> {
    string_value(first_argument(call)?, source)
}

/// A string literal's text without its quotes (a template without substitutions too).
fn string_value(node: Node, source: &str) -> Option<String> {
    match node.kind() {
        "string" | "string_literal" | "raw_string_literal" | "interpreted_string_literal" => {
            let raw = text(node, source);
            Some(
                raw.trim_start_matches('r')
                    .trim_matches(|c| c == '"' || c == '\'' || c == '#' || c == '`')
                    .to_string(),
            )
        }
        "template_string" if !has_kind(node, "template_substitution") => {
            Some(text(node, source).trim_matches('`').to_string())
        }
        _ => None,
    }
}

/// The first string literal inside `node`: a decorator's or attribute's argument.
fn first_string(node: Node, source: &str) -> Option<String> {
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if let Some(value) = string_value(current, source) {
            return Some(value);
        }
        let mut cursor = current.walk();
        let children: Vec<Node> = current.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

/// `@Controller("users")` on a NestJS class (TypeScript puts class decorators before the class,
/// as children of it or of the export around it).
fn controller_prefix(class: Node, source: &str) -> Option<String> {
    let mut candidates = Vec::new();
    let mut cursor = class.walk();
    candidates.extend(
        class
            .named_children(&mut cursor)
            .filter(|n| n.kind() == "decorator"),
    );
    if let Some(parent) = class.parent() {
        let mut cursor = parent.walk();
        candidates.extend(
            parent
                .named_children(&mut cursor)
                .filter(|n| n.kind() == "decorator"),
        );
    }
    candidates
        .into_iter()
        .find(|d| text(*d, source).starts_with("@Controller"))
        .map(|d| first_string(d, source).unwrap_or_default())
}

fn join(prefix: &str, own: &str) -> String {
    let parts: Vec<&str> = [prefix, own]
        .iter()
        .flat_map(|p| p.split('/'))
        .filter(|p| !p.is_empty())
        .collect();
    format!("/{}", parts.join("/"))
}

/// `app/api/orders/[id]/route.ts` -> `/api/orders/[id]`: the folders below `app/`, without route
/// groups (`(shop)`).
fn next_route_path(file: &Path) -> String {
    let parts: Vec<String> = file
        .parent()
        .map(|p| p.iter().map(|s| s.to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    let Some(app) = parts.iter().rposition(|p| p == "app") else {
        return String::new();
    };
    let below: Vec<&str> = parts[app + 1..]
        .iter()
        .map(String::as_str)
        .filter(|p| !(p.starts_with('(') && p.ends_with(')')))
        .collect();
    format!("/{}", below.join("/"))
}

/// `pages/api/orders/[id].ts` -> `/api/orders/[id]`, `pages/api/orders/index.ts` ->
/// `/api/orders`: the file's place below `pages/`, without its extension or an `index`.
fn next_api_path(file: &Path) -> String {
    let parts: Vec<String> = file
        .with_extension("")
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let Some(pages) = parts
        .windows(2)
        .rposition(|w| w[0] == "pages" && w[1] == "api")
    else {
        return String::new();
    };
    let mut below: Vec<&str> = parts[pages + 1..].iter().map(String::as_str).collect();
    if below.last() == Some(&"index") {
        below.pop();
    }
    format!("/{}", below.join("/"))
}

/// 1-based line numbers of byte offsets.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(source: &str) -> LineStarts {
        LineStarts(
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
                .collect(),
        )
    }

    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}
