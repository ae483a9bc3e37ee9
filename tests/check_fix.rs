//! `statuslint check --fix` on copies of the fixture trees: the file contents after, and what is
//! reported.

mod check_support;

use check_support::{check, copy, read, write};
use serde_json::Value;
use std::collections::BTreeMap;

/// The byte offset of a 1-based line and character column in `text`.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column as usize - 1)
            .map_or(rest.len(), |(i, _)| i)
}

/// What each file should read after `--fix`, worked out from the preferred fixes that
/// `--format json` lists, applied here independently of the binary. Assumes one pass suffices
/// (no overlapping fixes), which holds for the fixtures.
fn expected_after_fix(root: &std::path::Path, findings: &[Value]) -> BTreeMap<String, String> {
    let mut edits: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    for finding in findings {
        let path = finding["path"].as_str().unwrap().to_string();
        let text = read(root, &path);
        let Some(fix) = finding["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["preferred"] == true)
        else {
            continue;
        };
        for edit in fix["edits"].as_array().unwrap() {
            let start = offset(
                &text,
                edit["line"].as_u64().unwrap(),
                edit["column"].as_u64().unwrap(),
            );
            let end = offset(
                &text,
                edit["end_line"].as_u64().unwrap(),
                edit["end_column"].as_u64().unwrap(),
            );
            let replacement = edit["replacement"].as_str().unwrap().to_string();
            edits
                .entry(path.clone())
                .or_default()
                .push((start, end, replacement));
        }
    }
    edits
        .into_iter()
        .map(|(path, mut edits)| {
            let mut text = read(root, &path);
            edits.sort_by_key(|e| std::cmp::Reverse(e.0));
            for (start, end, replacement) in edits {
                text.replace_range(start..end, &replacement);
            }
            (path, text)
        })
        .collect()
}

#[test]
fn fix_applies_the_preferred_fixes_that_json_lists() {
    let dir = copy("app");
    let root = dir.path();
    let before = check(root, &["--format", "json"]).json();
    let findings = before.as_array().unwrap();
    let expected = expected_after_fix(root, findings);
    assert!(!expected.is_empty(), "the app fixture has fixable findings");
    let untouched = read(root, "src/handler.ts");

    let run = check(root, &["--fix", "--format", "json"]);
    for (path, text) in &expected {
        assert_eq!(&read(root, path), text, "{path}");
    }
    assert_eq!(read(root, "src/handler.ts"), untouched);
    let fixed_lines = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("fixed: "))
        .count();
    let fixable = findings
        .iter()
        .filter(|f| {
            f["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["preferred"] == true)
        })
        .count();
    assert_eq!(fixed_lines, fixable, "{}", run.stderr);
    // What is printed afterwards is what is left, and none of it has a preferred fix.
    for finding in run.json().as_array().unwrap() {
        assert!(
            !finding["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["preferred"] == true),
            "{finding}"
        );
    }
    let again = check(root, &["--format", "json"]);
    assert_eq!(
        again.stdout, run.stdout,
        "a second run finds what --fix left"
    );
}

#[test]
fn fix_rewrites_platform_and_unofficial_codes_in_place() {
    let dir = copy("app");
    let root = dir.path();
    let run = check(root, &["--fix"]);
    let server = read(root, "src/server.js");
    assert!(
        server.contains("res.status(502).send(\"upstream failed\")"),
        "{server}"
    );
    assert!(server.contains("res.sendStatus(429)"), "{server}");
    assert!(read(root, "src/service.rs").contains("StatusCode::from_u16(502)"));
    assert!(
        run.stderr
            .contains("fixed: src/server.js:4:47: platform-reserved: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fixes applied"), "{}", run.stderr);
}

#[test]
fn fix_leaves_files_without_fixable_findings_byte_for_byte() {
    let dir = copy("clean");
    let root = dir.path();
    let crlf = "\u{feff}const r = require(\"express\").Router();\r\nr.get(\"/\", (req, res) => res.status(404).end());\r\n";
    write(root, "crlf.js", crlf);
    let routes = read(root, "routes.js");
    let run = check(root, &["--fix"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(read(root, "crlf.js"), crlf);
    assert_eq!(read(root, "routes.js"), routes);
    assert!(!run.stderr.contains("fixed"), "{}", run.stderr);
}

#[test]
fn offsets_in_this_test_count_characters() {
    let text = "a\n😀b 531\n";
    assert_eq!(&text[offset(text, 2, 4)..offset(text, 2, 7)], "531");
}
