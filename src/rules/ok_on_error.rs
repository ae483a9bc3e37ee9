//! A 2xx sent when the request failed: from a catch block, an `if (err)` guard, an `Err(..)` arm,
//! or with a body that itself says `{ error: ... }`. Clients branch on the status, caches store
//! 2xx responses, retries and alerting key on 5xx: a failure dressed as a success is invisible to
//! all of them, and surfaces later as corrupt data or a support ticket. The 2xx is often not even
//! written: `res.json({ error })` and `NextResponse.json({ error })` send the default 200. And an
//! error made with a 2xx (`ctx.throw(200)`, an error class whose `status` is 200) is one wherever
//! it stands: the framework sends the error with the status it was given.

use super::context::body::{Responses, Verdict, default_status, failure_text, verdict};
use super::context::error_path::{Check, ErrorPaths, Missing, PathKind};
use super::context::role::error_type;
use super::context::tree::{is_sent, site_node};
use super::{Context, Finding, Fix, Rule, Severity, fix};
use crate::catalog::catalog;
use crate::syntax::{Family, Role, Site};
use tree_sitter::Node;

pub struct OkOnError;

const CONSEQUENCE: &str =
    "clients, caches and monitoring will take this failure for a success; send an error status";

/// Frameworks differ on a thrown success status: most send it as it is, Express's final handler
/// sends 500 in its place. Neither is what the code meant.
const CONSEQUENCE_THROWN: &str = "an error goes out with its status, so clients, caches and \
    monitoring take the failure for a success (or the framework swaps in 500); give it a 4xx or 5xx";

impl Rule for OkOnError {
    fn name(&self) -> &'static str {
        "ok-on-error"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A 2xx sent from an error path, thrown as an error or given to an error class, or with a body \
         that says the request failed"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(severity) = cx.config.severity(self.name(), self.default_severity()) else {
            return;
        };
        let sites: Vec<(&Site, Node)> = cx
            .sites
            .iter()
            .filter(|s| (200..300).contains(&s.code) && is_sent(cx, s))
            .filter_map(|s| Some((s, site_node(cx, s)?)))
            .collect();
        // `class PaymentFailed extends HttpException { .. super(msg, 200) }`: an error type's
        // own status, reported where the type is defined, since raising it sends the status.
        for site in cx.sites.iter().filter(|s| (200..300).contains(&s.code)) {
            if cx.role(site) != Role::Defined {
                continue;
            }
            let (Some(node), Some(entry)) = (site_node(cx, site), catalog().get(site.code)) else {
                continue;
            };
            let Some(owner) = error_type(cx, node, cx.source) else {
                continue;
            };
            let owner = match (owner, cx.language.family()) {
                ("", _) => "an error class".to_string(),
                (name, Family::Go) => format!("the error type `{name}`"),
                (name, _) => format!("the error class `{name}`"),
            };
            let described = site.described_as(&entry.primary().phrase);
            let message = format!("{described} given to {owner}: {CONSEQUENCE_THROWN}");
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes = fix::replace_with_each(site, DEFAULT_REPLACEMENTS);
                out.push(finding);
            }
        }
        let defaults = if cx.language.is_rust() {
            Vec::new()
        } else {
            default_status(cx)
        };
        if sites.is_empty() && defaults.is_empty() {
            return;
        }
        let asked: Vec<Node> = sites
            .iter()
            .map(|(_, node)| *node)
            .chain(defaults.iter().map(|d| d.whole))
            .collect();
        let paths = ErrorPaths::find(cx, &asked);
        let responses = Responses::find(cx);
        for (site, node) in sites {
            let Some(entry) = catalog().get(site.code) else {
                continue;
            };
            let described = site.described_as(&entry.primary().phrase);
            // `ctx.throw(200)`, `createError(201)`, `raise HTTPException(status_code=200)`: an
            // error given a success status, whatever surrounds it.
            let (message, codes) = if cx.role(site) == Role::Thrown {
                let verb = match cx.language.family() {
                    Family::Python => "raised",
                    _ => "thrown",
                };
                let message = format!("{described} {verb} as an error: {CONSEQUENCE_THROWN}");
                (message, DEFAULT_REPLACEMENTS)
            } else {
                let body = responses.of_status(node).map(|r| r.body);
                let Some((why, codes, _)) = judge(&paths, node, body, cx.source) else {
                    continue;
                };
                (format!("{described} sent {why}: {CONSEQUENCE}"), codes)
            };
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes = fix::replace_with_each(site, codes);
                out.push(finding);
            }
        }
        for response in defaults {
            let Some((why, codes, on_error_path)) =
                judge(&paths, response.whole, Some(response.body), cx.source)
            else {
                continue;
            };
            if response.in_helper && !on_error_path {
                continue;
            }
            let fixes = codes
                .iter()
                .enumerate()
                .filter_map(|(i, code)| {
                    let phrase = &catalog().get(*code as u32)?.primary().phrase;
                    Some(Fix {
                        title: format!("Use {code} {phrase}"),
                        edits: vec![response.edit(*code)?],
                        preferred: i == 0,
                        elsewhere: Vec::new(),
                    })
                })
                .collect();
            out.push(Finding {
                rule: self.name(),
                severity,
                range: response.callee.byte_range(),
                message: format!("200 OK (the default status) sent {why}: {CONSEQUENCE}"),
                code: 200,
                fixes,
            });
        }
    }
}

/// Why a 2xx sent at `node` with `body` is a mistake ("from a catch block", "with a body that
/// says the request failed (...)"), the statuses that fit, the likeliest first, and whether it
/// was an error path (rather than only the body) that gave it away.
fn judge(
    paths: &ErrorPaths,
    node: Node,
    body: Option<Node>,
    source: &str,
) -> Option<(String, &'static [u16], bool)> {
    let failed_body = match body.and_then(|b| verdict(b, source)) {
        Some(Verdict::Failed { evidence }) => Some(evidence),
        _ => None,
    };
    // A guard like `if (!user)` also guards "is this email free?" endpoints, where a 200 is the
    // answer; only a response that admits the failure makes it a mistake.
    let path = paths.around(node).filter(|path| match path.kind {
        PathKind::MissingGuard(_) => {
            failed_body.is_some() || body.is_some_and(|b| failure_text(b, source).is_some())
        }
        _ => true,
    });
    match (path, failed_body) {
        (Some(path), _) => Some((
            format!("from {}", path.description),
            replacements(path.kind),
            true,
        )),
        (None, Some(evidence)) => Some((
            format!("with a body that says the request failed (`{evidence}`)"),
            DEFAULT_REPLACEMENTS,
            false,
        )),
        (None, None) => None,
    }
}

/// 500 first: from an error path, the server's own failure is the safe assumption.
const DEFAULT_REPLACEMENTS: &[u16] = &[500, 400, 404, 409, 422];

fn replacements(kind: PathKind) -> &'static [u16] {
    match kind {
        PathKind::MissingGuard(Missing::Lookup) => &[404, 500, 400, 409, 422],
        PathKind::MissingGuard(Missing::Credentials) => &[401, 403, 500],
        PathKind::FailedCheck(Check::Upstream) => &[502, 500],
        PathKind::FailedCheck(Check::Validation) => &[400, 422, 500],
        _ => DEFAULT_REPLACEMENTS,
    }
}
