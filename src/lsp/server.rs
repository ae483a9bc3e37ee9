//! The language server: documents in; hover, completion, code actions, inlay hints and
//! diagnostics out. The engine works in byte offsets; `convert` and `position` turn them into
//! LSP positions at the edge. Every handler runs behind `guarded`, so a panic answers one request
//! with an error and the server keeps serving.

use super::commands;
use super::completion;
use super::convert;
use super::document::{Document, MAX_DOCUMENT_BYTES, Snapshot};
use super::markdown;
use super::position::Encoding;
use super::settings::Settings;
use super::watcher::ConfigWatcher;
use crate::analysis;
use crate::analysis::Checked;
use crate::catalog::catalog;
use crate::config::Config;
use crate::rules::Finding;
use crate::syntax::{Form, Language, sites::find_sites_in};
use dashmap::DashMap;
use futures::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

/// The last analysis of a document: findings for code actions, diagnostics for a pull.
struct Analysed {
    version: i32,
    /// The settings generation it was computed under (see `Server::generation`).
    generation: u64,
    findings: Arc<Vec<Finding>>,
    diagnostics: Arc<Vec<Diagnostic>>,
}

/// A document's diagnostics for one version under one generation of the settings.
struct Report {
    version: i32,
    generation: u64,
    diagnostics: Arc<Vec<Diagnostic>>,
}

impl Report {
    /// What a pull answers with as `resultId`: the same id means the same diagnostics.
    fn result_id(&self) -> String {
        format!("{}.{}", self.generation, self.version)
    }
}

/// What tower-lsp-server holds: a handle on the shared state, so that handlers can hand work
/// to tasks that outlive them.
pub struct Backend {
    server: Arc<Server>,
}

struct Server {
    client: Client,
    documents: Arc<DashMap<Uri, Document>>,
    analysed: Arc<DashMap<Uri, Analysed>>,
    encoding: RwLock<Encoding>,
    settings: Settings,
    /// Analyses running at once, at most one per core: a burst of changes queues here instead of
    /// spawning a thread (and a malloc arena) per change, and stale work is dropped in the queue.
    analysis_slots: Arc<tokio::sync::Semaphore>,
    /// Documents by how recently the user touched them, most recent first: only the first
    /// `KEPT_TREES` keep their syntax trees between requests.
    recent: std::sync::Mutex<std::collections::VecDeque<Uri>>,
    /// Whether the client can watch `statuslint.toml` for us (dynamic registration).
    can_watch_files: std::sync::atomic::AtomicBool,
    /// Our own watch of config files, for clients that cannot watch them for us.
    watcher: std::sync::OnceLock<ConfigWatcher>,
    /// Whether the client renders Markdown in hovers and in completion documentation (its
    /// `contentFormat` and `documentationFormat`); plain text otherwise, as LSP says.
    markdown_hover: std::sync::atomic::AtomicBool,
    markdown_documentation: std::sync::atomic::AtomicBool,
    /// Whether the client pulls diagnostics (`textDocument/diagnostic`, LSP 3.17) and can be
    /// asked to pull again (`workspace/diagnostic/refresh`); pushed otherwise.
    pull_diagnostics: std::sync::atomic::AtomicBool,
    refresh_diagnostics: std::sync::atomic::AtomicBool,
    /// Bumped whenever settings or config files change, so an analysis made under older ones is
    /// not served again.
    generation: std::sync::atomic::AtomicU64,
    /// Test-only: a hover on a document containing this text panics (see `with_panic_marker`).
    panic_marker: Option<String>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            server: Arc::new(Server::new(client, None)),
        }
    }

    /// A server whose hover panics on documents containing `marker`: how the tests prove a panic
    /// in one request does not take the server down.
    #[doc(hidden)]
    pub fn with_panic_marker(client: Client, marker: &str) -> Backend {
        Backend {
            server: Arc::new(Server::new(client, Some(marker.to_string()))),
        }
    }
}

/// The code action that applies every finding's preferred fix, as ruff's server names its own.
fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.statuslint")
}

