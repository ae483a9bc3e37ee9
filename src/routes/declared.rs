//! The responses a route declares it answers with, written beside it: Fastify's
//! `schema: { response: { 200: .., "4xx": .., default: .. } }`, NestJS Swagger's
//! `@ApiResponse({ status: 404 })` and `@ApiNotFoundResponse()`, utoipa's
//! `#[utoipa::path(.., responses((status = 200, ..)))]`. The shapes are
//! `queries/<language>/responses.scm`; this module reads what each match declares and gives it to
//! the route whose registration holds it or whose handler it decorates.

use crate::catalog::{catalog, screaming_snake};
use crate::rules::Context;
use crate::rules::context::queries::Purpose;
use crate::rules::context::tree::text;
use serde::Serialize;
use std::ops::Range;
use tree_sitter::Node;

/// One declared response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Response {
    /// `200`, `NOT_FOUND`, `@ApiOkResponse()`.
    Code(u32),
    /// `4xx`, `"4XX"`: every code of a class.
    Class(u32),
    /// `default`: whatever else.
    Default,
}

impl Response {
    /// As a message or a listing names it: `200`, `4xx`, `default`.
    pub fn label(&self) -> String {
        match self {
            Response::Code(code) => code.to_string(),
            Response::Class(class) => format!("{class}xx"),
            Response::Default => "default".to_string(),
        }
    }
}

/// What a route declares, and where a fix would add to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declared {
    pub responses: Vec<(Response, Range<usize>)>,
    /// Each holder of the list: the `response` object, a decorator, the attribute.
    #[serde(skip)]
    pub holders: Vec<Holder>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub range: Range<usize>,
    pub kind: HolderKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderKind {
    /// An object whose keys are the codes (`response: { 200: .. }`): a code is added as a key.
    Object,
    /// A decorator (`@ApiResponse(..)`): a code is added as another decorator before it.
    Decorator,
    /// An attribute (utoipa): no fix.
    Attribute,
}

impl Declared {
    /// Whether `code` is among the declared responses, by code, by class, or by `default`.
    pub fn covers(&self, code: u32) -> bool {
        self.responses.iter().any(|(r, _)| match r {
            Response::Code(c) => *c == code,
            Response::Class(class) => code / 100 == *class,
            Response::Default => true,
        })
    }
}

/// One declaration: the response, the node that declares it, the node holding the list, and
/// what kind of holder that is.
pub type Declaration<'t> = (Response, Node<'t>, Node<'t>, HolderKind);

/// Every declaration of the file.
pub fn all<'t>(cx: &Context<'t>) -> Vec<Declaration<'t>> {
    let mut found = Vec::new();
    // Over the whole file: a declaration holds no site, so a check's focus (the sites and the
    // pre-filter's hits) would miss it.
    for m in &cx.matches_everywhere(Purpose::Responses) {
        let Some(declared) = m.get("declared") else {
            continue;
        };
        let (holder, kind) = match m.get("declaration") {
            Some(holder) if holder.kind() == "object" => (holder, HolderKind::Object),
            Some(holder) => (holder, HolderKind::Decorator),
            None => {
                let Some(attribute) = crate::syntax::ancestors(cx.tree, declared)
                    .find(|n| n.kind() == "attribute_item")
                else {
                    continue;
                };
                if !text(attribute, cx.source).contains("path") {
                    continue;
                }
                (attribute, HolderKind::Attribute)
            }
        };
        if let Some(response) = response_of(text(declared, cx.source)) {
            found.push((response, declared, holder, kind));
        }
    }
    found
}

/// What a declared key or value says: `404`, `'404'`, `4xx`, `"4XX"`, `default`,
/// `HttpStatus.NOT_FOUND`, `NOT_FOUND`, `ApiNotFoundResponse`.
pub fn response_of(written: &str) -> Option<Response> {
    let bare = written.trim_matches(|c| c == '"' || c == '\'' || c == '`');
    if bare.eq_ignore_ascii_case("default") || bare == "ApiDefaultResponse" {
        return Some(Response::Default);
    }
    if bare.len() == 3 && bare.as_bytes()[0].is_ascii_digit() {
        if bare[1..].eq_ignore_ascii_case("xx") {
            let class = u32::from(bare.as_bytes()[0] - b'0');
            return (1..=5).contains(&class).then_some(Response::Class(class));
        }
        let code: u32 = bare.parse().ok()?;
        return (100..600).contains(&code).then_some(Response::Code(code));
    }
    let name = bare.rsplit(['.', ':']).next().unwrap_or(bare);
    let named = name
        .strip_prefix("Api")
        .and_then(|n| n.strip_suffix("Response"))
        .unwrap_or(name);
    code_named(named).map(Response::Code)
}

/// `NOT_FOUND` or `NotFound` -> 404, from the registry's phrases.
fn code_named(name: &str) -> Option<u32> {
    let wanted = name.replace('_', "").to_ascii_lowercase();
    if wanted.is_empty() {
        return None;
    }
    catalog().codes().iter().find_map(|c| {
        let phrase = &c.iana()?.phrase;
        (screaming_snake(phrase)
            .replace('_', "")
            .to_ascii_lowercase()
            == wanted)
            .then_some(u32::from(c.code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_keys_and_names_read_as_responses() {
        assert_eq!(response_of("404"), Some(Response::Code(404)));
        assert_eq!(response_of("'201'"), Some(Response::Code(201)));
        assert_eq!(response_of("\"4XX\""), Some(Response::Class(4)));
        assert_eq!(response_of("5xx"), Some(Response::Class(5)));
        assert_eq!(response_of("default"), Some(Response::Default));
        assert_eq!(
            response_of("HttpStatus.NOT_FOUND"),
            Some(Response::Code(404))
        );
        assert_eq!(response_of("ApiOkResponse"), Some(Response::Code(200)));
        assert_eq!(
            response_of("ApiNotFoundResponse"),
            Some(Response::Code(404))
        );
        assert_eq!(response_of("ApiDefaultResponse"), Some(Response::Default));
        assert_eq!(response_of("description"), None);
        assert_eq!(response_of("999"), None);
    }
}
