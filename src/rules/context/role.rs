//! What the code around a site does with a code the sites query reads as sent: a test expecting
//! it (`expect(res.status).toBe(531)`), a library defining it (`static_resp!(Continue,
//! StatusCode::CONTINUE)`, an exception class's `super(msg, HttpStatus.I_AM_A_TEAPOT)`, a table
//! keyed by codes), or data (a `statusCode` key in the body a response sends, a struct field).
//! The rules about what an app sends read only `Sent` and `Thrown` (`Role::goes_out`).
//!
//! Which calls are test expectations is data (`frameworks/testing.toml`); the rest is syntax.

use super::body::Responses;
use super::tree::{ancestors, is_function, site_node, text};
use crate::rules::Context;
use crate::syntax::{Family, Role, Site, SiteKind};
use serde::Deserialize;
use std::sync::LazyLock;
use tree_sitter::Node;

#[derive(Deserialize)]
struct Testing {
    javascript: JavaScriptTests,
    rust: RustTests,
    python: JavaScriptTests,
    go: JavaScriptTests,
}

#[derive(Deserialize)]
struct JavaScriptTests {
    roots: Vec<String>,
    methods: Vec<String>,
}

#[derive(Deserialize)]
struct RustTests {
    macros: Vec<String>,
    failures: Vec<String>,
}

static TESTING: LazyLock<Testing> = LazyLock::new(|| {
    toml::from_str(include_str!("../../../frameworks/testing.toml"))
        .unwrap_or_else(|e| panic!("frameworks/testing.toml: {e}"))
});

/// Parses `frameworks/testing.toml` (for the data test).
pub fn validate() -> Result<(), String> {
    toml::from_str::<Testing>(include_str!("../../../frameworks/testing.toml"))
        .map(|_| ())
        .map_err(|e| format!("frameworks/testing.toml: {e}"))
}

/// The role of `site` where it stands.
pub fn role<'t, 'r>(
    cx: &Context<'t>,
    site: &Site,
    responses: Option<&dyn Fn() -> &'r Responses<'t>>,
) -> Role
where
    't: 'r,
{
    if !site.role.goes_out() {
        return site.role;
    }
    if cx
        .config
        .file
        .as_deref()
        .is_some_and(|f| is_test_file(f, cx.language))
    {
        return Role::Asserted;
    }
    if site.on_response {
        return site.role;
    }
    let Some(node) = site_node(cx, site) else {
        return site.role;
    };
    let path: Vec<Node> = ancestors(cx.tree, node).collect();
    if asserted(cx, &path) {
        return Role::Asserted;
    }
    // `err.status = 531` counts when the model says the error reaches a call that reads it.
    if site.role == Role::Thrown
        && let Some((name, property)) = assigned_to_a_name(node, cx.source)
    {
        return if super::model::handed_over(cx, name, property, node) {
            Role::Thrown
        } else {
            Role::Data
        };
    }
    if compared(cx, &path) {
        return Role::Compared;
    }
    if defined(cx, site, node, &path) {
        return Role::Defined;
    }
    let in_an_object = path.iter().take_while(|n| !is_function(**n)).any(|n| {
        matches!(
            n.kind(),
            "pair" | "field_initializer" | "token_tree" | "object" | "dictionary" | "keyed_element"
        )
    });
    if in_an_object
        && (responses.is_some_and(|r| r().in_body(node, &path)) || describes_a_body(cx, &path))
    {
        return Role::Data;
    }
    if site.kind == SiteKind::Constant && data_field(cx, node, &path) {
        return Role::Data;
    }
    site.role
}

/// A file its language's tooling runs only as tests: Go's `_test.go` (compiled by `go test`
/// alone), pytest's `test_*.py` and `*_test.py`, Django's `tests.py`, and `conftest.py`. A status
/// a handler there sends answers a test's own request, from a stub server or the code under test.
pub fn is_test_file(path: &std::path::Path, language: crate::syntax::Language) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match language.family() {
        Family::Go => name.ends_with("_test.go"),
        Family::Python => {
            (name.starts_with("test_") || name.ends_with("_test.py"))
                || matches!(name, "tests.py" | "conftest.py")
        }
        _ => false,
    }
}

