//! A code the IANA registry keeps only as deprecated or reserved (102, 305, 306, 418): clients may
//! no longer honour it, and readers of the code will misjudge what it does.

use super::{Context, Finding, Rule, Severity, context};
use crate::catalog::{Standing, catalog};

pub struct DeprecatedCode;

impl Rule for DeprecatedCode {
    fn name(&self) -> &'static str {
        "deprecated-code"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Info)
    }
    fn summary(&self) -> &'static str {
        "Sending a code the IANA registry marks deprecated, obsolete or unused"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for site in cx.sites.iter().filter(|s| context::tree::is_sent(cx, s)) {
            let Some(iana) = catalog().get(site.code).and_then(|c| c.iana()) else {
                continue;
            };
            let state = match iana.standing {
                Standing::Deprecated => "deprecated",
                Standing::Reserved => "reserved and unused",
                _ => continue,
            };
            if cx.config.allows(site.code) {
                continue;
            }
            let message = format!(
                "{} is {state} in the IANA registry; clients may not honour it",
                site.described_as(&iana.phrase)
            );
            out.extend(cx.finding(self, site, message));
        }
    }
}
