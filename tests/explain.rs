//! `statuslint explain` as a user runs it: the real binary, its stdout, stderr and exit code.
//! Output is captured through pipes, which is not a terminal, so it must carry no colour codes.

use std::process::Command;

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

impl Run {
    /// Everything the user sees, in one snapshot.
    fn transcript(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code
                .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string()),
            self.stdout,
            self.stderr
        )
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

fn statuslint(args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_statuslint"));
    command.args(args);
    // A developer's or CI's colour preferences must not leak into the snapshots.
    for var in ["CLICOLOR_FORCE", "CLICOLOR", "NO_COLOR", "TERM"] {
        command.env_remove(var);
    }
    run(command)
}

fn run(mut command: Command) -> Run {
    let output = command.output().expect("the statuslint binary runs");
    let run = Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code(),
    };
    let forced = command
        .get_envs()
        .any(|(k, v)| k == "CLICOLOR_FORCE" && v.is_some());
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if !forced {
            assert!(
                !text.contains('\u{1b}'),
                "escape codes on {stream}, which is a pipe:\n{text:?}"
            );
        }
    }
    run
}

fn explain(args: &[&str]) -> Run {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    statuslint(&all)
}

fn succeeds(args: &[&str]) -> Run {
    let run = explain(args);
    assert_eq!(run.code, Some(0), "{args:?} failed:\n{}", run.transcript());
    assert!(run.stderr.is_empty(), "{args:?} wrote to stderr");
    run
}

fn fails(args: &[&str]) -> Run {
    let run = explain(args);
    assert_ne!(
        run.code,
        Some(0),
        "{args:?} should fail:\n{}",
        run.transcript()
    );
    assert!(
        run.code.is_some(),
        "{args:?} crashed:\n{}",
        run.transcript()
    );
    assert!(
        !run.stderr.contains("panicked"),
        "{args:?} panicked:\n{}",
        run.stderr
    );
    run
}

#[test]
fn explain_531_shows_both_edgio_editions() {
    let run = succeeds(&["531"]);
    assert!(
        run.stdout
            .contains("Project Upstream Connection Error (current documentation)")
    );
    assert!(
        run.stdout
            .contains("Project Upstream Timeout (older Layer0 documentation)")
    );
    insta::assert_snapshot!("explain_531", run.transcript());
}

#[test]
fn explain_530_shows_three_platforms() {
    let run = succeeds(&["530"]);
    for meaning in [
        "Cloudflare: Origin DNS Error",
        "Edgio (formerly Layer0): Internal Edgio Error",
        "Pantheon: Site is frozen",
    ] {
        assert!(run.stdout.contains(meaning), "missing {meaning}");
    }
    insta::assert_snapshot!("explain_530", run.transcript());
}

#[test]
fn explain_429() {
    let run = succeeds(&["429"]);
    assert!(run.stdout.starts_with("429 Too Many Requests\n"));
    insta::assert_snapshot!("explain_429", run.transcript());
}

#[test]
fn explain_a_phrase_lists_ranked_matches() {
    let run = succeeds(&["too many requests"]);
    insta::assert_snapshot!("explain_too_many_requests", run.transcript());
    // The words may also arrive as separate arguments, unquoted.
    assert_eq!(succeeds(&["too", "many", "requests"]).stdout, run.stdout);
}

#[test]
fn explain_a_search_as_json() {
    let run = succeeds(&["rate limit", "--format", "json"]);
    let json = run.json();
    assert_eq!(json["query"], "rate limit");
    let matches = json["matches"].as_array().expect("a list of matches");
    assert_eq!(matches[0]["code"], 429);
    assert_eq!(matches[0]["phrase"], "Too Many Requests");
    for m in matches {
        for field in ["code", "phrase", "platform", "summary", "tier"] {
            assert!(!m[field].is_null(), "match without {field}: {m}");
        }
    }
    insta::assert_json_snapshot!("explain_rate_limit_json", json);
}

#[test]
fn explain_531_as_json() {
    let run = succeeds(&["531", "--format", "json"]);
    let json = run.json();
    assert_eq!(json["code"], 531);
    assert_eq!(json["class"], "server-error");
    assert_eq!(json["in_iana_registry"], false);
    assert_eq!(json["reserved_by"], serde_json::json!(["edgio"]));
    let meanings = json["meanings"].as_array().expect("a list of meanings");
    let editions: Vec<(&str, &str)> = meanings
        .iter()
        .map(|m| {
            assert_eq!(m["platform"], "edgio");
            assert_eq!(m["standing"], "unofficial");
            (
                m["edition"].as_str().expect("an edition"),
                m["phrase"].as_str().expect("a phrase"),
            )
        })
        .collect();
    assert_eq!(
        editions,
        [
            ("current", "Project Upstream Connection Error"),
            ("legacy", "Project Upstream Timeout"),
        ]
    );
    let related: Vec<u64> = json["related"]
        .as_array()
        .expect("related codes")
        .iter()
        .map(|r| r["code"].as_u64().expect("a code"))
        .collect();
    assert!(related.contains(&502) && related.contains(&504));
    insta::assert_json_snapshot!("explain_531_json", json);
}

#[test]
fn explain_an_unregistered_code_fails() {
    let run = fails(&["299"]);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("not a registered status code"));
    insta::assert_snapshot!("explain_299", run.transcript());
}

#[test]
fn explain_an_impossible_code_fails() {
    let run = fails(&["999"]);
    assert!(run.stderr.contains("not a valid HTTP status code"));
    insta::assert_snapshot!("explain_999", run.transcript());
    let run = fails(&["42000"]);
    assert!(run.stderr.contains("not a valid HTTP status code"));
    insta::assert_snapshot!("explain_42000", run.transcript());
}

#[test]
fn explain_without_a_match_fails() {
    let run = fails(&["zzzzqqq"]);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("explain_zzzzqqq", run.transcript());
}

#[test]
fn failures_as_json_report_the_error_on_stdout() {
    let run = fails(&["299", "--format", "json"]);
    let json = run.json();
    assert_eq!(json["query"], "299");
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|e| e.contains("not a registered status code"))
    );
    let run = fails(&["zzzzqqq", "--format", "json"]);
    assert!(run.json()["error"].is_string());
}

#[test]
fn odd_queries_fail_cleanly() {
    let huge = "9".repeat(400);
    for args in [
        vec!["!!!"],
        vec![" "],
        vec!["600"],
        vec!["099"],
        vec![huge.as_str()],
    ] {
        let run = fails(&args);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// The pipe assertions above only mean something if colour exists at all: forced on, it appears.
#[test]
fn colour_appears_only_when_forced() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_statuslint"));
    command
        .args(["explain", "429"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1");
    let run = run(command);
    assert!(run.stdout.contains('\u{1b}'), "no colour even when forced");
}
