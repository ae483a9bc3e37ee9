//! An open document: its text, version, language and syntax tree, kept in step with the editor
//! through incremental changes (`Tree::edit` + re-parse with the old tree).

use super::position::{Encoding, LineIndex};
use crate::syntax::{self, Language};
use tower_lsp_server::lsp_types::TextDocumentContentChangeEvent;
use tree_sitter::{InputEdit, Tree};

pub struct Document {
    pub language: Language,
    pub version: i32,
    pub text: String,
    pub lines: LineIndex,
    pub tree: Option<Tree>,
}

impl Document {
    pub fn new(language: Language, version: i32, text: String) -> Document {
        let tree = syntax::parse(&text, language, None);
        Document {
            language,
            version,
            lines: LineIndex::new(&text),
            text,
            tree,
        }
    }

    /// Applies the editor's changes in order, then re-parses once, reusing the edited tree.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => {
                    self.text = change.text;
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
                    self.text.replace_range(start..end, &change.text);
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
        self.tree = syntax::parse(&self.text, self.language, self.tree.as_ref());
    }
}
