//! From bytes to status-code sites: the language table, parsing, and the queries.

mod language;
pub mod sites;

pub use language::{LANGUAGES, Language, LanguageSpec};
pub use sites::{Form, Site, SiteKind, find_sites};

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Parsers are cheap to keep and not `Sync`: one per language per thread.
    static PARSERS: RefCell<HashMap<Language, tree_sitter::Parser>> = RefCell::new(HashMap::new());
}

/// Parses `source`, reusing `old` (already edited with `Tree::edit`) when given.
pub fn parse(
    source: &str,
    language: Language,
    old: Option<&tree_sitter::Tree>,
) -> Option<tree_sitter::Tree> {
    PARSERS.with(|parsers| {
        let mut parsers = parsers.borrow_mut();
        let parser = parsers.entry(language).or_insert_with(|| {
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&(language.spec().grammar)())
                .expect("bundled grammars match the tree-sitter version");
            parser
        });
        parser.parse(source, old)
    })
}
