//! A route that declares a status no path of its handler sends: documentation that promises what
//! the code never answers (a 404 documented on a handler that cannot fail to find). Off by
//! default: a declared status may come from middleware, a guard or a global error filter the
//! route model cannot see.

use super::{Context, Finding, Rule, Severity};
use crate::routes::How;
use crate::routes::declared::Response;

pub struct UnsentDeclaredStatus;

impl Rule for UnsentDeclaredStatus {
    fn name(&self) -> &'static str {
        "unsent-declared-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        None
    }
    fn summary(&self) -> &'static str {
        "A declared response status that no path of the route's handler sends (off by default)"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(severity) = cx.config.severity(self.name(), self.default_severity()) else {
            return;
        };
        for declaring in cx.declaring_routes() {
            let (route, declared) = (&declaring.route, &declaring.declared);
            let by = declaring.document.as_ref().map(|d| &d.name);
            // What the model cannot follow may send anything.
            if !route.unfollowed.is_empty() {
                continue;
            }
            for (response, range) in &declared.responses {
                // A document's declaration is in another file: the finding goes on the route.
                let on_route = {
                    let end = cx.source[route.at.clone()]
                        .find('\n')
                        .map_or(route.at.end, |i| route.at.start + i);
                    route.at.start..end
                };
                let range = if by.is_some() { &on_route } else { range };
                let Response::Code(code) = response else {
                    continue;
                };
                let sent = route.statuses.iter().any(|s| s.code == *code);
                // An escaping error is the framework's 500: a declared 500 is sent.
                let framework =
                    *code == 500 && route.statuses.iter().any(|s| s.how == How::Framework);
                if sent || framework || !cx.in_scope(range.start) {
                    continue;
                }
                let place = by.map_or(String::new(), |d| format!(" in {d}"));
                out.push(Finding {
                    rule: self.name(),
                    severity,
                    range: range.clone(),
                    message: format!(
                        "{code} is declared{place} for {} {}, but no path of its handler sends it",
                        route.method,
                        if route.path.is_empty() {
                            "this route"
                        } else {
                            &route.path
                        }
                    ),
                    code: *code,
                    fixes: Vec::new(),
                });
            }
        }
    }
}
