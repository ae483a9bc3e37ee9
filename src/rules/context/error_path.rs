//! Error paths: the code that runs when something went wrong (a catch block, an `if (err)` guard,
//! an `Err(..)` arm, an error type's response). The queries in `queries/<language>/error_paths.scm`
//! find the candidates; this module adds what decides whether a status is really sent from one:
//! no function boundary in between (a callback defined in a catch block runs later, elsewhere) and
//! no further condition (`catch (e) { if (e.code === 'ENOENT') return res.status(200).json([]) }`
//! recovers from one specific failure on purpose).

use super::queries::Purpose;
use super::tree::{ancestors, is_function, text};
use crate::rules::Context;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// `catch (err) { ... }`
    Catch,
    /// `.catch(err => ...)`, `.then(ok, err => ...)`
    CatchCallback,
    /// `(err, req, res, next) => ...`
    ErrorMiddleware,
    /// `setErrorHandler(...)`, `onError(...)`
    ErrorHandler,
    /// `if (err) ...`
    ErrorGuard,
    /// `if (!response.ok) ...`, `if (!parsed.success) ...`
    FailedCheck(Check),
    /// `if (!user) return ...`: a lookup found nothing.
    MissingGuard(Missing),
    /// `Err(e) => ...`
    ErrArm,
    /// `.map_err(|e| ...)`
    ErrorClosure,
    /// `if let Err(e) = ... { ... }`
    IfLetErr,
    /// `let Ok(x) = ... else { ... }`
    LetElse,
    /// `impl IntoResponse for AppError`, `impl ResponseError for AppError`
    ErrorImpl,
}

/// What an `if (!x.ok)` guard found failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// `!response.ok`: a call to another service failed: 502.
    Upstream,
    /// `!parsed.success` (zod's `safeParse`): the request did not validate: 400.
    Validation,
}

/// What an `if (!x)` guard found missing, which decides the status that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A user, a record, a row: 404.
    Lookup,
    /// A session, a token, a password match: 401.
    Credentials,
}

pub struct ErrorPath<'t> {
    pub kind: PathKind,
    /// The code that runs on the error path.
    pub region: Node<'t>,
    /// How messages name the path: "a catch block", "an `if (err)` guard".
    pub description: String,
}

/// See [`ErrorPaths::find`].
const NEAR: usize = 256;

/// The error paths of one file.
pub struct ErrorPaths<'t> {
    paths: Vec<ErrorPath<'t>>,
    /// Region node id -> index in `paths`: `around` asks once per ancestor of every site, so a
    /// scan of `paths` there made large files quadratic.
    by_region: std::collections::HashMap<usize, usize>,
    tree: &'t tree_sitter::Tree,
}

