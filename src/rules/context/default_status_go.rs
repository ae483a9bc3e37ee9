//! Go's responses that go out with the default 200: a handler that writes a body
//! (`w.Write(b)`, `fmt.Fprintf(w, ..)`, `io.WriteString(w, ..)`, `json.NewEncoder(w).Encode(x)`)
//! without calling `w.WriteHeader` first answers 200, as net/http does for the first write.
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
    ];
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
                return None;
            }
        }
        child = ancestor;
    }
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
            receiver: writer.to_string(),
            indent,
        },
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