/// `err.status = 531`: the error's name and the property.
pub fn assigned_to_a_name<'s>(value: Node, source: &'s str) -> Option<(&'s str, &'s str)> {
    let assignment = value
        .parent()
        .filter(|p| p.kind() == "assignment_expression")?;
    let left = assignment.child_by_field_name("left")?;
    let object = left
        .child_by_field_name("object")
        .filter(|o| o.kind() == "identifier")?;
    let property = left.child_by_field_name("property")?;
    Some((text(object, source), text(property, source)))
}

/// Inside a test expectation, in the statement around the site (not past the function it is in).
fn asserted(cx: &Context, path: &[Node]) -> bool {
    let testing = &*TESTING;
    for node in path {
        if is_function(*node) {
            return false;
        }
        match node.kind() {
            // `assert resp.status_code == 404` (pytest)
            "assert_statement" => return true,
            "call" | "call_expression"
                if matches!(cx.language.family(), Family::Python | Family::Go) =>
            {
                let tests = if cx.language.family() == Family::Python {
                    &testing.python
                } else {
                    &testing.go
                };
                let Some(function) = node.child_by_field_name("function") else {
                    continue;
                };
                let method = match function.kind() {
                    "attribute" => function.child_by_field_name("attribute"),
                    "selector_expression" => function.child_by_field_name("field"),
                    _ => None,
                };
                if method.is_some_and(|m| tests.methods.iter().any(|n| n == text(m, cx.source))) {
                    return true;
                }
                let root = chain_root(function);
                if root.kind() == "identifier"
                    && tests.roots.iter().any(|r| r == text(root, cx.source))
                {
                    return true;
                }
            }
            "call_expression" if cx.language.is_javascript() => {
                let Some(function) = node.child_by_field_name("function") else {
                    continue;
                };
                if function.kind() == "member_expression"
                    && let Some(method) = function.child_by_field_name("property")
                    && testing
                        .javascript
                        .methods
                        .iter()
                        .any(|m| m == text(method, cx.source))
                {
                    return true;
                }
                let root = chain_root(function);
                if root.kind() == "identifier"
                    && testing
                        .javascript
                        .roots
                        .iter()
                        .any(|r| r == text(root, cx.source))
                {
                    return true;
                }
            }
            // `StatusCode::from_u16(10000).err()`: the code is expected to be refused.
            "call_expression" => {
                let method = node
                    .child_by_field_name("function")
                    .filter(|f| f.kind() == "field_expression")
                    .and_then(|f| f.child_by_field_name("field"))
                    .map_or("", |f| text(f, cx.source));
                if testing.rust.failures.iter().any(|m| m == method) {
                    return true;
                }
            }
            // `if let Err(e) = StatusCode::from_u16(6666)`
            "let_condition" | "let_declaration" => {
                let pattern = node
                    .child_by_field_name("pattern")
                    .map_or("", |p| text(p, cx.source));
                return pattern.starts_with("Err");
            }
            "macro_invocation" => {
                let name = node
                    .child_by_field_name("macro")
                    .map_or("", |m| text(m, cx.source));
                if testing.rust.macros.iter().any(|m| m == name) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// An operand of an equality test: `resp.status() == StatusCode::from_u16(522).unwrap()`.
fn compared(cx: &Context, path: &[Node]) -> bool {
    for node in path {
        match node.kind() {
            "binary_expression" => {
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, cx.source));
                return matches!(op, "==" | "!=" | "===" | "!==");
            }
            // Python: `r.status_code == HTTPStatus.NOT_FOUND`, `code in (500, 502)`
            "comparison_operator" => return true,
            "call_expression"
            | "call"
            | "attribute"
            | "selector_expression"
            | "argument_list"
            | "field_expression"
            | "member_expression"
            | "arguments"
            | "parenthesized_expression"
            | "scoped_identifier" => {}
            _ => return false,
        }
    }
    false
}

/// The name a call chain starts from: `expect` in `expect(res).to.have.status`, `assert` in
/// `assert.equal`.
fn chain_root(mut node: Node) -> Node {
    loop {
        let next = match node.kind() {
            "member_expression" | "attribute" => node.child_by_field_name("object"),
            "selector_expression" => node.child_by_field_name("operand"),
            "call_expression" | "call" => node.child_by_field_name("function"),
            "parenthesized_expression" | "await_expression" | "non_null_expression" => {
                node.named_child(0)
            }
            _ => None,
        };
        match next {
            Some(inner) => node = inner,
            None => return node,
        }
    }
}

/// A library's definitions: a constant or static item, a macro invoked where items stand, an
/// exception or error class, a key of a table keyed by codes, an exported declaration.
fn defined(cx: &Context, site: &Site, node: Node, path: &[Node]) -> bool {
    let mut child = node;
    let mut in_function = false;
    for ancestor in path {
        match ancestor.kind() {
            "const_item" | "static_item" => return true,
            // `class ImATeapotException extends HttpException { .. super(msg, HttpStatus.X) }`:
            // the class defines the error; sending it is `new ImATeapotException()`.
            _ if error_class_node(*ancestor, cx.source) => return true,
            // `static_resp!(Continue, StatusCode::CONTINUE);` at the top of a module or in an
            // `impl`: a macro that generates items, not code that runs in a handler.
            "macro_invocation" if !in_function && at_item_level(*ancestor) => {
                return true;
            }
            "macro_definition" => return true,
            // `{ [HttpStatus.I_AM_A_TEAPOT]: ImATeapotException }`
            "computed_property_name" if !in_function => return true,
            // `export const teapot = HttpStatus.I_AM_A_TEAPOT`
            "export_statement"
                if !in_function
                    && site.kind == SiteKind::Constant
                    && child.kind() == "lexical_declaration" =>
            {
                return true;
            }
            // `exports.teapot = function () { return new Boom(msg, { statusCode: 418 }) }`: an
            // exported factory builds the error for its callers, who decide to send it.
            _ if is_function(*ancestor) => {
                if !in_function && builds_for_export(*ancestor, node, cx.source) {
                    return true;
                }
                in_function = true;
            }
            _ => {}
        }
        child = *ancestor;
    }
    false
}

/// A `statusCode` key in an object that is not a serverless response: `{ statusCode: 418,
/// message, error }` returned from a Fastify handler is the body, where a Lambda response has only
/// `statusCode`, `headers`, `body` and their kin.
fn describes_a_body(cx: &Context, path: &[Node]) -> bool {
    const RESPONSE_KEYS: &[&str] = &[
        "statusCode",
        "headers",
        "multiValueHeaders",
        "body",
        "isBase64Encoded",
        "cookies",
        "statusDescription",
    ];
    let Some(pair) = path.first().filter(|p| p.kind() == "pair") else {
        return false;
    };
    let key = pair
        .child_by_field_name("key")
        .map_or("", |k| text(k, cx.source));
    let Some(object) = path
        .get(1)
        .filter(|o| o.kind() == "object" && key == "statusCode")
    else {
        return false;
    };
    let mut cursor = object.walk();
    let keys: Vec<&str> = object
        .named_children(&mut cursor)
        .filter_map(|member| match member.kind() {
            "pair" => member
                .child_by_field_name("key")
                .map(|k| text(k, cx.source)),
            "shorthand_property_identifier" => Some(text(member, cx.source)),
            _ => None,
        })
        .map(|k| k.trim_matches(|c| c == '"' || c == '\''))
        .collect();
    keys.iter().any(|k| !RESPONSE_KEYS.contains(k))
}

/// Whether `function` is exported (`exports.x = function`, `module.exports.x = () =>`,
/// `export function x`) and `site` is in an object it constructs (`new X(.., { statusCode })`).
fn builds_for_export(function: Node, site: Node, source: &str) -> bool {
    let exported = function.parent().is_some_and(|p| match p.kind() {
        "assignment_expression" => p
            .child_by_field_name("left")
            .is_some_and(|l| text(l, source).contains("exports")),
        "export_statement" => true,
        _ => false,
    });
    if !exported {
        return false;
    }
    let mut node = site.parent();
    while let Some(current) = node.filter(|n| n.id() != function.id()) {
        if current.kind() == "new_expression" {
            let constructor = current
                .child_by_field_name("constructor")
                .map_or("", |c| text(c, source));
            let last = constructor.rsplit('.').next().unwrap_or(constructor);
            return is_error_name(last);
        }
        node = current.parent();
    }
    false
}

use super::model::is_error_name;

/// Whether a macro stands where items do (a module or an `impl`), alone or as a statement.
fn at_item_level(invocation: Node) -> bool {
    let mut parent = invocation.parent();
    if parent.is_some_and(|p| p.kind() == "expression_statement") {
        parent = parent.and_then(|p| p.parent());
    }
    parent.is_some_and(|p| matches!(p.kind(), "source_file" | "declaration_list"))
}

/// The error type whose own status `node` is, if any, by name: a JavaScript or Python class
/// that extends an error or exception class (`class Gone extends HttpException`, `class
/// Gone(HTTPException)`), or a Go method that gives an error type its status (`func (e
/// NotFoundError) StatusCode() int`). Such a site defines the error rather than sending
/// anything; raising the error sends it.
/// The name is empty for an anonymous class (`module.exports = class extends Error {..}`).
pub fn error_type<'s>(cx: &Context, node: Node, source: &'s str) -> Option<&'s str> {
    let owner = ancestors(cx.tree, node).find(|a| error_class_node(*a, source))?;
    let mut cursor = owner.walk();
    let name = match owner.kind() {
        "method_declaration" => owner
            .child_by_field_name("receiver")
            .and_then(|r| r.named_children(&mut cursor).next())
            .and_then(|p| p.child_by_field_name("type")),
        _ => owner.child_by_field_name("name"),
    };
    Some(name.map_or("", |n| text(n, source).trim_start_matches('*')))
}

