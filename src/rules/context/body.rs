//! Response bodies: which body a status is sent with (`res.status(200).json({...})`,
//! `c.json({...}, 200)`, `(StatusCode::OK, Json(json!({...})))`), and what the body says about the
//! outcome. The patterns are `queries/<language>/bodies.scm`; a body that names an error
//! (`{ error: ... }`, `{ success: false }`) contradicts a 2xx, one that claims success contradicts
//! a 4xx or 5xx.

use super::queries::Purpose;
use super::tree::{contains, text};
use crate::rules::{Context, Edit};
use crate::syntax::Family;
use tree_sitter::Node;

/// How a platform treats a body on a status that forbids one (204, 205, 304).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Node's `http` (Express, Fastify, hapi): the body is dropped without a word.
    Node,
    /// The fetch API's `Response` (Next.js, Hono, Remix): the constructor throws a `TypeError`.
    Fetch,
    /// hyper (axum, actix-web): the body is dropped.
    Rust,
    /// Go's net/http: the write fails with `http.ErrBodyNotAllowed`.
    Go,
    /// Python's ASGI and WSGI servers: h11 (uvicorn) fails the response, others send it.
    Python,
}

pub struct Response<'t> {
    /// The whole expression that sends status and body.
    pub whole: Node<'t>,
    pub body: Node<'t>,
    pub api: Api,
    /// Only `null`/`undefined` mean "no body" here (`new Response("", ...)` has one).
    pub null_only: bool,
}

/// The responses of one file that carry a body.
pub struct Responses<'t> {
    list: Vec<Response<'t>>,
    /// Response node id -> indexes in `list`, so `of_status` walks the status's ancestors instead
    /// of scanning every response for every site.
    by_whole: std::collections::HashMap<usize, Vec<usize>>,
    tree: &'t tree_sitter::Tree,
    source: &'t str,
}

impl<'t> Responses<'t> {
    pub fn find(cx: &Context<'t>) -> Responses<'t> {
        let list: Vec<Response> = cx
            .matches(Purpose::Bodies)
            .iter()
            .filter_map(|m| {
                let api = match m.property("api")? {
                    "node" => Api::Node,
                    "fetch" => Api::Fetch,
                    "go" => Api::Go,
                    "python" => Api::Python,
                    _ => Api::Rust,
                };
                Some(Response {
                    whole: m.get("response")?,
                    body: m.get("body")?,
                    api,
                    null_only: m.property("null-only") == Some("true"),
                })
            })
            .collect();
        let mut by_whole: std::collections::HashMap<usize, Vec<usize>> =
            std::collections::HashMap::new();
        for (index, response) in list.iter().enumerate() {
            by_whole.entry(response.whole.id()).or_default().push(index);
        }
        Responses {
            list,
            by_whole,
            tree: cx.tree,
            source: cx.source,
        }
    }

    /// Whether `node` is part of a response's body: `{ statusCode: 418 }` in
    /// `reply.code(418).send({ statusCode: 418 })` describes the body, it sends nothing.
    pub fn in_body(&self, node: Node<'t>, ancestors: &[Node<'t>]) -> bool {
        ancestors
            .iter()
            .filter_map(|a| self.by_whole.get(&a.id()))
            .flatten()
            .any(|&i| contains(self.list[i].body, node))
    }

