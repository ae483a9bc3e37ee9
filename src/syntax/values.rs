//! The codes a name can carry to a site: `res.status(UPSTREAM_DOWN)` after
//! `const UPSTREAM_DOWN = 531`, `res.status(code)` after `let code = 200; if (x) code = 521`,
//! `res.status(Codes.Down)` with a TypeScript enum or an `as const` table, Rust's `const`,
//! `static` and `let`. Names are resolved with `locals` (the binding in force at the use and the
//! assignments to it before); each value is followed to the literal or named constant that writes
//! it. A value this file cannot know (a parameter, a call, an import) gives nothing: a guess
//! would be a finding nobody can trust.

use super::Language;
use super::locals::{Binding, Locals};
use super::sites::{Form, parse_integer};
use crate::catalog::catalog;
use std::ops::Range;
use tree_sitter::{Node, Tree};

/// Where a value that reached a site through a name was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    /// The name at the site, as written there (`UPSTREAM_DOWN`, `Codes.Down`).
    pub name: std::sync::Arc<str>,
    /// The bytes of the literal or constant that writes the code.
    pub value: Range<usize>,
    /// The name where it is declared.
    pub binding: Range<usize>,
    /// 1-based line of `value`, for messages.
    pub line: usize,
    /// The site is the name's only use and the value its only one: a fix may edit the definition.
    pub sole_use: bool,
}

/// One code a name can hold at a site.
pub struct Value {
    pub code: u32,
    /// Held by a status type (`StatusCode::OK`, `StatusCode::from_u16(521)`), not a bare number.
    pub typed: bool,
    /// How the code is written where it is defined, so a fix keeps that spelling.
    pub form: Form,
    pub origin: Origin,
}

/// Namespaces whose members are named codes (`HttpStatus.NOT_FOUND`, `StatusCode::OK`); the
/// sites queries' constant patterns name the same ones.
const NAMESPACES: &[&str] = &[
    "HttpStatus",
    "StatusCodes",
    "httpStatus",
    "HttpStatusCode",
    "HTTP_STATUS",
    "StatusCode",
];

/// A code as written: value, spelling, bytes, and whether a status type holds it
/// (`StatusCode::OK`, `StatusCode::from_u16(521)`) rather than a bare number.
type Written = (u32, Form, Range<usize>, bool);

/// How many names deep a value is followed (`const A = B; const B = 531`).
const DEPTH: usize = 4;

pub struct Resolver<'t> {
    locals: Locals<'t>,
    source: &'t str,
    language: Language,
    /// Every name looked up, for a skimmed parse that must keep the code defining them.
    pub names: Vec<String>,
}

