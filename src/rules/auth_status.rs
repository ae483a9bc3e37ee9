//! 401 and 403 swapped. 401 Unauthorized says "I do not know who you are: authenticate"; 403
//! Forbidden says "I know who you are, and you may not". The check that guards the response
//! shows which one the code means: a missing or invalid credential (`!req.headers.authorization`,
//! `!token`, a failed `jwt.verify`, `headers.get(AUTHORIZATION).ok_or(..)`) calls for 401; a
//! role or permission of a known user (`!user.isAdmin`, `!can(user, ..)`,
//! `!claims.scopes.contains(..)`) for 403. A guard that tests both, or neither, says nothing.
//!
//! The guard is the nearest enclosing condition the site depends on: an `if`'s or a ternary's
//! condition, a `match` scrutinee, a `let .. else` value, the receiver of `.ok_or(..)` or
//! `.map_err(|_| ..)`, a `try` around a `verify`/`decode` call, or the call a callback is handed
//! to (`jwt.verify(token, key, (err) => ..)`, `passport.authenticate(..)`).

use super::context::tree::{ancestors, is_function, is_sent, site_node, text};
use super::fix::replace_code;
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::syntax::{Form, Site};
use tree_sitter::Node;

pub struct AuthStatus;

/// Words of a guard that test who the client is.
const CREDENTIAL: &[&str] = &[
    "authorization",
    "authenticated",
    "authenticate",
    "authentication",
    "unauthenticated",
    "token",
    "jwt",
    "bearer",
    "apikey",
    "credential",
    "credentials",
    "session",
    "login",
    "logged",
    "password",
    "passwd",
    "signature",
];

/// Words of a guard that test what a known client may do.
const PERMISSION: &[&str] = &[
    "admin",
    "admins",
    "administrator",
    "role",
    "roles",
    "permission",
    "permissions",
    "permitted",
    "scope",
    "scopes",
    "can",
    "cannot",
    "allowed",
    "owner",
    "owns",
    "ownership",
    "ability",
    "policy",
    "access",
    "privilege",
    "rights",
    "privileges",
    "grant",
    "granted",
    "entitled",
    "entitlement",
    "acl",
    "superuser",
    "staff",
    "moderator",
    "membership",
    "tier",
    "subscription",
    "banned",
    "suspended",
    // `token.write_enabled`, `key.read_only`: what a known token may do.
    "write",
    "writable",
    "readonly",
];

/// Words that make a guard about something else, where 403 is right whoever the client is.
const OTHER: &[&str] = &["csrf", "xsrf", "captcha", "cors", "origin", "ip", "rate"];

/// The names a request's authenticated user goes by: testing that one is absent is testing for
/// credentials (`!req.user`), testing its fields is testing permissions (`req.user.role`).
const USER_HOLDERS: &[&str] = &[
    "req.user",
    "request.user",
    "ctx.user",
    "ctx.state.user",
    "context.user",
    "session.user",
    "locals.user",
    "currentUser",
    "current_user",
    "authUser",
    "auth_user",
    "loggedInUser",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Credential,
    Permission,
}

impl Rule for AuthStatus {
    fn name(&self) -> &'static str {
        "auth-status"
    }
    fn default_severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }
    fn summary(&self) -> &'static str {
        "401 sent for a missing permission, or 403 for missing credentials"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for site in cx
            .sites
            .iter()
            .filter(|s| matches!(s.code, 401 | 403) && is_sent(cx, s))
        {
            let Some(node) = site_node(cx, site) else {
                continue;
            };
            let Some((meaning, guard)) = guard_meaning(cx, node) else {
                continue;
            };
            let shown = shorten(guard);
            let (message, other) = match (site.code, meaning) {
                (403, Meaning::Credential) => (
                    format!(
                        "403 Forbidden sent when the request has no valid credentials (`{shown}`): that is 401 Unauthorized, which asks the client to authenticate; 403 tells a client it is known and may not do this, so it will not retry with credentials"
                    ),
                    401,
                ),
                (401, Meaning::Permission) => (
                    format!(
                        "401 Unauthorized sent when a known client lacks a permission (`{shown}`): that is 403 Forbidden; 401 asks the client to authenticate again, which will not help"
                    ),
                    403,
                ),
                _ => continue,
            };
            let Some(mut finding) = cx.finding(self, site, message) else {
                continue;
            };
            finding.fixes.extend(swap(cx, site, other));
            out.push(finding);
        }
    }
}