    /// The response whose status `status` is: the innermost one around it, `status` not being
    /// part of its body.
    pub fn of_status(&self, status: Node<'t>) -> Option<&Response<'t>> {
        // The nearest enclosing response is the smallest one containing the status.
        std::iter::once(status)
            .chain(super::tree::ancestors(self.tree, status))
            .filter_map(|node| self.by_whole.get(&node.id()))
            .flat_map(|indexes| indexes.iter().map(|&i| &self.list[i]))
            .filter(|r| contains(r.whole, status) && !contains(r.body, status))
            .min_by_key(|r| r.whole.byte_range().len())
            .or_else(|| self.set_apart(status))
    }

    /// The body a status set in a statement of its own goes out with: Koa's `ctx.status = 401;
    /// ctx.body = { .. }` (either order), the two statements within a few of each other in one
    /// block, on the same object.
    fn set_apart(&self, status: Node<'t>) -> Option<&Response<'t>> {
        const NEAR: usize = 3;
        if let Some(found) = self.written_after(status, NEAR) {
            return Some(found);
        }
        let assignment = std::iter::once(status)
            .chain(super::tree::ancestors(self.tree, status))
            .take(3)
            .find(|n| n.kind() == "assignment_expression")?;
        let left = assignment.child_by_field_name("left")?;
        let object = left.child_by_field_name("object")?;
        let statement = assignment
            .parent()
            .filter(|p| p.kind() == "expression_statement")?;
        let same_object = |response: &Response| {
            response
                .whole
                .child_by_field_name("left")
                .and_then(|l| l.child_by_field_name("object"))
                .is_some_and(|o| text(o, self.source) == text(object, self.source))
        };
        let near = |next: fn(&Node<'t>) -> Option<Node<'t>>| {
            let mut at = statement;
            let mut found = None;
            for _ in 0..NEAR {
                let Some(sibling) = next(&at) else { break };
                at = sibling;
                let Some(expression) = sibling
                    .named_child(0)
                    .filter(|_| sibling.kind() == "expression_statement")
                else {
                    continue;
                };
                if let Some(response) = self
                    .by_whole
                    .get(&expression.id())
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.list[i])
                    .find(|r| same_object(r))
                {
                    found = Some(response);
                    break;
                }
            }
            found
        };
        near(|n| n.next_named_sibling()).or_else(|| near(|n| n.prev_named_sibling()))
    }
}

impl<'t> Responses<'t> {
    /// Go's `w.WriteHeader(204)` and the body a write within `near` statements after it sends on
    /// the same writer (`w.Write(b)`, `fmt.Fprintf(w, ..)`, `json.NewEncoder(w).Encode(x)`).
    fn written_after(&self, status: Node<'t>, near: usize) -> Option<&Response<'t>> {
        let call = super::tree::ancestors(self.tree, status)
            .take(3)
            .find(|n| n.kind() == "call_expression")?;
        let function = call.child_by_field_name("function")?;
        if function.kind() != "selector_expression"
            || function
                .child_by_field_name("field")
                .is_none_or(|f| text(f, self.source) != "WriteHeader")
        {
            return None;
        }
        let writer = text(function.child_by_field_name("operand")?, self.source);
        let mut statement = call
            .parent()
            .filter(|p| p.kind() == "expression_statement")?;
        for _ in 0..near {
            statement = statement.next_named_sibling()?;
            let written = self.list.iter().find(|r| {
                contains(statement, r.whole) && {
                    let whole = text(r.whole, self.source);
                    whole.starts_with(&format!("{writer}."))
                        || whole.contains(&format!("({writer},"))
                        || whole.contains(&format!("({writer})"))
                }
            });
            if written.is_some() {
                return written;
            }
        }
        None
    }
}

impl Response<'_> {
    /// Whether the body is really absent: `null`, `undefined`, and (where the API allows) `""`,
    /// `()`, `Body::empty()`.
    pub fn is_empty(&self, source: &str) -> bool {
        let body = self.body;
        match body.kind() {
            "null" | "undefined" | "unit_expression" | "none" | "nil" => true,
            _ if self.null_only => false,
            "string" | "template_string" | "string_literal" | "interpreted_string_literal" => {
                let inner = text(body, source);
                inner.len() <= 2
            }
            "call_expression" if body.child_by_field_name("arguments").is_some() => {
                let function = body
                    .child_by_field_name("function")
                    .map_or("", |f| text(f, source));
                let args = body
                    .child_by_field_name("arguments")
                    .map_or("", |a| text(a, source));
                args == "()"
                    && ["::empty", "::new", "::default"]
                        .iter()
                        .any(|suffix| function.ends_with(suffix))
            }
            _ => false,
        }
    }
}

/// What a body says about the outcome, and the words that say it.
#[derive(Debug, Clone)]
pub enum Verdict<'t> {
    Failed {
        evidence: String,
    },
    Succeeded {
        evidence: String,
        flag: Option<Flag<'t>>,
    },
}

/// A literal `true` that claims success, and the key it belongs to (`success`, `ok`).
#[derive(Debug, Clone)]
pub struct Flag<'t> {
    pub key: String,
    pub value: Node<'t>,
}

