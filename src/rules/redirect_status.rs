//! Redirects with the wrong status. A redirect call given a code that is not a redirect
//! (`res.redirect(200, url)`) sends a Location nobody follows, and the fetch API's
//! `Response.redirect` throws a `RangeError` for it. And 301/302 from a handler of a POST, PUT,
//! PATCH or DELETE route leave the next request's method to the client: browsers turn a POST into
//! a GET but keep PUT and DELETE, other clients differ. 303 (go and GET this) and 307/308 (repeat
//! this request there) say which one is meant.

use super::context::model::{implicit_redirect, is_fetch_response};
use super::context::route::{Method, REDIRECTS, Routes, needs_method};
use super::context::tree::{is_sent, site_node, text};
use super::{Context, Finding, Rule, Severity, fix};
use crate::catalog::catalog;
use crate::syntax::Form;
use tree_sitter::Node;

pub struct RedirectStatus;

impl Rule for RedirectStatus {
    fn name(&self) -> &'static str {
        "redirect-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "A redirect with a non-redirect status, or 301/302 where the request method matters"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut candidates = cx
            .sites
            .iter()
            .filter(|s| needs_method(s))
            .filter(|s| catalog().get(s.code).is_some() && is_sent(cx, s))
            .peekable();
        if candidates.peek().is_none() {
            return;
        }
        let routes = Routes::find(cx);
        for site in candidates {
            let (Some(entry), Some(node)) = (catalog().get(site.code), site_node(cx, site)) else {
                continue;
            };
            let phrase = site.described_as(&entry.primary().phrase);
            let method = routes
                .method_of(node, cx.source)
                .filter(|m| !matches!(m, Method::Get | Method::Any));
            let (message, codes): (String, Vec<u16>) = if !REDIRECTS.contains(&site.code) {
                let receiver = redirect_receiver(node, cx.source);
                let fetch = receiver.is_some_and(|r| is_fetch_response(cx, r));
                let consequence = if fetch {
                    format!(
                        "`{}.redirect` throws a RangeError for any status but 301, 302, 303, 307 and 308",
                        receiver.unwrap_or("Response")
                    )
                } else {
                    "clients follow Location only with 301, 302, 303, 307 or 308".to_string()
                };
                // After a GET, the framework's own default redirect first (Next.js: 307).
                let codes: Vec<u16> = match method {
                    Some(_) => vec![303, 307, 308],
                    None => {
                        let own = node
                            .parent()
                            .and_then(|args| args.parent())
                            .and_then(|call| implicit_redirect(cx, call));
                        let mut codes = vec![302, 307, 308];
                        if let Some(own) = own {
                            codes.retain(|c| *c != own);
                            codes.insert(0, own);
                        }
                        codes
                    }
                };
                (
                    format!(
                        "A redirect sent with {phrase}, which is not a redirect status: {consequence}"
                    ),
                    codes,
                )
            } else if let Some(method) = method
                // `res.redirect(url)` after a POST form is the redirect-after-POST idiom every
                // browser follows with a GET; a call whose name chose 301 or 302 is reported.
                && site.form != (Form::Implicit { named: false })
            {
                let (same_method, codes) = if site.code == 301 {
                    ("308 Permanent Redirect", vec![303, 308])
                } else {
                    ("307 Temporary Redirect", vec![303, 307])
                };
                (
                    format!(
                        "{phrase} from a {} handler leaves the next request's method to the client (browsers turn POST into GET but keep PUT and DELETE): send 303 See Other to continue with a GET, or {same_method} to repeat the {}",
                        method.name(),
                        method.name()
                    ),
                    codes,
                )
            } else {
                continue;
            };
            if let Some(mut finding) = cx.finding(self, site, message) {
                finding.fixes = fix::replace_with_each(site, &codes);
                out.push(finding);
            }
        }
    }
}

/// `res` in `res.redirect(200, url)`, `NextResponse` in `NextResponse.redirect(url, 200)`.
fn redirect_receiver<'s>(status: Node, source: &'s str) -> Option<&'s str> {
    let call = status.parent()?.parent()?;
    let function = call.child_by_field_name("function")?;
    let object = function.child_by_field_name("object")?;
    Some(text(object, source))
}