impl Server {
    fn new(client: Client, panic_marker: Option<String>) -> Server {
        Server {
            client,
            documents: Arc::new(DashMap::new()),
            analysed: Arc::new(DashMap::new()),
            encoding: RwLock::new(Encoding::Utf16),
            settings: Settings::default(),
            analysis_slots: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            can_watch_files: std::sync::atomic::AtomicBool::new(false),
            watcher: std::sync::OnceLock::new(),
            recent: std::sync::Mutex::new(std::collections::VecDeque::new()),
            markdown_hover: std::sync::atomic::AtomicBool::new(false),
            markdown_documentation: std::sync::atomic::AtomicBool::new(false),
            pull_diagnostics: std::sync::atomic::AtomicBool::new(false),
            refresh_diagnostics: std::sync::atomic::AtomicBool::new(false),
            generation: std::sync::atomic::AtomicU64::new(0),
            panic_marker,
        }
    }

    /// `markdown` as the client asked for it: Markdown, or plain text.
    fn markup(&self, markdown: &std::sync::atomic::AtomicBool, value: String) -> MarkupContent {
        if markdown.load(std::sync::atomic::Ordering::Relaxed) {
            MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }
        } else {
            MarkupContent {
                kind: MarkupKind::PlainText,
                value: markdown::plain(&value),
            }
        }
    }

    fn encoding(&self) -> Encoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    async fn log(&self, kind: MessageType, message: String) {
        self.client.log_message(kind, message).await;
    }

    /// Runs a request handler, turning a panic into an internal error for that request alone.
    async fn guarded<T>(
        &self,
        what: &str,
        uri: Option<&Uri>,
        work: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        if let Some(uri) = uri {
            self.touch(uri);
        }
        match AssertUnwindSafe(work).catch_unwind().await {
            Ok(result) => result,
            Err(panic) => {
                let reason = crate::panic_text(&*panic);
                let place = uri.map_or(String::new(), |u| format!(" on {}", u.as_str()));
                self.log(
                    MessageType::ERROR,
                    format!("statuslint: {what}{place} panicked: {reason}"),
                )
                .await;
                Err(Error::internal_error())
            }
        }
    }

    /// Runs a notification handler; a panic is logged and forgotten.
    async fn guarded_notification(
        &self,
        what: &str,
        uri: Option<&Uri>,
        work: impl Future<Output = ()>,
    ) {
        let _ = self
            .guarded(what, uri, async {
                work.await;
                Ok(())
            })
            .await;
    }

    /// Analyses `uri` in a task of its own: notification handlers return at once, so the next
    /// message is read while a long analysis runs.
    /// A client that pulls asks when it wants them: nothing is analysed ahead of its request.
    fn schedule(self: &Arc<Self>, uri: Uri) {
        if self.pulls() {
            return;
        }
        let server = self.clone();
        tokio::spawn(async move { server.publish(uri).await });
    }

    /// Everything open is to be checked again (settings or config files changed): re-checked and
    /// pushed, or, for a client that pulls, the client is asked to pull again.
    fn schedule_all(self: &Arc<Self>) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if self.pulls() {
            if self
                .refresh_diagnostics
                .load(std::sync::atomic::Ordering::Relaxed)
            {
                // In a task of its own: the client answers when it likes.
                let client = self.client.clone();
                tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
            }
            return;
        }
        for uri in self.open_documents() {
            self.schedule(uri);
        }
    }

    fn pulls(&self) -> bool {
        self.pull_diagnostics
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn open_documents(&self) -> Vec<Uri> {
        self.documents.iter().map(|d| d.key().clone()).collect()
    }

    /// Analyses a document and publishes the findings for the version they were computed from,
    /// unless a newer version arrived meanwhile (then nothing is published: the newer version's
    /// analysis will publish).
    async fn publish(&self, uri: Uri) {
        if let Some(report) = self.report(&uri).await {
            self.client
                .publish_diagnostics(
                    uri,
                    report.diagnostics.as_ref().clone(),
                    Some(report.version),
                )
                .await;
        }
    }

    /// The diagnostics of a document's current version: the last analysis when it is of this
    /// version under these settings, a new one off the protocol thread otherwise. `None` when
    /// the document is gone or changed while it was analysed (the analysis stops early).
    async fn report(&self, uri: &Uri) -> Option<Report> {
        let generation = self.generation();
        let snapshot = {
            let doc = self.documents.get(uri)?;
            if let Some(done) = self.analysed.get(uri)
                && done.version == doc.version
                && done.generation == generation
            {
                return Some(Report {
                    version: done.version,
                    generation,
                    diagnostics: done.diagnostics.clone(),
                });
            }
            doc.snapshot()
        };
        let settings = self.settings.for_document(uri);
        if snapshot.text.len() > MAX_DOCUMENT_BYTES || settings.excluded {
            self.analysed.remove(uri);
            return Some(Report {
                version: snapshot.version,
                generation,
                diagnostics: Arc::new(Vec::new()),
            });
        }
        let config = settings.config;
        let encoding = self.encoding();
        let version = snapshot.version;
        let instance = snapshot.latest.clone();
        // The same document (not a closed-and-reopened one at the same URI: editors restart
        // versions at 1) at the same version.
        let is_current =
            |doc: &Document| doc.version == version && Arc::ptr_eq(&doc.latest, &instance);
        let Ok(_slot) = self.analysis_slots.clone().acquire_owned().await else {
            return None;
        };
        if !self.documents.get(uri).is_some_and(|doc| is_current(&doc)) {
            return None;
        }
        let latest = snapshot.latest.clone();
        let task = tokio::task::spawn_blocking(move || {
            let outdated = move || latest.load(std::sync::atomic::Ordering::Relaxed) != version;
            crate::syntax::cancel::scope(outdated, || analyse(snapshot, &config, encoding))
        });
        match task.await {
            Ok(Some((tree, checked, findings, diagnostics))) => {
                // A document re-checked while not in use (a configuration change re-checks them
                // all) does not keep the tree.
                let keep = self.is_recent(uri);
                let retired = match self.documents.get_mut(uri) {
                    Some(mut doc) if is_current(&doc) => keep.then(|| {
                        (
                            doc.install(version, tree.clone()),
                            doc.install_check(version, tree, checked),
                        )
                    }),
                    _ => return None,
                };
                // The previous tree and check are freed on a blocking thread, not under the
                // document's lock nor before the diagnostics are published.
                if retired.is_some() {
                    tokio::task::spawn_blocking(move || drop(retired));
                }
                let diagnostics = Arc::new(diagnostics);
                self.analysed.insert(
                    uri.clone(),
                    Analysed {
                        version,
                        generation,
                        findings: Arc::new(findings),
                        diagnostics: diagnostics.clone(),
                    },
                );
                Some(Report {
                    version,
                    generation,
                    diagnostics,
                })
            }
            Ok(None) => None,
            Err(error) => {
                self.log(
                    MessageType::ERROR,
                    format!("statuslint: analysis of {} failed: {error}", uri.as_str()),
                )
                .await;
                None
            }
        }
    }

    /// Answers a pull: unchanged when the client holds this report already.
    async fn pulled(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let report = self.report(&uri).await;
        if !self.documents.contains_key(&uri) {
            // Not one statuslint reads (the client pulls for every document it shows), or
            // closed meanwhile: nothing to say about it.
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        }
        let Some(report) = report else {
            // Changed while it was analysed: the client asks again, for the new text.
            return Err(Error {
                code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32802),
                message: "the document changed while it was checked".into(),
                data: Some(serde_json::json!({ "retriggerRequest": true })),
            });
        };
        let result_id = report.result_id();
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: report.diagnostics.as_ref().clone(),
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    /// Reads the config files again (one changed, appeared or went), publishes what they say
    /// and re-checks every open document under its own configuration.
    async fn config_changed(self: &Arc<Self>) {
        self.settings.invalidate();
        self.publish_config_reports().await;
        self.schedule_all();
    }

    async fn publish_config_reports(&self) {
        let open = self.open_documents();
        for report in self.settings.reports(&open) {
            self.client
                .publish_diagnostics(report.uri, report.diagnostics, None)
                .await;
        }
        self.watch_config_folders().await;
    }

    /// Extends our own watch to every folder a lookup has read, when we watch at all.
    async fn watch_config_folders(&self) {
        let Some(watcher) = self.watcher.get() else {
            return;
        };
        for error in watcher.watch(&self.settings.watched_folders()) {
            self.log(MessageType::LOG, format!("statuslint: {error}"))
                .await;
        }
    }

    /// Starts watching config files ourselves; changes are gathered for a moment, since an
    /// editor's save is often several events, then re-read once.
    fn start_watching(self: &Arc<Self>) -> std::result::Result<(), String> {
        let (sender, mut changes) = tokio::sync::mpsc::unbounded_channel();
        let watcher = ConfigWatcher::new(sender).map_err(|e| e.to_string())?;
        let _ = self.watcher.set(watcher);
        let server = Arc::downgrade(self);
        tokio::spawn(async move {
            while changes.recv().await.is_some() {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                while changes.try_recv().is_ok() {}
                let Some(server) = server.upgrade() else {
                    return;
                };
                server.config_changed().await;
            }
        });
        Ok(())
    }

    /// The findings for the document's current version, computing them off the protocol
    /// thread if the background analysis has not landed yet (so a cancelled request stops
    /// waiting at once).
    async fn findings(&self, uri: &Uri) -> Option<Arc<Vec<Finding>>> {
        let (text, language, tree) = {
            let doc = self.documents.get(uri)?;
            if let Some(done) = self.analysed.get(uri)
                && done.version == doc.version
                && done.generation == self.generation()
            {
                return Some(done.findings.clone());
            }
            let tree = if doc.fresh { doc.tree.clone() } else { None };
            (doc.text.clone(), doc.language, tree)
        };
        let settings = self.settings.for_document(uri);
        if settings.excluded {
            return Some(Arc::new(Vec::new()));
        }
        let config = settings.config;
        let findings = tokio::task::spawn_blocking(move || {
            let tree = match tree {
                Some(tree) => tree,
                None => crate::syntax::parse(&text, language, None)?,
            };
            Some(analysis::analyze_tree(&text, &tree, language, &config).findings)
        })
        .await
        .ok()??;
        Some(Arc::new(findings))
    }

    async fn hover_at(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let encoding = self.encoding();
        let Some(mut doc) = self.documents.get_mut(&position.text_document.uri) else {
            return Ok(None);
        };
        if let Some(marker) = &self.panic_marker
            && doc.text.contains(marker.as_str())
        {
            panic!("test panic requested by the document");
        }
        let offset = doc.lines.offset(&doc.text, position.position, encoding);
        let language = doc.language;
        let text = doc.text.clone();
        let Some(tree) = doc.tree() else {
            return Ok(None);
        };
        let window = offset.saturating_sub(1)..(offset + 1).min(text.len());
        let touches = |r: &std::ops::Range<usize>| r.start <= offset && offset <= r.end;
        let config = self
            .settings
            .for_document(&position.text_document.uri)
            .config;
        let mut sites: Vec<_> = find_sites_in(tree, &text, language, window.clone())
            .into_iter()
            .chain(analysis::implicit_sites(
                tree,
                &text,
                language,
                &config,
                &[window],
            ))
            .filter(|s| touches(&s.range))
            .collect();
        // A name's definition (`const UPSTREAM_DOWN = 531`) shows what it carries to the sites
        // that send it.
        if sites.is_empty() && on_a_name_or_number(tree, offset) {
            sites = crate::syntax::find_sites(tree, &text, language)
                .into_iter()
                .filter(|s| {
                    s.origin
                        .as_ref()
                        .is_some_and(|o| touches(&o.binding) || touches(&o.value))
                })
                .collect();
        }
        let Some(first) = sites.first() else {
            return Ok(None);
        };
        let range = if first.range.start <= offset && offset <= first.range.end {
            first.range.clone()
        } else {
            let origin = first.origin.as_ref().expect("found by its origin");
            if touches(&origin.value) {
                origin.value.clone()
            } else {
                origin.binding.clone()
            }
        };
        let mut codes: Vec<u32> = sites.iter().map(|s| s.code).collect();
        codes.sort();
        codes.dedup();
        let mut value = String::new();
        if let Some(origin) = &first.origin {
            let list: Vec<String> = codes.iter().map(u32::to_string).collect();
            value.push_str(&format!(
                "`{}` carries {}\n\n",
                origin.name,
                list.join(" or ")
            ));
        }
        for (i, code) in codes.iter().enumerate() {
            if i > 0 {
                value.push_str("\n---\n\n");
            }
            value.push_str(&match catalog().get(*code) {
                Some(entry) => markdown::code(entry),
                None => markdown::unknown(*code),
            });
        }
        Ok(Some(Hover {
            contents: HoverContents::Markup(self.markup(&self.markdown_hover, value)),
            range: Some(doc.lines.range(&text, range, encoding)),
        }))
    }

    async fn complete_at(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
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
                    Documentation::MarkupContent(
                        self.markup(&self.markdown_documentation, markdown::code(code)),
                    )
                }),
                // Our ranking, not the client's: the typed words need not appear in the label
                // (`rate lim` finds 429 Too Many Requests), so the filter text is what was typed.
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

    async fn actions_for(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(findings) = self.findings(&uri).await else {
            return Ok(None);
        };
        let Some(doc) = self.documents.get(&uri) else {
            return Ok(None);
        };
        let encoding = self.encoding();
        let start = doc.lines.offset(&doc.text, params.range.start, encoding);
        let end = doc.lines.offset(&doc.text, params.range.end, encoding);
        // What the client asked for (`only`): quick fixes at the range, the file's fix-all
        // (`source.fixAll.statuslint`, what editors run on save), or both when it does not say.
        let wants = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for finding in findings
                .iter()
                .filter(|f| f.range.start <= end && start <= f.range.end)
            {
                let diagnostic = convert::diagnostic(finding, &doc.text, &doc.lines, encoding);
                actions.extend(finding.fixes.iter().filter_map(|fix| {
                    convert::code_action(
                        &uri,
                        fix,
                        diagnostic.clone(),
                        &doc.text,
                        &doc.lines,
                        encoding,
                    )
                }));
            }
        }
        if wants(&fix_all_kind()) {
            let chosen = crate::rules::apply::choose(&doc.text, &findings);
            // Unasked (no `only`), the fix-all joins a light bulb that has quick fixes, and only
            // when it does more than one of them would; asked for by kind (on save), it is
            // always offered.
            let offered = if params.context.only.is_none() {
                !actions.is_empty() && chosen.len() >= 2
            } else {
                !chosen.is_empty()
            };
            if offered {
                let edits = chosen
                    .iter()
                    .flat_map(|c| &c.fix.edits)
                    .map(|edit| {
                        TextEdit::new(
                            doc.lines.range(&doc.text, edit.range.clone(), encoding),
                            edit.replacement.clone(),
                        )
                    })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!(
                        "Fix all statuslint findings ({} fix{})",
                        chosen.len(),
                        if chosen.len() == 1 { "" } else { "es" }
                    ),
                    kind: Some(fix_all_kind()),
                    edit: Some(WorkspaceEdit::new(std::collections::HashMap::from([(
                        uri.clone(),
                        edits,
                    )]))),
                    ..CodeAction::default()
                }));
            }
        }
        Ok(Some(actions))
    }

    /// `statuslint.server.search` and `statuslint.server.explain` (see `commands`).
    async fn command(&self, params: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        if params.command == commands::SHOW_STATUSES {
            let locations = params
                .arguments
                .get(2)
                .cloned()
                .unwrap_or(serde_json::Value::Null);
            let parsed: Vec<Location> = serde_json::from_value(locations.clone()).map_err(|e| {
                Error::invalid_params(format!(
                    "{}: the third argument is not locations: {e}",
                    params.command
                ))
            })?;
            let listed: Vec<String> = parsed
                .iter()
                .map(|l| format!("line {}", l.range.start.line + 1))
                .collect();
            self.client
                .show_message(
                    MessageType::INFO,
                    format!("statuslint: statuses sent at {}", listed.join(", ")),
                )
                .await;
            return Ok(Some(locations));
        }
        let request = commands::Request::parse(&params.arguments)
            .map_err(|why| Error::invalid_params(format!("{}: {why}", params.command)))?;
        match params.command.as_str() {
            commands::SEARCH => {
                let style = request
                    .text_document
                    .as_ref()
                    .zip(request.position)
                    .and_then(|(document, position)| {
                        let doc = self.documents.get(&document.uri)?;
                        let offset = doc.lines.offset(&doc.text, position, self.encoding());
                        Some(commands::style_at(&doc.text, offset, doc.language))
                    })
                    .unwrap_or(completion::Style::Number);
                Ok(Some(commands::search(&request.query, style, request.limit)))
            }
            commands::EXPLAIN => Ok(Some(commands::explain(&request.query))),
            other => Err(Error::invalid_params(format!(
                "statuslint has no command `{other}` (it has {})",
                commands::names().join(", ")
            ))),
        }
    }

    /// Above each route handler: `GET /users/:id -> 200, 404, 500`, whose command lists where
    /// each status is sent.
    async fn lenses_for(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let settings = self.settings.for_document(&uri);
        if settings.excluded || !settings.config.code_lens_enabled() {
            return Ok(None);
        }
        let encoding = self.encoding();
        let (text, language, tree, lines) = {
            let Some(mut doc) = self.documents.get_mut(&uri) else {
                return Ok(None);
            };
            let language = doc.language;
            let text = doc.text.clone();
            let lines = doc.lines.clone();
            let Some(tree) = doc.tree().cloned() else {
                return Ok(None);
            };
            (text, language, tree, lines)
        };
        let path = uri.to_file_path().map(|p| p.into_owned());
        let config = settings.config;
        let routes = tokio::task::spawn_blocking({
            let text = text.clone();
            move || analysis::routes(&text, &tree, language, &config, path.as_deref())
        })
        .await
        .unwrap_or_default();
        let lenses = routes
            .iter()
            .map(|route| {
                let at = lines.range(&text, route.at.start..route.at.start, encoding);
                let locations: Vec<Location> = route
                    .statuses
                    .iter()
                    .map(|s| {
                        Location::new(uri.clone(), lines.range(&text, s.range.clone(), encoding))
                    })
                    .collect();
                let path = if route.path.is_empty() {
                    "?"
                } else {
                    route.path.as_str()
                };
                let mut title = format!(
                    "{} {path} -> {}",
                    route.method,
                    crate::cli::routes::codes(route)
                );
                if route.statuses.is_empty() {
                    title = format!("{} {path} -> no status found", route.method);
                }
                if !route.unfollowed.is_empty() {
                    title.push_str(" (and more, not followed)");
                }
                CodeLens {
                    range: at,
                    command: Some(tower_lsp_server::lsp_types::Command {
                        title,
                        command: commands::SHOW_STATUSES.to_string(),
                        arguments: Some(vec![
                            serde_json::json!(uri),
                            serde_json::json!(at.start),
                            serde_json::json!(locations),
                        ]),
                    }),
                    data: None,
                }
            })
            .collect();
        Ok(Some(lenses))
    }

    async fn hints_for(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let settings = self.settings.for_document(&params.text_document.uri);
        if settings.excluded || !settings.config.inlay_hints_enabled() {
            return Ok(None);
        }
        let encoding = self.encoding();
        let Some(mut doc) = self.documents.get_mut(&params.text_document.uri) else {
            return Ok(None);
        };
        let start = doc.lines.offset(&doc.text, params.range.start, encoding);
        let end = doc.lines.offset(&doc.text, params.range.end, encoding);
        let language = doc.language;
        let text = doc.text.clone();
        let Some(tree) = doc.tree() else {
            return Ok(None);
        };
        let hints = find_sites_in(tree, &text, language, start..end)
            .into_iter()
            .filter(|site| site.form == Form::Literal && site.kind.names_a_code())
            .filter_map(|site| {
                let code = catalog().get(site.code)?;
                Some(InlayHint {
                    position: doc.lines.position(&text, site.range.end, encoding),
                    label: InlayHintLabel::String(code.primary().phrase.clone()),
                    kind: None,
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(code.primary().summary.clone())),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
            })
            .collect();
        Ok(Some(hints))
    }
}

