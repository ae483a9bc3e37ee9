//! Statuses that are only half an answer without their header: 401 without `WWW-Authenticate`
//! (RFC 9110 requires it: which scheme should the client use?), 405 without `Allow` (required:
//! which methods would work?), 429 and 503 without `Retry-After` (when may the client come
//! back? without it, clients retry at once and make the overload worse), 201 without `Location`
//! (where is what was created?). The header is looked for by name anywhere in the enclosing
//! handler, which misses headers set by middleware or helpers elsewhere: hence off by default.

use super::context::tree::{is_sent, outermost_function, site_node};
use super::{Context, Finding, Rule, Severity};
use crate::catalog::catalog;
use tree_sitter::Node;

pub struct MissingCompanionHeader;

/// code, header, why the client needs it.
const COMPANIONS: &[(u32, &str, &str)] = &[
    (
        201,
        "Location",
        "it tells the client where the created resource is",
    ),
    (
        401,
        "WWW-Authenticate",
        "RFC 9110 requires it with a 401, naming the authentication scheme to use",
    ),
    (
        405,
        "Allow",
        "RFC 9110 requires it with a 405, listing the methods the resource supports",
    ),
    (
        429,
        "Retry-After",
        "it tells clients when to retry; without it they retry at once",
    ),
    (
        503,
        "Retry-After",
        "it tells clients when to retry; without it they retry at once",
    ),
];

impl Rule for MissingCompanionHeader {
    fn name(&self) -> &'static str {
        "missing-companion-header"
    }
    fn default_severity(&self) -> Option<Severity> {
        None
    }
    fn summary(&self) -> &'static str {
        "401, 405, 429, 503 or 201 without the header that completes it (off by default)"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx
            .config
            .severity(self.name(), self.default_severity())
            .is_none()
        {
            return;
        }
        for site in cx.sites {
            let Some((_, header, why)) = COMPANIONS.iter().find(|(code, ..)| *code == site.code)
            else {
                continue;
            };
            if !is_sent(cx, site) {
                continue;
            }
            let (Some(entry), Some(node)) = (catalog().get(site.code), site_node(cx, site)) else {
                continue;
            };
            let Some(handler) = outermost_function(cx.tree, node) else {
                continue;
            };
            if mentions(&handler_text(handler, cx.source), header) {
                continue;
            }
            let article = if header.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            let message = format!(
                "{} without {article} `{header}` header in this handler: {why}",
                site.described_as(&entry.primary().phrase)
            );
            out.extend(cx.finding(self, site, message));
        }
    }
}

/// The handler's text, with the decorators above a class method (NestJS `@Header('Location', ..)`).
fn handler_text(handler: Node, source: &str) -> String {
    let mut start = handler.start_byte();
    let mut previous = handler.prev_named_sibling();
    while let Some(node) = previous.filter(|n| n.kind() == "decorator") {
        start = node.start_byte();
        previous = node.prev_named_sibling();
    }
    source
        .get(start..handler.end_byte())
        .unwrap_or("")
        .to_string()
}

/// Whether `text` names `header` in any of the spellings code uses: `'Retry-After'`,
/// `header::RETRY_AFTER`, `retryAfter`, `"allow"` (a word: `allowed` is not the header).
fn mentions(text: &str, header: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let header = header.to_ascii_lowercase();
    if header.contains('-') {
        let squashed: String = lower.chars().filter(|c| *c != '-' && *c != '_').collect();
        return squashed.contains(&header.replace('-', ""));
    }
    lower.match_indices(&header).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + header.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        boundary(before) && boundary(after)
    })
}
