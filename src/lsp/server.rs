//! The language server: documents in, hover, completion and diagnostics out. Every answer is
//! computed by the engine in byte offsets and converted to positions here, at the edge.

use super::completion;
use super::document::Document;
use super::markdown;
use super::position::{Encoding, LineIndex};
use crate::analysis;
use crate::catalog::catalog;
use crate::config::Config;
use crate::rules::{self, Finding, Severity};
use crate::syntax::{Language, sites::find_sites_in};
use dashmap::DashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

pub struct Backend {
    client: Client,
    documents: Arc<DashMap<Uri, Document>>,
    encoding: RwLock<Encoding>,
    config: RwLock<Arc<Config>>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            documents: Arc::new(DashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            config: RwLock::new(Arc::new(Config::default())),
        }
    }

    fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    fn config(&self) -> Arc<Config> {
        self.config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Analyses the document off the protocol thread and publishes the findings for the version
    /// they were computed from, unless a newer version arrived meanwhile.
    async fn publish(&self, uri: Uri) {
        let Some((text, tree, version, language)) = self.documents.get(&uri).and_then(|doc| {
            Some((
                doc.text.clone(),
                doc.tree.clone()?,
                doc.version,
                doc.language,
            ))
        }) else {
            return;
        };
        let config = self.config();
        let encoding = self.encoding();
        let documents = self.documents.clone();
        let current = move |uri: &Uri| documents.get(uri).map(|d| d.version) == Some(version);
        let task = tokio::task::spawn_blocking(move || {
            let analysis = analysis::analyze_tree(&text, &tree, language, &config);
            let lines = LineIndex::new(&text);
            analysis
                .findings
                .iter()
                .map(|f| diagnostic(f, &text, &lines, encoding))
                .collect::<Vec<_>>()
        });
        match task.await {
            Ok(diagnostics) if current(&uri) => {
                self.client
                    .publish_diagnostics(uri, diagnostics, Some(version))
                    .await;
            }
            Ok(_) => {}
            Err(error) => {
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!("statuslint: analysis of {} failed: {error}", uri.as_str()),
                    )
                    .await;
            }
        }
    }
}

fn diagnostic(finding: &Finding, text: &str, lines: &LineIndex, encoding: Encoding) -> Diagnostic {
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

fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        *self.encoding.write().unwrap_or_else(|e| e.into_inner()) = encoding;
        if let Some(options) = params.initialization_options {
            match serde_json::from_value::<Config>(options) {
                Ok(config) => {
                    *self.config.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(config)
                }
                Err(error) => {
                    self.client
                        .log_message(
                            MessageType::WARNING,
                            format!("statuslint: ignoring initializationOptions: {error}"),
                        )
                        .await
                }
            }
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(match encoding {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(
                        ["(", ":", " ", "."].iter().map(|s| s.to_string()).collect(),
                    ),
                    ..CompletionOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "statuslint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path();
        let Some(language) =
            Language::detect(Some(&doc.language_id), path.as_deref().map(Path::new))
        else {
            self.client
                .log_message(
                    MessageType::LOG,
                    format!(
                        "statuslint: not checking {} (language `{}` is not one statuslint reads)",
                        doc.uri.as_str(),
                        doc.language_id
                    ),
                )
                .await;
            return;
        };
        self.documents.insert(
            doc.uri.clone(),
            Document::new(language, doc.version, doc.text),
        );
        self.publish(doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.encoding();
        {
            let Some(mut doc) = self.documents.get_mut(&uri) else {
                self.client
                    .log_message(
                        MessageType::LOG,
                        format!("statuslint: change to unopened {} ignored", uri.as_str()),
                    )
                    .await;
                return;
            };
            doc.apply(
                params.text_document.version,
                params.content_changes,
                encoding,
            );
        }
        self.publish(uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.documents.remove(&uri).is_some() {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(doc) = self.documents.get(&position.text_document.uri) else {
            return Ok(None);
        };
        let Some(tree) = &doc.tree else {
            return Ok(None);
        };
        let encoding = self.encoding();
        let offset = doc.lines.offset(&doc.text, position.position, encoding);
        let window = offset.saturating_sub(1)..(offset + 1).min(doc.text.len());
        let sites = find_sites_in(tree, &doc.text, doc.language, window);
        let Some(site) = sites
            .iter()
            .find(|s| s.range.start <= offset && offset <= s.range.end)
        else {
            return Ok(None);
        };
        let value = match catalog().get(site.code) {
            Some(code) => markdown::code(code),
            None => markdown::unknown(site.code),
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(doc.lines.range(&doc.text, site.range.clone(), encoding)),
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let Some(doc) = self.documents.get(&position.text_document.uri) else {
            return Ok(None);
        };
        let encoding = self.encoding();
        let offset = doc.lines.offset(&doc.text, position.position, encoding);
        let Some(slot) = completion::slot_at(&doc.text, offset, doc.language) else {
            return Ok(None);
        };
        let range = doc.lines.range(&doc.text, slot.start..offset, encoding);
        let items = completion::candidates(&slot, 50)
            .into_iter()
            .enumerate()
            .map(|(rank, candidate)| CompletionItem {
                label: candidate.label,
                kind: Some(if slot.style == completion::Style::Number {
                    CompletionItemKind::VALUE
                } else {
                    CompletionItemKind::CONSTANT
                }),
                detail: Some(candidate.detail),
                documentation: catalog().get(candidate.code as u32).map(|code| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: markdown::code(code),
                    })
                }),
                // Our ranking, not the client's: the typed words need not appear in the label
                // (`rate lim` finds 429 Too Many Requests).
                sort_text: Some(format!("{rank:04}")),
                filter_text: Some(slot.typed.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    candidate.insert,
                ))),
                ..CompletionItem::default()
            })
            .collect();
        Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: true,
            items,
        })))
    }
}