type Outcome = (
    tree_sitter::Tree,
    Arc<Checked>,
    Vec<Finding>,
    Vec<Diagnostic>,
);

/// Parses and checks a snapshot, on a blocking thread; None when the parse gave up.
fn analyse(snapshot: Snapshot, config: &Config, encoding: Encoding) -> Option<Outcome> {
    let tree = snapshot.parse()?;
    let checked = Arc::new(snapshot.check(&tree, config));
    let findings = checked.findings(&snapshot.text);
    let diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|f| convert::diagnostic(f, &snapshot.text, &snapshot.lines, encoding))
        .collect();
    Some((tree, checked, findings, diagnostics))
}

/// A syntax tree takes about 2 MB per 1,000 lines, fifty times the text it is built from. An editor
/// with fifty files open works in a handful at a time, so only those keep their trees (and the
/// check an edit is re-checked against); the others are parsed again when next touched.
const KEPT_TREES: usize = 4;

impl Server {
    /// Records that the user is working in `uri`; the document that falls out of the most recent
    /// few drops its tree.
    fn touch(&self, uri: &Uri) {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.front() == Some(uri) {
            return;
        }
        recent.retain(|u| u != uri);
        recent.push_front(uri.clone());
        let kept = KEPT_TREES.min(recent.len());
        let fallen: Vec<Uri> = recent.drain(kept..).collect();
        drop(recent);
        let mut dropped = false;
        for uri in fallen {
            if let Some(mut doc) = self.documents.get_mut(&uri) {
                dropped |= doc.forget_tree();
            }
        }
        if dropped {
            release_free_memory();
        }
    }

