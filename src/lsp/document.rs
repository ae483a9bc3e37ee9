//! An open document: its text, version, language and syntax tree, kept in step with the editor
//! through incremental changes. Edits are applied to the tree at once (`Tree::edit`); the
//! re-parse, which reuses the edited tree, happens off the protocol thread, or on demand when a
//! request needs the tree before the background parse has landed.

use super::position::{Encoding, LineIndex};
use crate::analysis::Checked;
use crate::config::Config;
use crate::syntax::{self, Language};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use tower_lsp_server::lsp_types::TextDocumentContentChangeEvent;
use tree_sitter::{InputEdit, Tree};

/// Documents larger than this are not parsed: one message says so, and nothing else happens.
pub const MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;

pub struct Document {
    pub language: Language,
    pub version: i32,
    /// Shared with running analyses; an edit copies it only while one still holds it.
    pub text: Arc<String>,
    pub lines: LineIndex,
    /// Edited to match `text`; parsed from exactly `text` only when `fresh`.
    pub tree: Option<Tree>,
    pub fresh: bool,
    /// The newest version, readable by a background parse deciding whether to give up.
    pub latest: Arc<AtomicI32>,
    /// The last check and the edits since, from which the next check redoes only what they
    /// touched.
    pub baseline: Option<Baseline>,
}

/// A check of an earlier version of a document, with that version's text and tree (not edited)
/// and the edits made to it since, in order.
#[derive(Clone)]
pub struct Baseline {
    pub text: Arc<String>,
    pub tree: Tree,
    pub checked: Arc<Checked>,
    pub edits: Vec<InputEdit>,
}

/// Past this many edits without a check landing, a full check is cheaper than following them.
const MAX_PENDING_EDITS: usize = 10_000;

/// What a background analysis needs, taken without holding the document.
pub struct Snapshot {
    pub language: Language,
    pub version: i32,
    pub text: Arc<String>,
    pub lines: LineIndex,
    pub tree: Option<Tree>,
    pub fresh: bool,
    pub latest: Arc<AtomicI32>,
    pub baseline: Option<Baseline>,
}

impl Snapshot {
    /// Checks `tree` (this snapshot's text, parsed), redoing only what changed since the
    /// baseline when there is one.
    pub fn check(&self, tree: &Tree, config: &Config) -> Checked {
        match &self.baseline {
            Some(base) => base.checked.after_edits(
                &base.text,
                &base.tree,
                &base.edits,
                &self.text,
                tree,
                config,
            ),
            None => Checked::new(&self.text, tree, self.language, config),
        }
    }

    /// The tree for exactly this text: the fresh one, or a re-parse that stops early when a newer
    /// version arrives.
    pub fn parse(&self) -> Option<Tree> {
        if self.fresh {
            return self.tree.clone();
        }
        let version = self.version;
        let latest = self.latest.clone();
        syntax::parse_cancellable(&self.text, self.language, self.tree.as_ref(), &|| {
            latest.load(Ordering::Relaxed) != version
        })
    }
}

impl Document {
    pub fn new(language: Language, version: i32, text: String) -> Document {
        Document {
            language,
            version,
            lines: LineIndex::new(&text),
            text: Arc::new(text),
            tree: None,
            fresh: false,
            latest: Arc::new(AtomicI32::new(version)),
            baseline: None,
        }
    }

    /// Makes any analysis of this document still running give up at its next check: the
    /// document was closed or replaced, or the server is shutting down.
    pub fn abandon(&self) {
        self.latest.store(i32::MIN, Ordering::Relaxed);
    }

    pub fn too_large(&self) -> bool {
        self.text.len() > MAX_DOCUMENT_BYTES
    }

    /// Applies the editor's changes in order and edits the tree to match.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => {
                    self.text = Arc::new(change.text);
                    self.lines = LineIndex::new(&self.text);
                    self.tree = None;
                    self.baseline = None;
                }
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start, encoding);
                    let end = self
                        .lines
                        .offset(&self.text, range.end, encoding)
                        .max(start);
                    let start_position = self.lines.point(start);
                    let old_end_position = self.lines.point(end);
                    Arc::make_mut(&mut self.text).replace_range(start..end, &change.text);
                    self.lines = LineIndex::new(&self.text);
                    let new_end = start + change.text.len();
                    let edit = InputEdit {
                        start_byte: start,
                        old_end_byte: end,
                        new_end_byte: new_end,
                        start_position,
                        old_end_position,
                        new_end_position: self.lines.point(new_end),
                    };
                    if let Some(tree) = &mut self.tree {
                        tree.edit(&edit);
                    }
                    if let Some(baseline) = &mut self.baseline {
                        baseline.edits.push(edit);
                        if baseline.edits.len() > MAX_PENDING_EDITS {
                            self.baseline = None;
                        }
                    }
                }
            }
        }
        self.version = version;
        self.fresh = false;
        self.latest.store(version, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            language: self.language,
            version: self.version,
            text: self.text.clone(),
            lines: self.lines.clone(),
            tree: self.tree.clone(),
            fresh: self.fresh,
            latest: self.latest.clone(),
            baseline: self.baseline.clone(),
        }
    }

    /// Keeps a tree parsed in the background, if it is for the current version. Returns the tree
    /// it replaces, for the caller to free where no one waits on it.
    #[must_use = "the replaced tree is the caller's to drop, off the path to diagnostics"]
    pub fn install(&mut self, version: i32, tree: Tree) -> Option<Tree> {
        if version == self.version && !self.fresh {
            self.fresh = true;
            return self.tree.replace(tree);
        }
        None
    }

    /// Lets go of the tree and the last check (the bulk of a document's memory); true when there
    /// was one. The next request or check parses afresh.
    pub fn forget_tree(&mut self) -> bool {
        let had = self.tree.is_some() || self.baseline.is_some();
        self.tree = None;
        self.fresh = false;
        self.baseline = None;
        had
    }

    /// Keeps a check of the current version as the base of the next one. Returns the baseline it
    /// replaces: freeing a check of a large file (its tree's nodes, its sites) took a third of
    /// the time an edit's check does, so the server frees it after the diagnostics are out.
    #[must_use = "the replaced baseline is the caller's to drop, off the path to diagnostics"]
    pub fn install_check(
        &mut self,
        version: i32,
        tree: Tree,
        checked: Arc<Checked>,
    ) -> Option<Baseline> {
        if version == self.version {
            return self.baseline.replace(Baseline {
                text: self.text.clone(),
                tree,
                checked,
                edits: Vec::new(),
            });
        }
        None
    }

    /// The tree for the current text, parsing now if the background parse has not landed.
    pub fn tree(&mut self) -> Option<&Tree> {
        if self.too_large() {
            return None;
        }
        if !self.fresh {
            self.tree = syntax::parse(&self.text, self.language, self.tree.as_ref());
            self.fresh = self.tree.is_some();
        }
        self.tree.as_ref()
    }
}