/// One key of a JSON-ish body: its name, and its value's node (None for a shorthand `{ error }`).
pub struct Entry<'t> {
    pub key: String,
    pub value: Option<Node<'t>>,
}

/// The top-level keys of `body` when it is an object literal, `JSON.stringify` of one, or
/// `Json(json!({...}))`; empty otherwise. Not a struct literal's fields: how a struct serializes
/// (`#[serde(rename)]`, `skip`) is not in the literal.
pub fn entries<'t>(body: Node<'t>, source: &str) -> Vec<Entry<'t>> {
    let body = unwrap(body, source);
    let mut entries = Vec::new();
    match body.kind() {
        "object" | "dictionary" => object_entries(body, source, &mut entries),
        "macro_invocation" => json_macro_entries(body, source, &mut entries),
        "call" => keyword_entries(body, source, &mut entries),
        "composite_literal" => composite_entries(body, source, &mut entries),
        _ => {}
    }
    entries
}

/// What `body` says about the outcome, when it is an object literal, `JSON.stringify` of one,
/// `Json(json!({...}))` or a struct literal whose keys say it.
pub fn verdict<'t>(body: Node<'t>, source: &str) -> Option<Verdict<'t>> {
    let body = unwrap(body, source);
    let mut entries = Vec::new();
    let mut type_name = None;
    match body.kind() {
        "object" | "dictionary" => object_entries(body, source, &mut entries),
        "macro_invocation" => json_macro_entries(body, source, &mut entries),
        "struct_expression" => {
            type_name = body.child_by_field_name("name").map(|n| text(n, source));
            struct_entries(body, source, &mut entries)
        }
        // `jsonify(error=msg)`, `dict(ok=True)` (Python)
        "call" => keyword_entries(body, source, &mut entries),
        // `gin.H{"error": msg}`, `map[string]any{..}`, `ErrorResponse{Message: ..}` (Go)
        "composite_literal" => {
            let kind = body
                .child_by_field_name("type")
                .map_or("", |t| text(t, source));
            if !kind.starts_with("map[") && !kind.ends_with(".H") && !kind.ends_with(".Map") {
                type_name = Some(kind);
            }
            composite_entries(body, source, &mut entries)
        }
        _ => return None,
    }
    let has = |names: &[&str]| entries.iter().any(|e| names.contains(&e.key.as_str()));
    let passes_through = has(&["data", "result", "results"]);
    let mut failed = None;
    let mut succeeded = None;
    for entry in &entries {
        let value = entry.value.map(|v| text(v, source).trim());
        let shown = match value {
            Some(v) => format!("{}: {}", entry.key, shorten(v)),
            None => entry.key.clone(),
        };
        // Python's `True`/`False`/`None`, Go's `nil`, as JavaScript's literals.
        let value = value.map(|v| match v {
            "True" => "true",
            "False" => "false",
            "None" | "nil" => "null",
            v => v,
        });
        match (entry.key.as_str(), value) {
            ("error" | "err" | "errorMessage" | "error_message", value) => {
                let says_failed = match value {
                    None => !passes_through,
                    Some(v) if is_falsy(v) => false,
                    Some(_) if entry.value.is_some_and(is_reference) => !passes_through,
                    Some(_) => true,
                };
                if says_failed {
                    failed.get_or_insert(shown);
                }
            }
            ("success" | "ok", Some("false")) => {
                failed.get_or_insert(shown);
            }
            ("success" | "ok", Some("true")) => {
                succeeded.get_or_insert((
                    shown,
                    entry.value.map(|value| Flag {
                        key: entry.key.clone(),
                        value,
                    }),
                ));
            }
            ("status", Some(v)) => match unquote(v).to_ascii_lowercase().as_str() {
                "error" | "fail" | "failed" | "failure" if v != unquote(v) => {
                    failed.get_or_insert(shown);
                }
                "success" | "ok" if v != unquote(v) => {
                    succeeded.get_or_insert((shown, None));
                }
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(name) = type_name
        && failed.is_none()
        && succeeded.is_none()
    {
        let base = name.rsplit("::").next().unwrap_or(name);
        let base = base.split('<').next().unwrap_or(base);
        if [
            "Error",
            "ErrorResponse",
            "ErrorBody",
            "ErrorMessage",
            "Failure",
        ]
        .iter()
        .any(|suffix| base.ends_with(suffix))
        {
            failed = Some(format!("{base} {{ .. }}"));
        }
    }
    match (failed, succeeded) {
        (Some(evidence), None) => Some(Verdict::Failed { evidence }),
        (None, Some((evidence, flag))) => Some(Verdict::Succeeded { evidence, flag }),
        _ => None,
    }
}

/// `JSON.stringify(x)` -> `x`, `Json(x)` -> `x`, `&x` -> `x`.
/// The body inside its wrappers (`JSON.stringify(..)`, `Json(..)`, `&..`, parentheses).
pub fn unwrapped<'t>(node: Node<'t>, source: &str) -> Node<'t> {
    unwrap(node, source)
}

