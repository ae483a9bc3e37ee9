//! Status-constant modules a file already imports (`http-status-codes`' `StatusCodes`,
//! `@nestjs/common`'s `HttpStatus`, `http-status`, Rust's `http::StatusCode`), the name each gives
//! a code, and the edit that imports the name when only its module is imported. The tables hold
//! only names each library has had for years: a fix that writes a name the installed version lacks
//! breaks the build (or, in JavaScript, sends `undefined`).

use super::tree::text;
use crate::catalog::catalog;
use crate::rules::{Context, Edit};
use crate::syntax::Family;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Library {
    /// `import { HttpStatus } from '@nestjs/common'`
    Nest,
    /// `import { StatusCodes } from 'http-status-codes'`
    HttpStatusCodes,
    /// `import httpStatus from 'http-status'`
    HttpStatus,
    /// `use http::StatusCode` (axum, actix-web, hyper, reqwest, warp)
    RustHttp,
    /// Go's `net/http`: `http.StatusNotFound`.
    GoHttp,
    /// Python's `http.HTTPStatus.NOT_FOUND`.
    PythonHttpStatus,
    /// `from starlette import status` (FastAPI, DRF alike): `status.HTTP_404_NOT_FOUND`.
    PythonStatusModule,
}

impl Library {
    pub fn module(self) -> &'static str {
        match self {
            Library::Nest => "@nestjs/common",
            Library::HttpStatusCodes => "http-status-codes",
            Library::HttpStatus => "http-status",
            Library::RustHttp => "http",
            Library::GoHttp => "net/http",
            Library::PythonHttpStatus => "http",
            Library::PythonStatusModule => "starlette.status",
        }
    }

    /// The name the library gives `code`, if it has one for certain.
    pub fn constant(self, code: u16) -> Option<String> {
        use crate::catalog::ListedLibrary::{GoNetHttp, PythonHttp};
        match self {
            Library::RustHttp => return catalog().rust_http_constant(code),
            Library::GoHttp => {
                return catalog()
                    .listed_constant(GoNetHttp, code)
                    .map(|name| format!("Status{name}"));
            }
            Library::PythonHttpStatus => {
                return catalog()
                    .listed_constant(PythonHttp, code)
                    .map(String::from);
            }
            Library::PythonStatusModule => {
                return catalog()
                    .listed_constant(PythonHttp, code)
                    .map(|name| format!("HTTP_{code}_{name}"));
            }
            _ => {}
        }
        let (_, nest, codes, status) = JS_NAMES.iter().find(|row| row.0 == code)?;
        let name = match self {
            Library::Nest => nest,
            Library::HttpStatusCodes => codes,
            _ => status,
        };
        (!name.is_empty()).then(|| name.to_string())
    }
}

