//! The routes of a file that declare their responses, with what they declare: beside the route
//! (Fastify's schema, NestJS's decorators, utoipa's attribute) or in the project's OpenAPI
//! document. What `undeclared-status` and `unsent-declared-status` read, found once per check
//! (`Context::declaring_routes`).

use super::Route;
use super::declared::Declared;
use crate::rules::Context;
use std::path::PathBuf;

/// A route and what it declares.
#[derive(Debug, Clone)]
pub struct DeclaringRoute {
    pub route: Route,
    pub declared: Declared,
    /// The OpenAPI document that declares it, when the declaration is not in the code.
    pub document: Option<DocumentOperation>,
}

/// Where in an OpenAPI document a route's operation is.
#[derive(Debug, Clone)]
pub struct DocumentOperation {
    /// The document's file name, as messages name it.
    pub name: String,
    pub file: PathBuf,
    /// The operation's path and method as the document writes them; no method when the route
    /// answers several operations (a handler of every method).
    pub path: String,
    pub method: Option<String>,
}

/// Each route of the file that declares its responses, beside it or in the project's OpenAPI
/// document.
pub fn find(cx: &Context) -> Vec<DeclaringRoute> {
    let document = cx
        .config
        .root
        .as_deref()
        .and_then(|root| super::openapi::for_root(root, cx.config.openapi.as_deref()));
    let document = document.as_deref().and_then(|d| d.as_ref().ok());
    let routes = match document {
        Some(_) => super::find(cx),
        None => declaring_routes(cx),
    };
    routes
        .into_iter()
        .filter_map(|route| match (&route.declared, document) {
            (Some(declared), _) => Some(DeclaringRoute {
                declared: declared.clone(),
                route,
                document: None,
            }),
            (None, Some(document)) => {
                // A handler of every method (`ANY`) answers every operation at its path.
                let operations = document.operations_for(route.method, &route.path);
                let first = operations.first()?;
                let mut responses = Vec::new();
                for response in operations.iter().flat_map(|o| &o.responses) {
                    if !responses.contains(response) {
                        responses.push(*response);
                    }
                }
                let declared = Declared {
                    responses: responses.into_iter().map(|r| (r, 0..0)).collect(),
                    holders: Vec::new(),
                };
                Some(DeclaringRoute {
                    route,
                    declared,
                    document: Some(DocumentOperation {
                        name: document.name.clone(),
                        file: document.file.clone(),
                        path: first.path.clone(),
                        // Which operation a status belongs to is the author's call when there
                        // are several: no fix then.
                        method: (operations.len() == 1).then(|| first.method.to_ascii_lowercase()),
                    }),
                })
            }
            (None, None) => None,
        })
        .collect()
}

/// The texts without which a file declares no response (read file-wide through
/// `Context::mentions`, which an edit's check carries over).
pub const MENTIONS: &[&str] = &["schema", "response", "@Api", "responses("];

/// The routes of a file that declare their responses beside them: looked for only where a
/// declaration can be (the words every declaration shape needs), so other files pay nothing.
fn declaring_routes(cx: &Context) -> Vec<Route> {
    let has = |text| cx.mentions(text);
    let may_declare = (has("schema") && has("response")) || has("@Api") || has("responses(");
    // The declarations first (one query): a file of routes that declare nothing (Fastify's own
    // test suites name `schema` and `response` everywhere) is not worth its routes.
    if !may_declare {
        return Vec::new();
    }
    let declarations = super::declared::all(cx);
    if declarations.is_empty() {
        return Vec::new();
    }
    super::find_with(cx, &declarations)
        .into_iter()
        .filter(|r| r.declared.is_some())
        .collect()
}
