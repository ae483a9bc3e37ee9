//! A code in the valid range that nobody assigns: clients can only treat it by its class, so the
//! specific meaning the author had in mind is lost (and it is often a typo: 4044, 299).

use super::{Context, Finding, Rule, Severity, fix};
use crate::catalog::{VALID_RANGE, catalog, class_label};
use crate::syntax::Role;

pub struct UnknownCode;

impl Rule for UnknownCode {
    fn name(&self) -> &'static str {
        "unknown-code"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A status in range that no standard or known platform assigns"
    }
    /// Compared too: `if (res.status === 600)` is a bug. A test asserting a code, or a library
    /// defining one, is not where a wrong code does harm.
    fn roles(&self) -> &'static [Role] {
        &[Role::Sent, Role::Thrown, Role::Compared]
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let roles = self.roles();
        for site in cx
            .sites
            .iter()
            .filter(|s| s.kind.names_a_code() && roles.contains(&cx.role(s)))
        {
            if !VALID_RANGE.contains(&site.code)
                || catalog().get(site.code).is_some()
                || cx.config.allows(site.code)
            {
                continue;
            }
            let class = class_label(site.code).unwrap_or("unknown class");
            let message = format!(
                "{} is not a registered status code: neither the IANA registry nor any known platform assigns it, so clients will treat it as a generic {class}",
                site.described()
            );
            if let Some(mut finding) = cx.finding(self, site, message) {
                // The class's generic code keeps what a client can infer; a guess, so not preferred.
                let generic = (site.code / 100 * 100) as u16;
                finding
                    .fixes
                    .extend(fix::replace_code(site, generic, false));
                out.push(finding);
            }
        }
    }
}