fn unwrap<'t>(mut node: Node<'t>, source: &str) -> Node<'t> {
    loop {
        let next = match node.kind() {
            "call_expression" | "call" => {
                let function = node
                    .child_by_field_name("function")
                    .map_or("", |f| text(f, source));
                let wraps = function == "JSON.stringify"
                    || function == "Json"
                    || function.ends_with("::Json")
                    || function == "json.dumps";
                node.child_by_field_name("arguments")
                    .filter(|_| wraps)
                    .and_then(|args| args.named_child(0))
            }
            "reference_expression" | "parenthesized_expression" => {
                node.child_by_field_name("value").or(node.named_child(0))
            }
            _ => None,
        };
        match next {
            Some(inner) => node = inner,
            None => return node,
        }
    }
}

/// `jsonify(error=msg, ok=False)`, `dict(..)`: a Python call building a JSON object from keywords.
fn keyword_entries<'t>(call: Node<'t>, source: &str, out: &mut Vec<Entry<'t>>) {
    let function = call
        .child_by_field_name("function")
        .map_or("", |f| text(f, source));
    if !matches!(function, "jsonify" | "flask.jsonify" | "dict") {
        return;
    }
    let Some(arguments) = call.child_by_field_name("arguments") else {
        return;
    };
    let mut cursor = arguments.walk();
    for argument in arguments.named_children(&mut cursor) {
        match argument.kind() {
            "keyword_argument" => {
                if let (Some(name), Some(value)) = (
                    argument.child_by_field_name("name"),
                    argument.child_by_field_name("value"),
                ) {
                    out.push(Entry {
                        key: text(name, source).to_string(),
                        value: Some(value),
                    });
                }
            }
            // `jsonify({"error": msg})`
            "dictionary" => object_entries(argument, source, out),
            _ => {}
        }
    }
}

/// `gin.H{"error": msg, "ok": false}`, `Response{Success: true}`: Go's keyed elements (a struct's
/// field names as written, `Success` read as `success`).
fn composite_entries<'t>(literal: Node<'t>, source: &str, out: &mut Vec<Entry<'t>>) {
    let Some(body) = literal.child_by_field_name("body") else {
        return;
    };
    let mut cursor = body.walk();
    for element in body.named_children(&mut cursor) {
        if element.kind() != "keyed_element" {
            continue;
        }
        let (Some(key), Some(value)) = (
            element.child_by_field_name("key"),
            element.child_by_field_name("value"),
        ) else {
            continue;
        };
        let key = unquote(text(key, source));
        let key = match key.chars().next() {
            Some(first) if first.is_ascii_uppercase() => {
                first.to_ascii_lowercase().to_string() + &key[first.len_utf8()..]
            }
            _ => key.to_string(),
        };
        out.push(Entry {
            key,
            value: Some(value.named_child(0).unwrap_or(value)),
        });
    }
}

fn object_entries<'t>(object: Node<'t>, source: &str, out: &mut Vec<Entry<'t>>) {
    let mut cursor = object.walk();
    for child in object.named_children(&mut cursor) {
        match child.kind() {
            "pair" => {
                let (Some(key), Some(value)) = (
                    child.child_by_field_name("key"),
                    child.child_by_field_name("value"),
                ) else {
                    continue;
                };
                if !matches!(key.kind(), "property_identifier" | "string") {
                    continue;
                }
                out.push(Entry {
                    key: unquote(text(key, source)).to_string(),
                    value: Some(value),
                });
            }
            "shorthand_property_identifier" => out.push(Entry {
                key: text(child, source).to_string(),
                value: None,
            }),
            _ => {}
        }
    }
}

