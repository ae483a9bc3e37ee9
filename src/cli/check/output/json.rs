//! `--format json`: one array, one object per finding, keys in the order below. Lines and
//! columns are 1-based; columns count characters (Unicode scalar values); `end_column` is
//! exclusive.

use super::{LineIndex, Position, Report, locate, locate_fixes};
use crate::rules::docs_url;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    severity: &'a str,
    code: u32,
    message: &'a str,
    url: String,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    preferred: bool,
    edits: Vec<JsonEdit<'a>>,
    /// Edits to other files (the OpenAPI document), when the fix has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    elsewhere: Vec<JsonFileEdits<'a>>,
}

#[derive(Serialize)]
struct JsonFileEdits<'a> {
    path: String,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut items = Vec::new();
    for file in report.files {
        let index = LineIndex::new(&file.source);
        for located in locate(file, &index) {
            let finding = located.finding;
            let fixes = locate_fixes(finding, &index)
                .into_iter()
                .map(|f| JsonFix {
                    title: &f.fix.title,
                    preferred: f.fix.preferred,
                    edits: json_edits(&f.edits),
                    elsewhere: f
                        .elsewhere
                        .iter()
                        .map(|(path, edits)| JsonFileEdits {
                            path: path.clone(),
                            edits: json_edits(edits),
                        })
                        .collect(),
                })
                .collect();
            items.push(JsonFinding {
                path: &file.shown,
                line: located.start.line,
                column: located.start.column,
                end_line: located.end.line,
                end_column: located.end.column,
                rule: finding.rule,
                severity: finding.severity.label(),
                code: finding.code,
                message: &finding.message,
                url: docs_url(finding.rule),
                fixes,
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn json_edits<'a>(edits: &[(Position, Position, &'a str)]) -> Vec<JsonEdit<'a>> {
    edits
        .iter()
        .map(|(start, end, replacement)| JsonEdit {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            replacement,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Format;
    use super::super::tests::{fixable, render};
    use serde_json::json;

    #[test]
    fn fixes_list_their_edits_as_positions() {
        let findings: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &[fixable()])).unwrap();
        assert_eq!(
            findings[0]["fixes"],
            json!([
                {
                    "title": "Use 502 Bad Gateway",
                    "preferred": true,
                    "edits": [{ "line": 2, "column": 14, "end_line": 2, "end_column": 17, "replacement": "502" }],
                },
                {
                    "title": "Use 504 Gateway Timeout",
                    "preferred": false,
                    "edits": [{ "line": 2, "column": 14, "end_line": 2, "end_column": 17, "replacement": "504" }],
                },
            ])
        );
    }
}
