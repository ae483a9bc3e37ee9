//! `--format sarif`: a SARIF 2.1.0 log, as GitHub code scanning uploads it. Every rule is listed
//! with its documentation link; each result carries its region and the fixes. Columns are Unicode
//! code points (`columnKind`), the same columns the other formats print. Skipped files and errors
//! become tool notifications, so a viewer shows what was not checked.
//! `tests/check_formats.rs` validates the output against the schema in `schemas/`.

use super::{LineIndex, Position, Report, locate, locate_fixes};
use crate::rules::{RULES, Severity, docs_url};
use serde_json::{Value, json};
use std::io::{self, Write};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let configuration = match rule.default_severity() {
                Some(severity) => json!({ "level": level(severity) }),
                None => json!({ "enabled": false }),
            };
            json!({
                "id": rule.name(),
                "shortDescription": { "text": rule.summary() },
                "helpUri": docs_url(rule.name()),
                "defaultConfiguration": configuration,
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in report.files {
        let index = LineIndex::new(&file.source);
        let location = json!({ "uri": uri(&file.shown) });
        for located in locate(file, &index) {
            let finding = located.finding;
            let fixes: Vec<Value> = locate_fixes(finding, &index)
                .iter()
                .map(|f| {
                    let change = |location: &Value, edits: &[(Position, Position, &str)]| {
                        json!({
                            "artifactLocation": location,
                            "replacements": edits.iter().map(|(start, end, text)| json!({
                                "deletedRegion": region(*start, *end),
                                "insertedContent": { "text": text },
                            })).collect::<Vec<_>>(),
                        })
                    };
                    // A change per file, this one first; none for a file with no edit.
                    let changes: Vec<Value> = std::iter::once(change(&location, &f.edits))
                        .chain(
                            f.elsewhere
                                .iter()
                                .map(|(path, edits)| change(&json!({ "uri": uri(path) }), edits)),
                        )
                        .filter(|c| c["replacements"].as_array().is_some_and(|r| !r.is_empty()))
                        .collect();
                    json!({
                        "description": { "text": f.fix.title },
                        "artifactChanges": changes,
                    })
                })
                .filter(|fix| {
                    fix["artifactChanges"]
                        .as_array()
                        .is_some_and(|c| !c.is_empty())
                })
                .collect();
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": region(located.start, located.end),
                    },
                }],
                "properties": { "statusCode": finding.code },
            });
            if let Some(rule_index) = RULES.iter().position(|r| r.name() == finding.rule) {
                result["ruleIndex"] = json!(rule_index);
            }
            if !fixes.is_empty() {
                result["fixes"] = json!(fixes);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = report
        .skipped
        .iter()
        .map(|skipped| {
            json!({
                "level": "warning",
                "message": { "text": format!("skipped: {}", skipped.reason) },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&skipped.shown) } },
                }],
            })
        })
        .chain(
            report
                .errors
                .iter()
                .map(|error| json!({ "level": "error", "message": { "text": error } })),
        )
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "statuslint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(start: Position, end: Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A path as a URI reference: relative paths stay relative (code scanning resolves them against
/// the repository root), absolute ones become `file://` URIs; anything outside the unreserved
/// set is percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("src/app.js"), "src/app.js");
        assert_eq!(uri("my app/ä #1.ts"), "my%20app/%C3%A4%20%231.ts");
        assert_eq!(uri("/abs/x.rs"), "file:///abs/x.rs");
    }
}

#[cfg(test)]
mod schema_tests {
    use super::super::Format;
    use super::super::tests::{fixable, render};
    use serde_json::Value;

    #[test]
    fn fixes_are_artifact_changes_that_the_schema_accepts() {
        let log: Value = serde_json::from_str(&render(Format::Sarif, &[fixable()])).unwrap();
        let schema: Value =
            serde_json::from_str(include_str!("../../../../schemas/sarif-schema-2.1.0.json"))
                .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let fixes = &log["runs"][0]["results"][0]["fixes"];
        assert_eq!(fixes[0]["description"]["text"], "Use 502 Bad Gateway");
        assert_eq!(
            fixes[0]["artifactChanges"][0],
            serde_json::json!({
                "artifactLocation": { "uri": "src/app.js" },
                "replacements": [{
                    "deletedRegion": { "startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 17 },
                    "insertedContent": { "text": "502" },
                }],
            })
        );
        assert_eq!(fixes[1]["description"]["text"], "Use 504 Gateway Timeout");
    }
}