/// `json!({ "error": e.to_string(), "success": false })`: the macro's tokens are not parsed as
/// expressions, so keys are string literals followed by `:`, and a value is its first token.
fn json_macro_entries<'t>(macro_call: Node<'t>, source: &str, out: &mut Vec<Entry<'t>>) {
    let is_json = macro_call
        .child_by_field_name("macro")
        .is_some_and(|m| matches!(text(m, source), "json" | "serde_json::json"));
    if !is_json {
        return;
    }
    let Some(outer) = macro_call
        .named_children(&mut macro_call.walk())
        .find(|c| c.kind() == "token_tree")
    else {
        return;
    };
    let Some(object) = outer
        .named_children(&mut outer.walk())
        .find(|c| c.kind() == "token_tree" && text(*c, source).starts_with('{'))
    else {
        return;
    };
    let tokens: Vec<Node> = object.children(&mut object.walk()).collect();
    let mut at_key = true;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind() {
            "," | "{" => at_key = true,
            "string_literal" if at_key => {
                at_key = false;
                if tokens.get(i + 1).is_some_and(|t| t.kind() == ":") {
                    out.push(Entry {
                        key: unquote(text(*token, source)).to_string(),
                        value: tokens.get(i + 2).copied(),
                    });
                }
            }
            _ => at_key = false,
        }
    }
}

fn struct_entries<'t>(literal: Node<'t>, source: &str, out: &mut Vec<Entry<'t>>) {
    let Some(fields) = literal.child_by_field_name("body") else {
        return;
    };
    let mut cursor = fields.walk();
    for field in fields.named_children(&mut cursor) {
        match field.kind() {
            "field_initializer" => {
                if let (Some(name), Some(value)) = (
                    field.child_by_field_name("field"),
                    field.child_by_field_name("value"),
                ) {
                    out.push(Entry {
                        key: text(name, source).to_string(),
                        value: Some(value),
                    });
                }
            }
            "shorthand_field_initializer" => out.push(Entry {
                key: text(field, source).to_string(),
                value: None,
            }),
            _ => {}
        }
    }
}

/// A value that carries no error: `null`, `undefined`, `false`, `None`, an empty string.
fn is_falsy(value: &str) -> bool {
    matches!(
        value,
        "null" | "undefined" | "false" | "None" | "\"\"" | "''" | "``" | "0"
    )
}

/// A variable or property whose value the body passes along: it may well be empty.
fn is_reference(value: Node) -> bool {
    matches!(
        value.kind(),
        "identifier" | "member_expression" | "field_expression" | "self"
    )
}

fn unquote(text: &str) -> &str {
    let trimmed = text.trim_matches(|c| c == '"' || c == '\'' || c == '`');
    if trimmed.len() + 2 == text.len() {
        trimmed
    } else {
        text
    }
}

fn shorten(value: &str) -> String {
    let flat: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 30 {
        let cut: String = flat.chars().take(27).collect();
        format!("{cut}...")
    } else {
        flat
    }
}

/// A string in the body that says something failed ("User not found", "Invalid password"), for
/// guards whose 2xx is only a mistake when the response admits the failure.
pub fn failure_text(body: Node, source: &str) -> Option<String> {
    const WORDS: &[&str] = &[
        "not found",
        "no such",
        "does not exist",
        "doesn't exist",
        "not exist",
        "invalid",
        "missing",
        "unauthori",
        "failed",
        "unable",
        "cannot",
        "can't",
        "not allowed",
        "forbidden",
        "denied",
        "incorrect",
        "wrong",
        "expired",
        "error",
    ];
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        if matches!(node.kind(), "string" | "template_string" | "string_literal") {
            let literal = text(node, source);
            let lower = literal.to_lowercase();
            if WORDS.iter().any(|w| lower.contains(w)) {
                return Some(shorten(literal));
            }
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    None
}

/// A response sent without a status of its own (`res.json(body)`, `NextResponse.json(body)`,
/// `c.json(body)`): it goes out with whatever status was set before, 200 by default.
pub struct DefaultStatus<'t> {
    pub whole: Node<'t>,
    pub body: Node<'t>,
    /// `res.json`, `NextResponse.json`: what a finding underlines.
    pub callee: Node<'t>,
    /// The receiver is the first of several parameters (`function sendError(res, message)`): a
    /// helper, whose caller may well have set the status.
    pub in_helper: bool,
    pub(super) style: StatusStyle,
}

