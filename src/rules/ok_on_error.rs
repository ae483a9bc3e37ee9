//! A 2xx sent when the request failed: from a catch block, an `if (err)` guard, an `Err(..)` arm,
//! or with a body that itself says `{ error: ... }`. Clients branch on the status, caches store
//! 2xx responses, retries and alerting key on 5xx: a failure dressed as a success is invisible to
//! all of them, and surfaces later as corrupt data or a support ticket.

use super::context::body::{Responses, Verdict, failure_text, verdict};
use super::context::error_path::{Check, ErrorPaths, Missing, PathKind};
use super::context::tree::{is_sent, site_node};
use super::{Context, Finding, Rule, Severity, fix};
use crate::catalog::catalog;

pub struct OkOnError;

const CONSEQUENCE: &str =
    "clients, caches and monitoring will take this failure for a success; send an error status";

impl Rule for OkOnError {
    fn name(&self) -> &'static str {
        "ok-on-error"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A 2xx sent from an error path, or with a body that says the request failed"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut candidates = cx
            .sites
            .iter()
            .filter(|s| (200..300).contains(&s.code) && is_sent(cx, s))
            .peekable();
        if candidates.peek().is_none() {
            return;
        }
        let paths = ErrorPaths::find(cx);
        let responses = Responses::find(cx);
        for site in candidates {
            let (Some(entry), Some(node)) = (catalog().get(site.code), site_node(cx, site)) else {
                continue;
            };
            let response = responses.of_status(node);
            let failed_body = match response.and_then(|r| verdict(r.body, cx.source)) {
                Some(Verdict::Failed { evidence }) => Some(evidence),
                _ => None,
            };
            // A guard like `if (!user)` also guards "is this email free?" endpoints, where a 200
            // is the answer; only a response that admits the failure makes it a mistake.
            let path = paths.around(node).filter(|path| match path.kind {
                PathKind::MissingGuard(_) => {
                    failed_body.is_some()
                        || response.is_some_and(|r| failure_text(r.body, cx.source).is_some())
                }
                _ => true,
            });
            let phrase = format!("{} {}", site.code, entry.primary().phrase);
            let (message, codes) = match (path, failed_body) {
                (Some(path), _) => (
                    format!("{phrase} sent from {}: {CONSEQUENCE}", path.description),
                    replacements(path.kind),
                ),
                (None, Some(evidence)) => (
                    format!(
                        "{phrase} sent with a body that says the request failed (`{evidence}`): {CONSEQUENCE}"
                    ),
                    DEFAULT_REPLACEMENTS,
                ),
                (None, None) => continue,
            };
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes = fix::replace_with_each(site, codes);
                out.push(finding);
            }
        }
    }
}

/// 500 first: from an error path, the server's own failure is the safe assumption.
const DEFAULT_REPLACEMENTS: &[u16] = &[500, 400, 404, 409, 422];

/// The error statuses that fit an error path, the likeliest first.
fn replacements(kind: PathKind) -> &'static [u16] {
    match kind {
        PathKind::MissingGuard(Missing::Lookup) => &[404, 500, 400, 409, 422],
        PathKind::MissingGuard(Missing::Credentials) => &[401, 403, 500],
        PathKind::FailedCheck(Check::Upstream) => &[502, 500],
        PathKind::FailedCheck(Check::Validation) => &[400, 422, 500],
        _ => DEFAULT_REPLACEMENTS,
    }
}