/// The fix to the other code, in the site's spelling; a call whose name says the code
/// (`ErrorForbidden(..)`, `Boom.forbidden()`) gets the other name.
fn swap(cx: &Context, site: &Site, code: u16) -> Option<Fix> {
    if !matches!(site.form, Form::Implicit { .. }) {
        return replace_code(site, code, true);
    }
    let written = cx.source.get(site.range.clone())?;
    let (from, to) = [
        ("Forbidden", "Unauthorized"),
        ("forbidden", "unauthorized"),
        ("FORBIDDEN", "UNAUTHORIZED"),
    ]
    .into_iter()
    .map(|(f, u)| if code == 401 { (f, u) } else { (u, f) })
    .find(|(from, _)| written.matches(from).count() == 1)?;
    let at = site.range.start + written.find(from)?;
    let mut edits = vec![Edit {
        range: at..at + from.len(),
        replacement: to.to_string(),
    }];
    edits.extend(import_beside(cx, site, at, from, to));
    Some(Fix {
        title: format!("Use {code} ({to})"),
        edits,
        preferred: true,
        elsewhere: Vec::new(),
    })
}

/// The import a swapped class name needs (`new ForbiddenException()` becoming
/// `new UnauthorizedException()` in NestJS): added beside the old name in the `import { .. }`
/// that brings it, unless the file names the new one already.
fn import_beside(cx: &Context, site: &Site, at: usize, from: &str, to: &str) -> Option<Edit> {
    if cx.language.is_rust() {
        return None;
    }
    let word = |text: &str, start: usize| {
        let end = text[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .map_or(text.len(), |e| start + e);
        let begin = text[..start]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .map_or(0, |b| b + 1);
        (begin, end)
    };
    let (begin, end) = word(cx.source, at);
    let old = cx.source.get(begin..end)?;
    let new = old.replacen(from, to, 1);
    let is_word_at = |i: usize, name: &str| {
        let before = cx.source[..i].chars().next_back();
        let after = cx.source[i + name.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        !part(before) && !part(after)
    };
    if cx
        .source
        .match_indices(new.as_str())
        .any(|(i, _)| is_word_at(i, &new))
    {
        return None;
    }
    let root = cx.tree.root_node();
    let mut cursor = root.walk();
    let import = root.named_children(&mut cursor).find(|n| {
        n.kind() == "import_statement"
            && !n.byte_range().contains(&site.range.start)
            && text(*n, cx.source)
                .match_indices(old)
                .any(|(i, _)| is_word_at(n.start_byte() + i, old))
    })?;
    let (offset, _) = text(import, cx.source)
        .match_indices(old)
        .find(|(i, _)| is_word_at(import.start_byte() + i, old))?;
    let after = import.start_byte() + offset + old.len();
    Some(Edit {
        range: after..after,
        replacement: format!(", {new}"),
    })
}

/// What the nearest guard of `node` that says anything tests, and its text.
fn guard_meaning<'s>(cx: &Context<'s>, node: Node) -> Option<(Meaning, &'s str)> {
    let mut child = node;
    for ancestor in ancestors(cx.tree, node) {
        let guard = match ancestor.kind() {
            "if_statement"
            | "if_expression"
            | "ternary_expression"
            | "conditional_expression"
            | "while_statement" => ancestor
                .child_by_field_name("condition")
                .filter(|c| c.id() != child.id()),
            "match_expression" => ancestor.child_by_field_name("value"),
            "let_declaration" if ancestor.child_by_field_name("alternative").is_some() => {
                ancestor.child_by_field_name("value")
            }
            // A `try` whose failing call checks a credential: the line of that call is the guard.
            "catch_clause" => ancestor
                .parent()
                .and_then(|t| t.child_by_field_name("body"))
                .and_then(|body| verifier_call(body, cx.source)),
            // `.ok_or(StatusCode::UNAUTHORIZED)`, `.map_err(|_| StatusCode::FORBIDDEN)`: the
            // receiver is what failed.
            "arguments" => ancestor
                .parent()
                .filter(|call| call.kind() == "call_expression")
                .and_then(|call| call.child_by_field_name("function"))
                .filter(|f| {
                    f.child_by_field_name("field")
                        .or(f.child_by_field_name("property"))
                        .is_some_and(|m| {
                            matches!(
                                text(m, cx.source),
                                "ok_or" | "ok_or_else" | "map_err" | "or_else" | "unwrap_or_else"
                            )
                        })
                })
                .and_then(|f| {
                    f.child_by_field_name("value")
                        .or(f.child_by_field_name("object"))
                }),
            _ => None,
        };
        // JavaScript's `if (..)` condition is a parenthesized expression: quote what is inside.
        let guard = guard.map(|g| match g.kind() {
            "parenthesized_expression" => g.named_child(0).unwrap_or(g),
            _ => g,
        });
        if let Some(guard) = guard {
            let written = text(guard, cx.source);
            let in_else = ancestor
                .child_by_field_name("alternative")
                .is_some_and(|a| a.id() == child.id());
            // `if auth_header: .. else: exc.status_code = 403` (DRF): 401 must carry a
            // `WWW-Authenticate` header, and the code answers 403 where it has none to send. (Not
            // the request's headers: `headers.get(AUTHORIZATION)` tests the client's credential.)
            let guard_words = words(written);
            let has = |word: &str| guard_words.iter().any(|w| w == word);
            if in_else && has("header") && !has("headers") && !has("authorization") {
                return None;
            }
            // `if request.user.is_authenticated: raise PermissionDenied` (Django): the branch
            // runs for a known client, whom 403 is for.
            if !in_else && tests_for_a_known_client(written) {
                return None;
            }
            if let Some(meaning) = meaning_of(written) {
                return Some((meaning, written));
            }
        }
        if is_function(ancestor) {
            // A callback handed to the call that checks credentials: `jwt.verify(t, k, (err) =>
            // ..)`, `passport.authenticate("jwt", (err, user) => ..)`.
            let call = ancestor
                .parent()
                .filter(|p| p.kind() == "arguments")
                .and_then(|a| a.parent())
                .and_then(|c| c.child_by_field_name("function"));
            if let Some(callee) = call
                && meaning_of(text(callee, cx.source)) == Some(Meaning::Credential)
            {
                return Some((Meaning::Credential, text(callee, cx.source)));
            }
            if !matches!(ancestor.kind(), "closure_expression") {
                return None;
            }
        }
        child = ancestor;
    }
    None
}

/// The call in `block` that checks a credential (`jwt.verify(token, key)`): a `verify`, `decode`
/// or `authenticate` call whose text names one. A bare `verify(req, res, body)` (body-parser's
/// hook) is not.
fn verifier_call<'t>(block: Node<'t>, source: &str) -> Option<Node<'t>> {
    let mut stack = vec![block];
    while let Some(node) = stack.pop() {
        if is_function(node) {
            continue;
        }
        if node.kind() == "call_expression" {
            let callee = node
                .child_by_field_name("function")
                .map_or("", |f| text(f, source));
            let name = callee.rsplit(['.', ':']).next().unwrap_or(callee);
            let name = name.split('<').next().unwrap_or(name);
            if matches!(name, "verify" | "decode" | "authenticate" | "jwtVerify")
                && meaning_of(text(node, source)) == Some(Meaning::Credential)
            {
                return Some(node);
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    None
}

/// What a guard's text tests, when it tests one thing.
fn meaning_of(guard: &str) -> Option<Meaning> {
    let words = words(guard);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if has(OTHER) {
        return None;
    }
    let credential = has(CREDENTIAL) || tests_for_no_user(guard);
    // `accessToken` is a credential, not an access right.
    let permission = words.iter().enumerate().any(|(i, w)| {
        PERMISSION.contains(&w.as_str())
            && !(w == "access" && words.get(i + 1).is_some_and(|n| n == "token"))
    }) || tests_a_user_field(guard);
    match (credential, permission) {
        (true, false) => Some(Meaning::Credential),
        (false, true) => Some(Meaning::Permission),
        _ => None,
    }
}

/// `!req.user`, `ctx.state.user == null`, `currentUser === undefined`: no authenticated user.
fn tests_for_no_user(guard: &str) -> bool {
    user_uses(guard).any(|(before, after)| {
        let after = after.trim_start();
        let negated = before.trim_end().ends_with('!')
            && !before.trim_end().ends_with("!=")
            && !after.starts_with('.')
            && !after.starts_with("?.");
        negated
            || [
                "== null",
                "=== null",
                "== undefined",
                "=== undefined",
                ".is_none()",
            ]
            .iter()
            .any(|t| after.starts_with(t))
    })
}

/// `user.is_authenticated`, `req.isAuthenticated()`, `session.logged_in` tested as true (not after
/// `not` or `!`): the client is known.
fn tests_for_a_known_client(guard: &str) -> bool {
    let lower = guard.to_ascii_lowercase();
    ["authenticated", "logged_in", "loggedin"]
        .iter()
        .any(|word| {
            lower.match_indices(word).any(|(at, _)| {
                let before = &lower[..at];
                let start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .map_or(0, |i| i + 1);
                let operand_start = &before[..start];
                let negated = operand_start.trim_end().ends_with('!')
                    || operand_start.trim_end().ends_with("not")
                    || before[start..].contains("not_")
                    || before[start..].ends_with("un")
                    || before[start..].ends_with("is_un");
                !negated
            })
        })
}

/// `req.user.role`, `currentUser.isAdmin`: a field of the authenticated user.
fn tests_a_user_field(guard: &str) -> bool {
    user_uses(guard).any(|(_, after)| {
        let after = after.trim_start();
        (after.starts_with('.') || after.starts_with("?.")) && !after.starts_with(".is_none()")
    })
}

/// Each use of a [`USER_HOLDERS`] name in `guard`, as the text before and after it.
fn user_uses(guard: &str) -> impl Iterator<Item = (&str, &str)> {
    USER_HOLDERS.iter().flat_map(move |holder| {
        guard.match_indices(holder).filter_map(move |(at, _)| {
            let before = &guard[..at];
            let after = &guard[at + holder.len()..];
            let joined_before = before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            let joined_after = after
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            (!joined_before && !joined_after).then_some((before, after))
        })
    })
}

/// The lower-case words of the identifiers in `text`: `isAdmin` and `is_admin` are `is`, `admin`;
/// `API_KEY` and `apiKey` also give `apikey`.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for identifier in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let mut parts: Vec<String> = Vec::new();
        let mut current = String::new();
        let chars: Vec<char> = identifier.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '_' {
                if !current.is_empty() {
                    parts.push(std::mem::take(&mut current));
                }
                continue;
            }
            let boundary = c.is_uppercase()
                && i > 0
                && (chars[i - 1].is_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                        && chars[i - 1].is_uppercase());
            if boundary && !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            current.extend(c.to_lowercase());
        }
        if !current.is_empty() {
            parts.push(current);
        }
        for pair in parts.windows(2) {
            if pair[0] == "api" && pair[1] == "key" {
                out.push("apikey".to_string());
            }
        }
        out.extend(parts);
    }
    out
}

