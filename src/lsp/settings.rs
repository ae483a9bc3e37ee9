//! Which configuration applies to each open document: the nearest `statuslint.toml` at or above
//! its folder, as `statuslint check` finds it, with the editor's settings over it. So a monorepo
//! whose packages carry their own files, or an editor opened on a subfolder, gets in the editor
//! the findings CI reports. Lookups are cached per folder and per file until a config file
//! changes; a broken file never stops the server: it gets a diagnostic and the defaults apply to
//! the documents under it until it is fixed.

use crate::config::{self, Config, ConfigError, globs, is_excluded};
use dashmap::DashMap;
use ignore::gitignore::Gitignore;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::*;

#[derive(Default)]
pub struct Settings {
    /// The workspace folders, in the client's order.
    folders: RwLock<Vec<PathBuf>>,
    editor: RwLock<Config>,
    /// Folder -> the config file that governs it (None: none above it).
    nearest: DashMap<PathBuf, Option<PathBuf>>,
    /// Config file -> what it says.
    files: DashMap<PathBuf, Arc<Loaded>>,
    /// Config files whose diagnostics were last published non-empty, to clear them once fixed
    /// or gone.
    reported: Mutex<BTreeSet<PathBuf>>,
    /// Every folder a lookup has read: where a config file could appear or change.
    looked_in: Mutex<BTreeSet<PathBuf>>,
}

/// One config file as read.
struct Loaded {
    config: Config,
    excludes: Option<Gitignore>,
    diagnostics: Vec<Diagnostic>,
}

/// The configuration for one document.
pub struct ForDocument {
    pub config: Arc<Config>,
    /// The document is under one of the config's `exclude` patterns: `check` skips it, and so
    /// does the server.
    pub excluded: bool,
}

