//! Which packages a project depends on, from the nearest `package.json` (dependencies of every
//! kind, and the package's own name: Fastify's own sources import no `fastify`) or `Cargo.toml`
//! (`[dependencies]`, `[dev-dependencies]` and the package name). A file that imports no
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
pub const FILE_NAMES: [&str; 2] = ["package.json", "Cargo.toml"];

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
