//! Findings and fixes as LSP values. Byte ranges become positions here and nowhere else.

use super::position::{Encoding, LineIndex};
use crate::rules::{self, Finding, Fix, Severity};
use std::collections::HashMap;
use std::str::FromStr;
use tower_lsp_server::UriExt;
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
) -> Option<CodeActionOrCommand> {
    let text_edits = |edits: &[crate::rules::Edit], text: &str, lines: &LineIndex| {
        edits
            .iter()
            .map(|edit| {
                TextEdit::new(
                    lines.range(text, edit.range.clone(), encoding),
                    edit.replacement.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    // `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed form caches in a `Cell`; its hash
    // and equality read only the text, so the key cannot change under the map.
    #[allow(clippy::mutable_key_type)]
    let mut changes = HashMap::new();
    if !fix.edits.is_empty() {
        changes.insert(uri.clone(), text_edits(&fix.edits, text, lines));
    }
    // Other files' edits are in bytes of the text read from disk for the check: a file changed
    // since gets no edit rather than one in the wrong place.
    for other in &fix.elsewhere {
        let other_text = std::fs::read_to_string(&other.path).ok()?;
        if other.edits.iter().any(|e| e.range.end > other_text.len()) {
            return None;
        }
        let other_uri = Uri::from_file_path(&other.path)?;
        let other_lines = LineIndex::new(&other_text);
        changes.insert(
            other_uri,
            text_edits(&other.edits, &other_text, &other_lines),
        );
    }
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(WorkspaceEdit::new(changes)),
        is_preferred: fix.preferred.then_some(true),
        ..CodeAction::default()
    }))
}
