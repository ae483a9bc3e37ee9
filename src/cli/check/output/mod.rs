//! The four ways `check` prints findings. Each format writes to stdout only what a consumer of
//! that format reads; notes about skipped files and the summary go to stderr (SARIF also carries
//! them as tool notifications).

mod github;
mod human;
mod json;
mod sarif;

use super::lint::Skipped;
use super::position::{LineIndex, Position};
use crate::rules::{Finding, Fix};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style snippets with the line, a caret under the code and the fix.
    Human,
    /// A JSON array with one object per finding.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, shown as annotations on the pull request.
    Github,
}

/// The findings of one file, with the text their byte ranges refer to.
pub struct FileFindings {
    pub shown: String,
    pub source: String,
    pub findings: Vec<Finding>,
}

/// Everything a format may print.
pub struct Report<'a> {
    pub files: &'a [FileFindings],
    pub skipped: &'a [Skipped],
    pub errors: &'a [String],
}

pub fn write(format: Format, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// A finding with its start and end as 1-based lines and character columns (end exclusive).
struct Located<'a> {
    finding: &'a Finding,
    start: Position,
    end: Position,
}

/// A fix's edits as positions.
struct LocatedFix<'a> {
    fix: &'a Fix,
    edits: Vec<(Position, Position, &'a str)>,
}

fn locate<'a>(file: &'a FileFindings, index: &LineIndex) -> Vec<Located<'a>> {
    file.findings
        .iter()
        .map(|finding| Located {
            finding,
            start: index.position(finding.range.start),
            end: index.position(finding.range.end),
        })
        .collect()
}

fn locate_fixes<'a>(finding: &'a Finding, index: &LineIndex) -> Vec<LocatedFix<'a>> {
    finding
        .fixes
        .iter()
        .map(|fix| LocatedFix {
            fix,
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    (
                        index.position(e.range.start),
                        index.position(e.range.end),
                        e.replacement.as_str(),
                    )
                })
                .collect(),
        })
        .collect()
}
