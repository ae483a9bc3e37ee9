//! Which configuration applies to each file: the nearest `statuslint.toml` at or above its
//! directory (or the one `--config` names), with the command line's `--select`, `--ignore` and
//! `--platform` on top. Files are looked up per directory and cached, so a tree with one config
//! reads it once.

use crate::catalog::catalog;
use crate::config::{self, Config, Level, globs, is_excluded};
use crate::rules::{self, RULES};
use dashmap::DashMap;
use ignore::gitignore::Gitignore;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Rule and platform choices from the command line; they win over every config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub platforms: Vec<String>,
}

impl Overrides {
    /// Rejects unknown rule and platform names, naming the ones that exist.
    pub fn validate(&self) -> Result<(), String> {
        for name in self.select.iter().chain(&self.ignore) {
            if rules::rule(name).is_none() {
                let known: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
                return Err(format!(
                    "unknown rule `{name}`; known rules: {}",
                    known.join(", ")
                ));
            }
        }
        for id in &self.platforms {
            if catalog().platform(id).is_none() {
                let known: Vec<&str> = catalog()
                    .platforms()
                    .iter()
                    .filter(|p| !p.reserves.is_empty())
                    .map(|p| p.id.as_str())
                    .collect();
                return Err(format!(
                    "unknown platform `{id}`; known: {}",
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// `--select` turns every other rule off and a selected rule that is off by default on, at
    /// its level when on (`Rule::severity_when_on`) unless the config gives it one; `--ignore`
    /// turns rules off.
    fn apply(&self, config: &mut Config) {
        if !self.select.is_empty() {
            for rule in RULES {
                let name = rule.name();
                if !self.select.iter().any(|s| s == name) {
                    config.rules.insert(name.to_string(), Level::Off);
                } else if config.severity(name, rule.default_severity()).is_none() {
                    config
                        .rules
                        .insert(name.to_string(), Level::from(rule.severity_when_on()));
                }
            }
        }
        for name in &self.ignore {
            config.rules.insert(name.clone(), Level::Off);
        }
        if !self.platforms.is_empty() {
            config.platforms = Some(self.platforms.clone());
        }
    }
}

/// One configuration as `check` uses it: the settings, and its `exclude` patterns anchored at
/// the directory of the file they came from.
pub struct Settings {
    pub config: Config,
    excludes: Option<Gitignore>,
}

impl Settings {
    /// Whether `path` (absolute) is excluded by this config's `exclude` patterns.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        self.excludes
            .as_ref()
            .is_some_and(|globs| is_excluded(globs, path, is_dir))
    }
}

/// Finds, loads and caches configurations; the first broken config file stops the run.
pub struct Resolver {
    cwd: PathBuf,
    overrides: Overrides,
    /// Set by `--config`: every file gets this one.
    fixed: Option<Arc<Settings>>,
    by_dir: DashMap<PathBuf, Arc<Settings>>,
    defaults: Arc<Settings>,
    failure: Mutex<Option<String>>,
}

impl Resolver {
    /// `config_file` is `--config`; its errors come back as `path:line:column: message`.
    pub fn new(
        cwd: &Path,
        config_file: Option<&Path>,
        overrides: Overrides,
    ) -> Result<Resolver, String> {
        let mut defaults = Config::default();
        overrides.apply(&mut defaults);
        let mut resolver = Resolver {
            cwd: cwd.to_path_buf(),
            overrides,
            fixed: None,
            by_dir: DashMap::new(),
            defaults: Arc::new(Settings {
                config: defaults,
                excludes: None,
            }),
            failure: Mutex::new(None),
        };
        if let Some(file) = config_file {
            let absolute = super::paths::absolute(cwd, file);
            resolver.fixed = Some(Arc::new(resolver.load(&absolute)?));
        }
        Ok(resolver)
    }

    /// The settings for files in `dir` (absolute), or None once a config file has failed to
    /// load (see `failure`).
    pub fn for_dir(&self, dir: &Path) -> Option<Arc<Settings>> {
        if let Some(fixed) = &self.fixed {
            return Some(fixed.clone());
        }
        if let Some(found) = self.by_dir.get(dir) {
            return Some(found.clone());
        }
        let candidate = dir.join(config::FILE_NAME);
        let settings = if candidate.is_file() {
            match self.load(&candidate) {
                Ok(settings) => Arc::new(settings),
                Err(message) => {
                    let mut failure = self.failure.lock().unwrap_or_else(|e| e.into_inner());
                    failure.get_or_insert(message);
                    return None;
                }
            }
        } else {
            let inherited = match dir.parent() {
                Some(parent) => self.for_dir(parent)?,
                None => self.defaults.clone(),
            };
            // With no statuslint.toml above, the folder of an OpenAPI document is the project's
            // root: the document is found without a config file naming it.
            if inherited.config.root.is_none() && crate::routes::openapi::holds_document(dir) {
                let mut config = inherited.config.clone();
                config.root = Some(dir.to_path_buf());
                Arc::new(Settings {
                    config,
                    excludes: inherited.excludes.clone(),
                })
            } else {
                inherited
            }
        };
        self.by_dir.insert(dir.to_path_buf(), settings.clone());
        Some(settings)
    }

    /// The first config error met, as `path:line:column: message`.
    pub fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn load(&self, path: &Path) -> Result<Settings, String> {
        let shown = super::paths::display(&self.cwd, path);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        let mut config = Config::from_toml(&text)
            .map_err(|e| format!("{shown}:{}:{}: {}", e.line + 1, e.column + 1, e.message))?;
        let root = path.parent().unwrap_or(Path::new("/"));
        let excludes = globs(root, &config.exclude).map_err(|(pattern, message)| {
            let (line, column) = text
                .find(&format!("\"{pattern}\""))
                .map(|offset| line_column(&text, offset))
                .unwrap_or((1, 1));
            format!("{shown}:{line}:{column}: invalid exclude pattern `{pattern}`: {message}")
        })?;
        config.root = Some(root.to_path_buf());
        self.overrides.apply(&mut config);
        Ok(Settings { config, excludes })
    }
}

/// 1-based line and column of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}