/// code, NestJS `HttpStatus`, http-status-codes `StatusCodes`, http-status; "" where the library
/// has no name (or has changed it between versions).
const JS_NAMES: &[(u16, &str, &str, &str)] = &[
    (100, "CONTINUE", "CONTINUE", "CONTINUE"),
    (
        101,
        "SWITCHING_PROTOCOLS",
        "SWITCHING_PROTOCOLS",
        "SWITCHING_PROTOCOLS",
    ),
    (102, "PROCESSING", "PROCESSING", ""),
    (200, "OK", "OK", "OK"),
    (201, "CREATED", "CREATED", "CREATED"),
    (202, "ACCEPTED", "ACCEPTED", "ACCEPTED"),
    (
        203,
        "NON_AUTHORITATIVE_INFORMATION",
        "NON_AUTHORITATIVE_INFORMATION",
        "NON_AUTHORITATIVE_INFORMATION",
    ),
    (204, "NO_CONTENT", "NO_CONTENT", "NO_CONTENT"),
    (205, "RESET_CONTENT", "RESET_CONTENT", "RESET_CONTENT"),
    (206, "PARTIAL_CONTENT", "PARTIAL_CONTENT", "PARTIAL_CONTENT"),
    (207, "", "MULTI_STATUS", "MULTI_STATUS"),
    (
        301,
        "MOVED_PERMANENTLY",
        "MOVED_PERMANENTLY",
        "MOVED_PERMANENTLY",
    ),
    (302, "FOUND", "MOVED_TEMPORARILY", "FOUND"),
    (303, "SEE_OTHER", "SEE_OTHER", "SEE_OTHER"),
    (304, "NOT_MODIFIED", "NOT_MODIFIED", "NOT_MODIFIED"),
    (
        307,
        "TEMPORARY_REDIRECT",
        "TEMPORARY_REDIRECT",
        "TEMPORARY_REDIRECT",
    ),
    (
        308,
        "PERMANENT_REDIRECT",
        "PERMANENT_REDIRECT",
        "PERMANENT_REDIRECT",
    ),
    (400, "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST"),
    (401, "UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED"),
    (
        402,
        "PAYMENT_REQUIRED",
        "PAYMENT_REQUIRED",
        "PAYMENT_REQUIRED",
    ),
    (403, "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"),
    (404, "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"),
    (
        405,
        "METHOD_NOT_ALLOWED",
        "METHOD_NOT_ALLOWED",
        "METHOD_NOT_ALLOWED",
    ),
    (406, "NOT_ACCEPTABLE", "NOT_ACCEPTABLE", "NOT_ACCEPTABLE"),
    (
        407,
        "PROXY_AUTHENTICATION_REQUIRED",
        "PROXY_AUTHENTICATION_REQUIRED",
        "PROXY_AUTHENTICATION_REQUIRED",
    ),
    (408, "REQUEST_TIMEOUT", "REQUEST_TIMEOUT", "REQUEST_TIMEOUT"),
    (409, "CONFLICT", "CONFLICT", "CONFLICT"),
    (410, "GONE", "GONE", "GONE"),
    (411, "LENGTH_REQUIRED", "LENGTH_REQUIRED", "LENGTH_REQUIRED"),
    (
        412,
        "PRECONDITION_FAILED",
        "PRECONDITION_FAILED",
        "PRECONDITION_FAILED",
    ),
    (
        413,
        "PAYLOAD_TOO_LARGE",
        "REQUEST_TOO_LONG",
        "REQUEST_ENTITY_TOO_LARGE",
    ),
    (
        414,
        "URI_TOO_LONG",
        "REQUEST_URI_TOO_LONG",
        "REQUEST_URI_TOO_LONG",
    ),
    (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "UNSUPPORTED_MEDIA_TYPE",
        "UNSUPPORTED_MEDIA_TYPE",
    ),
    (
        416,
        "REQUESTED_RANGE_NOT_SATISFIABLE",
        "REQUESTED_RANGE_NOT_SATISFIABLE",
        "REQUESTED_RANGE_NOT_SATISFIABLE",
    ),
    (
        417,
        "EXPECTATION_FAILED",
        "EXPECTATION_FAILED",
        "EXPECTATION_FAILED",
    ),
    (418, "I_AM_A_TEAPOT", "IM_A_TEAPOT", "IM_A_TEAPOT"),
    (
        422,
        "UNPROCESSABLE_ENTITY",
        "UNPROCESSABLE_ENTITY",
        "UNPROCESSABLE_ENTITY",
    ),
    (423, "", "LOCKED", "LOCKED"),
    (
        424,
        "FAILED_DEPENDENCY",
        "FAILED_DEPENDENCY",
        "FAILED_DEPENDENCY",
    ),
    (
        428,
        "PRECONDITION_REQUIRED",
        "PRECONDITION_REQUIRED",
        "PRECONDITION_REQUIRED",
    ),
    (
        429,
        "TOO_MANY_REQUESTS",
        "TOO_MANY_REQUESTS",
        "TOO_MANY_REQUESTS",
    ),
    (
        431,
        "",
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
    ),
    (
        451,
        "",
        "UNAVAILABLE_FOR_LEGAL_REASONS",
        "UNAVAILABLE_FOR_LEGAL_REASONS",
    ),
    (
        500,
        "INTERNAL_SERVER_ERROR",
        "INTERNAL_SERVER_ERROR",
        "INTERNAL_SERVER_ERROR",
    ),
    (501, "NOT_IMPLEMENTED", "NOT_IMPLEMENTED", "NOT_IMPLEMENTED"),
    (502, "BAD_GATEWAY", "BAD_GATEWAY", "BAD_GATEWAY"),
    (
        503,
        "SERVICE_UNAVAILABLE",
        "SERVICE_UNAVAILABLE",
        "SERVICE_UNAVAILABLE",
    ),
    (504, "GATEWAY_TIMEOUT", "GATEWAY_TIMEOUT", "GATEWAY_TIMEOUT"),
    (
        505,
        "HTTP_VERSION_NOT_SUPPORTED",
        "HTTP_VERSION_NOT_SUPPORTED",
        "HTTP_VERSION_NOT_SUPPORTED",
    ),
    (507, "", "INSUFFICIENT_STORAGE", "INSUFFICIENT_STORAGE"),
    (
        511,
        "",
        "NETWORK_AUTHENTICATION_REQUIRED",
        "NETWORK_AUTHENTICATION_REQUIRED",
    ),
];

