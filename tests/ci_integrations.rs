//! The CI habits of linters: the pre-commit hooks and the GitHub Action run what they say, with
//! the commands they name working on a real file. Read as text (both are small, flat YAML), then
//! the commands are run against the built binary.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const HANDLER: &str = "app.get('/', (req, res) => {\n  try { run(); } catch (e) { res.status(200).json({ error: e.message }); }\n});\n";

/// The `entry:` of each hook in .pre-commit-hooks.yaml, by id.
fn hooks() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks = Vec::new();
    let mut id = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(value) = line.strip_prefix("- id:") {
            id = Some(value.trim().to_string());
        } else if let Some(entry) = line.strip_prefix("entry:") {
            hooks.push((
                id.clone().expect("an id before the entry"),
                entry.trim().to_string(),
            ));
        } else if let Some(types) = line.strip_prefix("types_or:") {
            assert_eq!(types.trim(), "[javascript, jsx, ts, tsx, rust]");
        } else if let Some(language) = line.strip_prefix("language:") {
            assert_eq!(
                language.trim(),
                "rust",
                "pre-commit builds the hook with cargo"
            );
        }
    }
    hooks
}

/// Runs `command` (starting with `statuslint`) on `files` in `dir`, as pre-commit does.
fn run(dir: &Path, command: &str, files: &[&str]) -> std::process::Output {
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("statuslint"));
    Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .args(words)
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_pre_commit_hooks_check_and_fix_the_files_they_are_given() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["statuslint", "statuslint-fix"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.js"), HANDLER).unwrap();
    let check = run(dir.path(), &hooks[0].1, &["app.js"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a finding fails the commit: {check:?}"
    );
    let fix = run(dir.path(), &hooks[1].1, &["app.js"]);
    assert_eq!(fix.status.code(), Some(0), "{fix:?}");
    let fixed = std::fs::read_to_string(dir.path().join("app.js")).unwrap();
    assert!(fixed.contains("res.status(500)"), "{fixed}");
}

#[test]
fn the_action_installs_from_its_own_checkout_and_reports_annotations() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    assert!(text.contains("using: composite"));
    assert!(text.contains(r#"cargo install --locked --quiet --path "$GITHUB_ACTION_PATH""#));
    // The check step's script, run as the runner would with the inputs' defaults.
    let script: String = text
        .split("run: |\n")
        .nth(1)
        .expect("the check step has a script")
        .lines()
        .map(|l| l.strip_prefix("        ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.js"), HANDLER).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_statuslint"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (format, expect) in [("github", "::warning file=app.js,line=2"), ("sarif", "")] {
        let output = Command::new("bash")
            .args(["-c", &script])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("STATUSLINT_PATHS", ".")
            .env("STATUSLINT_ARGS", "")
            .env("STATUSLINT_FORMAT", format)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if format == "sarif" {
            let sarif = std::fs::read_to_string(dir.path().join("statuslint.sarif")).unwrap();
            assert!(sarif.contains("\"ok-on-error\""), "{sarif}");
        } else {
            assert!(stdout.contains(expect), "{stdout}");
        }
    }
}
