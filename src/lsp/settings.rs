//! Where the server's configuration comes from: `statuslint.toml` at the workspace root
//! (re-read when it changes) and the editor's settings, merged with the editor winning. A broken
//! file never stops the server: it gets a diagnostic and the defaults apply until it is fixed.

use crate::config::{self, Config, ConfigError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tower_lsp_server::UriExt;
use tower_lsp_server::lsp_types::*;

#[derive(Default)]
pub struct Settings {
    root: RwLock<Option<PathBuf>>,
    file: RwLock<Config>,
    editor: RwLock<Config>,
    effective: RwLock<Arc<Config>>,
}

/// What reading the config file found, for the server to publish.
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

impl Settings {
    pub fn current(&self) -> Arc<Config> {
        read(&self.effective).clone()
    }

    pub fn set_root(&self, params: &InitializeParams) {
        let folder = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|f| f.uri.clone());
        #[allow(deprecated)]
        let uri = folder.or_else(|| params.root_uri.clone());
        *write(&self.root) = uri.and_then(|u| u.to_file_path().map(|p| p.into_owned()));
    }

    pub fn config_path(&self) -> Option<PathBuf> {
        read(&self.root)
            .as_ref()
            .map(|root| root.join(config::FILE_NAME))
    }

    /// Takes the editor's settings; returns an error message for the log when they are bad (the
    /// previous editor settings are dropped: defaults apply).
    pub fn set_editor(&self, value: serde_json::Value) -> Result<(), String> {
        let result = Config::from_editor(value);
        *write(&self.editor) = result.clone().unwrap_or_default();
        self.recompute();
        result.map(|_| ())
    }

    /// Reads `statuslint.toml` (if the workspace has one) and says what to publish on it.
    pub fn reload_file(&self) -> Option<FileReport> {
        let path = self.config_path()?;
        let uri = Uri::from_file_path(&path)?;
        let (config, diagnostics) = match std::fs::read_to_string(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Config::default(), Vec::new())
            }
            Err(error) => (
                Config::default(),
                vec![problem(
                    0,
                    0,
                    format!("cannot read {}: {error}", path.display()),
                )],
            ),
            Ok(text) => match Config::from_toml(&text) {
                Ok(config) => (config, Vec::new()),
                Err(ConfigError {
                    line,
                    column,
                    message,
                }) => (
                    Config::default(),
                    vec![problem(
                        line,
                        column,
                        format!("{message} (statuslint uses its defaults until this is fixed)"),
                    )],
                ),
            },
        };
        *write(&self.file) = config;
        self.recompute();
        Some(FileReport { uri, diagnostics })
    }

    pub fn is_config_file(&self, uri: &Uri) -> bool {
        let Some(path) = uri.to_file_path() else {
            return false;
        };
        self.config_path().as_deref() == Some(Path::new(&*path))
    }

    fn recompute(&self) {
        let merged = Config::merged(&read(&self.file), &read(&self.editor));
        *write(&self.effective) = Arc::new(merged);
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
