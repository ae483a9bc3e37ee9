//! A handler that sets a 1xx as its status. 1xx responses are interim: the server sends them on
//! its own (100 Continue for `Expect: 100-continue`, 101 when it upgrades the connection) or
//! through a dedicated API (`res.writeEarlyHints()` for 103). Set as a handler's status, a 1xx
//! leaves the client without the final response it is still waiting for.

use super::context::tree::is_sent;
use super::{Context, Finding, Rule, Severity};
use crate::catalog::catalog;

pub struct InformationalFromHandler;

impl Rule for InformationalFromHandler {
    fn name(&self) -> &'static str {
        "informational-from-handler"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A handler setting a 1xx status, which the server sends itself"
    }
    fn supersedes(&self) -> &'static [&'static str] {
        &["deprecated-code", "unofficial-code"]
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // A file that handles `upgrade` (WebSockets, h2c) may well answer 101 itself.
        // Read only when a 101 is sent, and without a lowercase copy of the file: this runs on
        // every keystroke's check.
        let upgrades = std::cell::OnceCell::new();
        let upgrades = || {
            *upgrades.get_or_init(|| {
                cx.source
                    .as_bytes()
                    .windows(b"upgrade".len())
                    .any(|w| w.eq_ignore_ascii_case(b"upgrade"))
            })
        };
        for site in cx.sites.iter().filter(|s| (100..200).contains(&s.code)) {
            if (site.code == 101 && upgrades()) || !is_sent(cx, site) {
                continue;
            }
            let Some(entry) = catalog().get(site.code) else {
                continue;
            };
            let advice = match site.code {
                100 => "the server answers `Expect: 100-continue` on its own",
                101 => {
                    "only a connection upgrade (WebSocket, h2c) answers 101, and this file handles none"
                }
                103 => {
                    "send early hints with `res.writeEarlyHints()` (Node 18.11+) before the final response"
                }
                _ => "the server sends interim responses itself",
            };
            let message = format!(
                "{} is an interim response, not a final status: {advice}; a handler that sets it leaves the client waiting for the real response",
                site.described_as(&entry.primary().phrase)
            );
            out.extend(cx.finding(self, site, message));
        }
    }
}