/// A guard as a message quotes it: its first line, at most 60 characters.
fn shorten(guard: &str) -> String {
    let line = guard.lines().next().unwrap_or("").trim();
    if line.chars().count() > 60 || guard.contains('\n') {
        let cut: String = line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_identifiers_in_every_case() {
        assert_eq!(words("!user.isAdmin"), ["user", "is", "admin"]);
        assert_eq!(words("API_KEY"), ["apikey", "api", "key"]);
        assert_eq!(
            words("req.headers.authorization"),
            ["req", "headers", "authorization"]
        );
        assert_eq!(words("parseJWTToken"), ["parse", "jwt", "token"]);
    }

    #[test]
    fn guards_mean_one_thing_or_nothing() {
        assert_eq!(meaning_of("!token"), Some(Meaning::Credential));
        assert_eq!(meaning_of("!req.user"), Some(Meaning::Credential));
        assert_eq!(
            meaning_of("req.user.role !== \"admin\""),
            Some(Meaning::Permission)
        );
        assert_eq!(meaning_of("!accessToken"), Some(Meaning::Credential));
        assert_eq!(meaning_of("!req.user || !req.user.isAdmin"), None);
        assert_eq!(meaning_of("!csrfToken"), None);
        assert_eq!(meaning_of("!item"), None);
    }
}
