//! Go's responses that go out with the default 200: a handler that writes a body
//! (`w.Write(b)`, `fmt.Fprintf(w, ..)`, `io.WriteString(w, ..)`, `json.NewEncoder(w).Encode(x)`,
//! go-chi/render's `render.JSON(w, r, v)`) without calling `w.WriteHeader` (or
//! `render.Status(r, code)`) first answers 200, as net/http does for the first write; so does
//! fiber's `c.JSON(body)` without `c.Status(code)`.
//! `queries/go/bodies.scm` finds the writes; this module keeps those whose writer is the
//! handler's `http.ResponseWriter` and whose status no earlier call in the function set.

use super::body::{DefaultStatus, StatusStyle};
use super::queries::Match;
use super::tree::{ancestors, is_function, text};
use crate::rules::Context;
use tree_sitter::Node;

/// The default-status response of one write, if it is one.
pub fn written<'t>(
    cx: &Context<'t>,
    m: &Match<'t>,
    whole: Node<'t>,
    body: Node<'t>,
    callee: Node<'t>,
) -> Option<DefaultStatus<'t>> {
    // `w.Write(b)`: the writer is the call's receiver; `fmt.Fprintf(w, ..)`: its first argument.
    let writer = match m.get("first") {
        Some(first) => first,
        None => callee.child_by_field_name("operand")?,
    };
    let writer = text(writer, cx.source);
    let function = ancestors(cx.tree, whole).find(|n| is_function(*n))?;
    let parameters = function
        .child_by_field_name("parameters")
        .map_or("", |p| text(p, cx.source));
    // fiber's `c.JSON(body)` on a `*fiber.Ctx`: `c.Status(code)` before it names another.
    if declares(parameters, writer, "fiber.Ctx") {
        let method = callee
            .child_by_field_name("field")
            .map_or("", |f| text(f, cx.source));
        if !matches!(method, "JSON" | "SendString" | "Send" | "XML")
            || set_on_the_way(cx, function, whole, &[format!("{writer}.Status(")])
        {
            return None;
        }
        return Some(DefaultStatus {
            whole,
            body,
            callee,
            in_helper: false,
            style: StatusStyle::Chain {
                at: callee.child_by_field_name("operand")?.end_byte(),
                method: "Status",
            },
        });
    }
    if !declares_response_writer(parameters, writer) {
        return None;
    }
    // A statement before it on its way from the function's start that sets the status or
    // answers already (not one inside an earlier `if`, which may have returned).
    let setters = [
        format!("{writer}.WriteHeader("),
        format!("http.Error({writer}"),
        format!("http.Redirect({writer}"),
        format!("http.NotFound({writer}"),
        "render.Status(".to_string(),
    ];
    if set_on_the_way(cx, function, whole, &setters) {
        return None;
    }
    // go-chi's render reads the status from the request: `render.Status(r, 500)`.
    let request = callee
        .child_by_field_name("operand")
        .filter(|o| text(*o, cx.source) == "render")
        .and_then(|_| whole.child_by_field_name("arguments")?.named_child(1))
        .map(|r| text(r, cx.source));
    let call = match request {
        Some(request) => format!("render.Status({request}, "),
        None => format!("{writer}.WriteHeader("),
    };
    let statement = ancestors(cx.tree, whole)
        .find(|n| n.parent().is_some_and(|p| p.kind() == "statement_list"))
        .unwrap_or(whole);
    let line_start = cx.source[..statement.start_byte()]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent: String = cx.source[line_start..statement.start_byte()]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    Some(DefaultStatus {
        whole,
        body,
        callee,
        in_helper: false,
        style: StatusStyle::GoWriteHeader {
            at: statement.start_byte(),
            call,
            indent,
        },
    })
}

/// Whether a statement before `whole` on its way from `function`'s start holds one of `setters`
/// (not one inside an earlier `if` or loop, which may have returned).
fn set_on_the_way(cx: &Context, function: Node, whole: Node, setters: &[String]) -> bool {
    let mut child = whole;
    for ancestor in ancestors(cx.tree, whole) {
        if ancestor.id() == function.id() {
            break;
        }
        if ancestor.kind() == "statement_list" {
            let mut cursor = ancestor.walk();
            let set = ancestor
                .named_children(&mut cursor)
                .take_while(|s| s.end_byte() <= child.start_byte())
                .filter(|s| !matches!(s.kind(), "if_statement" | "for_statement"))
                .any(|s| {
                    let statement = text(s, cx.source);
                    setters
                        .iter()
                        .any(|setter| statement.contains(setter.as_str()))
                });
            if set {
                return true;
            }
        }
        child = ancestor;
    }
    false
}

/// Whether a parameter list gives `name` a type ending in `kind` (`c *fiber.Ctx`).
fn declares(parameters: &str, name: &str, kind: &str) -> bool {
    let inner = parameters.trim_matches(|c| c == '(' || c == ')');
    inner.split(',').any(|part| {
        let mut words = part.split_whitespace();
        words.next() == Some(name) && words.next().is_some_and(|t| t.ends_with(kind))
    })
}

/// Whether a parameter list (`(w http.ResponseWriter, r *http.Request)`, `(rw, r)` after a
/// `rw http.ResponseWriter` grouped with others) gives `name` the type `http.ResponseWriter`.
fn declares_response_writer(parameters: &str, name: &str) -> bool {
    let inner = parameters.trim_matches(|c| c == '(' || c == ')');
    let mut names: Vec<&str> = Vec::new();
    for part in inner.split(',') {
        let mut words = part.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        names.push(first);
        if let Some(kind) = words.next() {
            if kind.ends_with("ResponseWriter") && names.contains(&name) {
                return true;
            }
            names.clear();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::declares_response_writer;

    #[test]
    fn response_writer_parameters() {
        assert!(declares_response_writer(
            "(w http.ResponseWriter, r *http.Request)",
            "w"
        ));
        assert!(declares_response_writer("(a, w http.ResponseWriter)", "w"));
        assert!(!declares_response_writer(
            "(w io.Writer, r *http.Request)",
            "w"
        ));
        assert!(!declares_response_writer("(w http.ResponseWriter)", "r"));
    }
}