/// What reading a config file found, for the server to publish.
pub struct FileReport {
    pub uri: Uri,
    pub diagnostics: Vec<Diagnostic>,
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Settings {
    /// Takes the workspace folders from `initialize` (or the old single root).
    pub fn set_folders(&self, params: &InitializeParams) {
        #[allow(deprecated)]
        let uris: Vec<Uri> = match &params.workspace_folders {
            Some(folders) if !folders.is_empty() => folders.iter().map(|f| f.uri.clone()).collect(),
            _ => params.root_uri.iter().cloned().collect(),
        };
        *write(&self.folders) = uris.iter().filter_map(path_of).collect();
    }

    /// Applies `workspace/didChangeWorkspaceFolders`.
    pub fn change_folders(&self, event: &WorkspaceFoldersChangeEvent) {
        let removed: Vec<PathBuf> = event
            .removed
            .iter()
            .filter_map(|f| path_of(&f.uri))
            .collect();
        let mut folders = write(&self.folders);
        folders.retain(|f| !removed.contains(f));
        for added in event.added.iter().filter_map(|f| path_of(&f.uri)) {
            if !folders.contains(&added) {
                folders.push(added);
            }
        }
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        read(&self.folders).clone()
    }

    /// Takes the editor's settings; returns an error message for the log when they are bad (the
    /// previous editor settings are dropped: defaults apply).
    pub fn set_editor(&self, value: serde_json::Value) -> Result<(), String> {
        let result = Config::from_editor(value);
        *write(&self.editor) = result.clone().unwrap_or_default();
        result.map(|_| ())
    }

    /// The editor's settings alone, for documents that are not files.
    fn editor(&self) -> Config {
        read(&self.editor).clone()
    }

    /// The configuration for the document at `uri`. A document that is not a file (an unsaved
    /// buffer) takes the first workspace folder's.
    pub fn for_document(&self, uri: &Uri) -> ForDocument {
        let path = path_of(uri);
        let dir = match &path {
            Some(path) => path.parent().map(Path::to_path_buf),
            None => self.folders().into_iter().next(),
        };
        // The packages the nearest manifest depends on say which frameworks the file uses.
        let dependencies = dir
            .as_deref()
            .map(crate::frameworks::manifest::dependencies)
            .unwrap_or_default();
        let with_dependencies = |mut config: Config| {
            config.dependencies = dependencies.clone();
            config.file = path.clone();
            Arc::new(config)
        };
        let Some(file) = dir.as_deref().and_then(|dir| self.nearest_file(dir)) else {
            let mut config = Config::merged(&Config::default(), &self.editor());
            // With no statuslint.toml, the folder of an OpenAPI document is the project's root.
            config.root = dir
                .as_deref()
                .and_then(crate::routes::openapi::nearest_document_folder)
                .map(Path::to_path_buf);
            return ForDocument {
                config: with_dependencies(config),
                excluded: false,
            };
        };
        let loaded = self.load(&file);
        let merged = Config::merged(&loaded.config, &self.editor());
        // `[[overrides]]` for this file's path come last: they are the most specific.
        let merged = match &path {
            Some(path) => merged.for_path(path).into_owned(),
            None => merged,
        };
        ForDocument {
            config: with_dependencies(merged),
            excluded: path.is_some_and(|path| {
                loaded
                    .excludes
                    .as_ref()
                    .is_some_and(|globs| is_excluded(globs, &path, false))
            }),
        }
    }

    /// Forgets every file and lookup: the next request reads them again.
    pub fn invalidate(&self) {
        self.nearest.clear();
        self.files.clear();
        crate::frameworks::manifest::forget();
    }

    /// Reads the config files that govern the workspace folders and the open documents (given),
    /// and says what to publish on each: its problems, or nothing (which also clears problems
    /// published before).
    pub fn reports(&self, documents: &[Uri]) -> Vec<FileReport> {
        for folder in self.folders() {
            if let Some(file) = self.nearest_file(&folder) {
                self.load(&file);
            }
        }
        for uri in documents {
            let _ = self.for_document(uri);
        }
        let mut reported = lock(&self.reported);
        let mut out = Vec::new();
        let mut now_reported = BTreeSet::new();
        for entry in self.files.iter() {
            if !entry.value().diagnostics.is_empty() {
                now_reported.insert(entry.key().clone());
            }
            if let Some(uri) = Uri::from_file_path(entry.key()) {
                out.push(FileReport {
                    uri,
                    diagnostics: entry.value().diagnostics.clone(),
                });
            }
        }
        for gone in reported.difference(&now_reported) {
            if !self.files.contains_key(gone)
                && let Some(uri) = Uri::from_file_path(gone)
            {
                out.push(FileReport {
                    uri,
                    diagnostics: Vec::new(),
                });
            }
        }
        *reported = now_reported;
        out
    }

    /// Whether `uri` names a config file or a manifest (at any depth: each folder may have its
    /// own), whose change re-reads every document's configuration.
    pub fn is_config_file(&self, uri: &Uri) -> bool {
        path_of(uri).is_some_and(|p| config::governs_configuration(&p))
    }

    /// Every folder where a config file appearing, changing or going would change a document's
    /// configuration: the workspace folders and each folder a lookup has read.
    pub fn watched_folders(&self) -> Vec<PathBuf> {
        let mut all = lock(&self.looked_in).clone();
        all.extend(self.folders());
        all.into_iter().collect()
    }

    fn nearest_file(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        lock(&self.looked_in).insert(dir.to_path_buf());
        let candidate = dir.join(config::FILE_NAME);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            dir.parent().and_then(|parent| self.nearest_file(parent))
        };
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn load(&self, path: &Path) -> Arc<Loaded> {
        if let Some(loaded) = self.files.get(path) {
            return loaded.clone();
        }
        let loaded = Arc::new(read_file(path));
        self.files.insert(path.to_path_buf(), loaded.clone());
        loaded
    }
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

fn read_file(path: &Path) -> Loaded {
    let broken = |line: usize, column: usize, message: String| Loaded {
        config: Config::default(),
        excludes: None,
        diagnostics: vec![problem(
            line,
            column,
            format!("{message} (statuslint uses its defaults until this is fixed)"),
        )],
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => return broken(0, 0, format!("cannot read {}: {error}", path.display())),
    };
    let mut config = match Config::from_toml(&text) {
        Ok(config) => config,
        Err(ConfigError {
            line,
            column,
            message,
        }) => return broken(line, column, message),
    };
    let root = path.parent().unwrap_or(Path::new("/"));
    config.root = Some(root.to_path_buf());
    match globs(root, &config.exclude) {
        Ok(excludes) => Loaded {
            config,
            excludes,
            diagnostics: Vec::new(),
        },
        Err((pattern, message)) => {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("\"{pattern}\"")))
                .unwrap_or(0);
            broken(
                line,
                0,
                format!("invalid exclude pattern `{pattern}`: {message}"),
            )
        }
    }
}

fn problem(line: usize, column: usize, message: String) -> Diagnostic {
    let at = Position::new(line as u32, column as u32);
    Diagnostic {
        range: Range::new(at, Position::new(line as u32, column as u32 + 1)),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("statuslint".to_string()),
        message,
        ..Diagnostic::default()
    }
}
