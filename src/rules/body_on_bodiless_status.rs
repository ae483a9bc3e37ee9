//! A body sent with 204, 205 or 304, statuses that by definition have none (RFC 9110 15.3.5,
//! 15.3.6, 15.4.5). Node and hyper silently drop it, so the client never sees what the code
//! carefully built; the fetch API's `Response` (Next.js, Hono, Remix, workers) throws a
//! `TypeError` instead, turning the response into a 500.

use super::context::body::{Api, Responses};
use super::context::tree::{is_sent, site_node};
use super::{Context, Finding, Rule, Severity, fix};
use crate::catalog::catalog;

pub struct BodyOnBodilessStatus;

impl Rule for BodyOnBodilessStatus {
    fn name(&self) -> &'static str {
        "body-on-bodiless-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A body sent with 204, 205 or 304, which cannot carry one"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut candidates = cx
            .sites
            .iter()
            .filter(|s| matches!(s.code, 204 | 205 | 304) && is_sent(cx, s))
            .peekable();
        if candidates.peek().is_none() {
            return;
        }
        let responses = Responses::find(cx);
        for site in candidates {
            let (Some(entry), Some(node)) = (catalog().get(site.code), site_node(cx, site)) else {
                continue;
            };
            let Some(response) = responses.of_status(node) else {
                continue;
            };
            if response.is_empty(cx.source) {
                continue;
            }
            let consequence = match response.api {
                Api::Fetch => {
                    "the fetch API's Response throws a TypeError at run time, so the client gets a 500"
                }
                Api::Node => "Node drops the body, so the client never receives it",
                Api::Rust => "the server drops the body, so the client never receives it",
                Api::Go => {
                    "net/http refuses the write (`http.ErrBodyNotAllowed`), so the client never receives it"
                }
                Api::Python => {
                    "the server either fails the response (h11, under uvicorn) or sends bytes the client reads as the start of the next response"
                }
            };
            let message = format!(
                "A body sent with {}, which cannot carry one: {consequence}",
                site.described_as(&entry.primary().phrase)
            );
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes.extend(fix::replace_code(site, 200, true));
                out.push(finding);
            }
        }
    }
}
