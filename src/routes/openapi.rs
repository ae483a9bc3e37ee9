//! The responses an OpenAPI 3.0 or 3.1 document declares for each operation, for the routes whose
//! method and path template match (`/users/:id`, `/users/<id>`, `/users/[id]` and
//! `/users/{id}` are one template). The document is `openapi.yaml`, `openapi.yml` or
//! `openapi.json` beside the project's `statuslint.toml`, or the file its `openapi` key names.
//! Read with `serde_yaml_ng` (YAML is a superset of JSON, so one reader takes both) into plain
//! values: only `paths.<template>.<method>.responses` matters here, which reads the same in 3.0
//! and 3.1, where the typed OpenAPI crates cover one version each.

use super::declared::{Response, response_of};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// The names looked for beside `statuslint.toml`.
pub const FILE_NAMES: [&str; 3] = ["openapi.yaml", "openapi.yml", "openapi.json"];

/// One operation's declared responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub method: String,
    /// The path as the document writes it (`/users/{id}`), which a fix looks for.
    pub path: String,
    pub template: Vec<String>,
    pub responses: Vec<Response>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// As the message names it: the file's name.
    pub name: String,
    /// Where it was read from (empty for a document parsed from text alone).
    pub file: PathBuf,
    pub operations: Vec<Operation>,
}

impl Document {
    /// The responses declared for `method` at `path` (as the route writes it), when the document
    /// has the operation.
    pub fn responses(&self, method: &str, path: &str) -> Option<&[Response]> {
        self.operation(method, path).map(|o| o.responses.as_slice())
    }

    /// The operation for `method` at `path` (as the route writes it).
    pub fn operation(&self, method: &str, path: &str) -> Option<&Operation> {
        self.operations_for(method, path).into_iter().next()
    }

    /// The operations a route serving `method` at `path` answers: the one for its method, or for
    /// `ANY` (a handler of every method), each operation at the path.
    pub fn operations_for(&self, method: &str, path: &str) -> Vec<&Operation> {
        let wanted = template(path);
        self.operations
            .iter()
            .filter(|o| {
                (method == "ANY" || o.method.eq_ignore_ascii_case(method)) && o.template == wanted
            })
            .collect()
    }
}

/// Parses a document's text.
pub fn parse(name: &str, text: &str) -> Result<Document, String> {
    let value: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let mut operations = Vec::new();
    let Some(paths) = value.get("paths").and_then(|p| p.as_mapping()) else {
        return Ok(Document {
            name: name.to_string(),
            file: PathBuf::new(),
            operations,
        });
    };
    for (path, item) in paths {
        let (Some(path), Some(item)) = (path.as_str(), item.as_mapping()) else {
            continue;
        };
        for (method, operation) in item {
            let Some(method) = method.as_str() else {
                continue;
            };
            if !matches!(
                method,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
            ) {
                continue;
            }
            let Some(responses) = operation.get("responses").and_then(|r| r.as_mapping()) else {
                continue;
            };
            let responses = responses
                .keys()
                .filter_map(|key| match key {
                    serde_yaml_ng::Value::Number(n) => response_of(&n.to_string()),
                    serde_yaml_ng::Value::String(s) => response_of(s),
                    _ => None,
                })
                .collect();
            operations.push(Operation {
                method: method.to_ascii_uppercase(),
                path: path.to_string(),
                template: template(path),
                responses,
            });
        }
    }
    Ok(Document {
        name: name.to_string(),
        file: PathBuf::new(),
        operations,
    })
}

/// A path's segments with every parameter as `{}`: `/users/:id`, `/users/{id}`, `/users/<id>`
/// and `/users/[id]` are all `["users", "{}"]`.
pub fn template(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let parameter = segment.starts_with(':')
                || (segment.starts_with('{') && segment.ends_with('}'))
                || (segment.starts_with('<') && segment.ends_with('>'))
                || (segment.starts_with('[') && segment.ends_with(']'));
            if parameter {
                "{}".to_string()
            } else {
                segment.to_string()
            }
        })
        .collect()
}

/// A document as read, or why it could not be.
pub type Loaded = Arc<Result<Document, String>>;

/// Each document read, by path, with the time it was read from: a changed file is read again.
type Cache = HashMap<PathBuf, (Option<std::time::SystemTime>, Loaded)>;
static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Whether `config`'s project has an OpenAPI document (named, or beside its `statuslint.toml`).
pub fn configured(config: &crate::config::Config) -> bool {
    let Some(root) = config.root.as_deref() else {
        return false;
    };
    match &config.openapi {
        Some(named) => root.join(named).is_file(),
        None => holds_document(root),
    }
}

/// Whether `dir` holds a document by one of [`FILE_NAMES`]: with no statuslint.toml above it, it
/// is the project's root.
pub fn holds_document(dir: &Path) -> bool {
    FILE_NAMES.iter().any(|n| dir.join(n).is_file())
}

/// The nearest of `dir` and its ancestors that [`holds_document`].
pub fn nearest_document_folder(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|d| holds_document(d))
}

/// The document of a project whose `statuslint.toml` is in `root`: the `openapi` key's file, or
/// the first of [`FILE_NAMES`] there. None when there is none; Err when it cannot be read.
pub fn for_root(root: &Path, named: Option<&Path>) -> Option<Loaded> {
    let path = match named {
        Some(named) => root.join(named),
        None => FILE_NAMES
            .iter()
            .map(|n| root.join(n))
            .find(|p| p.is_file())?,
    };
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((when, document)) = cache.get(&path)
        && *when == modified
    {
        return Some(document.clone());
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let document = Arc::new(
        std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| parse(&name, &text))
            .map(|document| Document {
                file: path.clone(),
                ..document
            }),
    );
    cache.insert(path, (modified, document.clone()));
    Some(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_of_every_framework_match() {
        let openapi = template("/users/{id}/invoices");
        for written in [
            "/users/:id/invoices",
            "/users/<id>/invoices",
            "/users/[id]/invoices",
        ] {
            assert_eq!(template(written), openapi, "{written}");
        }
        assert_ne!(template("/users/me"), template("/users/{id}"));
    }

    #[test]
    fn yaml_and_json_documents_give_each_operation_its_responses() {
        let yaml = "openapi: 3.1.0\npaths:\n  /users/{id}:\n    get:\n      responses:\n        '200': {description: ok}\n        4XX: {description: client}\n    delete:\n      responses:\n        204: {description: gone}\n        default: {description: other}\n";
        let document = parse("openapi.yaml", yaml).unwrap();
        assert_eq!(
            document.responses("GET", "/users/:id"),
            Some(&[Response::Code(200), Response::Class(4)][..])
        );
        assert_eq!(
            document.responses("delete", "/users/<id>"),
            Some(&[Response::Code(204), Response::Default][..])
        );
        assert_eq!(document.responses("POST", "/users/:id"), None);
        let json = r#"{"openapi":"3.0.3","paths":{"/items":{"post":{"responses":{"201":{"description":"made"}}}}}}"#;
        let document = parse("openapi.json", json).unwrap();
        assert_eq!(
            document.responses("POST", "/items"),
            Some(&[Response::Code(201)][..])
        );
        assert!(parse("openapi.yaml", "paths: [").is_err());
    }
}