/// Where an explicit status goes in each API.
pub(super) enum StatusStyle {
    /// `res.status(500).json(...)`, `reply.code(500).send(...)`: a call after the receiver.
    Chain { at: usize, method: &'static str },
    /// `c.json(body, 500)` (Hono): a second argument.
    Argument { at: usize },
    /// `NextResponse.json(body, { status: 500 })`: an init object.
    Init { at: usize },
    /// `ctx.status = 500; ctx.body = ...` (Koa): a statement before the assignment.
    Statement { at: usize, receiver: String },
    /// `w.WriteHeader(500)` (or go-chi's `render.Status(r, 500)`) on a line of its own before
    /// Go's `w.Write(..)`, indented like it: `call` is the text before the status.
    GoWriteHeader {
        at: usize,
        call: String,
        indent: String,
    },
    /// `Response(data, status=500)`, `JSONResponse(body, status_code=500)`: a keyword argument
    /// before the call's `)`.
    Keyword { at: usize, keyword: &'static str },
    /// Nowhere this module can write one (a FastAPI path operation's returned dict).
    Unwritten,
}

impl DefaultStatus<'_> {
    /// The edit that makes `code` this response's status, when the API has a place for one.
    pub fn edit(&self, code: u16) -> Option<Edit> {
        let (at, replacement) = match &self.style {
            StatusStyle::Chain { at, method } => (*at, format!(".{method}({code})")),
            StatusStyle::Argument { at } => (*at, format!(", {code}")),
            StatusStyle::Init { at } => (*at, format!(", {{ status: {code} }}")),
            StatusStyle::Statement { at, receiver } => {
                (*at, format!("{receiver}.status = {code}; "))
            }
            StatusStyle::GoWriteHeader { at, call, indent } => {
                // The handler names its writer's type `http.ResponseWriter`: net/http is imported,
                // and Go code names statuses by its constants.
                let status = crate::catalog::catalog()
                    .listed_constant(crate::catalog::ListedLibrary::GoNetHttp, code)
                    .map_or_else(|| code.to_string(), |name| format!("http.Status{name}"));
                (*at, format!("{call}{status})\n{indent}"))
            }
            StatusStyle::Keyword { at, keyword } => (*at, format!(", {keyword}={code}")),
            StatusStyle::Unwritten => return None,
        };
        Some(Edit {
            range: at..at,
            replacement,
        })
    }
}

/// The responses of a JavaScript file that rely on the default status. Calls holding a status
/// site are not among them, nor calls whose handler sets the status some other way
/// (`res.status(500); res.json(...)`, `c.status(500)`).
pub fn default_status<'t>(cx: &Context<'t>) -> Vec<DefaultStatus<'t>> {
    let mut found = Vec::new();
    for m in cx.matches(Purpose::Bodies) {
        if m.property("status") != Some("default") {
            continue;
        }
        let (Some(whole), Some(body), Some(callee)) =
            (m.get("response"), m.get("body"), m.get("callee-expression"))
        else {
            continue;
        };
        if !cx.in_scope(whole.start_byte()) {
            continue;
        }
        match cx.language.family() {
            Family::Go => {
                found.extend(super::default_status_go::written(
                    cx, m, whole, body, callee,
                ));
                continue;
            }
            Family::Python => {
                found.extend(super::default_status_python::returned(
                    cx, whole, body, callee,
                ));
                continue;
            }
            _ => {}
        }
        // `ctx.body = { .. }` (Koa, where the model says a body alone is 200): the status set
        // before it in the handler, else 200.
        if whole.kind() == "assignment_expression" {
            let Some(object) = callee.child_by_field_name("object") else {
                continue;
            };
            let receiver = text(object, cx.source);
            let statement = whole
                .parent()
                .filter(|p| p.kind() == "expression_statement");
            if super::model::body_alone_is_200(cx, whole)
                && !set_before(cx.tree, whole, &[&format!("{receiver}.status")], cx.source)
                && !set_after(whole, receiver, cx.source)
                && let Some(statement) = statement
            {
                found.push(DefaultStatus {
                    whole,
                    body,
                    callee,
                    in_helper: false,
                    style: StatusStyle::Statement {
                        at: statement.start_byte(),
                        receiver: receiver.to_string(),
                    },
                });
            }
            continue;
        }
        // `new Response(body)`: a fetch-API response with no init object.
        if whole.kind() == "new_expression" {
            if super::model::is_fetch_response(cx, text(callee, cx.source))
                && !holds_a_site(cx, whole)
                && !super::model::in_error_handler(cx, whole)
            {
                found.push(DefaultStatus {
                    whole,
                    body,
                    callee,
                    in_helper: false,
                    style: StatusStyle::Init {
                        at: body.end_byte(),
                    },
                });
            }
            continue;
        }
        let (Some(object), Some(method)) = (callee.child_by_field_name("object"), m.get("method"))
        else {
            continue;
        };
        if holds_a_site(cx, whole) {
            continue;
        }
        let arguments = whole
            .child_by_field_name("arguments")
            .map_or(0, |a| a.named_child_count());
        let receiver = text(object, cx.source);
        let method = text(method, cx.source);
        let style = match receiver {
            _ if super::model::is_fetch_response(cx, receiver) => {
                if method != "json" || arguments != 1 {
                    continue;
                }
                StatusStyle::Init {
                    at: body.end_byte(),
                }
            }
            "c" => {
                if !matches!(method, "json" | "text" | "html")
                    || arguments != 1
                    || set_before(cx.tree, whole, &["c.status("], cx.source)
                {
                    continue;
                }
                StatusStyle::Argument {
                    at: body.end_byte(),
                }
            }
            // A response object (`res`, `httpRes`), not a class (`NextResponse.json(..)` in a
            // file of no framework the model knows).
            _ if is_response_object(receiver)
                && !receiver.starts_with(|c: char| c.is_ascii_uppercase())
                && matches!(method, "json" | "send" | "render") =>
            {
                let setters = [
                    ".status(",
                    ".statusCode",
                    ".code(",
                    ".writeHead(",
                    ".sendStatus(",
                ]
                .map(|call| format!("{receiver}{call}"));
                let setters = setters.each_ref().map(String::as_str);
                if set_before(cx.tree, whole, &setters, cx.source) {
                    continue;
                }
                let method = if receiver.ends_with("eply") {
                    "code"
                } else {
                    "status"
                };
                StatusStyle::Chain {
                    at: object.end_byte(),
                    method,
                }
            }
            _ => continue,
        };
        // `reply.send(err)` (Fastify) answers with the error's status; in an error handler the
        // reply already carries it.
        if super::model::sends_an_error(cx, whole, body)
            || super::model::in_error_handler(cx, whole)
        {
            continue;
        }
        found.push(DefaultStatus {
            whole,
            body,
            callee,
            in_helper: is_helper_parameter(cx.tree, whole, receiver, cx.source),
            style,
        });
    }
    found
}

