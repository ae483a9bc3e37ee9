//! Which packages a project depends on, from the nearest `package.json` (dependencies of every
//! kind, and the package's own name: Fastify's own sources import no `fastify`), `Cargo.toml`
//! (`[dependencies]`, `[dev-dependencies]` and the package name), `go.mod` (the module and its
//! requires), `pyproject.toml` or `requirements.txt` (as import names). A file that imports no
//! framework module still uses the frameworks its project depends on: a controller module
//! handed `(req, res)` by a router file.
//!
//! Read once per directory and cached for the process; the language server drops the cache when a
//! manifest changes (`forget`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

static CACHE: LazyLock<Mutex<HashMap<PathBuf, Vec<String>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The packages the manifest nearest `dir` declares; empty when none is found or it cannot be
/// read (a broken manifest is not ours to report). Every folder on the way up is cached with the
/// answer, so the files of a crate's many folders read its `Cargo.toml` once, not once a folder.
pub fn dependencies(dir: &Path) -> Vec<String> {
    if let Some(found) = CACHE.lock().ok().and_then(|c| c.get(dir).cloned()) {
        return found;
    }
    let found = match declared_in(dir) {
        Some(found) => found,
        None => dir.parent().map(dependencies).unwrap_or_default(),
    };
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(dir.to_path_buf(), found.clone());
    }
    found
}

/// The manifests read, in the order a folder's are looked for.
pub const FILE_NAMES: [&str; 5] = [
    "package.json",
    "Cargo.toml",
    "go.mod",
    "pyproject.toml",
    "requirements.txt",
];

/// The nearest of `dir` and its ancestors that holds a manifest: the project a file belongs to
/// when no `statuslint.toml` says.
pub fn nearest_folder(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|d| FILE_NAMES.iter().any(|name| d.join(name).is_file()))
}

/// The packages the manifest in `dir` itself declares, None when `dir` has none.
pub fn declared_in(dir: &Path) -> Option<Vec<String>> {
    let package = dir.join(FILE_NAMES[0]);
    if package.is_file() {
        return Some(from_package_json(&std::fs::read_to_string(package).ok()?));
    }
    let cargo = dir.join(FILE_NAMES[1]);
    if cargo.is_file() {
        return Some(from_cargo_toml(&std::fs::read_to_string(cargo).ok()?));
    }
    let go = dir.join(FILE_NAMES[2]);
    if go.is_file() {
        return Some(from_go_mod(&std::fs::read_to_string(go).ok()?));
    }
    let pyproject = dir.join(FILE_NAMES[3]);
    if pyproject.is_file() {
        return Some(from_pyproject(&std::fs::read_to_string(pyproject).ok()?));
    }
    let requirements = dir.join(FILE_NAMES[4]);
    if requirements.is_file() {
        return Some(from_requirements(
            &std::fs::read_to_string(requirements).ok()?,
        ));
    }
    None
}

/// Forgets every cached manifest (one changed on disk).
pub fn forget() {
    if let Ok(mut cache) = CACHE.lock() {
        cache.clear();
    }
}

pub fn from_package_json(text: &str) -> Vec<String> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let mut names: Vec<String> = json
        .get("name")
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .into_iter()
        .collect();
    for key in [
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
    ] {
        if let Some(deps) = json.get(key).and_then(|d| d.as_object()) {
            names.extend(deps.keys().cloned());
        }
    }
    names.sort();
    names.dedup();
    names
}

pub fn from_cargo_toml(text: &str) -> Vec<String> {
    let Ok(value) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut names: Vec<String> = value
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .into_iter()
        .collect();
    for key in ["dependencies", "dev-dependencies"] {
        if let Some(deps) = value.get(key).and_then(|d| d.as_table()) {
            names.extend(deps.keys().cloned());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// `module example.com/app` and every `require` (one line, or a block), as module paths:
/// `github.com/labstack/echo/v4` (a framework's module names its path without the major version;
/// `Framework::used_by` takes subpaths).
pub fn from_go_mod(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("").trim();
        if in_block {
            if line == ")" {
                in_block = false;
            } else if let Some(path) = line.split_whitespace().next() {
                names.push(path.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("module ") {
            names.push(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
            } else if let Some(path) = rest.split_whitespace().next() {
                names.push(path.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The import name of a Python distribution: `Flask` is `flask`, `python-multipart` is
/// `python_multipart`, and the one framework whose differs, `djangorestframework`, is
/// `rest_framework`.
fn python_module(distribution: &str) -> String {
    let name = distribution
        .trim()
        .to_ascii_lowercase()
        .replace(['-', '.'], "_");
    match name.as_str() {
        "djangorestframework" => "rest_framework".to_string(),
        _ => name,
    }
}

/// A PEP 508 requirement's name: `fastapi[standard]>=0.110; python_version >= "3.9"` is
/// `fastapi`.
fn requirement_name(requirement: &str) -> Option<String> {
    let name: String = requirement
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then(|| python_module(&name))
}

/// `[project]`'s name and dependencies (and optional ones), Poetry's dependency tables.
pub fn from_pyproject(text: &str) -> Vec<String> {
    let Ok(value) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut names = Vec::new();
    if let Some(project) = value.get("project") {
        names.extend(
            project
                .get("name")
                .and_then(|n| n.as_str())
                .map(python_module),
        );
        let lists = project.get("dependencies").into_iter().chain(
            project
                .get("optional-dependencies")
                .and_then(|o| o.as_table())
                .into_iter()
                .flat_map(|t| t.values()),
        );
        for list in lists {
            names.extend(
                list.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str())
                    .filter_map(requirement_name),
            );
        }
    }
    let poetry = value.get("tool").and_then(|t| t.get("poetry"));
    for key in ["dependencies", "dev-dependencies"] {
        if let Some(table) = poetry.and_then(|p| p.get(key)).and_then(|d| d.as_table()) {
            names.extend(table.keys().map(|k| python_module(k)));
        }
    }
    names.sort();
    names.dedup();
    names
}

/// One requirement a line, `#` comments and pip's options (`-r other.txt`) left out.
pub fn from_requirements(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty() && !l.starts_with('-'))
        .filter_map(requirement_name)
        .collect();
    names.sort();
    names.dedup();
    names
}
