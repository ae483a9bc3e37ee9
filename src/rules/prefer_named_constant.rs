//! A bare number where the file already imports named status constants. A team that imports
//! `StatusCodes` or `HttpStatus` has chosen names over numbers, so `404` beside
//! `StatusCodes.NOT_FOUND` is an inconsistency, and the name is what a reader searches for. Off by
//! default: it is a matter of style.

use super::context::constants::{self, Library};
use super::context::tree::{site_node, text};
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::syntax::{Form, SiteKind};
use tree_sitter::Node;

pub struct PreferNamedConstant;

impl Rule for PreferNamedConstant {
    fn name(&self) -> &'static str {
        "prefer-named-constant"
    }
    fn default_severity(&self) -> Option<Severity> {
        None
    }
    fn summary(&self) -> &'static str {
        "A numeric status where the file imports named constants (off by default)"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx
            .config
            .severity(self.name(), self.default_severity())
            .is_none()
        {
            return;
        }
        let mut candidates = cx
            .sites
            .iter()
            .filter(|s| matches!(s.kind, SiteKind::Set | SiteKind::Redirect))
            .filter(|s| s.form == Form::Literal && s.origin.is_none())
            .peekable();
        if candidates.peek().is_none() {
            return;
        }
        let Some(constants) = constants::imported(cx) else {
            return;
        };
        for site in candidates {
            let Ok(code) = u16::try_from(site.code) else {
                continue;
            };
            let Some(node) = site_node(cx, site) else {
                continue;
            };
            if !takes_a_constant(node, constants.library, cx.source) {
                continue;
            }
            let Some(expression) = constants.expression(code) else {
                continue;
            };
            let message = format!(
                "{} written as a number while this file imports `{}` from `{}`: write `{expression}`",
                site.code,
                constants.local,
                constants.library.module()
            );
            let Some(mut finding) = cx.finding(self, site, message) else {
                continue;
            };
            let mut edits = vec![Edit {
                range: site.range.clone(),
                replacement: expression.clone(),
            }];
            let mut title = format!("Use {expression}");
            if let Some(import) = &constants.import {
                edits.push(import.clone());
                title = format!("Use {expression} (and import {})", constants.local);
            }
            finding.fixes.push(Fix {
                title,
                edits,
                preferred: true,
                elsewhere: Vec::new(),
            });
            out.push(finding);
        }
    }
}

/// Whether the constant can replace the number without changing the expression's type.
/// `StatusCode::from_u16(404)` returns a `Result` and rocket's `Status::new(404)` another type,
/// so in Rust only the builders' `.status(404)` qualifies. Hono types its status parameters as
/// unions of number literals, which an enum member does not satisfy, so `c.json(x, 404)` stays.
fn takes_a_constant(status: Node, library: Library, source: &str) -> bool {
    // Go's constants are untyped integers and Python's an `int` enum: they go wherever the
    // number does.
    if matches!(
        library,
        Library::GoHttp | Library::PythonHttpStatus | Library::PythonStatusModule
    ) {
        return true;
    }
    let call = status
        .parent()
        .filter(|p| p.kind() == "arguments")
        .and_then(|arguments| arguments.parent());
    let function = call.and_then(|c| c.child_by_field_name("function"));
    if library == Library::RustHttp {
        return function.is_some_and(|f| {
            f.kind() == "field_expression"
                && f.child_by_field_name("field")
                    .is_some_and(|field| text(field, source) == "status")
        });
    }
    let receiver = function
        .and_then(|f| f.child_by_field_name("object"))
        .map(|o| text(o, source));
    receiver != Some("c")
}
