//! Python's responses that go out with the default 200: what a view returns when nothing names a
//! status (`return jsonify(error=str(e))` in Flask, `return {"error": ..}` from a FastAPI path
//! operation, `return Response(data)` in DRF, `return JsonResponse(data)` in Django). Only a
//! route handler's, a view's (`def detail(request, ..)`, a class-based view's `get`) or an error
//! handler's return is a response (a helper's `return {..}` is data), and
//! only where the framework model says a returned body goes out with a status of its own
//! (`[returns]`); a decorator's `status_code=` or an earlier `response.status_code = ..` names
//! another.

use super::body::{DefaultStatus, StatusStyle};
use super::tree::{ancestors, is_function, text};
use crate::rules::Context;
use tree_sitter::Node;

/// Decorator calls that make a function a route handler or an error handler.
const HANDLER_DECORATORS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "route",
    "api_view",
    "errorhandler",
    "exception_handler",
];

/// Methods of a class-based view (Django's `View`, DRF's `APIView`) that answer a request.
const VIEW_METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

/// Response classes whose status is a keyword argument, and the keyword.
const RESPONSES: &[(&str, &str)] = &[
    ("Response", "status"),
    ("JsonResponse", "status"),
    ("HttpResponse", "status"),
    ("JSONResponse", "status_code"),
    ("HTMLResponse", "status_code"),
    ("PlainTextResponse", "status_code"),
    ("json_response", "status"),
];

/// The default-status response of one `return`, if it is one.
pub fn returned<'t>(
    cx: &Context<'t>,
    whole: Node<'t>,
    body: Node<'t>,
    callee: Node<'t>,
) -> Option<DefaultStatus<'t>> {
    let returns = cx.frameworks().iter().find_map(|f| f.returns.as_ref())?;
    let function = ancestors(cx.tree, whole).find(|n| is_function(*n))?;
    let decorators = decorators_of(function, cx.source);
    let first_parameter = function
        .child_by_field_name("parameters")
        .and_then(|p| p.named_child(0))
        .map_or("", |p| text(p, cx.source));
    let handler = decorators.iter().any(|d| is_handler_decorator(d))
        || function
            .child_by_field_name("name")
            .is_some_and(|n| VIEW_METHODS.contains(&text(n, cx.source)))
            && ancestors(cx.tree, function).any(|a| a.kind() == "class_definition")
        // Django's function-based views take the request first: `def detail(request, pk)`.
        || first_parameter == "request"
            || first_parameter.starts_with("request:");
    if !handler || decorators.iter().any(|d| d.contains("status_code")) {
        return None;
    }
    if cx
        .sites
        .iter()
        .any(|s| body.byte_range().contains(&s.range.start))
    {
        return None;
    }
    let before = cx.source.get(function.start_byte()..whole.start_byte())?;
    if before.contains(".status_code =") || before.contains(".status =") {
        return None;
    }
    // `PlainTextResponse(str(exc.detail), status_code=exc.status_code)`: a status this file
    // cannot know is still a status.
    if body.kind() == "call"
        && body
            .child_by_field_name("arguments")
            .is_some_and(|arguments| {
                let mut cursor = arguments.walk();
                arguments.named_children(&mut cursor).any(|a| {
                    a.kind() == "keyword_argument"
                        && a.child_by_field_name("name").is_some_and(|n| {
                            matches!(text(n, cx.source), "status" | "status_code" | "code")
                        })
                })
            })
    {
        return None;
    }
    let style = match body.kind() {
        "call" => {
            let name = body
                .child_by_field_name("function")
                .map(|f| text(f, cx.source))
                .unwrap_or("");
            let name = name.rsplit('.').next().unwrap_or(name);
            match RESPONSES.iter().find(|(class, _)| *class == name) {
                Some((_, keyword)) => {
                    let arguments = body.child_by_field_name("arguments")?;
                    StatusStyle::Keyword {
                        at: arguments.end_byte().checked_sub(1)?,
                        keyword,
                    }
                }
                None if returns.tuple => StatusStyle::Argument {
                    at: body.end_byte(),
                },
                None => StatusStyle::Unwritten,
            }
        }
        _ if returns.tuple => StatusStyle::Argument {
            at: body.end_byte(),
        },
        _ => StatusStyle::Unwritten,
    };
    Some(DefaultStatus {
        whole,
        body,
        callee,
        in_helper: false,
        style,
    })
}

/// The text of each decorator's call on `function` (`app.get("/x")`).
fn decorators_of<'s>(function: Node, source: &'s str) -> Vec<&'s str> {
    let Some(decorated) = function
        .parent()
        .filter(|p| p.kind() == "decorated_definition")
    else {
        return Vec::new();
    };
    let mut cursor = decorated.walk();
    decorated
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "decorator")
        .map(|d| text(d, source).trim_start_matches('@'))
        .collect()
}

/// `app.get("/x")`, `bp.route(..)`, `api_view(["POST"])`, `app.errorhandler(404)`.
fn is_handler_decorator(decorator: &str) -> bool {
    let callee = decorator.split('(').next().unwrap_or("");
    let last = callee.rsplit('.').next().unwrap_or(callee).trim();
    decorator.contains('(') && HANDLER_DECORATORS.contains(&last)
}