/// Whether the statements after `assignment` in its block set `receiver.status` (Koa reads the
/// status when the middleware returns: `ctx.body = x; ctx.status = 500` sends 500).
fn set_after(assignment: Node, receiver: &str, source: &str) -> bool {
    let mut node = assignment;
    while let Some(parent) = node.parent() {
        if parent.kind() == "statement_block" {
            let later = source.get(node.end_byte()..parent.end_byte()).unwrap_or("");
            return later.contains(&format!("{receiver}.status"));
        }
        if super::tree::is_function(parent) {
            return false;
        }
        node = parent;
    }
    false
}

/// Whether a status site lies inside `call` (then it is not a default-status response).
fn holds_a_site(cx: &Context, call: Node) -> bool {
    // Sites are sorted: the first one starting at or after the call decides.
    let next_site = cx
        .sites
        .partition_point(|s| s.range.start < call.start_byte());
    cx.sites
        .get(next_site)
        .is_some_and(|s| s.range.start < call.end_byte())
}

/// Whether a statement that runs before `call` on its way through the function mentions one of
/// `setters` (`res.status(500); res.json(...)`): earlier statements of each enclosing block,
/// not statements of a sibling branch (`try { res.status(200) } catch { res.json(...) }`), nor a
/// branch that leaves the function (`if (!user) return res.status(404).json(..)`: the call after
/// it runs only when that branch did not). Read from the text of the statements between the
/// block's start and the one holding the call: `check` may have left parts of them out of the
/// parse, and the comments between them count for nothing.
fn set_before(tree: &tree_sitter::Tree, call: Node, setters: &[&str], source: &str) -> bool {
    // A setter written in code, not in a string or comment (`'res.status(999)'`).
    let mentions = |node: Node| {
        let text = source.get(node.byte_range()).unwrap_or("");
        setters.iter().any(|setter| {
            text.match_indices(setter).any(|(at, _)| {
                let at = node.start_byte() + at;
                !node
                    .descendant_for_byte_range(at, at + setter.len())
                    .is_some_and(|d| {
                        matches!(
                            d.kind(),
                            "string" | "string_fragment" | "template_string" | "comment" | "regex"
                        )
                    })
            })
        })
    };
    let mut child = call;
    for ancestor in super::tree::ancestors(tree, call) {
        if super::tree::is_function(ancestor) {
            break;
        }
        if ancestor.kind() == "statement_block" {
            let earlier = source
                .get(ancestor.start_byte() + 1..child.start_byte())
                .unwrap_or("");
            if setters.iter().any(|s| earlier.contains(s)) {
                let mut cursor = ancestor.walk();
                let sets = ancestor
                    .named_children(&mut cursor)
                    .take_while(|statement| statement.end_byte() <= child.start_byte())
                    .any(|statement| sets_on_the_way(statement, &mentions));
                if sets {
                    return true;
                }
            }
        }
        child = ancestor;
    }
    false
}

