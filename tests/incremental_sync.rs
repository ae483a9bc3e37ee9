//! Differential test of incremental sync: after any sequence of random edits, the document's
//! text, syntax tree and findings equal those of a fresh full parse of the final text. Edits land
//! next to multi-byte characters (emoji are UTF-16 surrogate pairs, CJK are three UTF-8 bytes) and
//! use both position encodings.

use proptest::prelude::*;
use statuslint::analysis;
use statuslint::config::Config;
use statuslint::lsp::document::Document;
use statuslint::lsp::position::{Encoding, LineIndex};
use statuslint::syntax::{self, Language};
use tower_lsp_server::lsp_types::{Range, TextDocumentContentChangeEvent};

const JS: &str = "// 😀 状态\nconst 名前 = \"🎉\"; app.get('/x', (req, res) => res.status(404).json({ error: '😀' }));\nif (res.status === 299) {}\nres.status(531);\n";
const RUST: &str = "// 😀 状态\nfn h() -> impl IntoResponse {\n    let s = \"🎉中\";\n    (StatusCode::from_u16(531).unwrap(), s)\n}\nfn c(r: Response) { if r.status() == 404 {} }\n";

/// Pieces an edit inserts: status digits, syntax, and multi-byte text.
const INSERTS: &[&str] = &[
    "",
    "4",
    "0",
    "9",
    "5",
    "31",
    "😀",
    "中文",
    "\n",
    "(",
    ")",
    "res.status(",
    "600",
    " ",
    "é",
    "\"",
    "StatusCode::OK",
    "🎉x",
    ";",
];

#[derive(Debug, Clone)]
struct EditSpec {
    start: usize,
    len: usize,
    insert: usize,
    utf8: bool,
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    (0usize..10_000, 0usize..6, 0..INSERTS.len(), any::<bool>()).prop_map(
        |(start, len, insert, utf8)| EditSpec {
            start,
            len,
            insert,
            utf8,
        },
    )
}

/// Clamps a raw edit to character boundaries of `text` and expresses it as an LSP change.
fn to_change(
    text: &str,
    spec: &EditSpec,
    encoding: Encoding,
) -> (TextDocumentContentChangeEvent, String) {
    let mut start = spec.start % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + spec.len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let lines = LineIndex::new(text);
    let range = Range::new(
        lines.position(text, start, encoding),
        lines.position(text, end, encoding),
    );
    let insert = INSERTS[spec.insert];
    let mut expected = text.to_string();
    expected.replace_range(start..end, insert);
    (
        TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: insert.to_string(),
        },
        expected,
    )
}

fn check(initial: &str, language: Language, edits: &[EditSpec]) -> Result<(), TestCaseError> {
    let mut doc = Document::new(language, 1, initial.to_string());
    doc.tree();
    let mut expected = initial.to_string();
    for (i, spec) in edits.iter().enumerate() {
        let encoding = if spec.utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let (change, next) = to_change(&expected, spec, encoding);
        doc.apply(i as i32 + 2, vec![change], encoding);
        expected = next;
        // Re-parse after some edits only, so several edits accumulate on one edited tree.
        if i % 3 == 0 {
            doc.tree();
        }
    }
    prop_assert_eq!(doc.text.as_str(), expected.as_str());
    let incremental = doc.tree().expect("parses").clone();
    let fresh = syntax::parse(&expected, language, None).expect("parses");
    prop_assert_eq!(
        incremental.root_node().to_sexp(),
        fresh.root_node().to_sexp()
    );
    let config = Config::default();
    let a = analysis::analyze_tree(&expected, &incremental, language, &config);
    let b = analysis::analyze_tree(&expected, &fresh, language, &config);
    prop_assert_eq!(a.sites, b.sites);
    prop_assert_eq!(a.findings, b.findings);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn javascript_edits_match_a_full_parse(edits in prop::collection::vec(edit_spec(), 1..12)) {
        check(JS, Language::JavaScript, &edits)?;
    }

    #[test]
    fn typescript_edits_match_a_full_parse(edits in prop::collection::vec(edit_spec(), 1..12)) {
        check(JS, Language::TypeScript, &edits)?;
    }

    #[test]
    fn rust_edits_match_a_full_parse(edits in prop::collection::vec(edit_spec(), 1..12)) {
        check(RUST, Language::Rust, &edits)?;
    }
}

#[test]
fn fixture_files_survive_edits_too() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut checked = 0;
    for entry in walk(std::path::Path::new(fixtures)) {
        let Some(language) = Language::from_path(&entry) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&entry) else {
            continue;
        };
        // A deterministic walk of edits through the file: delete and retype every 97th byte.
        let edits: Vec<EditSpec> = (0..text.len())
            .step_by(97)
            .flat_map(|at| {
                [
                    EditSpec {
                        start: at,
                        len: 3,
                        insert: 0,
                        utf8: false,
                    },
                    EditSpec {
                        start: at,
                        len: 0,
                        insert: 6,
                        utf8: at % 2 == 0,
                    },
                ]
            })
            .take(200)
            .collect();
        check(&text, language, &edits).unwrap_or_else(|e| panic!("{}: {e}", entry.display()));
        checked += 1;
    }
    assert!(checked > 0, "no fixture files found under {fixtures}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}
