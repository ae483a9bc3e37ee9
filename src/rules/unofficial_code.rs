//! A code with no IANA meaning, only a vendor's or a convention's. Generic clients, proxies and
//! monitoring treat it by its class at best, so the vendor's meaning does not travel.

use super::platform_reserved::{replacements, reserved_message};
use super::{Context, Finding, Rule, Severity, context, fix};
use crate::catalog::catalog;

pub struct UnofficialCode;

impl Rule for UnofficialCode {
    fn name(&self) -> &'static str {
        "unofficial-code"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Info)
    }
    fn summary(&self) -> &'static str {
        "Sending a vendor or informal code that generic clients do not know"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for site in cx.sites.iter().filter(|s| context::tree::is_sent(cx, s)) {
            let Some(entry) = catalog().get(site.code) else {
                continue;
            };
            // A code some enabled platform reserves is platform-reserved's to report.
            if entry.iana().is_some()
                || cx.config.allows(site.code)
                || reserved_message(site.code, cx).is_some()
            {
                continue;
            }
            let meanings: Vec<String> = entry
                .meanings
                .iter()
                .map(|m| {
                    let owner = catalog()
                        .platform(&m.platform)
                        .map_or(m.platform.as_str(), |p| p.name.as_str());
                    format!("{owner}: \"{}\"", m.phrase)
                })
                .collect();
            let message = format!(
                "{} is not an IANA status code ({}); generic clients and proxies will not know its meaning",
                site.described(),
                meanings.join("; ")
            );
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes = fix::replace_with_each(site, replacements(site.code));
                out.push(finding);
            }
        }
    }
}
