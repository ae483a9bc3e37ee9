//! A call named by an access path, CodeQL's idea made as small as our rows need:
//!
//! | path | matches |
//! | --- | --- |
//! | `response.redirect` | a method on something that looks like a response (`res`, `reply`, `ctx`, ...) |
//! | `NextResponse.redirect` | a method on that exact name |
//! | `*.setErrorHandler` | a method on anything |
//! | `next`, `redirect` | a plain function call |
//! | `new Response` | a constructor |
//! | `@Redirect` | a decorator's call |
//! | `response.body =` | an assignment to a response's property |
//! | `throw` | a `throw` statement (its argument is argument 0) |
//! | `Redirect::to`, `reply::json` | a Rust call whose path ends with these segments |

use crate::syntax::sites::looks_like_response;
use serde::Deserialize;
use tree_sitter::Node;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Call {
    pub text: String,
    shape: Shape,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Shape {
    #[default]
    Nothing,
    Method {
        on: Receiver,
        name: String,
    },
    Function(String),
    Constructor(String),
    Decorator(String),
    Assignment {
        property: String,
    },
    Throw,
    RustPath(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Receiver {
    Response,
    Named(String),
    Any,
}

impl<'de> Deserialize<'de> for Call {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Call, D::Error> {
        let text = String::deserialize(d)?;
        Call::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

impl Call {
    pub fn parse(text: &str) -> Result<Call, String> {
        let bad = || format!("`{text}` is not a call path (see frameworks/README.md)");
        let shape = if text == "throw" {
            Shape::Throw
        } else if text.contains("::") {
            let segments: Vec<String> = text.split("::").map(str::to_string).collect();
            if !segments.iter().all(|s| is_name(s)) {
                return Err(bad());
            }
            Shape::RustPath(segments)
        } else if let Some(name) = text.strip_prefix("new ") {
            is_name(name)
                .then(|| Shape::Constructor(name.into()))
                .ok_or_else(bad)?
        } else if let Some(name) = text.strip_prefix('@') {
            is_name(name)
                .then(|| Shape::Decorator(name.into()))
                .ok_or_else(bad)?
        } else if let Some(property) = text
            .strip_prefix("response.")
            .and_then(|p| p.strip_suffix(" ="))
        {
            is_name(property)
                .then(|| Shape::Assignment {
                    property: property.into(),
                })
                .ok_or_else(bad)?
        } else if let Some((object, name)) = text.split_once('.') {
            if !is_name(name) {
                return Err(bad());
            }
            let on = match object {
                "response" => Receiver::Response,
                "*" => Receiver::Any,
                object if is_name(object) => Receiver::Named(object.into()),
                _ => return Err(bad()),
            };
            Shape::Method {
                on,
                name: name.into(),
            }
        } else if is_name(text) {
            Shape::Function(text.into())
        } else {
            return Err(bad());
        };
        Ok(Call {
            text: text.to_string(),
            shape,
        })
    }

    pub fn is_rust_path(&self) -> bool {
        matches!(self.shape, Shape::RustPath(_))
    }

    /// The identifier a file must hold for the path to match (a pre-filter word).
    pub fn word(&self) -> &str {
        match &self.shape {
            Shape::Method { name, .. }
            | Shape::Function(name)
            | Shape::Constructor(name)
            | Shape::Decorator(name) => name,
            Shape::Assignment { property } => property,
            Shape::Throw => "throw",
            Shape::RustPath(segments) => segments.first().map_or("", String::as_str),
            Shape::Nothing => "",
        }
    }

    /// Whether `node` is this call: a `call_expression`, `new_expression`, decorator call,
    /// `assignment_expression` or `throw_statement`.
    pub fn matches(&self, node: Node, source: &str) -> bool {
        let text = |n: Node| source.get(n.byte_range()).unwrap_or("");
        match &self.shape {
            Shape::Nothing => false,
            Shape::Throw => node.kind() == "throw_statement",
            Shape::Constructor(name) => {
                node.kind() == "new_expression"
                    && node
                        .child_by_field_name("constructor")
                        .is_some_and(|c| text(c) == name)
            }
            Shape::Assignment { property } => {
                node.kind() == "assignment_expression"
                    && node.child_by_field_name("left").is_some_and(|left| {
                        left.kind() == "member_expression"
                            && left
                                .child_by_field_name("property")
                                .is_some_and(|p| text(p) == property)
                            && left
                                .child_by_field_name("object")
                                .is_some_and(|o| looks_like_response(text(o)))
                    })
            }
            Shape::Decorator(name) => {
                is_call(node)
                    && node.parent().is_some_and(|p| p.kind() == "decorator")
                    && function(node).is_some_and(|f| f.kind() == "identifier" && text(f) == name)
            }
            // In Python a class is called like a function: `HttpResponseNotFound()`.
            Shape::Function(name) => {
                is_call(node)
                    && function(node).is_some_and(|f| f.kind() == "identifier" && text(f) == name)
            }
            Shape::Method { on, name } => {
                let Some((object, property)) = function(node).and_then(member_parts) else {
                    return false;
                };
                is_call(node)
                    && text(property) == name
                    && match on {
                        Receiver::Any => true,
                        Receiver::Named(named) => text(object) == named,
                        Receiver::Response => looks_like_response(text(object)),
                    }
            }
            Shape::RustPath(segments) => {
                node.kind() == "call_expression"
                    && function(node).is_some_and(|f| {
                        let path: Vec<&str> = text(f).split("::").map(str::trim).collect();
                        path.len() >= segments.len()
                            && path[path.len() - segments.len()..]
                                .iter()
                                .zip(segments)
                                .all(|(a, b)| a == b)
                    })
            }
        }
    }

    /// The part of the call a finding underlines: `res.redirect`, `Redirect::to`, `new Response`.
    pub fn callee<'t>(&self, node: Node<'t>) -> Node<'t> {
        match node.kind() {
            "call_expression" | "call" => function(node).unwrap_or(node),
            "assignment_expression" => node.child_by_field_name("left").unwrap_or(node),
            _ => node,
        }
    }

    /// The call's arguments: a `throw`'s one, an assignment's value.
    pub fn arguments<'t>(&self, node: Node<'t>) -> Vec<Node<'t>> {
        match node.kind() {
            "throw_statement" => node.named_child(0).into_iter().collect(),
            "assignment_expression" => node.child_by_field_name("right").into_iter().collect(),
            _ => node
                .child_by_field_name("arguments")
                .map(|a| {
                    let mut cursor = a.walk();
                    a.named_children(&mut cursor)
                        .filter(|c| !c.kind().ends_with("comment"))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn function(call: Node) -> Option<Node> {
    call.child_by_field_name("function")
}

/// A call in any of our grammars: `call_expression` (JavaScript, Rust, Go) or `call` (Python).
fn is_call(node: Node) -> bool {
    matches!(node.kind(), "call_expression" | "call")
}

/// The object and the member of `res.redirect` (JavaScript), `web.HTTPNotFound` (Python) or
/// `c.Redirect` (Go).
fn member_parts(node: Node) -> Option<(Node, Node)> {
    let (object, member) = match node.kind() {
        "member_expression" => ("object", "property"),
        "attribute" => ("object", "attribute"),
        "selector_expression" => ("operand", "field"),
        _ => return None,
    };
    Some((
        node.child_by_field_name(object)?,
        node.child_by_field_name(member)?,
    ))
}