    /// Whether `uri` is among the documents that keep their trees.
    fn is_recent(&self, uri: &Uri) -> bool {
        self.recent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(uri)
    }
}

/// Hands memory freed by closed documents and dropped trees back to the system. glibc keeps freed blocks in its
/// per-thread arenas for reuse, so without this a server that once held many large documents
/// would stay that large for as long as the editor runs.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's own heap to the kernel.
    unsafe {
        libc::malloc_trim(0);
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

impl Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate_encoding(&params);
        *self.encoding.write().unwrap_or_else(|e| e.into_inner()) = encoding;
        self.settings.set_folders(&params);
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.can_watch_files
            .store(can_watch, std::sync::atomic::Ordering::Relaxed);
        let text = params.capabilities.text_document.as_ref();
        let declares_markdown = |formats: Option<&Vec<MarkupKind>>| {
            formats.is_some_and(|f| f.contains(&MarkupKind::Markdown))
        };
        self.markdown_hover.store(
            declares_markdown(
                text.and_then(|t| t.hover.as_ref())
                    .and_then(|h| h.content_format.as_ref()),
            ),
            std::sync::atomic::Ordering::Relaxed,
        );
        self.markdown_documentation.store(
            declares_markdown(
                text.and_then(|t| t.completion.as_ref())
                    .and_then(|c| c.completion_item.as_ref())
                    .and_then(|i| i.documentation_format.as_ref()),
            ),
            std::sync::atomic::Ordering::Relaxed,
        );
        let pulls = text.is_some_and(|t| t.diagnostic.is_some());
        self.pull_diagnostics
            .store(pulls, std::sync::atomic::Ordering::Relaxed);
        self.refresh_diagnostics.store(
            params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            std::sync::atomic::Ordering::Relaxed,
        );
        if let Some(options) = params.initialization_options
            && let Err(error) = self.settings.set_editor(options)
        {
            self.log(
                MessageType::WARNING,
                format!("statuslint: ignoring initializationOptions: {error}"),
            )
            .await;
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
                        ["(", ":", " ", ".", "="]
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    ),
                    ..CompletionOptions::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, fix_all_kind()]),
                        ..CodeActionOptions::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::names(),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                }),
                diagnostic_provider: pulls.then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("statuslint".to_string()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    })
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "statuslint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(self: &Arc<Self>) {
        // Load the catalog now, while the editor is still opening files, rather than on the
        // first hover. Queries are left to the first check of a file in their language:
        // compiling all four grammars' here costs memory for languages the workspace may never
        // open.
        tokio::task::spawn_blocking(crate::catalog::catalog);
        if !self
            .can_watch_files
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            if let Err(error) = self.start_watching() {
                self.log(
                    MessageType::WARNING,
                    format!("statuslint: config file changes will not be seen: {error}"),
                )
                .await;
            }
            self.publish_config_reports().await;
            return;
        }
        self.publish_config_reports().await;
        let watchers = std::iter::once(crate::config::FILE_NAME)
            .chain(crate::frameworks::manifest::FILE_NAMES)
            .chain(crate::routes::openapi::FILE_NAMES)
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let registration = Registration {
            id: "statuslint-config-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        // Awaited in a task of its own: a client that never answers must not hold up this
        // handler, nor the messages after it.
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![registration]).await {
                client
                    .log_message(
                        MessageType::LOG,
                        format!("statuslint: config file changes will not be watched: {error}"),
                    )
                    .await;
            }
        });
    }

    /// Stops every analysis in flight (their parses give up at the next check) and answers.
    fn shutdown(&self) {
        for doc in self.documents.iter() {
            doc.abandon();
        }
    }

    async fn did_open(self: &Arc<Self>, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = doc.uri.to_file_path();
        let Some(language) =
            Language::detect(Some(&doc.language_id), path.as_deref().map(Path::new))
        else {
            self.log(
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
        if doc.text.len() > MAX_DOCUMENT_BYTES {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!(
                        "statuslint: {} is larger than {} MiB and is not checked",
                        doc.uri.as_str(),
                        MAX_DOCUMENT_BYTES / (1024 * 1024)
                    ),
                )
                .await;
        }
        if let Some(old) = self.documents.insert(
            doc.uri.clone(),
            Document::new(language, doc.version, doc.text),
        ) {
            old.abandon();
        }
        self.schedule(doc.uri);
        self.watch_config_folders().await;
    }

    async fn did_change(self: &Arc<Self>, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.encoding();
        let applied = match self.documents.get_mut(&uri) {
            None => Err("was never opened"),
            Some(doc) if params.text_document.version <= doc.version => {
                Err("has a version older than the one held")
            }
            Some(mut doc) => {
                doc.apply(
                    params.text_document.version,
                    params.content_changes,
                    encoding,
                );
                Ok(())
            }
        };
        match applied {
            Ok(()) => self.schedule(uri),
            Err(why) => {
                self.log(
                    MessageType::LOG,
                    format!("statuslint: ignored a change to {}: it {why}", uri.as_str()),
                )
                .await
            }
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.analysed.remove(&uri);
        self.recent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|u| *u != uri);
        if let Some((_, doc)) = self.documents.remove(&uri) {
            // Its analysis, if one is running, gives up.
            doc.abandon();
            if !self.pulls() {
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
            }
        }
        if self.documents.is_empty() {
            release_free_memory();
        }
    }

    async fn did_change_configuration(self: &Arc<Self>, params: DidChangeConfigurationParams) {
        // Some clients (Eglot) send `{}` or null right after connecting: that says nothing, and
        // must not wipe the settings given in `initializationOptions`.
        let says_nothing = match &params.settings {
            serde_json::Value::Null => true,
            serde_json::Value::Object(map) => {
                map.is_empty() || map.get("statuslint").is_some_and(|v| v.is_null())
            }
            _ => false,
        };
        if says_nothing {
            return;
        }
        if let Err(error) = self.settings.set_editor(params.settings) {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("statuslint: settings ignored, defaults apply: {error}"),
                )
                .await;
        }
        self.schedule_all();
    }

    async fn did_change_watched_files(self: &Arc<Self>, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|change| self.settings.is_config_file(&change.uri))
        {
            self.config_changed().await;
        }
    }

    async fn did_change_workspace_folders(
        self: &Arc<Self>,
        params: DidChangeWorkspaceFoldersParams,
    ) {
        self.settings.change_folders(&params.event);
        self.publish_config_reports().await;
        self.schedule_all();
    }
}