/// A constants module the file imports.
#[derive(Debug, Clone)]
pub struct Constants {
    pub library: Library,
    /// What the file calls the constants (`StatusCodes`, `HttpStatus`, `httpStatus`, `StatusCode`).
    pub local: String,
    /// The edit importing `local`, when the module is imported but the name is not.
    pub import: Option<Edit>,
}

impl Constants {
    /// `StatusCodes.NOT_FOUND`, `StatusCode::NOT_FOUND`.
    pub fn expression(&self, code: u16) -> Option<String> {
        let name = self.library.constant(code)?;
        let separator = if self.library == Library::RustHttp {
            "::"
        } else {
            "."
        };
        Some(format!("{}{separator}{name}", self.local))
    }
}

/// The constants module the file imports, preferring one whose name is already imported.
pub fn imported(cx: &Context) -> Option<Constants> {
    let mut found = match cx.language.family() {
        Family::Rust => rust_imports(cx),
        Family::Javascript => js_imports(cx),
        Family::Python => python_imports(cx.source),
        Family::Go => go_imports(cx.source),
    };
    found.sort_by_key(|c| (c.import.is_some(), c.library as u8));
    found.into_iter().next()
}

/// `from fastapi import status` (Starlette, DRF alike), `from http import HTTPStatus`,
/// `import http`: the names the file already has.
fn python_imports(source: &str) -> Vec<Constants> {
    let mut found = Vec::new();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    for line in source.lines().map(str::trim_start) {
        let constants = |library, local: &str| Constants {
            library,
            local: local.to_string(),
            import: None,
        };
        if let Some(rest) = line.strip_prefix("from ") {
            let Some((module, names)) = rest.split_once(" import ") else {
                continue;
            };
            let names = words(names);
            let module = module.trim();
            if ["fastapi", "starlette", "rest_framework"].contains(&module)
                && names.iter().any(|n| n == "status")
            {
                found.push(constants(Library::PythonStatusModule, "status"));
            }
            if module == "http" && names.iter().any(|n| n == "HTTPStatus") {
                found.push(constants(Library::PythonHttpStatus, "HTTPStatus"));
            }
        } else if let Some(rest) = line.strip_prefix("import ")
            && words(rest).first().is_some_and(|w| w == "http")
            && !rest.contains(" as ")
        {
            found.push(constants(Library::PythonHttpStatus, "http.HTTPStatus"));
        }
    }
    found
}

/// `import "net/http"`: every Go file that serves HTTP has `http.StatusNotFound` at hand.
fn go_imports(source: &str) -> Vec<Constants> {
    let imports = crate::frameworks::imported_modules(source, Family::Go);
    let http = crate::frameworks::bundled()
        .iter()
        .find(|f| f.name == "net-http")
        .is_some_and(|f| f.used_by(&imports, &[]));
    http.then(|| Constants {
        library: Library::GoHttp,
        local: "http".to_string(),
        import: None,
    })
    .into_iter()
    .collect()
}

