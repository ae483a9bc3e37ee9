//! Settings shared by the server and `statuslint check`: rule severities, which platforms'
//! reservations apply, codes to allow, paths to exclude. Read from `statuslint.toml`, or from the
//! editor (`initializationOptions`, `workspace/didChangeConfiguration`) in the same shape.

use crate::rules::{self, Severity};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "statuslint.toml";

/// Whether a change to the file at `path` can change a file's configuration: a config file, a
/// manifest whose dependencies say which frameworks the files below it use, or an OpenAPI
/// document the routes are checked against.
pub fn governs_configuration(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| {
            name == FILE_NAME
                || crate::frameworks::manifest::FILE_NAMES.contains(&name)
                || crate::routes::openapi::FILE_NAMES.contains(&name)
        })
}

/// A configured severity: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Hint,
    #[serde(alias = "information")]
    Info,
    Warning,
    Error,
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Hint => Level::Hint,
            Severity::Info => Level::Info,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Hint => Some(Severity::Hint),
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rule name -> level. Rules not named keep their default.
    pub rules: HashMap<String, Level>,
    /// Platform ids whose reservations apply; `None` means every known platform.
    pub platforms: Option<Vec<String>>,
    /// Codes never reported as unknown, unofficial, deprecated or reserved.
    pub allow: Vec<u32>,
    /// Glob patterns (gitignore syntax) of paths `check` skips.
    pub exclude: Vec<String>,
    #[serde(alias = "inlayHints", alias = "inlay-hints")]
    /// Show the phrase after bare numbers as inlay hints (language server only; off unless set).
    pub inlay_hints: Option<bool>,
    /// The project's OpenAPI document, relative to this file's folder; without it,
    /// `openapi.yaml`, `openapi.yml` or `openapi.json` there.
    pub openapi: Option<PathBuf>,
    #[serde(alias = "codeLens", alias = "code-lens")]
    /// Show each route handler's statuses above it as a code lens (language server only; on
    /// unless set to false).
    pub code_lens: Option<bool>,
    /// The project's own framework rows, by name (`[frameworks.<name>]`, as in
    /// `frameworks/*.toml`).
    pub frameworks: HashMap<String, crate::frameworks::Framework>,
    /// `[[overrides]]`: rules and allowed codes for the files some paths match, as ruff's
    /// `per-file-ignores` and ESLint's `overrides` do (test suites send odd codes on purpose).
    pub overrides: Vec<Override>,
    /// The folder of the `statuslint.toml` this came from, which `overrides` paths are relative
    /// to: set by the front ends, not read.
    #[serde(skip)]
    pub root: Option<PathBuf>,
    /// The packages the nearest `package.json` or `Cargo.toml` depends on (or is), which say
    /// which frameworks a file uses when it imports none: set by the front ends, not read.
    #[serde(skip)]
    pub dependencies: Vec<String>,
    /// The file being checked, for what its place says (a Next.js route's path is its folder
    /// below `app/` or `pages/`): set by the front ends, not read.
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

/// One `[[overrides]]` table: for files matching `paths` (gitignore syntax, relative to the
/// config file's folder), these rule levels and allowed codes on top of the file's own.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Override {
    pub paths: Vec<String>,
    pub rules: HashMap<String, Level>,
    pub allow: Vec<u32>,
}

