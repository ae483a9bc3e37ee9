//! `--format human`: each finding as rustc and clippy show theirs: the level, the rule and the
//! message, the source line with a caret under the code, the preferred fix as a `help:` with the
//! line as it would read, and where the rule is documented. Styled output is written through
//! anstream, which drops the colours when stdout is not a terminal (or `NO_COLOR` is set).

use super::{LineIndex, Report, locate};
use crate::rules::{Finding, Severity, docs_url};
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use std::io::{self, Write};
use std::ops::Range;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let renderer = Renderer::styled();
    for file in report.files {
        let index = LineIndex::new(&file.source);
        for located in locate(file, &index) {
            let finding = located.finding;
            // Only the lines of the finding go to the renderer, not the whole file.
            let lines =
                index.line_range(located.start.line).start..index.line_range(located.end.line).end;
            let excerpt = Excerpt {
                text: &file.source[lines.clone()],
                line: located.start.line,
                path: &file.shown,
            };
            let url = docs_url(finding.rule);
            let mut groups =
                vec![
                    level(finding.severity)
                        .primary_title(finding.message.as_str())
                        .id(finding.rule)
                        .element(excerpt.snippet().annotation(
                            AnnotationKind::Primary.span(shift(&finding.range, &lines)),
                        ))
                        .element(Level::NOTE.message(format!("see {url}"))),
                ];
            groups.extend(fix_groups(finding, &lines, &excerpt));
            writeln!(out, "{}\n", renderer.render(&groups))?;
        }
    }
    Ok(())
}

/// The preferred fix shown as the line after it, when its edits lie on the finding's lines; the
/// other fixes named in one note.
fn fix_groups<'a>(
    finding: &'a Finding,
    lines: &Range<usize>,
    excerpt: &Excerpt<'a>,
) -> Vec<Group<'a>> {
    let mut groups = Vec::new();
    if let Some(fix) = finding.fixes.iter().find(|f| f.preferred) {
        let title = Level::HELP.secondary_title(fix.title.as_str());
        let inside = fix
            .edits
            .iter()
            .all(|e| lines.start <= e.range.start && e.range.end <= lines.end);
        groups.push(if inside && !fix.edits.is_empty() {
            let patches = fix
                .edits
                .iter()
                .map(|e| Patch::new(shift(&e.range, lines), e.replacement.as_str()));
            title.element(excerpt.snippet().patches(patches))
        } else {
            Group::with_title(title)
        });
    }
    let others: Vec<&str> = finding
        .fixes
        .iter()
        .filter(|f| !f.preferred)
        .map(|f| f.title.as_str())
        .collect();
    if !others.is_empty() {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(format!("other fixes: {}", others.join("; "))),
        ));
    }
    groups
}

/// The lines a finding spans, where they start and which file they are from.
struct Excerpt<'a> {
    text: &'a str,
    line: usize,
    path: &'a str,
}

impl<'a> Excerpt<'a> {
    fn snippet<T: Clone>(&self) -> Snippet<'a, T> {
        Snippet::source(self.text)
            .line_start(self.line)
            .path(self.path)
    }
}

fn shift(range: &Range<usize>, lines: &Range<usize>) -> Range<usize> {
    let clamp = |offset: usize| offset.clamp(lines.start, lines.end) - lines.start;
    clamp(range.start)..clamp(range.end)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}