/// `(module, default import, named imports with their aliases, where a new name goes)`.
struct JsImport<'t> {
    module: String,
    default: Option<String>,
    named: Vec<(String, String)>,
    /// The last named import (`{ a, b }`, `const { a, b } = require(...)`), after which a new
    /// name can be added.
    last_named: Option<Node<'t>>,
}

fn js_imports(cx: &Context) -> Vec<Constants> {
    let root = cx.tree.root_node();
    let mut imports = Vec::new();
    let mut cursor = root.walk();
    for statement in root.named_children(&mut cursor) {
        match statement.kind() {
            "import_statement" => imports.extend(es_import(statement, cx.source)),
            "lexical_declaration" | "variable_declaration" => {
                let mut inner = statement.walk();
                for declarator in statement.named_children(&mut inner) {
                    imports.extend(require_import(declarator, cx.source));
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for import in imports {
        let (library, wanted) = match import.module.as_str() {
            "@nestjs/common" => (Library::Nest, "HttpStatus"),
            "http-status-codes" => (Library::HttpStatusCodes, "StatusCodes"),
            "http-status" => (Library::HttpStatus, "status"),
            _ => continue,
        };
        let named = import
            .named
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, local)| local.clone());
        let constants = match (library, named, &import.default) {
            (_, Some(local), _) => Constants {
                library,
                local,
                import: None,
            },
            (Library::HttpStatus, None, Some(default)) => Constants {
                library,
                local: default.clone(),
                import: None,
            },
            (Library::Nest | Library::HttpStatusCodes, None, _) => {
                let Some(last) = import.last_named else {
                    continue;
                };
                Constants {
                    library,
                    local: wanted.to_string(),
                    import: Some(Edit {
                        range: last.end_byte()..last.end_byte(),
                        replacement: format!(", {wanted}"),
                    }),
                }
            }
            _ => continue,
        };
        found.push(constants);
    }
    found
}

/// `import x, { A, B as C } from "module"`
fn es_import<'t>(statement: Node<'t>, source: &str) -> Option<JsImport<'t>> {
    let module = statement.child_by_field_name("source")?;
    let mut import = JsImport {
        module: unquote(text(module, source)).to_string(),
        default: None,
        named: Vec::new(),
        last_named: None,
    };
    let clause = statement
        .named_children(&mut statement.walk())
        .find(|c| c.kind() == "import_clause")?;
    for part in clause.named_children(&mut clause.walk()) {
        match part.kind() {
            "identifier" => import.default = Some(text(part, source).to_string()),
            "named_imports" => {
                for specifier in part.named_children(&mut part.walk()) {
                    if specifier.kind() != "import_specifier" {
                        continue;
                    }
                    let Some(name) = specifier.child_by_field_name("name") else {
                        continue;
                    };
                    let local = specifier.child_by_field_name("alias").unwrap_or(name);
                    import.named.push((
                        text(name, source).to_string(),
                        text(local, source).to_string(),
                    ));
                    import.last_named = Some(specifier);
                }
            }
            _ => {}
        }
    }
    Some(import)
}

/// `const x = require("module")`, `const { A, B: C } = require("module")`
fn require_import<'t>(declarator: Node<'t>, source: &str) -> Option<JsImport<'t>> {
    let value = declarator.child_by_field_name("value")?;
    if value.kind() != "call_expression"
        || value
            .child_by_field_name("function")
            .is_none_or(|f| text(f, source) != "require")
    {
        return None;
    }
    let module = value.child_by_field_name("arguments")?.named_child(0)?;
    if module.kind() != "string" {
        return None;
    }
    let mut import = JsImport {
        module: unquote(text(module, source)).to_string(),
        default: None,
        named: Vec::new(),
        last_named: None,
    };
    let name = declarator.child_by_field_name("name")?;
    match name.kind() {
        "identifier" => import.default = Some(text(name, source).to_string()),
        "object_pattern" => {
            for property in name.named_children(&mut name.walk()) {
                let pair = match property.kind() {
                    "shorthand_property_identifier_pattern" => {
                        let n = text(property, source).to_string();
                        Some((n.clone(), n))
                    }
                    "pair_pattern" => property
                        .child_by_field_name("key")
                        .zip(property.child_by_field_name("value"))
                        .map(|(k, v)| (text(k, source).to_string(), text(v, source).to_string())),
                    _ => None,
                };
                if let Some(pair) = pair {
                    import.named.push(pair);
                    import.last_named = Some(property);
                }
            }
        }
        _ => return None,
    }
    Some(import)
}