/// Whether `node` is an error type's definition of its own status (see [`error_type`]).
fn error_class_node(node: Node, source: &str) -> bool {
    let names_an_error = |n: Node| {
        text(n, source)
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(is_error_name)
    };
    match node.kind() {
        "class_declaration" | "class" | "abstract_class_declaration" => {
            let mut cursor = node.walk();
            let heritage = node
                .named_children(&mut cursor)
                .find(|c| c.kind() == "class_heritage");
            heritage.is_some_and(names_an_error)
        }
        "class_definition" => node
            .child_by_field_name("superclasses")
            .is_some_and(names_an_error),
        // `func (e NotFoundError) StatusCode() int`: a method whose name says status or code
        // on a receiver whose type says error.
        "method_declaration" => {
            let name = node
                .child_by_field_name("name")
                .map_or("", |n| text(n, source));
            (name.contains("Status") || name.contains("Code"))
                && node
                    .child_by_field_name("receiver")
                    .is_some_and(names_an_error)
        }
        _ => false,
    }
}

/// A named constant standing as a field of an object or struct whose key is not a status:
/// `Wrapper { b: Status::Continue }`, `{ retryOn: [HttpStatus.BAD_GATEWAY] }`.
fn data_field(cx: &Context, node: Node, path: &[Node]) -> bool {
    let mut child = node;
    for ancestor in path {
        match ancestor.kind() {
            "parenthesized_expression"
            | "array"
            | "array_expression"
            | "list"
            | "tuple"
            | "literal_element"
            | "literal_value" => {}
            "pair" | "field_initializer" | "keyed_element" => {
                let key = ancestor
                    .child_by_field_name("key")
                    .or_else(|| ancestor.child_by_field_name("field"))
                    .map_or("", |k| text(k, cx.source));
                let key = key
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_ascii_lowercase();
                let is_value = ancestor
                    .child_by_field_name("value")
                    .is_some_and(|v| v.id() == child.id() || super::tree::contains(v, node));
                return is_value
                    && !matches!(
                        key.as_str(),
                        "status" | "statuscode" | "status_code" | "code"
                    );
            }
            _ => return false,
        }
        child = *ancestor;
    }
    false
}
