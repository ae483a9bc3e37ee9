//! An error status sent with a bare string or an ad-hoc object in a project that answers errors
//! with problem details (RFC 9457, formerly 7807): one handler breaking the API's error contract,
//! so clients that parse `{ type, title, status, detail }` get `"not found"` or `{ error }` from
//! it. Reads the bodies model (`context::body`) for what each error response carries; whether the
//! project uses problem details is read once per project (`Evidence`), from its sources.
//!
//! Off by default: most APIs have no such contract, and the rule is only as good as the evidence
//! that one exists (see `docs/rules/problem-details.md`).

use super::context::body::{Responses, entries, unwrapped};
use super::context::tree::{is_sent, site_node, text};
use super::{Context, Edit, Finding, Fix, Rule, Severity};
use crate::catalog::catalog;
use crate::syntax::Site;
use std::path::{Path, PathBuf};
use tree_sitter::Node;

pub struct ProblemDetails;

impl Rule for ProblemDetails {
    fn name(&self) -> &'static str {
        "problem-details"
    }
    fn default_severity(&self) -> Option<Severity> {
        None
    }
    fn summary(&self) -> &'static str {
        "An error sent with a bare string or ad-hoc object where the project uses RFC 9457 problem details"
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.config.severity(self.name(), None).is_none() {
            return;
        }
        let errors: Vec<&Site> = cx
            .sites
            .iter()
            .filter(|s| (400..600).contains(&s.code) && is_sent(cx, s))
            .collect();
        if errors.is_empty() {
            return;
        }
        let responses = Responses::find(cx);
        let mut evidence = None;
        let mut seen = Vec::new();
        for site in errors {
            let Some(node) = site_node(cx, site) else {
                continue;
            };
            let Some(response) = responses.of_status(node) else {
                continue;
            };
            let body = unwrapped(response.body, cx.source);
            if seen.contains(&body.id()) {
                continue;
            }
            seen.push(body.id());
            let Some(shape) = shape(body, cx.source) else {
                continue;
            };
            // The response says it is a problem document itself.
            if text(response.whole, cx.source).contains("problem+json") {
                continue;
            }
            let evidence = evidence.get_or_insert_with(|| Evidence::find(cx));
            let Some(found) = evidence.as_ref() else {
                return;
            };
            let Some(entry) = catalog().get(site.code) else {
                continue;
            };
            let phrase = &entry.primary().phrase;
            let message = format!(
                "{} is sent with {}, but this project answers errors with problem details (RFC 9457: {}): clients that read `type`, `title`, `status` and `detail` get something else from this one",
                site.described_as(phrase),
                shape.label(),
                found.describe(cx.config.file.as_deref()),
            );
            let Some(mut finding) = cx.finding(self, site, message) else {
                continue;
            };
            finding.range = body.byte_range();
            if let Some(fix) = problem_fix(cx, body, &shape, site.code, phrase) {
                finding.fixes.push(fix);
            }
            out.push(finding);
        }
    }
}

/// What an error response's body is, when it is not a problem document.
enum Shape<'t> {
    /// `"not found"`, `` `no user ${id}` ``, `format!(..)`.
    Text,
    /// An object without the problem members (`{ error: "not found" }`); the value that says
    /// what went wrong, when one does.
    AdHoc { message: Option<Node<'t>> },
}

impl Shape<'_> {
    fn label(&self) -> &'static str {
        match self {
            Shape::Text => "a bare string",
            Shape::AdHoc { .. } => "an ad-hoc object",
        }
    }
}

/// The body's shape, or None when it is a problem document or cannot be read (a variable, a
/// call: the helper that builds it may well make a problem).
fn shape<'t>(body: Node<'t>, source: &str) -> Option<Shape<'t>> {
    match body.kind() {
        "string"
        | "template_string"
        | "string_literal"
        | "raw_string_literal"
        | "interpreted_string_literal"
        | "concatenated_string" => Some(Shape::Text),
        "macro_invocation"
            if body
                .child_by_field_name("macro")
                .is_some_and(|m| text(m, source) == "format") =>
        {
            Some(Shape::Text)
        }
        "object" | "macro_invocation" | "dictionary" | "composite_literal" | "call" => {
            let found = entries(body, source);
            if found.is_empty() {
                return None;
            }
            let has = |key: &str| found.iter().any(|e| e.key == key);
            if has("title") || (has("type") && has("detail")) {
                return None;
            }
            // A spread (`{ ...problem, detail }`) or a nested document is not ad hoc.
            if text(body, source).contains("...") {
                return None;
            }
            let message = ["message", "error", "detail", "msg", "reason"]
                .iter()
                .find_map(|key| found.iter().find(|e| e.key == *key).and_then(|e| e.value));
            Some(Shape::AdHoc { message })
        }
        _ => None,
    }
}

/// The fix: the body becomes a problem document that keeps what the old one said as its
/// `detail`. JavaScript only (a Rust body's type would change); never preferred, since the
/// client-facing shape changes.
fn problem_fix(cx: &Context, body: Node, shape: &Shape, code: u32, phrase: &str) -> Option<Fix> {
    // JavaScript only: a Python dict or Go map would be written in its own syntax.
    if !cx.language.is_javascript() || body.kind() == "macro_invocation" {
        return None;
    }
    let detail = match shape {
        Shape::Text => Some(text(body, cx.source)),
        Shape::AdHoc { message } => message
            .filter(|m| !text(*m, cx.source).contains('\n'))
            .map(|m| text(m, cx.source)),
    };
    let detail = detail.map_or(String::new(), |d| format!(", detail: {d}"));
    Some(Fix {
        title: "Send a problem document".to_string(),
        edits: vec![Edit {
            range: body.byte_range(),
            replacement: format!(
                "{{ type: \"about:blank\", title: {}, status: {code}{detail} }}",
                serde_json::to_string(phrase).unwrap_or_default()
            ),
        }],
        preferred: false,
        elsewhere: Vec::new(),
    })
}

