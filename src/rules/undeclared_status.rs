//! A route that can send a status its declared responses do not list: the API's documentation
//! (Fastify's response schema, NestJS's `@ApiResponse` decorators, utoipa's `responses(..)`)
//! promises clients a set of statuses, and this one is not among them, nor covered by a class
//! (`4xx`) or `default`. Reads the route model (`crate::routes`), which names no framework here.

use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::catalog::catalog;
use crate::routes::declared::{Declared, HolderKind};
use crate::routes::{How, Route};

pub struct UndeclaredStatus;

impl Rule for UndeclaredStatus {
    fn name(&self) -> &'static str {
        "undeclared-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A route that can send a status its declared responses do not list"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(severity) = cx.config.severity(self.name(), self.default_severity()) else {
            return;
        };
        for (route, declared, by) in &declaring(cx) {
            let by = by.as_deref();
            // The framework's own 500 for an escaping error is not something a route declares.
            for status in route.statuses.iter().filter(|s| s.how != How::Framework) {
                if declared.covers(status.code) || !cx.in_scope(status.range.start) {
                    continue;
                }
                let phrase = catalog()
                    .get(status.code)
                    .map_or(String::new(), |c| format!(" {}", c.primary().phrase));
                let mut listed: Vec<String> =
                    declared.responses.iter().map(|(r, _)| r.label()).collect();
                listed.dedup();
                let path = if route.path.is_empty() {
                    "this route"
                } else {
                    &route.path
                };
                let declarer = match by {
                    Some(document) => format!(
                        "{document} declares only {} for {} {path}",
                        listed.join(", "),
                        route.method
                    ),
                    None => format!(
                        "{} {path} declares only {}",
                        route.method,
                        listed.join(", ")
                    ),
                };
                let message = format!(
                    "{}{phrase} can be sent here ({}), but {declarer}: clients and generated SDKs built from the declaration do not expect it",
                    status.code,
                    status.how.label(),
                );
                out.push(Finding {
                    rule: self.name(),
                    severity,
                    range: status.range.clone(),
                    message,
                    code: status.code,
                    fixes: fixes(cx, declared, status.code),
                });
            }
        }
    }
}

/// Each route of the file with what it declares: beside it, or in the project's OpenAPI
/// document (then with the document's name), for routes that declare at all.
pub fn declaring(cx: &Context) -> Vec<(Route, Declared, Option<String>)> {
    let document = cx
        .config
        .root
        .as_deref()
        .and_then(|root| crate::routes::openapi::for_root(root, cx.config.openapi.as_deref()));
    let document = document.as_deref().and_then(|d| d.as_ref().ok());
    let routes = match document {
        Some(_) => crate::routes::find(cx, None),
        None => declaring_routes(cx),
    };
    routes
        .into_iter()
        .filter_map(|route| match (&route.declared, document) {
            (Some(declared), _) => {
                let declared = declared.clone();
                Some((route, declared, None))
            }
            (None, Some(document)) => {
                let responses = document.responses(route.method, &route.path)?;
                let declared = Declared {
                    responses: responses.iter().map(|r| (*r, 0..0)).collect(),
                    holders: Vec::new(),
                };
                Some((route, declared, Some(document.name.clone())))
            }
            (None, None) => None,
        })
        .collect()
}

/// The routes of a file that declare their responses beside them: looked for only where a
/// declaration can be (the words every declaration shape needs), so other files pay nothing.
fn declaring_routes(cx: &Context) -> Vec<Route> {
    let source = cx.source;
    let may_declare = (source.contains("schema") && source.contains("response"))
        || source.contains("@Api")
        || source.contains("responses(");
    // The declarations first (one query): a file of routes that declare nothing (Fastify's own
    // test suites name `schema` and `response` everywhere) is not worth its routes.
    if !may_declare {
        return Vec::new();
    }
    let declarations = crate::routes::declared::all(cx);
    if declarations.is_empty() {
        return Vec::new();
    }
    crate::routes::find_with(cx, None, &declarations)
        .into_iter()
        .filter(|r| r.declared.is_some())
        .collect()
}

/// Adds `code` to the declaration: a key in a response schema, a decorator before the others.
fn fixes(cx: &Context, declared: &Declared, code: u32) -> Vec<Fix> {
    let Some(holder) = declared.holders.first() else {
        return Vec::new();
    };
    let edit = match holder.kind {
        HolderKind::Object => {
            // After the object's `{`, in the object's own layout.
            let open = holder.range.start + 1;
            let after = &cx.source[open..holder.range.end];
            let indent: String = after
                .strip_prefix('\n')
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| *c == ' ' || *c == '\t')
                        .collect()
                })
                .unwrap_or_default();
            let replacement = if indent.is_empty() {
                format!(" {code}: {{}},")
            } else {
                format!("\n{indent}{code}: {{}},")
            };
            Edit {
                range: open..open,
                replacement,
            }
        }
        HolderKind::Decorator => {
            let line_start = cx.source[..holder.range.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let indent = &cx.source[line_start..holder.range.start];
            let indent = if indent.trim().is_empty() { indent } else { "" };
            Edit {
                range: holder.range.start..holder.range.start,
                replacement: format!("@ApiResponse({{ status: {code} }})\n{indent}"),
            }
        }
        HolderKind::Attribute => return Vec::new(),
    };
    vec![Fix {
        title: format!("Declare {code} in the route's responses"),
        edits: vec![edit],
        preferred: true,
    }]
}