impl Config {
    /// The severity `rule` runs at, or None when it is off.
    pub fn severity(&self, rule: &str, default: Option<Severity>) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(level) => level.severity(),
            None => default,
        }
    }

    pub fn platform_enabled(&self, id: &str) -> bool {
        self.platforms
            .as_ref()
            .is_none_or(|list| list.iter().any(|p| p == id))
    }

    /// Whether `platforms` is set and names `id`: the default of every platform does not.
    pub fn platform_named(&self, id: &str) -> bool {
        self.platforms
            .as_ref()
            .is_some_and(|list| list.iter().any(|p| p == id))
    }

    /// This config as it applies to the file at `path`: the `[[overrides]]` whose
    /// paths match it applied in order, later ones winning.
    pub fn for_path(&self, path: &Path) -> std::borrow::Cow<'_, Config> {
        let Some(root) = self.root.as_deref().filter(|_| !self.overrides.is_empty()) else {
            return std::borrow::Cow::Borrowed(self);
        };
        // `check` walks paths as given (`./src/app.js`); the patterns are anchored absolutely.
        let (Ok(root), Ok(path)) = (std::path::absolute(root), std::path::absolute(path)) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let (root, path) = (root.as_path(), path.as_path());
        let matching: Vec<&Override> = self
            .overrides
            .iter()
            .filter(|o| {
                globs(root, &o.paths)
                    .ok()
                    .flatten()
                    .is_some_and(|g| is_excluded(&g, path, false))
            })
            .collect();
        if matching.is_empty() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut config = self.clone();
        for o in matching {
            config
                .rules
                .extend(o.rules.iter().map(|(k, v)| (k.clone(), *v)));
            config
                .allow
                .extend(o.allow.iter().filter(|c| !self.allow.contains(c)));
        }
        std::borrow::Cow::Owned(config)
    }

    pub fn inlay_hints_enabled(&self) -> bool {
        self.inlay_hints.unwrap_or(false)
    }

    pub fn code_lens_enabled(&self) -> bool {
        self.code_lens.unwrap_or(true)
    }

    /// The editor's settings over the file's: per rule and per key the editor wins where it says
    /// something; allowed codes and excluded paths add up.
    pub fn merged(file: &Config, editor: &Config) -> Config {
        let mut rules = file.rules.clone();
        rules.extend(editor.rules.iter().map(|(k, v)| (k.clone(), *v)));
        let mut allow = file.allow.clone();
        allow.extend(editor.allow.iter().filter(|c| !file.allow.contains(c)));
        let mut exclude = file.exclude.clone();
        exclude.extend(editor.exclude.iter().cloned());
        Config {
            rules,
            platforms: editor.platforms.clone().or_else(|| file.platforms.clone()),
            allow,
            exclude,
            inlay_hints: editor.inlay_hints.or(file.inlay_hints),
            code_lens: editor.code_lens.or(file.code_lens),
            openapi: file.openapi.clone(),
            frameworks: {
                let mut frameworks = file.frameworks.clone();
                frameworks.extend(
                    editor
                        .frameworks
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
                frameworks
            },
            overrides: file.overrides.clone(),
            root: file.root.clone(),
            dependencies: file.dependencies.clone(),
            file: file.file.clone(),
        }
    }

    /// Settings sent by an editor: either the object itself or wrapped as `{ "statuslint": ... }`.
    pub fn from_editor(value: serde_json::Value) -> Result<Config, String> {
        let value = match value {
            serde_json::Value::Object(mut map) if map.contains_key("statuslint") => {
                map.remove("statuslint").unwrap_or_default()
            }
            serde_json::Value::Null => return Ok(Config::default()),
            other => other,
        };
        let mut config: Config = serde_json::from_value(value).map_err(|e| e.to_string())?;
        config.name_frameworks();
        config.validate("").map_err(|e| e.message)?;
        Ok(config)
    }

    pub fn allows(&self, code: u32) -> bool {
        self.allow.contains(&code)
    }

    /// Parses `statuslint.toml`. The error names the line and column and what is wrong.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_column(text, span.start))
                .unwrap_or((0, 0));
            ConfigError {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let mut config = config;
        config.name_frameworks();
        config.validate(text)?;
        Ok(config)
    }

    /// A project's framework rows are named by their table (`[frameworks.billing]`).
    fn name_frameworks(&mut self) {
        for (name, framework) in &mut self.frameworks {
            framework.name = name.clone();
        }
    }

    /// Checks names against what exists, so a typo in a rule or platform name is an error with
    /// a position rather than a silently ignored line.
    fn validate(&self, text: &str) -> Result<(), ConfigError> {
        let at = |needle: &str| {
            text.find(needle)
                .map(|offset| line_column(text, offset))
                .unwrap_or((0, 0))
        };
        for name in self.rules.keys() {
            if rules::rule(name).is_none() {
                let (line, column) = at(name);
                let known: Vec<&str> = rules::RULES.iter().map(|r| r.name()).collect();
                return Err(ConfigError {
                    line,
                    column,
                    message: format!("unknown rule `{name}`; known rules: {}", known.join(", ")),
                });
            }
        }
        for (index, o) in self.overrides.iter().enumerate() {
            let (line, column) = at("[[overrides]]");
            let error = |message: String| ConfigError {
                line,
                column,
                message: format!("overrides[{index}]: {message}"),
            };
            if o.paths.is_empty() {
                return Err(error(
                    "`paths` is empty, so it applies to no file".to_string(),
                ));
            }
            if let Err((pattern, message)) = globs(Path::new("/"), &o.paths) {
                return Err(error(format!(
                    "invalid path pattern `{pattern}`: {message}"
                )));
            }
            if let Some(name) = o.rules.keys().find(|name| rules::rule(name).is_none()) {
                let known: Vec<&str> = rules::RULES.iter().map(|r| r.name()).collect();
                return Err(error(format!(
                    "unknown rule `{name}`; known rules: {}",
                    known.join(", ")
                )));
            }
        }
        for (name, framework) in &self.frameworks {
            if let Err(message) = framework.validate() {
                let (line, column) = at(&format!("frameworks.{name}"));
                return Err(ConfigError {
                    line,
                    column,
                    message,
                });
            }
        }
        for id in self.platforms.iter().flatten() {
            if crate::catalog::catalog().platform(id).is_none() {
                let (line, column) = at(id);
                let known: Vec<&str> = crate::catalog::catalog()
                    .platforms()
                    .iter()
                    .filter(|p| !p.reserves.is_empty())
                    .map(|p| p.id.as_str())
                    .collect();
                return Err(ConfigError {
                    line,
                    column,
                    message: format!("unknown platform `{id}`; known: {}", known.join(", ")),
                });
            }
        }
        Ok(())
    }

    /// The nearest `statuslint.toml` at or above `start`.
    pub fn find_file(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }
}

/// Whether `globs` exclude `path` (absolute) or a directory above it up to the globs' root.
/// Paths outside the root are never excluded by them.
pub fn is_excluded(globs: &Gitignore, path: &Path, is_dir: bool) -> bool {
    path.starts_with(globs.path())
        && path != globs.path()
        && globs.matched_path_or_any_parents(path, is_dir).is_ignore()
}

/// Gitignore-style patterns anchored at `root`; the error names the pattern that is wrong.
pub fn globs(root: &Path, patterns: &[String]) -> Result<Option<Gitignore>, (String, String)> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GitignoreBuilder::new(root);
    for pattern in patterns {
        builder
            .add_line(None, pattern)
            .map_err(|e| (pattern.clone(), e.to_string()))?;
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| (String::new(), e.to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Zero-based, like LSP positions.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line + 1,
            self.column + 1,
            self.message
        )
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}