/// Each notification handler updates state and returns, leaving analysis to tasks; each request
/// handler runs behind `guarded`.
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.server
            .guarded("initialize", None, self.server.initialize(params))
            .await
    }

    async fn initialized(&self, _: InitializedParams) {
        let server = &self.server;
        server
            .guarded_notification("initialized", None, server.initialized())
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.server.shutdown();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let server = &self.server;
        server
            .guarded_notification("didOpen", Some(&uri), server.did_open(params))
            .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let server = &self.server;
        server
            .guarded_notification("didChange", Some(&uri), server.did_change(params))
            .await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let server = &self.server;
        server
            .guarded_notification("didClose", None, server.did_close(params))
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let server = &self.server;
        server
            .guarded_notification(
                "didChangeConfiguration",
                None,
                server.did_change_configuration(params),
            )
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let server = &self.server;
        server
            .guarded_notification(
                "didChangeWatchedFiles",
                None,
                server.did_change_watched_files(params),
            )
            .await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let server = &self.server;
        server
            .guarded_notification(
                "didChangeWorkspaceFolders",
                None,
                server.did_change_workspace_folders(params),
            )
            .await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.server
            .guarded("hover", Some(&uri), self.server.hover_at(params))
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.server
            .guarded("completion", Some(&uri), self.server.complete_at(params))
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.server
            .guarded("codeAction", Some(&uri), self.server.actions_for(params))
            .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri.clone();
        self.server
            .guarded("diagnostic", Some(&uri), self.server.pulled(params))
            .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri.clone();
        self.server
            .guarded("codeLens", Some(&uri), self.server.lenses_for(params))
            .await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        self.server
            .guarded("executeCommand", None, self.server.command(params))
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri.clone();
        self.server
            .guarded("inlayHint", Some(&uri), self.server.hints_for(params))
            .await
    }
}

/// Whether `offset` is on an identifier or a number: a hover there may be on a name's definition.
fn on_a_name_or_number(tree: &tree_sitter::Tree, offset: usize) -> bool {
    let node = tree
        .root_node()
        .descendant_for_byte_range(offset.saturating_sub(1), offset);
    let here = tree.root_node().descendant_for_byte_range(offset, offset);
    [node, here].into_iter().flatten().any(|n| {
        matches!(
            n.kind(),
            "identifier" | "number" | "integer_literal" | "property_identifier"
        )
    })
}
