//! Findings and fixes as LSP values. Byte ranges become positions here and nowhere else.

use super::position::{Encoding, LineIndex};
use crate::rules::{self, Finding, Fix, Severity};
use std::collections::HashMap;
use std::str::FromStr;
use tower_lsp_server::lsp_types::*;

pub fn diagnostic(
    finding: &Finding,
    text: &str,
    lines: &LineIndex,
    encoding: Encoding,
) -> Diagnostic {
    Diagnostic {
        range: lines.range(text, finding.range.clone(), encoding),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
            Severity::Hint => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: Uri::from_str(&rules::docs_url(finding.rule))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("statuslint".to_string()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

pub fn code_action(
    uri: &Uri,
    fix: &Fix,
    diagnostic: Diagnostic,
    text: &str,
    lines: &LineIndex,
    encoding: Encoding,
) -> CodeActionOrCommand {
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            TextEdit::new(
                lines.range(text, edit.range.clone(), encoding),
                edit.replacement.clone(),
            )
        })
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
        is_preferred: fix.preferred.then_some(true),
        ..CodeAction::default()
    })
}
