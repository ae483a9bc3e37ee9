//! Finding the files to check: a parallel, gitignore-aware walk (the `ignore` crate, as ripgrep
//! uses it) that keeps files of a language we read and prunes excluded directories early.
//!
//! Choices a user can rely on:
//! - `.gitignore` applies whether or not the tree is a git repository (`require_git(false)`): an
//!   unpacked tarball lints like its checkout. `.ignore` and git's global and info excludes apply
//!   too; `--no-ignore` turns all of them off.
//! - `node_modules` directories are skipped unless `--no-ignore`, as ESLint does.
//! - A file named on the command line is checked even if a `.gitignore` or hidden-file rule would
//!   skip it in a walk, but `--exclude` and the config's `exclude` still apply to it, so that a
//!   pre-commit hook passing changed files honours the project's exclusions.

use super::paths;
use super::settings::{Resolver, Settings};
use crate::config::is_excluded;
use crate::syntax::Language;
use ignore::gitignore::Gitignore;
use ignore::{DirEntry, WalkBuilder, WalkState};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct WalkOptions {
    pub hidden: bool,
    pub no_ignore: bool,
    pub threads: usize,
    /// `--exclude`, anchored at the working directory.
    pub excludes: Option<Gitignore>,
}

/// A file to check.
pub struct Candidate {
    pub path: PathBuf,
    /// The path as output shows it.
    pub shown: String,
    pub language: Language,
    pub settings: Arc<Settings>,
}

pub enum Walked {
    File(Candidate),
    /// A file named on the command line that is not JavaScript, TypeScript or Rust.
    Unsupported(String),
    Error(String),
}

/// Hands `each` every file to check under `roots`, and what went wrong on the way, from the walk's
/// threads as they find them: the caller checks a file while the walk goes on, as ripgrep
/// searches one. A file reached from two roots is handed over once. Stops early, with the
/// resolver's failure set, when a config file cannot be loaded.
pub fn walk(
    roots: &[PathBuf],
    cwd: &Path,
    options: &WalkOptions,
    resolver: &Resolver,
    each: &(dyn Fn(Walked) + Sync),
) {
    let Some((first, rest)) = roots.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    let respect = !options.no_ignore;
    builder
        .hidden(!options.hidden)
        .ignore(respect)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .parents(respect)
        .require_git(false)
        .threads(options.threads);
    if respect {
        builder.filter_entry(|entry| entry.depth() == 0 || entry.file_name() != "node_modules");
    }
    let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let (state, walked) = visit(entry, cwd, options, resolver);
            match walked {
                Some(Walked::File(candidate))
                    if !rest.is_empty()
                        && !seen
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .insert(candidate.shown.clone()) => {}
                Some(walked) => each(walked),
                None => {}
            }
            state
        })
    });
}

fn visit(
    entry: Result<DirEntry, ignore::Error>,
    cwd: &Path,
    options: &WalkOptions,
    resolver: &Resolver,
) -> (WalkState, Option<Walked>) {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => return (WalkState::Continue, Some(Walked::Error(error.to_string()))),
    };
    let path = entry.path();
    let explicit = entry.depth() == 0;
    // Most of a tree is files of other languages: left before any of the work below (a third
    // of the entries of the benchmark tree).
    if !explicit
        && entry.file_type().is_some_and(|t| !t.is_dir())
        && Language::from_path(path).is_none()
    {
        return (WalkState::Continue, None);
    }
    let absolute = paths::absolute(cwd, path);
    let is_dir = if explicit {
        path.is_dir()
    } else {
        entry.file_type().is_some_and(|t| t.is_dir())
    };
    let parent = absolute.parent().unwrap_or(&absolute);
    let Some(settings) = resolver.for_dir(parent) else {
        return (WalkState::Quit, None);
    };
    let excluded = options
        .excludes
        .as_ref()
        .is_some_and(|globs| is_excluded(globs, &absolute, is_dir))
        || settings.excludes(&absolute, is_dir);
    if excluded {
        return (WalkState::Skip, None);
    }
    if is_dir {
        return (WalkState::Continue, None);
    }
    let shown = paths::display(cwd, path);
    // Only regular files: a fifo or socket named `x.js` would block the read forever.
    let regular = if explicit {
        path.is_file()
    } else {
        entry.file_type().is_some_and(|t| t.is_file())
    };
    let language = Language::from_path(path).filter(|_| regular);
    let Some(language) = language else {
        return (
            WalkState::Continue,
            explicit.then_some(Walked::Unsupported(shown)),
        );
    };
    let candidate = Candidate {
        path: path.to_path_buf(),
        shown,
        language,
        settings,
    };
    (WalkState::Continue, Some(Walked::File(candidate)))
}
