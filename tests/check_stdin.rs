//! `check --stdin-filename PATH`: the text on standard input checked as the file at PATH, the way
//! ALE, conform.nvim and nvim-lint call a linter: its language, its statuslint.toml and its name
//! in the output come from the path; with `--fix` the fixed text comes back on stdout.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const HANDLER: &str = "app.get('/', (req, res) => {\n  try { run(); } catch (e) { res.status(200).json({ error: e.message }); }\n});\n";

fn check(dir: &std::path::Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statuslint"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("statuslint runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn stdin_is_checked_as_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    // The file need not exist: an editor's unsaved buffer is checked.
    let output = check(
        dir.path(),
        &["--stdin-filename", "src/app.js", "--format", "json"],
        HANDLER.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(findings[0]["rule"], "ok-on-error", "{findings}");
    assert_eq!(findings[0]["path"], "src/app.js", "{findings}");
    assert_eq!(findings[0]["line"], 2, "{findings}");
}

#[test]
fn the_named_files_config_applies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(
        dir.path().join("src/statuslint.toml"),
        "[rules]\nok-on-error = \"off\"\n",
    )
    .unwrap();
    let output = check(
        dir.path(),
        &["--stdin-filename", "src/app.js"],
        HANDLER.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    // Elsewhere the same text is reported.
    let output = check(
        dir.path(),
        &["--stdin-filename", "app.js"],
        HANDLER.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

#[test]
fn fix_prints_the_fixed_text_and_only_it_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(
        dir.path(),
        &["--fix", "--stdin-filename", "app.js"],
        HANDLER.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        HANDLER.replace("status(200)", "status(500)")
    );
    assert!(!dir.path().join("app.js").exists(), "no file is written");
    // Text it cannot check (a NUL byte) comes back as it went in.
    let binary = b"let a = 1;\0\n";
    let output = check(dir.path(), &["--fix", "--stdin-filename", "x.js"], binary);
    assert_eq!(output.stdout, binary);
}

#[test]
fn a_name_of_no_known_language_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(
        dir.path(),
        &["--stdin-filename", "notes.txt"],
        b"res.status(531)",
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("notes.txt"));
}
