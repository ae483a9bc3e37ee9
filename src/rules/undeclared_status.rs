//! A route that can send a status its declared responses do not list: the API's documentation
//! (Fastify's response schema, NestJS's `@ApiResponse` decorators, utoipa's `responses(..)`)
//! promises clients a set of statuses, and this one is not among them, nor covered by a class
//! (`4xx`) or `default`. Reads the route model (`crate::routes`), which names no framework here.

use super::{Context, Edit, FileEdits, Finding, Fix, Rule, Severity};
use crate::catalog::catalog;
use crate::routes::How;
use crate::routes::declared::{Declared, HolderKind};
use crate::routes::declaring::DocumentOperation;
use crate::routes::openapi_edit::add_response;

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
        for declaring in cx.declaring_routes() {
            let (route, declared) = (&declaring.route, &declaring.declared);
            let by = declaring.document.as_ref().map(|d| d.name.as_str());
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
                    fixes: match &declaring.document {
                        Some(document) => in_document(document, status.code),
                        None => fixes(cx, declared, status.code),
                    },
                });
            }
        }
    }
}

/// Adds `code` to the operation's responses in the OpenAPI document, with the code's phrase as its
/// description. Never preferred: the document is the API's contract, shared by every route, and
/// the status sent may be the mistake, so neither `check --fix` nor a fix-all changes it.
fn in_document(document: &DocumentOperation, code: u32) -> Vec<Fix> {
    let Some(method) = &document.method else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(&document.file) else {
        return Vec::new();
    };
    let description = catalog()
        .get(code)
        .map_or_else(|| code.to_string(), |c| c.primary().phrase.to_string());
    let Some(edit) = add_response(&text, &document.path, method, code, &description) else {
        return Vec::new();
    };
    vec![Fix {
        title: format!(
            "Declare {code} for {} {} in {}",
            method.to_ascii_uppercase(),
            document.path,
            document.name
        ),
        edits: Vec::new(),
        preferred: false,
        elsewhere: vec![FileEdits {
            path: document.file.clone(),
            edits: vec![edit],
        }],
    }]
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
        elsewhere: Vec::new(),
    }]
}
