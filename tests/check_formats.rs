//! Every `--format` of `statuslint check` on the `app` fixture: what a person, a script, GitHub
//! code scanning and GitHub Actions each read.

mod check_support;

use check_support::{check, check_with_env, copy, write};
use serde_json::{Value, json};

const SARIF_SCHEMA: &str = include_str!("../schemas/sarif-schema-2.1.0.json");

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).expect("the shipped schema is JSON");
    jsonschema::validator_for(&schema).expect("the shipped schema compiles")
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid SARIF:\n{}\n{log:#}",
        errors.join("\n")
    );
}

#[test]
fn human_output_shows_the_line_a_caret_and_the_rule() {
    let dir = copy("app");
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1, "{run:?}");
    let expected = [
        " --> src/server.js:4:47",
        "  |",
        "4 | app.get(\"/upstream\", (req, res) => res.status(531).send(\"upstream failed\"));",
        "  |                                               ^^^",
    ]
    .join("\n");
    assert!(run.stdout.contains(&expected), "{}", run.stdout);
    assert!(
        run.stdout.contains("warning[platform-reserved]: 531 "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("error[invalid-code]: 600 "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("info[unofficial-code]: 420 "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("= note: see https://github.com/statuslint/statuslint/blob/main/docs/rules/invalid-code.md"),
        "{}",
        run.stdout
    );
    // Files in path order, findings in line order.
    let order: Vec<usize> = [
        "server.js:4:",
        "server.js:5:",
        "server.js:7:",
        "server.js:10:",
        "service.rs:4:",
    ]
    .iter()
    .map(|needle| {
        run.stdout
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", run.stdout);
}

#[test]
fn human_output_is_plain_when_piped_and_coloured_when_forced() {
    let dir = copy("app");
    let piped = check(dir.path(), &[]);
    assert!(!piped.stdout.contains('\u{1b}'), "{}", piped.stdout);
    assert!(!piped.stderr.contains('\u{1b}'), "{}", piped.stderr);
    let forced = check_with_env(dir.path(), &[], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stdout.contains("\u{1b}["), "{}", forced.stdout);
}

#[test]
fn the_summary_goes_to_stderr_with_counts_by_severity() {
    let dir = copy("app");
    let run = check(dir.path(), &["--format", "json"]);
    let summary = run.stderr.lines().last().unwrap_or_default();
    assert!(summary.starts_with("checked 4 files in "), "{summary}");
    assert!(
        summary.contains("s: 1 error, 3 warnings, 1 info ("),
        "{summary}"
    );
    assert!(summary.ends_with(" fixable with --fix)"), "{summary}");
    let quiet = check(dir.path(), &["--format", "json", "--quiet"]);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, run.stdout);
}

#[test]
fn json_has_one_object_per_finding_with_character_columns() {
    let dir = copy("app");
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 1);
    let findings = run.json();
    let findings = findings.as_array().unwrap();
    assert_eq!(
        run.findings(),
        [
            ("src/server.js".into(), 4, "platform-reserved".into()),
            ("src/server.js".into(), 5, "unofficial-code".into()),
            ("src/server.js".into(), 7, "invalid-code".into()),
            ("src/server.js".into(), 10, "unknown-code".into()),
            ("src/service.rs".into(), 4, "platform-reserved".into()),
        ]
    );
    // Line 10 has an emoji and an accented letter before 299: 44 characters, 48 bytes.
    let unknown = &findings[3];
    let mut fields = unknown.as_object().unwrap().clone();
    let message = fields.remove("message").unwrap();
    assert!(message.as_str().unwrap().starts_with("299 "), "{message}");
    assert_eq!(
        Value::Object(fields),
        json!({
            "path": "src/server.js",
            "line": 10,
            "column": 45,
            "end_line": 10,
            "end_column": 48,
            "rule": "unknown-code",
            "severity": "warning",
            "code": 299,
            "url": "https://github.com/statuslint/statuslint/blob/main/docs/rules/unknown-code.md",
            "fixes": unknown["fixes"].clone(),
        })
    );
    for finding in findings {
        for fix in finding["fixes"].as_array().unwrap() {
            assert!(
                fix["title"].is_string() && fix["preferred"].is_boolean(),
                "{fix}"
            );
            assert!(!fix["edits"].as_array().unwrap().is_empty(), "{fix}");
        }
    }
}

#[test]
fn json_is_an_empty_array_when_nothing_is_found() {
    let dir = copy("clean");
    let run = check(dir.path(), &["--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json(), json!([]));
}

#[test]
fn sarif_is_valid_and_carries_rules_results_and_regions() {
    let dir = copy("app");
    write(dir.path(), "src/logo.js", b"\x89PNG\0\0res.status(600)");
    let run = check(dir.path(), &["--format", "sarif"]);
    assert_eq!(run.code, 1);
    let log = run.json();
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    let sarif_run = &log["runs"][0];
    assert_eq!(sarif_run["tool"]["driver"]["name"], "statuslint");
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/statuslint/statuslint/blob/main/docs/rules/{id}.md")
        );
    }
    let results = sarif_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let first = &results[0];
    assert_eq!(first["ruleId"], "platform-reserved");
    assert_eq!(first["level"], "warning");
    assert_eq!(
        rules[first["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "platform-reserved"
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": { "uri": "src/server.js" },
            "region": { "startLine": 4, "startColumn": 47, "endLine": 4, "endColumn": 50 },
        })
    );
    assert_eq!(results[1]["level"], "note", "info maps to note");
    assert_eq!(results[2]["level"], "error");
    let notifications = &sarif_run["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/logo.js"
    );
    assert_eq!(sarif_run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_with_no_results_or_with_errors_is_still_valid() {
    let clean = copy("clean");
    let run = check(clean.path(), &["--format", "sarif"]);
    assert_eq!(run.code, 0);
    assert_valid_sarif(&run.json());
    assert_eq!(run.json()["runs"][0]["results"], json!([]));

    let run = check(
        clean.path(),
        &["--format", "sarif", "routes.js", "missing.js"],
    );
    assert_eq!(run.code, 2);
    let log = run.json();
    assert_valid_sarif(&log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn the_schema_rejects_a_log_that_breaks_it() {
    // The validation above means something only if the validator can say no.
    let dir = copy("app");
    let mut log = check(dir.path(), &["--format", "sarif"]).json();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        json!(0);
    assert!(!sarif_validator().is_valid(&log));
}

#[test]
fn github_format_prints_workflow_commands() {
    let dir = copy("app");
    let run = check(dir.path(), &["--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    let prefixes = [
        "::warning file=src/server.js,line=4,col=47,endLine=4,endColumn=50,title=statuslint(platform-reserved)::531 ",
        "::notice file=src/server.js,line=5,col=47,endLine=5,endColumn=50,title=statuslint(unofficial-code)::420 ",
        "::error file=src/server.js,line=7,col=20,endLine=7,endColumn=23,title=statuslint(invalid-code)::600 ",
        "::warning file=src/server.js,line=10,col=45,endLine=10,endColumn=48,title=statuslint(unknown-code)::299 ",
        "::warning file=src/service.rs,line=4,col=26,endLine=4,endColumn=29,title=statuslint(platform-reserved)::531 ",
    ];
    for (line, prefix) in lines.iter().zip(prefixes) {
        assert!(
            line.starts_with(prefix),
            "{line}\ndoes not start with\n{prefix}"
        );
    }
}

#[test]
fn a_skipped_bundle_is_a_sarif_notification_and_absent_from_github_output() {
    let dir = copy("minified");
    let log = check(dir.path(), &["--format", "sarif"]).json();
    assert_valid_sarif(&log);
    let sarif_run = &log["runs"][0];
    let uris: Vec<&Value> = sarif_run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        .collect();
    assert_eq!(uris, [&json!("src/logo.js")]);
    let text =
        "skipped: minified or bundled (line 2 is 1.4 KiB long); --include-minified checks it";
    let uri = "dist/app.min.js";
    assert_eq!(
        sarif_run["invocations"][0]["toolExecutionNotifications"],
        json!([{
            "level": "warning",
            "message": { "text": text },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
        }])
    );
    assert_eq!(sarif_run["invocations"][0]["executionSuccessful"], true);

    let run = check(dir.path(), &["--format", "github"]);
    let files: Vec<&str> = run
        .stdout
        .lines()
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert_eq!(files, ["::warning file=src/logo.js"], "{}", run.stdout);
    let run = check(dir.path(), &["--format", "github", "--include-minified"]);
    assert!(
        run.stdout
            .starts_with("::warning file=dist/app.min.js,line=2,"),
        "{}",
        run.stdout
    );
}
