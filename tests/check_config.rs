//! How `statuslint check` finds and layers its settings: the nearest `statuslint.toml` upward
//! from each file, `--config`, and `--select`, `--ignore` and `--platform` on top.

mod check_support;

use check_support::{check, copy, write};

fn finding(path: &str, line: u64, rule: &str) -> (String, u64, String) {
    (path.to_string(), line, rule.to_string())
}

#[test]
fn the_nearest_config_applies_and_a_nested_one_replaces_it() {
    let dir = copy("configured");
    let run = check(dir.path(), &["--format", "json"]);
    // platforms = ["cloudflare"]: Edgio's 531 is not reported, Cloudflare's 520 is;
    // unofficial-code is off (420); vendor/ is excluded; strict/ makes unknown-code an error.
    assert_eq!(
        run.findings(),
        [
            finding("src/app.js", 4, "platform-reserved"),
            finding("strict/legacy.js", 1, "unknown-code"),
        ]
    );
    assert_eq!(run.json()[1]["severity"], "error");
}

#[test]
fn configs_are_found_upward_from_each_path_not_from_the_working_directory() {
    let dir = copy("configured");
    let outside = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let run = check(outside, &["--format", "json", name]);
    let paths = run.paths();
    assert_eq!(
        paths,
        [
            format!("{name}/src/app.js"),
            format!("{name}/strict/legacy.js")
        ],
        "exclude = [\"vendor/\"] is anchored at the config's directory"
    );
    let file = format!("{name}/src/app.js");
    let run = check(outside, &["--format", "json", &file]);
    assert_eq!(run.findings(), [finding(&file, 4, "platform-reserved")]);
}

#[test]
fn platform_on_the_command_line_replaces_the_configured_platforms() {
    let dir = copy("configured");
    let run = check(
        dir.path(),
        &["--format", "json", "--platform", "edgio", "src"],
    );
    assert_eq!(
        run.findings(),
        [finding("src/app.js", 3, "platform-reserved")]
    );
}

#[test]
fn platform_cloudflare_turns_off_edgio_reservations() {
    let dir = copy("app");
    let all = check(
        dir.path(),
        &["--format", "json", "--select", "platform-reserved"],
    );
    assert_eq!(
        all.findings(),
        [
            finding("src/server.js", 4, "platform-reserved"),
            finding("src/service.rs", 4, "platform-reserved"),
        ]
    );
    let cloudflare = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "platform-reserved",
            "--platform",
            "cloudflare",
        ],
    );
    assert_eq!(cloudflare.findings(), []);
    assert_eq!(cloudflare.code, 0);
}

#[test]
fn select_and_ignore_choose_rules() {
    let dir = copy("app");
    let root = dir.path();
    let run = check(
        root,
        &["--format", "json", "--select", "invalid-code,unknown-code"],
    );
    assert_eq!(
        run.findings(),
        [
            finding("src/server.js", 7, "invalid-code"),
            finding("src/server.js", 10, "unknown-code"),
        ]
    );
    let run = check(
        root,
        &[
            "--format",
            "json",
            "--ignore",
            "platform-reserved",
            "--ignore",
            "unofficial-code",
        ],
    );
    assert_eq!(
        run.findings(),
        [
            finding("src/server.js", 7, "invalid-code"),
            finding("src/server.js", 10, "unknown-code"),
        ]
    );
}

#[test]
fn select_beats_a_config_that_turns_the_rule_off() {
    let dir = copy("configured");
    let run = check(
        dir.path(),
        &["--format", "json", "--select", "unofficial-code", "src"],
    );
    // 420 is unofficial; 531 too, now that only Cloudflare's reservations apply.
    assert_eq!(
        run.findings(),
        [
            finding("src/app.js", 3, "unofficial-code"),
            finding("src/app.js", 5, "unofficial-code"),
        ]
    );
}

#[test]
fn an_explicit_config_file_is_used_for_every_path() {
    let dir = copy("configured");
    write(
        dir.path(),
        "ci.toml",
        "[rules]\nplatform-reserved = \"off\"\n",
    );
    let run = check(dir.path(), &["--format", "json", "--config", "ci.toml"]);
    // Neither statuslint.toml applies: vendor/ is checked, 420 is reported, 299 is a warning.
    assert_eq!(
        run.findings(),
        [
            finding("src/app.js", 5, "unofficial-code"),
            finding("strict/legacy.js", 1, "unknown-code"),
            finding("vendor/lib.js", 1, "invalid-code"),
        ]
    );
    assert_eq!(run.json()[1]["severity"], "warning");
}

/// `[[overrides]]`: rules and allowed codes per path, later tables winning; a file no table
/// matches keeps the file's settings, and a bad table is an error with its position.
#[test]
fn overrides_give_paths_their_own_rules_and_allowed_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "statuslint.toml",
        "[rules]\nunofficial-code = \"warning\"\n\n\
         [[overrides]]\npaths = [\"test/**\", \"**/*.test.js\"]\nrules = { deprecated-code = \"off\" }\nallow = [531]\n\n\
         [[overrides]]\npaths = [\"test/strict/**\"]\nrules = { deprecated-code = \"error\" }\n",
    );
    let text = "res.status(418);\nres.status(531);\n";
    for file in [
        "src/app.js",
        "src/app.test.js",
        "test/app.js",
        "test/strict/app.js",
    ] {
        write(dir.path(), file, text);
    }
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(
        run.findings(),
        [
            finding("src/app.js", 1, "deprecated-code"),
            finding("src/app.js", 2, "platform-reserved"),
            finding("test/strict/app.js", 1, "deprecated-code"),
        ]
    );
    let strict = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "test/strict/app.js")
        .cloned()
        .unwrap();
    assert_eq!(strict["severity"], "error");

    write(
        dir.path(),
        "statuslint.toml",
        "[[overrides]]\npaths = [\"test/**\"]\nrules = { no-such-rule = \"off\" }\n",
    );
    let broken = check(dir.path(), &[]);
    assert_eq!(broken.code, 2);
    assert!(
        broken
            .stderr
            .contains("statuslint.toml:1:1: overrides[0]: unknown rule `no-such-rule`"),
        "{}",
        broken.stderr
    );
}

#[test]
fn select_turns_crud_status_on_at_info_and_reads_rust_routes_with_no_site() {
    let dir = tempfile::tempdir().unwrap();
    // No status is written anywhere in this file: the 200 is axum's default for `Json(todo)`.
    write(
        dir.path(),
        "src/main.rs",
        r#"use axum::{routing::post, Json, Router};
async fn create(Json(input): Json<NewTodo>) -> Json<Todo> {
    let todo = db::insert(input).await;
    Json(todo)
}
pub fn app() -> Router { Router::new().route("/todos", post(create)) }
"#,
    );
    let off = check(dir.path(), &["--format", "json"]);
    assert!(off.findings().is_empty(), "off by default");
    let on = check(dir.path(), &["--format", "json", "--select", "crud-status"]);
    assert_eq!(on.findings(), [finding("src/main.rs", 4, "crud-status")]);
    assert_eq!(on.json()[0]["severity"], "info");
}
