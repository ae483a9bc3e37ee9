//! One table of the languages statuslint reads: what the editor calls them, their file
//! extensions, their tree-sitter grammar and the query files that find status-code sites in them.
//! Adding a language is one entry here and its `.scm` files under `queries/<family>/`.

use std::path::Path;

/// The languages that share one set of query files and framework rows: JavaScript, JSX,
/// TypeScript and TSX are one family (`queries/javascript/`, `language = "javascript"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    #[default]
    Javascript,
    Rust,
    Python,
    Go,
}

impl Family {
    pub fn of(language: Language) -> Family {
        language.spec().family
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    JavaScript,
    Jsx,
    TypeScript,
    Tsx,
    Rust,
    Python,
    Go,
}

pub struct LanguageSpec {
    pub language: Language,
    pub family: Family,
    /// LSP `languageId`s that select this language.
    pub language_ids: &'static [&'static str],
    pub extensions: &'static [&'static str],
    pub grammar: fn() -> tree_sitter::Language,
    /// The sites query: `(file name, source)`. JS and TS share one, compiled per grammar.
    pub sites_query: (&'static str, &'static str),
    /// The grammar's `node-types.json`: which node types have which fields.
    pub node_types: &'static str,
}

const JS_SITES: (&str, &str) = (
    "queries/javascript/sites.scm",
    include_str!("../../queries/javascript/sites.scm"),
);

pub const LANGUAGES: &[LanguageSpec] = &[
    LanguageSpec {
        language: Language::JavaScript,
        family: Family::Javascript,
        language_ids: &["javascript"],
        extensions: &["js", "mjs", "cjs"],
        grammar: || tree_sitter_javascript::LANGUAGE.into(),
        sites_query: JS_SITES,
        node_types: tree_sitter_javascript::NODE_TYPES,
    },
    LanguageSpec {
        language: Language::Jsx,
        family: Family::Javascript,
        language_ids: &["javascriptreact"],
        extensions: &["jsx"],
        grammar: || tree_sitter_javascript::LANGUAGE.into(),
        sites_query: JS_SITES,
        node_types: tree_sitter_javascript::NODE_TYPES,
    },
    LanguageSpec {
        language: Language::TypeScript,
        family: Family::Javascript,
        language_ids: &["typescript"],
        extensions: &["ts", "mts", "cts"],
        grammar: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        sites_query: JS_SITES,
        node_types: tree_sitter_typescript::TYPESCRIPT_NODE_TYPES,
    },
    LanguageSpec {
        language: Language::Tsx,
        family: Family::Javascript,
        language_ids: &["typescriptreact"],
        extensions: &["tsx"],
        grammar: || tree_sitter_typescript::LANGUAGE_TSX.into(),
        sites_query: JS_SITES,
        node_types: tree_sitter_typescript::TSX_NODE_TYPES,
    },
    LanguageSpec {
        language: Language::Rust,
        family: Family::Rust,
        language_ids: &["rust"],
        extensions: &["rs"],
        grammar: || tree_sitter_rust::LANGUAGE.into(),
        sites_query: (
            "queries/rust/sites.scm",
            include_str!("../../queries/rust/sites.scm"),
        ),
        node_types: tree_sitter_rust::NODE_TYPES,
    },
    LanguageSpec {
        language: Language::Python,
        family: Family::Python,
        language_ids: &["python"],
        extensions: &["py"],
        grammar: || tree_sitter_python::LANGUAGE.into(),
        sites_query: (
            "queries/python/sites.scm",
            include_str!("../../queries/python/sites.scm"),
        ),
        node_types: tree_sitter_python::NODE_TYPES,
    },
    LanguageSpec {
        language: Language::Go,
        family: Family::Go,
        language_ids: &["go"],
        extensions: &["go"],
        grammar: || tree_sitter_go::LANGUAGE.into(),
        sites_query: (
            "queries/go/sites.scm",
            include_str!("../../queries/go/sites.scm"),
        ),
        node_types: tree_sitter_go::NODE_TYPES,
    },
];