/// Where the project shows it uses problem details: the first source file that names the media
/// type or a problem-details library.
#[derive(Clone)]
struct Evidence {
    file: PathBuf,
    what: &'static str,
}

/// Texts that only a project using problem details writes.
const MARKERS: &[(&str, &str)] = &[
    ("application/problem+json", "`application/problem+json`"),
    ("HttpApiProblem", "`HttpApiProblem` (http-api-problem)"),
    (
        "ProblemDocument",
        "`ProblemDocument` (http-problem-details)",
    ),
    ("problem_details::", "the problem_details crate"),
    ("ProblemDetails", "`ProblemDetails`"),
];

/// What in `text` shows problem details in use: a marker, or an object that names all four
/// members close together (`{ type, title, status, detail }`).
fn marker_in(text: &str) -> Option<&'static str> {
    const NEAR: usize = 240;
    let window = |at: usize| {
        let mut start = at.saturating_sub(NEAR);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + NEAR).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        &text[start..end]
    };
    for (marker, what) in MARKERS {
        // Not a table of media types (mime-db, a compression filter), where the problem type is
        // one of hundreds.
        if text
            .match_indices(marker)
            .any(|(at, _)| window(at).matches("application/").count() <= 3)
        {
            return Some(what);
        }
    }
    text.match_indices("detail").find_map(|(at, _)| {
        let window = window(at);
        let key = |k: &str| {
            [
                format!("{k}:"),
                format!("\"{k}\":"),
                format!("\"{k}\" :"),
                format!("{k} :"),
                // Shorthand: `{ type, title, status, detail }`.
                format!(" {k},"),
                format!(" {k} }}"),
            ]
            .iter()
            .any(|form| window.contains(form.as_str()))
        };
        (key("type") && key("title") && key("status") && key("detail"))
            .then_some("an object with `type`, `title`, `status` and `detail`")
    })
}

/// At most this many files are read looking for evidence: past it, a project that uses problem
/// details has long shown it.
const MAX_FILES: usize = 20_000;

impl Evidence {
    /// The evidence for the project of the file being checked, found once per project and kept
    /// for a minute (the server checks the same project again and again while it changes).
    fn find(cx: &Context) -> Option<Evidence> {
        use std::collections::HashMap;
        use std::sync::{LazyLock, Mutex};
        use std::time::{Duration, Instant};
        type Known = HashMap<PathBuf, (Instant, Option<Evidence>)>;
        static KNOWN: LazyLock<Mutex<Known>> = LazyLock::new(Default::default);
        // The file itself (also the only place to look for text with no path: stdin, a test).
        if let Some(what) = marker_in(cx.source) {
            return Some(Evidence {
                file: cx.config.file.clone().unwrap_or_default(),
                what,
            });
        }
        let root = project_root(cx)?;
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((when, found)) = known.get(&root)
            && when.elapsed() < Duration::from_secs(60)
        {
            return found.clone();
        }
        drop(known);
        let found = scan(&root);
        known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        known.insert(root, (Instant::now(), found.clone()));
        found
    }

    fn describe(&self, checked: Option<&Path>) -> String {
        if checked.is_none_or(|c| c == self.file) {
            return format!("{} in this file", self.what);
        }
        let shown = self
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        format!("{} in {shown}", self.what)
    }
}

/// The project the checked file belongs to: the configured root, else the nearest folder above
/// the file with a `package.json` or `Cargo.toml`.
fn project_root(cx: &Context) -> Option<PathBuf> {
    if let Some(root) = &cx.config.root {
        return Some(root.clone());
    }
    let dir = cx.config.file.as_deref()?.parent()?;
    crate::frameworks::manifest::nearest_folder(dir).map(Path::to_path_buf)
}

/// The first JavaScript, TypeScript or Rust file under `root` (as `git` would list it: ignored
/// files and dependencies left out) holding a marker.
fn scan(root: &Path) -> Option<Evidence> {
    let walk = ignore::WalkBuilder::new(root)
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("node_modules" | "target")))
        .build();
    for entry in walk.flatten().take(MAX_FILES) {
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file())
            || crate::syntax::Language::from_path(path).is_none()
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if let Some(what) = marker_in(&text) {
            return Some(Evidence {
                file: path.to_path_buf(),
                what,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_a_media_type_a_library_or_the_four_members() {
        assert!(marker_in("res.type('application/problem+json')").is_some());
        assert!(marker_in("use http_api_problem::HttpApiProblem;").is_some());
        assert!(
            marker_in("return { type: 'about:blank', title, status: 404, detail: msg };").is_some()
        );
        assert!(marker_in("{ title: post.title, detail: post.body }").is_none());
        // A table of compressible media types names it among many.
        let table = "'application/json','application/ld+json','application/problem+json','application/problem+xml','application/rss+xml','application/xml'";
        assert!(marker_in(table).is_none());
    }
}
