//! A body whose own status field names another status than the one the response is sent with:
//! `res.status(400).json({ status: 500, .. })`. Clients, log pipelines and API gateways read one
//! or the other, and the two disagree about what happened; usually one was copied from another
//! branch. Reads the bodies model (`context::body`) and the sites' values, so a field holding a
//! named constant (`statusCode: HttpStatus.NOT_FOUND`) counts as its code.

use super::context::body::{Entry, Response, Responses, entries};
use super::context::tree::{is_sent, site_node, text};
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::catalog::catalog;
use crate::syntax::Site;
use tree_sitter::Node;

pub struct BodyStatusMismatch;

/// Keys that hold the response's HTTP status when their value is one (`code` often holds an
/// application error code instead, so it counts only with a value from 100 to 599).
const STATUS_KEYS: &[&str] = &[
    "status",
    "statusCode",
    "status_code",
    "httpStatus",
    "http_status",
    "httpStatusCode",
    "code",
];

/// Keys whose object value describes the error, and so may hold the status one level down
/// (`{ error: { status: 500, message } }`).
const ERROR_KEYS: &[&str] = &["error", "err"];

impl Rule for BodyStatusMismatch {
    fn name(&self) -> &'static str {
        "body-status-mismatch"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A response body whose status field names another status than the one sent"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let sent: Vec<&Site> = cx
            .sites
            .iter()
            .filter(|s| (100..600).contains(&s.code) && is_sent(cx, s))
            .collect();
        if sent.is_empty() {
            return;
        }
        let responses = Responses::find(cx);
        // A status through a name may hold several codes (`let code = 200; if (x) code = 521`):
        // the body agrees when it names any of them.
        let mut at = 0;
        while at < sent.len() {
            let range = sent[at].range.clone();
            let group: Vec<&Site> = sent[at..]
                .iter()
                .take_while(|s| s.range == range)
                .copied()
                .collect();
            at += group.len();
            let site = group[0];
            let Some(node) = site_node(cx, site) else {
                continue;
            };
            let Some(response) = responses.of_status(node) else {
                continue;
            };
            let Some(field) = status_field(cx, response) else {
                continue;
            };
            if group.iter().any(|s| s.code == field.code) {
                continue;
            }
            // A gateway's 502 or 504 often reports the upstream's own 5xx in its body
            // (`{ statusCode: 524 }` from the CDN in front of the origin): not a contradiction.
            if group.iter().all(|s| matches!(s.code, 502 | 504)) && (500..600).contains(&field.code)
            {
                continue;
            }
            let Some(entry) = catalog().get(site.code) else {
                continue;
            };
            let message = format!(
                "The body says {} (`{}: {}`) but the response is sent with {}: a client reading the status and one reading the body disagree about what happened",
                field.code,
                field.key,
                text(field.value, cx.source),
                site.described_as(&entry.primary().phrase),
            );
            let Some(mut finding) = cx.finding(self, site, message) else {
                continue;
            };
            finding.range = field.value.byte_range();
            let replacement = follow(cx, site, field.value, node);
            finding.fixes.push(Fix {
                title: format!("Make `{}` follow the status: `{replacement}`", field.key),
                edits: vec![Edit {
                    range: field.value.byte_range(),
                    replacement,
                }],
                preferred: true,
                elsewhere: Vec::new(),
            });
            out.push(finding);
        }
    }
}

/// A body's field that names an HTTP status.
struct StatusField<'t> {
    key: String,
    value: Node<'t>,
    code: u32,
}

fn status_field<'t>(cx: &Context<'t>, response: &Response<'t>) -> Option<StatusField<'t>> {
    let top = entries(response.body, cx.source);
    let nested = top
        .iter()
        .filter(|e| ERROR_KEYS.contains(&e.key.as_str()))
        .filter_map(|e| e.value)
        .filter(|v| matches!(v.kind(), "object" | "dictionary" | "composite_literal"))
        .flat_map(|v| entries(v, cx.source));
    let all: Vec<Entry> = top.iter().map(copy).chain(nested).collect();
    all.iter().find_map(|entry| {
        if !STATUS_KEYS.contains(&entry.key.as_str()) {
            return None;
        }
        let value = entry.value?;
        let code = code_of(cx, value)?;
        (100..600).contains(&code).then(|| StatusField {
            key: entry.key.clone(),
            value,
            code,
        })
    })
}

fn copy<'t>(entry: &Entry<'t>) -> Entry<'t> {
    Entry {
        key: entry.key.clone(),
        value: entry.value,
    }
}

/// The status a field's value names: a number (`500`), a quoted one (`"500"`, JSON:API's
/// spelling), or a code the sites model found there (`HttpStatus.NOT_FOUND`, a constant).
fn code_of(cx: &Context, value: Node) -> Option<u32> {
    let written = text(value, cx.source);
    let unquoted = written.trim_matches(|c| c == '"' || c == '\'');
    if unquoted.len() == 3
        && unquoted.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            value.kind(),
            "number"
                | "integer_literal"
                | "integer"
                | "int_literal"
                | "string"
                | "string_literal"
                | "interpreted_string_literal"
        )
    {
        return unquoted.parse().ok();
    }
    cx.sites
        .iter()
        .find(|s| value.byte_range().contains(&s.range.start) && s.range.end <= value.end_byte())
        .map(|s| s.code)
}

/// The field's new value, in the spelling the status is written in where the body can take it:
/// the same name or constant in JavaScript (`res.status(code)` -> `status: code`), else the number
/// (a Rust `StatusCode` is not a JSON number), quoted when the field was.
fn follow(cx: &Context, site: &Site, value: Node, status: Node) -> String {
    let number = site.code.to_string();
    let quoted = matches!(
        value.kind(),
        "string" | "string_literal" | "interpreted_string_literal"
    );
    if quoted {
        let quote = text(value, cx.source).chars().next().unwrap_or('"');
        return format!("{quote}{number}{quote}");
    }
    let written = text(status, cx.source);
    let is_name = matches!(status.kind(), "identifier" | "member_expression");
    if cx.language.is_javascript() && is_name && !written.contains('(') {
        written.to_string()
    } else {
        number
    }
}
