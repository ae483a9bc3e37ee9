//! The editor integrations in real editors (headless Neovim 0.7 and 0.11, batch Emacs with Eglot),
//! the VS Code extension's tests and packaging, and the Helix and Zed examples, all against the
//! server this `cargo test` built. `.ci/editors.sh --install` installs the editors; `.ci/run` does
//! that first. Where they are missing outside CI the test says so and passes; in CI (`CI` set) a
//! missing editor is a failure.

use std::path::Path;
use std::process::Command;

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn editors_work_with_the_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tools_present = installed("nvim")
        && installed("emacs")
        && installed("npm")
        && root.join("editors/vscode/node_modules").is_dir();
    if !tools_present {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the editors first: bash .ci/editors.sh --install"
        );
        eprintln!(
            "editors_work_with_the_server: SKIPPED, editors not installed \
             (run `bash .ci/editors.sh --install`, then `cargo test --test editors`)"
        );
        return;
    }
    let output = Command::new("bash")
        .arg(root.join(".ci/editors.sh"))
        .arg("--check")
        .env("STATUSLINT", env!("CARGO_BIN_EXE_statuslint"))
        .current_dir(root)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "editor checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("0 failed"), "{stdout}");
}