/// Whether `statement` mentions a setter on a path that goes on to the statements after it:
/// an `if` whose setting branches all return or throw does not.
fn sets_on_the_way(statement: Node, mentions: &dyn Fn(Node) -> bool) -> bool {
    if !mentions(statement) {
        return false;
    }
    if statement.kind() != "if_statement" {
        return true;
    }
    if statement
        .child_by_field_name("condition")
        .is_some_and(mentions)
    {
        return true;
    }
    let mut branches = Vec::new();
    let mut current = Some(statement);
    while let Some(node) = current {
        current = None;
        branches.extend(node.child_by_field_name("consequence"));
        if let Some(alternative) = node.child_by_field_name("alternative") {
            // `else_clause` holds the else branch, or the next `if` of an else-if chain.
            let inner = alternative.named_child(0).unwrap_or(alternative);
            if inner.kind() == "if_statement" {
                if inner.child_by_field_name("condition").is_some_and(mentions) {
                    return true;
                }
                current = Some(inner);
            } else {
                branches.push(inner);
            }
        }
    }
    branches.into_iter().any(|b| mentions(b) && !exits(b))
}

/// Whether a branch always leaves the function: a `return` or `throw`, or a block ending in one.
fn exits(branch: Node) -> bool {
    match branch.kind() {
        "return_statement" | "throw_statement" => true,
        "statement_block" => {
            let count = branch.named_child_count();
            (0..count)
                .rev()
                .filter_map(|i| branch.named_child(i))
                .find(|n| n.kind() != "comment")
                .is_some_and(|last| matches!(last.kind(), "return_statement" | "throw_statement"))
        }
        _ => false,
    }
}

/// Whether `name` is the first of several parameters of the function around `node`.
fn is_helper_parameter(tree: &tree_sitter::Tree, node: Node, name: &str, source: &str) -> bool {
    let Some(function) = super::tree::ancestors(tree, node).find(|n| super::tree::is_function(*n))
    else {
        return false;
    };
    let Some(parameters) = function.child_by_field_name("parameters") else {
        return false;
    };
    let first = parameters.named_child(0).map(|p| text(p, source));
    parameters.named_child_count() > 1
        && first.is_some_and(|p| p == name || p.starts_with(&format!("{name}:")))
}

/// `res`, `response`, `reply` (Fastify), `httpRes`, `serverResponse`.
fn is_response_object(name: &str) -> bool {
    matches!(name, "res" | "resp" | "response" | "reply")
        || ["Res", "Resp", "Response", "Reply"]
            .iter()
            .any(|suffix| name.len() > suffix.len() && name.ends_with(suffix))
}