impl<'t> ErrorPaths<'t> {
    /// The error paths `around` may be asked about for `nodes`: the query runs around those
    /// nodes only, not over all the code being checked. A region holds the node it is asked
    /// about, and a match counts when any of its nodes touches the range, so none is missed; in
    /// a test-heavy tree, running it over every hit's surroundings was a visible share of a
    /// check. Nodes less than [`NEAR`] bytes apart share a window: a region found between them is
    /// only looked up from the nodes it holds, and 200,000 windows of one site each cost a cursor
    /// run per site.
    pub fn find(cx: &Context<'t>, nodes: &[Node<'t>]) -> ErrorPaths<'t> {
        // Found already where the query rides with the sites query, around the whole focus.
        let queried;
        let found = match cx.found(Purpose::ErrorPaths) {
            Some(found) => found,
            None => {
                let scope =
                    crate::syntax::merged(nodes.iter().map(|n| n.byte_range()).collect(), NEAR);
                queried = super::queries::matches(
                    Purpose::ErrorPaths,
                    cx.tree,
                    cx.source,
                    cx.language,
                    &scope,
                );
                &queried[..]
            }
        };
        let mut paths = Vec::new();
        for m in found {
            let (Some(region), Some(kind)) = (m.get("path"), m.property("path")) else {
                continue;
            };
            let name = |capture: &str| m.get(capture).map_or("", |n| text(n, cx.source));
            let guard_condition = || {
                region
                    .parent()
                    .and_then(|statement| statement.child_by_field_name("condition"))
                    .map_or("", |c| text(c, cx.source))
            };
            let (kind, description) = match kind {
                "catch" if region.parent().is_some_and(|p| p.kind() == "except_clause") => {
                    (PathKind::Catch, "an `except` block".to_string())
                }
                "catch" => (PathKind::Catch, "a catch block".to_string()),
                "catch-callback" => (
                    PathKind::CatchCallback,
                    if name("callee") == "then" {
                        "a `.then()` rejection callback".to_string()
                    } else {
                        "a `.catch()` callback".to_string()
                    },
                ),
                "error-middleware" => (
                    PathKind::ErrorMiddleware,
                    "an error-handling middleware `(err, req, res, next)`".to_string(),
                ),
                "error-handler" => (
                    PathKind::ErrorHandler,
                    format!("an error handler (`{}`)", name("callee")),
                ),
                "error-guard" => (PathKind::ErrorGuard, guard("if", guard_condition())),
                "failed-check" => {
                    let check = if name("property") == "ok" {
                        Check::Upstream
                    } else {
                        Check::Validation
                    };
                    (PathKind::FailedCheck(check), guard("if", guard_condition()))
                }
                "missing-guard" => (
                    PathKind::MissingGuard(missing(name("guard"))),
                    guard("if", guard_condition()),
                ),
                "err-arm" => {
                    let Some(pattern) = m.get("pattern") else {
                        continue;
                    };
                    if !catches_every_error(pattern) {
                        continue;
                    }
                    (
                        PathKind::ErrArm,
                        format!("a `match` arm on `{}`", text(pattern, cx.source)),
                    )
                }
                "error-closure" => (
                    PathKind::ErrorClosure,
                    format!("a `{}` closure", name("callee")),
                ),
                "if-let-err" => (
                    PathKind::IfLetErr,
                    format!("an `if let {}` block", name("pattern")),
                ),
                "let-else" => (
                    PathKind::LetElse,
                    format!("the `else` block of `let {}`", name("pattern")),
                ),
                "error-impl" if m.get("trait").is_none() => (
                    PathKind::ErrorImpl,
                    format!(
                        "`{}::{}`, the status an error type answers with",
                        name("type"),
                        name("method")
                    ),
                ),
                "error-impl" => (
                    PathKind::ErrorImpl,
                    format!("`impl {} for {}`", name("trait"), name("type")),
                ),
                _ => continue,
            };
            paths.push(ErrorPath {
                kind,
                region,
                description,
            });
        }
        let mut by_region = std::collections::HashMap::new();
        for (index, path) in paths.iter().enumerate() {
            by_region.entry(path.region.id()).or_insert(index);
        }
        ErrorPaths {
            paths,
            by_region,
            tree: cx.tree,
        }
    }

    /// The error path `node` is sent from: the nearest region around it, with no function between
    /// them and, except in an error type's own response, no further condition.
    pub fn around(&self, node: Node<'t>) -> Option<&ErrorPath<'t>> {
        let mut conditional = false;
        for ancestor in ancestors(self.tree, node) {
            if let Some(path) = self.by_region.get(&ancestor.id()).map(|&i| &self.paths[i]) {
                return (!conditional || path.kind == PathKind::ErrorImpl).then_some(path);
            }
            if is_function(ancestor) {
                return None;
            }
            if is_condition(ancestor) {
                conditional = true;
            }
        }
        None
    }
}

/// "an `if (err)` guard", with long conditions cut short.
fn guard(keyword: &str, condition: &str) -> String {
    let condition: String = condition.split_whitespace().collect::<Vec<_>>().join(" ");
    if condition.chars().count() > 40 {
        format!("an `{keyword}` guard")
    } else {
        format!("an `{keyword} {condition}` guard")
    }
}

fn missing(guard: &str) -> Missing {
    let last = guard
        .rsplit('.')
        .next()
        .unwrap_or(guard)
        .to_ascii_lowercase();
    let credentials = ["session", "token", "match", "sessions", "tokens", "matches"];
    if credentials.iter().any(|c| last.ends_with(c)) {
        Missing::Credentials
    } else {
        Missing::Lookup
    }
}

/// `Err(e)`, `Err(_)`: every error, as opposed to `Err(Error::NotFound)`, one handled on purpose.
/// An arm with a match guard (`Err(e) if e.is_not_found()`) is also handled on purpose.
fn catches_every_error(pattern: Node) -> bool {
    let guarded = pattern
        .parent()
        .is_some_and(|p| p.child_by_field_name("condition").is_some());
    if guarded {
        return false;
    }
    let mut cursor = pattern.walk();
    let inner: Vec<Node> = pattern
        .children(&mut cursor)
        .filter(|c| Some(*c) != pattern.child_by_field_name("type"))
        .filter(|c| !matches!(c.kind(), "(" | ")"))
        .collect();
    matches!(inner.as_slice(), [only] if matches!(only.kind(), "identifier" | "_"))
}

/// Code under one of these runs only when some further test passes.
fn is_condition(node: Node) -> bool {
    matches!(
        node.kind(),
        "if_statement"
            | "else_clause"
            | "ternary_expression"
            | "switch_case"
            | "switch_default"
            | "if_expression"
            | "match_arm"
            // Python
            | "elif_clause"
            | "conditional_expression"
            | "case_clause"
            // Go
            | "expression_case"
            | "type_case"
            | "default_case"
    )
}
