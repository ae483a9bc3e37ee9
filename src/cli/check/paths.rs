//! Paths as `check` matches and prints them. Matching (config lookup, `exclude` patterns) needs
//! absolute paths; output shows paths as the user gave them, minus a leading `./`, so that
//! annotations and SARIF locations are relative to where `check` ran.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd`, with `.` and `..` resolved by text alone (no symlink
/// lookups, so it works for paths that do not exist).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    // The walker's paths under an absolute root are already absolute and normal.
    if path.is_absolute()
        && !path
            .components()
            .any(|c| matches!(c, Component::CurDir | Component::ParentDir))
    {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How a path is shown: relative to `cwd` when under it, without a leading `./`.
pub fn display(cwd: &Path, path: &Path) -> String {
    let shown = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path.strip_prefix(".").unwrap_or(path)
    };
    let text = shown.to_string_lossy();
    if text.is_empty() {
        ".".to_string()
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_resolves_dots_without_touching_the_disk() {
        let cwd = Path::new("/work/app");
        assert_eq!(
            absolute(cwd, Path::new("./src/../lib/x.js")),
            Path::new("/work/app/lib/x.js")
        );
        assert_eq!(
            absolute(cwd, Path::new("../other")),
            Path::new("/work/other")
        );
        assert_eq!(
            absolute(cwd, Path::new("/abs/y.rs")),
            Path::new("/abs/y.rs")
        );
    }

    #[test]
    fn display_is_relative_to_the_working_directory() {
        let cwd = Path::new("/work/app");
        assert_eq!(display(cwd, Path::new("./src/a.js")), "src/a.js");
        assert_eq!(display(cwd, Path::new("/work/app/src/a.js")), "src/a.js");
        assert_eq!(
            display(cwd, Path::new("/elsewhere/a.js")),
            "/elsewhere/a.js"
        );
        assert_eq!(display(cwd, Path::new("src")), "src");
    }
}
