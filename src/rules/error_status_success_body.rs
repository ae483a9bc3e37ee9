//! A 4xx or 5xx whose body claims success (`{ success: true }`, `{ ok: true }`). The two halves of
//! the response disagree, so clients that check the body and clients that check the status act
//! differently on the same reply; usually one of them was copied from the success branch.

use super::context::body::{Responses, Verdict, verdict};
use super::context::tree::{is_sent, site_node};
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::catalog::catalog;

pub struct ErrorStatusSuccessBody;

impl Rule for ErrorStatusSuccessBody {
    fn name(&self) -> &'static str {
        "error-status-success-body"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A 4xx or 5xx sent with a body that says the request succeeded"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut candidates = cx
            .sites
            .iter()
            .filter(|s| (400..600).contains(&s.code) && is_sent(cx, s))
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
            let Some(Verdict::Succeeded { evidence, flag }) = verdict(response.body, cx.source)
            else {
                continue;
            };
            let message = format!(
                "{} sent with a body that says the request succeeded (`{evidence}`): clients that read the body and clients that read the status will disagree",
                site.described_as(&entry.primary().phrase)
            );
            if let Some(mut finding) = cx.finding(self, site, message) {
                if let Some(flag) = flag {
                    finding.fixes.push(Fix {
                        title: format!("Change `{0}: true` to `{0}: false`", flag.key),
                        edits: vec![Edit {
                            range: flag.value.byte_range(),
                            replacement: "false".to_string(),
                        }],
                        preferred: false,
                        elsewhere: Vec::new(),
                    });
                }
                out.push(finding);
            }
        }
    }
}
