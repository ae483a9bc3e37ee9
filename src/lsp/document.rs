//! An open document: its text, version, language and syntax tree, kept in step with the editor
//! through incremental changes. Edits are applied to the tree at once (`Tree::edit`); the
//! re-parse, which reuses the edited tree, happens off the protocol thread, or on demand when a
//! request needs the tree before the background parse has landed.

use super::position::{Encoding, LineIndex};
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
}

/// What a background analysis needs, taken without holding the document.
pub struct Snapshot {
    pub language: Language,
    pub version: i32,
    pub text: Arc<String>,
    pub lines: LineIndex,
    pub tree: Option<Tree>,
    pub fresh: bool,
    pub latest: Arc<AtomicI32>,
}

impl Snapshot {
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
        }
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
                    if let Some(tree) = &mut self.tree {
                        tree.edit(&InputEdit {
                            start_byte: start,
                            old_end_byte: end,
                            new_end_byte: new_end,
                            start_position,
                            old_end_position,
                            new_end_position: self.lines.point(new_end),
                        });
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
        }
    }

    /// Keeps a tree parsed in the background, if it is for the current version.
    pub fn install(&mut self, version: i32, tree: Tree) {
        if version == self.version && !self.fresh {
            self.tree = Some(tree);
            self.fresh = true;
        }
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