fn unquote(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '\'' || c == '`')
}

/// Crates whose `StatusCode` is the http crate's.
const RUST_HTTP_PATHS: &[&str] = &[
    "http",
    "axum::http",
    "actix_web::http",
    "hyper",
    "hyper::http",
    "reqwest",
    "warp::http",
    "poem::http",
    "salvo::http",
    "tower_http",
];

fn rust_imports(cx: &Context) -> Vec<Constants> {
    let root = cx.tree.root_node();
    let mut found = Vec::new();
    let mut cursor = root.walk();
    for item in root.named_children(&mut cursor) {
        if item.kind() != "use_declaration" {
            continue;
        }
        let Some(argument) = item.child_by_field_name("argument") else {
            continue;
        };
        rust_use(argument, "", item, cx.source, &mut found);
    }
    found
}

/// Walks one `use` tree, `prefix` being the path above `node`.
fn rust_use(node: Node, prefix: &str, item: Node, source: &str, found: &mut Vec<Constants>) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    let is_http = |path: &str| RUST_HTTP_PATHS.contains(&path);
    match node.kind() {
        "scoped_identifier" | "identifier" => {
            let full = join(prefix, text(node, source));
            let (path, name) = full.rsplit_once("::").unwrap_or(("", full.as_str()));
            if name == "StatusCode" && is_http(path) {
                found.push(Constants {
                    library: Library::RustHttp,
                    local: "StatusCode".to_string(),
                    import: None,
                });
            } else if is_http(path) && node.kind() == "scoped_identifier" {
                // `use http::Response;`: a new `use` line after this one.
                let indent = line_indent(source, item.start_byte());
                found.push(Constants {
                    library: Library::RustHttp,
                    local: "StatusCode".to_string(),
                    import: Some(Edit {
                        range: item.end_byte()..item.end_byte(),
                        replacement: format!("\n{indent}use {path}::StatusCode;"),
                    }),
                });
            }
        }
        "use_as_clause" => {
            let (Some(path), Some(alias)) = (
                node.child_by_field_name("path"),
                node.child_by_field_name("alias"),
            ) else {
                return;
            };
            let full = join(prefix, text(path, source));
            if let Some((module, "StatusCode")) = full.rsplit_once("::")
                && is_http(module)
            {
                found.push(Constants {
                    library: Library::RustHttp,
                    local: text(alias, source).to_string(),
                    import: None,
                });
            }
        }
        "scoped_use_list" => {
            let path = node
                .child_by_field_name("path")
                .map_or(String::new(), |p| join(prefix, text(p, source)));
            let Some(list) = node.child_by_field_name("list") else {
                return;
            };
            let items: Vec<Node> = list.named_children(&mut list.walk()).collect();
            for child in &items {
                rust_use(*child, &path, item, source, found);
            }
            if is_http(&path)
                && let Some(last) = items.last()
            {
                found.push(Constants {
                    library: Library::RustHttp,
                    local: "StatusCode".to_string(),
                    import: Some(Edit {
                        range: last.end_byte()..last.end_byte(),
                        replacement: ", StatusCode".to_string(),
                    }),
                });
            }
        }
        "use_wildcard" => {
            let path = text(node, source).trim_end_matches("::*");
            if is_http(&join(prefix, path)) {
                found.push(Constants {
                    library: Library::RustHttp,
                    local: "StatusCode".to_string(),
                    import: None,
                });
            }
        }
        _ => {}
    }
}

fn line_indent(source: &str, offset: usize) -> String {
    let start = source[..offset.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    source[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}
