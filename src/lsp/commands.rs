//! `workspace/executeCommand`: the catalog for editor commands that are not completion, such as a
//! palette entry that asks for a phrase and inserts the code (VS Code's "Insert status code by
//! phrase") or an explain view. The names carry `server.` so that a client which registers the
//! server's commands as its own (vscode-languageclient does) never collides with the extension's
//! commands of the same purpose.

use super::completion::{self, Slot, Style};
use crate::cli::explain::{self, Format};
use serde::Deserialize;
use serde_json::{Value, json};

pub const SEARCH: &str = "statuslint.server.search";
pub const EXPLAIN: &str = "statuslint.server.explain";
/// A route's code lens runs this with `[uri, position, locations]`, one location per status.
/// Editors show the locations themselves (the VS Code extension as references, the Neovim
/// plugin in the quickfix list); not advertised, so that vscode-languageclient does not claim
/// the name, but answered for a client that sends it back (the locations, and a message
/// listing them).
pub const SHOW_STATUSES: &str = "statuslint.showStatuses";

/// The commands the server advertises.
pub fn names() -> Vec<String> {
    vec![SEARCH.to_string(), EXPLAIN.to_string()]
}

/// What a command's first argument may say: a bare query, or a query with the place the result
/// goes (so an insert is written in that place's style: `TOO_MANY_REQUESTS` after
/// `StatusCode::`, `429` elsewhere).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub query: String,
    pub text_document: Option<tower_lsp_server::lsp_types::TextDocumentIdentifier>,
    pub position: Option<tower_lsp_server::lsp_types::Position>,
    pub limit: Option<usize>,
}

impl Request {
    /// The first argument, as a string or as an object; `Err` says what was wrong.
    pub fn parse(arguments: &[Value]) -> Result<Request, String> {
        match arguments.first() {
            Some(Value::String(query)) => Ok(Request {
                query: query.clone(),
                text_document: None,
                position: None,
                limit: None,
            }),
            Some(object @ Value::Object(_)) => {
                serde_json::from_value(object.clone()).map_err(|e| format!("bad argument: {e}"))
            }
            _ => Err("expects one argument: a query string, or { query, textDocument?, position?, limit? }".into()),
        }
    }
}

/// Default and ceiling of `limit`: a picker shows a screenful.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;

/// The codes matching `query`, best first, each with what to insert in `style`: the ranking
/// completion uses, so the palette and the completion list agree.
pub fn search(query: &str, style: Style, limit: Option<usize>) -> Value {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let slot = Slot {
        start: 0,
        typed: query.to_string(),
        style,
    };
    let items: Vec<Value> = completion::candidates(&slot, limit)
        .into_iter()
        .map(|c| {
            json!({
                "code": c.code,
                "label": c.label,
                "detail": c.detail,
                "insertText": c.insert,
            })
        })
        .collect();
    Value::Array(items)
}

/// The style of the status slot at `offset`, `Number` where there is none.
pub fn style_at(text: &str, offset: usize, language: crate::syntax::Language) -> Style {
    completion::slot_at(text, offset, language).map_or(Style::Number, |slot| slot.style)
}

/// What `statuslint explain --format json` prints, plus `text`: the terminal rendering without
/// colour, for clients that show it as is.
pub fn explain(query: &str) -> Value {
    let outcome = explain::run(query, Format::Json, DEFAULT_LIMIT);
    let mut value: Value = serde_json::from_str(&outcome.stdout).unwrap_or(Value::Null);
    let text = explain::run(query, Format::Text, DEFAULT_LIMIT);
    let text = if text.success {
        text.stdout
    } else {
        text.stderr
    };
    if let Value::Object(map) = &mut value {
        map.insert(
            "text".into(),
            Value::String(anstream::adapter::strip_str(&text).to_string()),
        );
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_or_an_object_is_a_request() {
        let bare = Request::parse(&[json!("too many")]).unwrap();
        assert_eq!(bare.query, "too many");
        let placed = Request::parse(&[json!({
            "query": "teapot",
            "textDocument": { "uri": "file:///a.rs" },
            "position": { "line": 0, "character": 3 },
            "limit": 5
        })])
        .unwrap();
        assert_eq!(placed.limit, Some(5));
        assert!(placed.position.is_some());
        assert!(Request::parse(&[]).is_err());
        assert!(Request::parse(&[json!(42)]).is_err());
    }
}
