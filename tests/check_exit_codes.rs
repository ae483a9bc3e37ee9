//! The exit code CI reads: 0 when nothing at or above `--fail-on` was found, 1 when something
//! was, 2 on a usage, configuration or I/O error.

mod check_support;

use check_support::{check, copy, write};

#[test]
fn findings_at_warning_or_above_fail_by_default() {
    let app = copy("app");
    assert_eq!(check(app.path(), &[]).code, 1);
    let clean = copy("clean");
    let run = check(clean.path(), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no findings"), "{}", run.stderr);
}

#[test]
fn fail_on_sets_the_threshold() {
    let app = copy("app");
    let root = app.path();
    // Only the info-level 420 finding is left with --select unofficial-code.
    let info_only = ["--select", "unofficial-code"];
    assert_eq!(check(root, &info_only).code, 0);
    assert_eq!(
        check(root, &[&info_only[..], &["--fail-on", "info"]].concat()).code,
        1
    );
    assert_eq!(
        check(root, &[&info_only[..], &["--fail-on", "hint"]].concat()).code,
        1
    );
    assert_eq!(
        check(root, &[&info_only[..], &["--fail-on", "warning"]].concat()).code,
        0
    );
    // 600 is an error.
    assert_eq!(check(root, &["--fail-on", "error"]).code, 1);
    assert_eq!(
        check(root, &["--fail-on", "error", "--ignore", "invalid-code"]).code,
        0
    );
    let never = check(root, &["--fail-on", "never"]);
    assert_eq!(never.code, 0);
    assert!(
        never.stdout.contains("error[invalid-code]"),
        "findings are still printed"
    );
}

#[test]
fn a_broken_config_file_exits_2_with_its_position() {
    let dir = copy("clean");
    let root = dir.path();
    write(
        root,
        "statuslint.toml",
        "# rules\n[rules]\nno-such-rule = \"warning\"\n",
    );
    let run = check(root, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("statuslint.toml:3:1: unknown rule `no-such-rule`"),
        "{}",
        run.stderr
    );

    write(root, "statuslint.toml", "platforms = [cloudflare]\n");
    let run = check(root, &["--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("statuslint.toml:1:"), "{}", run.stderr);
}

#[test]
fn a_broken_config_below_the_start_stops_the_run_too() {
    let dir = copy("clean");
    write(dir.path(), "sub/statuslint.toml", "[rules\n");
    write(dir.path(), "sub/x.js", "module.exports = 1;\n");
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("sub/statuslint.toml:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = copy("clean");
    let root = dir.path();
    let cases: &[&[&str]] = &[
        &["--format", "xml"],
        &["--fail-on", "sometimes"],
        &["--select", "no-such-rule"],
        &["--ignore", "platform-reserved,no-such-rule"],
        &["--platform", "geocities"],
        &["--config", "missing.toml"],
        &["--exclude", "{src,lib"],
        &["--no-such-flag"],
    ];
    for args in cases {
        let run = check(root, args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    let run = check(root, &["--select", "no-such-rule"]);
    assert!(
        run.stderr
            .contains("unknown rule `no-such-rule`; known rules: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("platform-reserved"), "{}", run.stderr);
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    let dir = copy("clean");
    let root = dir.path();
    let path = root.join("routes.js");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&path, permissions).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop a read, so there is nothing to test.
        return;
    }
    let run = check(root, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("routes.js"), "{}", run.stderr);
}