impl Language {
    /// The language's place in `LANGUAGES`: the slot of its per-language caches (compiled
    /// queries, node types).
    pub fn index(self) -> usize {
        LANGUAGES
            .iter()
            .position(|spec| spec.language == self)
            .expect("every language has a table entry")
    }

    /// The slot of the caches of what is compiled against the language's grammar (queries, node
    /// types): JSX is parsed with JavaScript's grammar, so a tree with `.js` and `.jsx` files
    /// compiles each query once, not twice (a compile is tens of milliseconds).
    pub fn grammar_slot(self) -> usize {
        match self {
            Language::Jsx => Language::JavaScript.index(),
            _ => self.index(),
        }
    }

    /// The language whose grammar slot this is (`Jsx` -> `JavaScript`).
    pub fn grammar_owner(self) -> Language {
        LANGUAGES[self.grammar_slot()].language
    }

    pub fn spec(self) -> &'static LanguageSpec {
        LANGUAGES
            .iter()
            .find(|s| s.language == self)
            .expect("every language has a table entry")
    }

    pub fn from_language_id(id: &str) -> Option<Language> {
        LANGUAGES
            .iter()
            .find(|s| s.language_ids.contains(&id))
            .map(|s| s.language)
    }

    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        LANGUAGES
            .iter()
            .find(|s| s.extensions.contains(&ext))
            .map(|s| s.language)
    }

    /// The editor's `languageId` first, the file extension when the id is unknown to us.
    pub fn detect(language_id: Option<&str>, path: Option<&Path>) -> Option<Language> {
        language_id
            .and_then(Language::from_language_id)
            .or_else(|| path.and_then(Language::from_path))
    }

    /// Whether `path` is a TypeScript declaration file (`.d.ts`, `.d.mts`, `.d.cts`), or a type
    /// test (tsd's `.test-d.ts`, tstyche's `.tst.ts`), which is compiled and never run: types
    /// only, so no status is ever sent from one.
    pub fn is_declaration_file(path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        [
            ".d.ts",
            ".d.mts",
            ".d.cts",
            ".test-d.ts",
            ".test-d.tsx",
            ".tst.ts",
            ".tst.tsx",
        ]
        .iter()
        .any(|suffix| name.len() > suffix.len() && name.ends_with(suffix))
    }

    pub fn is_rust(self) -> bool {
        self == Language::Rust
    }

    /// JavaScript, JSX, TypeScript or TSX: one syntax for what the rules read.
    pub fn is_javascript(self) -> bool {
        self.family() == Family::Javascript
    }

    pub fn family(self) -> Family {
        self.spec().family
    }

    pub fn name(self) -> &'static str {
        self.spec().language_ids[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JSX is JavaScript's grammar: one compiled query serves both, where two grammars (TS and
    /// TSX) need their own.
    #[test]
    fn jsx_shares_javascripts_compiled_queries() {
        use crate::rules::context::queries::{Purpose, prepare};
        let (js, jsx) = (Language::JavaScript, Language::Jsx);
        assert_eq!(js.grammar_slot(), jsx.grammar_slot());
        assert_ne!(
            Language::TypeScript.grammar_slot(),
            Language::Tsx.grammar_slot()
        );
        assert!(std::ptr::eq(
            crate::syntax::sites::sites_query(js),
            crate::syntax::sites::sites_query(jsx)
        ));
        assert!(std::ptr::eq(
            crate::syntax::locals::locals_query(js),
            crate::syntax::locals::locals_query(jsx)
        ));
        prepare(Purpose::Bodies, jsx);
        let text = "res.json({ error: 1 });";
        let all = 0..text.len();
        let whole = std::slice::from_ref(&all);
        let tree = crate::syntax::parse(text, jsx, None).unwrap();
        let matches =
            crate::rules::context::queries::matches(Purpose::Bodies, &tree, text, jsx, whole);
        assert!(!matches.is_empty(), "JSX runs JavaScript's bodies query");
    }
}
