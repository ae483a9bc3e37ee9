//! Watches config files for clients that cannot do it for the server. LSP lets a client watch
//! files on the server's behalf (`workspace/didChangeWatchedFiles` with dynamic registration),
//! and the server uses that where it is offered; Neovim on Linux, among others, offers nothing,
//! and a saved `statuslint.toml` would go unseen until a restart.
//!
//! Each folder where a config file would matter (the workspace folders and every folder a
//! document's lookup read) is watched on its own, not recursively: a recursive watch of a
//! monorepo would spend an inotify watch on every folder of `node_modules`.

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tokio::sync::mpsc::UnboundedSender;

pub struct ConfigWatcher {
    watcher: Mutex<RecommendedWatcher>,
    watched: Mutex<BTreeSet<PathBuf>>,
}

impl ConfigWatcher {
    /// A watcher that sends the path of each config file created, changed or removed.
    pub fn new(changed: UnboundedSender<PathBuf>) -> notify::Result<ConfigWatcher> {
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.kind.is_access() {
                return;
            }
            for path in event.paths {
                if crate::config::governs_configuration(&path) {
                    let _ = changed.send(path);
                }
            }
        })?;
        Ok(ConfigWatcher {
            watcher: Mutex::new(watcher),
            watched: Mutex::new(BTreeSet::new()),
        })
    }

    /// Adds the folders not watched yet; a folder that cannot be watched (gone, or out of
    /// inotify watches) is skipped, and the error returned for the log.
    pub fn watch(&self, folders: &[PathBuf]) -> Vec<String> {
        let mut watched = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        let mut watcher = self.watcher.lock().unwrap_or_else(|e| e.into_inner());
        let mut errors = Vec::new();
        for folder in folders {
            if watched.contains(folder) || !Path::new(folder).is_dir() {
                continue;
            }
            match watcher.watch(folder, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    watched.insert(folder.clone());
                }
                Err(error) => errors.push(format!("cannot watch {}: {error}", folder.display())),
            }
        }
        errors
    }
}