impl<'t> Resolver<'t> {
    pub fn new(tree: &'t Tree, source: &'t str, language: Language) -> Resolver<'t> {
        Resolver {
            locals: Locals::new(tree, source, language),
            source,
            language,
            names: Vec::new(),
        }
    }

    /// Whether `node` is a name whose values this module reads.
    pub fn is_name(node: Node, language: Language) -> bool {
        match node.kind() {
            // `{ status }`
            "shorthand_property_identifier" => true,
            "identifier" => {
                // Inside a macro's tokens an identifier is not an expression.
                !(language.is_rust() && node.parent().is_some_and(|p| p.kind() == "token_tree"))
            }
            "member_expression" | "attribute" => node
                .child_by_field_name("object")
                .is_some_and(|o| o.kind() == "identifier"),
            _ => false,
        }
    }

    /// Whether `node` is a member of a name that is no status namespace (`t.gone`, not
    /// `HttpStatus.GONE`): one whose value a table in this file may give.
    pub fn is_table_member(node: Node, source: &str) -> bool {
        matches!(node.kind(), "member_expression" | "attribute")
            && node
                .child_by_field_name("object")
                .is_some_and(|o| o.kind() == "identifier" && !NAMESPACES.contains(&text(o, source)))
    }

    /// The codes `node` (a name, or `Table.member`) can hold where it stands.
    pub fn values(&mut self, node: Node<'t>) -> Vec<Value> {
        let name: std::sync::Arc<str> = text(node, self.source).into();
        let written = self.follow(node, 0);
        if written.is_empty() {
            return Vec::new();
        }
        // Where the name is declared, and whether this is its one use: the same for every value.
        let declared = self.binding_of(node);
        let sole_use = self.sole_use(node);
        let mut out = Vec::new();
        for (code, form, value, typed) in written {
            let binding = declared.clone().unwrap_or(value.clone());
            out.push(Value {
                code,
                typed,
                form,
                origin: Origin {
                    name: name.clone(),
                    line: line_of(self.source, value.start),
                    value,
                    binding,
                    sole_use,
                },
            });
        }
        out.sort_by_key(|v| (v.origin.value.start, v.code));
        out.dedup_by_key(|v| (v.origin.value.start, v.code));
        out
    }

    fn note(&mut self, name: &str) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
    }

    /// The codes an expression evaluates to, each with its form and the bytes that write it.
    fn follow(&mut self, node: Node<'t>, depth: usize) -> Vec<Written> {
        if depth > DEPTH {
            return Vec::new();
        }
        match node.kind() {
            "number" | "integer_literal" | "integer" | "int_literal" => {
                parse_integer(text(node, self.source))
                    .map(|code| (code, Form::Literal, node.byte_range(), false))
                    .into_iter()
                    .collect()
            }
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
            | "type_cast_expression" => node
                .named_child(0)
                .map(|inner| self.follow(inner, depth))
                .unwrap_or_default(),
            // Python's `500 if failed else 200`.
            "conditional_expression" => {
                let mut cursor = node.walk();
                let parts: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                [parts.first(), parts.get(2)]
                    .into_iter()
                    .flatten()
                    .flat_map(|branch| self.follow(*branch, depth))
                    .collect()
            }
            // `HTTPStatus.NOT_FOUND`, `status.HTTP_404_NOT_FOUND` (Python), `HTTPStatus.OK.value`.
            "attribute" => {
                let (Some(object), Some(name)) = (
                    node.child_by_field_name("object"),
                    node.child_by_field_name("attribute"),
                ) else {
                    return Vec::new();
                };
                if text(name, self.source) == "value" {
                    return self.follow(object, depth);
                }
                let object_text = text(object, self.source);
                let last = object_text.rsplit('.').next().unwrap_or(object_text);
                if matches!(last, "HTTPStatus" | "status") {
                    return constant(node, name, self.source).into_iter().collect();
                }
                // `Codes.DOWN` where `class Codes(IntEnum): DOWN = 521` is this file's.
                if object.kind() != "identifier" {
                    return Vec::new();
                }
                self.note(object_text);
                let Some(member) = self.class_member(object_text, text(name, self.source)) else {
                    return Vec::new();
                };
                self.follow(member, depth + 1)
            }
            // `http.StatusNotFound` (Go; fiber's copies)
            "selector_expression" => {
                let (Some(operand), Some(field)) = (
                    node.child_by_field_name("operand"),
                    node.child_by_field_name("field"),
                ) else {
                    return Vec::new();
                };
                if !matches!(text(operand, self.source), "http" | "fiber") {
                    return Vec::new();
                }
                constant(node, field, self.source).into_iter().collect()
            }
            "ternary_expression" => ["consequence", "alternative"]
                .iter()
                .filter_map(|field| node.child_by_field_name(field))
                .flat_map(|branch| self.follow(branch, depth))
                .collect(),
            // `code || 500`, `code ?? 500`, Python's `code or 500`: either side.
            "binary_expression" | "boolean_operator" => {
                let op = node
                    .child_by_field_name("operator")
                    .map_or("", |o| text(o, self.source));
                if !matches!(op, "||" | "??" | "or") {
                    return Vec::new();
                }
                ["left", "right"]
                    .iter()
                    .filter_map(|field| node.child_by_field_name(field))
                    .flat_map(|side| self.follow(side, depth))
                    .collect()
            }
            "identifier" | "shorthand_property_identifier"
                if Resolver::is_name(node, self.language) =>
            {
                let name = text(node, self.source);
                self.note(name);
                let Some(resolution) = self.locals.resolve(name, node) else {
                    return Vec::new();
                };
                std::iter::once(resolution.declaration)
                    .chain(resolution.assignments)
                    .filter_map(|b| b.value)
                    .flat_map(|value| self.follow(value, depth + 1))
                    .collect()
            }
            "member_expression" => self.member(node, depth),
            // let status = if running { PROCESSING } else { 200 };
            "if_expression" | "else_clause" | "block" => {
                let mut out = Vec::new();
                let mut cursor = node.walk();
                let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
                // A block's value is its last expression: `{ PROCESSING }`.
                let tail = children.last().copied().filter(|c| {
                    node.kind() == "block"
                        && !c.kind().ends_with("statement")
                        && !matches!(
                            c.kind(),
                            "let_declaration" | "line_comment" | "block_comment"
                        )
                });
                if let Some(tail) = tail {
                    out.extend(self.follow(tail, depth));
                }
                for child in children {
                    match child.kind() {
                        "block" | "else_clause" | "if_expression" => {
                            out.extend(self.follow(child, depth))
                        }
                        _ => {}
                    }
                }
                out
            }
            "scoped_identifier" => {
                let (Some(path), Some(name)) = (
                    node.child_by_field_name("path"),
                    node.child_by_field_name("name"),
                ) else {
                    return Vec::new();
                };
                let path_text = text(path, self.source);
                let last = path_text.rsplit("::").next().unwrap_or(path_text);
                if !matches!(last, "StatusCode" | "Status") {
                    return Vec::new();
                }
                constant(node, name, self.source).into_iter().collect()
            }
            // StatusCode::from_u16(521).unwrap(), Status::new(531), StatusCode::OK.as_u16()
            "call_expression" if self.language.is_rust() => {
                let Some(function) = node.child_by_field_name("function") else {
                    return Vec::new();
                };
                match function.kind() {
                    "field_expression" => {
                        let method = function
                            .child_by_field_name("field")
                            .map_or("", |f| text(f, self.source));
                        match (method, function.child_by_field_name("value")) {
                            ("unwrap" | "expect" | "as_u16" | "into", Some(value)) => {
                                self.follow(value, depth)
                            }
                            _ => Vec::new(),
                        }
                    }
                    "scoped_identifier" => {
                        let callee = text(function, self.source);
                        let builds = ["StatusCode::from_u16", "Status::new", "Status::from_code"]
                            .iter()
                            .any(|c| callee == *c || callee.ends_with(&format!("::{c}")));
                        match node
                            .child_by_field_name("arguments")
                            .and_then(|a| a.named_child(0))
                        {
                            Some(argument) if builds => self
                                .follow(argument, depth)
                                .into_iter()
                                .map(|(code, form, range, _)| (code, form, range, true))
                                .collect(),
                            _ => Vec::new(),
                        }
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// `HttpStatus.NOT_FOUND`, or `Codes.Down` where `Codes` is an enum or a constant object of
    /// this file.
    fn member(&mut self, node: Node<'t>, depth: usize) -> Vec<Written> {
        let (Some(object), Some(property)) = (
            node.child_by_field_name("object"),
            node.child_by_field_name("property"),
        ) else {
            return Vec::new();
        };
        let object_text = text(object, self.source);
        if NAMESPACES.contains(&object_text) {
            return constant(node, property, self.source).into_iter().collect();
        }
        if object.kind() != "identifier" {
            return Vec::new();
        }
        self.note(object_text);
        let Some(resolution) = self.locals.resolve(object_text, object) else {
            return Vec::new();
        };
        // A table written once: an enum, or a `const` object nothing reassigns.
        if !resolution.assignments.is_empty() {
            return Vec::new();
        }
        let Some(table) = resolution.declaration.value.map(|v| self.table(v)) else {
            return Vec::new();
        };
        let member = text(property, self.source);
        let Some(value) = table.and_then(|t| self.entry(t, member)) else {
            return Vec::new();
        };
        self.follow(value, depth + 1)
    }

    /// The value `class <class>: <member> = value` gives a member, for a class at the top of
    /// the file (a Python `IntEnum` of codes, a constants class).
    fn class_member(&self, class: &str, member: &str) -> Option<Node<'t>> {
        let root = self.locals_root()?;
        let mut cursor = root.walk();
        let definition = root.named_children(&mut cursor).find_map(|child| {
            let definition = match child.kind() {
                "decorated_definition" => child.child_by_field_name("definition")?,
                _ => child,
            };
            (definition.kind() == "class_definition"
                && definition
                    .child_by_field_name("name")
                    .is_some_and(|n| text(n, self.source) == class))
            .then_some(definition)
        })?;
        let body = definition.child_by_field_name("body")?;
        let mut cursor = body.walk();
        let mut value = None;
        for statement in body.named_children(&mut cursor) {
            let Some(assignment) = statement
                .named_child(0)
                .filter(|a| statement.kind() == "expression_statement" && a.kind() == "assignment")
            else {
                continue;
            };
            if assignment
                .child_by_field_name("left")
                .is_some_and(|l| l.kind() == "identifier" && text(l, self.source) == member)
            {
                if value.is_some() {
                    // Assigned twice: not a constant.
                    return None;
                }
                value = assignment.child_by_field_name("right");
            }
        }
        value
    }

    fn locals_root(&self) -> Option<Node<'t>> {
        Some(self.locals.root())
    }

    /// The object or enum body a table's declaration gives it: `{ .. }`, `{ .. } as const`,
    /// `Object.freeze({ .. })`, `enum E { .. }`.
    fn table(&self, value: Node<'t>) -> Option<Node<'t>> {
        match value.kind() {
            "object" | "enum_body" => Some(value),
            "as_expression" | "satisfies_expression" | "parenthesized_expression" => {
                self.table(value.named_child(0)?)
            }
            "call_expression" => {
                let callee = value.child_by_field_name("function")?;
                if text(callee, self.source) != "Object.freeze" {
                    return None;
                }
                self.table(value.child_by_field_name("arguments")?.named_child(0)?)
            }
            _ => None,
        }
    }

    /// The value of `member` in a table.
    fn entry(&self, table: Node<'t>, member: &str) -> Option<Node<'t>> {
        let mut cursor = table.walk();
        let children: Vec<Node<'t>> = table.named_children(&mut cursor).collect();
        children.into_iter().find_map(|child| match child.kind() {
            "pair" | "enum_assignment" => {
                let key = child
                    .child_by_field_name("key")
                    .or_else(|| child.child_by_field_name("name"))?;
                let key_text = text(key, self.source);
                let key_text = key_text.trim_matches(|c| c == '"' || c == '\'');
                (key_text == member).then(|| child.child_by_field_name("value"))?
            }
            _ => None,
        })
    }

    /// Where the name at `node` is declared.
    fn binding_of(&mut self, node: Node<'t>) -> Option<Range<usize>> {
        let name_node = match node.kind() {
            "member_expression" | "attribute" => node.child_by_field_name("object")?,
            _ => node,
        };
        let name = text(name_node, self.source);
        self.locals
            .resolve(name, name_node)
            .map(|r| r.declaration.name.byte_range())
    }

    /// Whether the site is the name's one use, its declaration its one value: then a fix may
    /// change the definition without changing what other code sends. Counted in the text of the
    /// declaring scope, which every parse of the file has whole.
    fn sole_use(&mut self, node: Node<'t>) -> bool {
        if node.kind() != "identifier" {
            // `{ status }` cannot take a literal in the name's place.
            return false;
        }
        let name = text(node, self.source);
        let Some(resolution) = self.locals.resolve(name, node) else {
            return false;
        };
        if !resolution.assignments.is_empty() {
            return false;
        }
        let Binding { scope, .. } = resolution.declaration;
        let scope_text = self.source.get(scope.byte_range()).unwrap_or("");
        let bytes = scope_text.as_bytes();
        let uses = memchr::memmem::find_iter(bytes, name.as_bytes())
            .filter(|&at| super::is_whole_word(bytes, at..at + name.len()))
            .count();
        uses == 2
    }
}

fn constant(whole: Node, name: Node, source: &str) -> Option<Written> {
    let name_text = text(name, source);
    let code = catalog().constant(name_text)?;
    Some((
        code as u32,
        Form::Constant {
            prefix: source.get(whole.start_byte()..name.start_byte())?.into(),
            name: name_text.into(),
        },
        whole.start_byte()..name.end_byte(),
        true,
    ))
}

fn text<'s>(node: Node, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

fn line_of(source: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &source.as_bytes()[..offset.min(source.len())]).count() + 1
}
