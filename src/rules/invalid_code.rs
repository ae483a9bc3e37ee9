//! A number in a status position that no HTTP status can be: RFC 9110 allows three digits from
//! 100 to 599, and servers reject or mangle anything else (Node throws `RangeError`).

use super::{Context, Finding, Rule, Severity};
use crate::catalog::VALID_RANGE;
use crate::syntax::Role;

pub struct InvalidCode;

impl Rule for InvalidCode {
    fn name(&self) -> &'static str {
        "invalid-code"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Error)
    }
    fn summary(&self) -> &'static str {
        "A status outside 100-599, which no HTTP response can carry"
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
            if VALID_RANGE.contains(&site.code) {
                continue;
            }
            let message = format!(
                "{} is not a valid HTTP status code: status codes are three digits from 100 to 599",
                site.described()
            );
            out.extend(cx.finding(self, site, message));
        }
    }
}
