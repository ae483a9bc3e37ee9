//! Document handling through the real server: which files it reads (by `languageId`, else by
//! extension), how it ignores the rest, and what closing and reopening a document does.

mod common;

use common::lsp::{Lsp, uri};
use serde_json::Value;
use tower_lsp_server::lsp_types::Position;

const SENDS_600: &str = "res.status(600);\n";

/// Whether the server ever published diagnostics for `uri` among `messages`.
fn published_for(messages: &[Value], uri: &str) -> Vec<Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .cloned()
        .collect()
}

#[tokio::test]
async fn unknown_file_types_are_ignored_politely() {
    let mut lsp = Lsp::start().await;
    let ignored = [
        ("file:///tools/build.rb", "ruby", "response.status(600)\n"),
        ("file:///notes/readme.txt", "plaintext", SENDS_600),
        ("file:///no-extension", "plaintext", SENDS_600),
    ];
    for (file, language_id, text) in ignored {
        let doc = lsp.open(file, language_id, text).await;
        let end = Position::new(0, 12);
        assert_eq!(lsp.hover(&doc, end).await, None, "{file}");
        let items = lsp.completion(&doc, end).await;
        assert!(items.is_none_or(|i| i.is_empty()), "{file}");
        // Edits and closing a document the server ignores are no error either.
        lsp.edit(&doc, "600", "600", "531").await;
        lsp.close(&doc).await;
    }
    // The server still works, and has drained everything sent before this document.
    let js = lsp.open("file:///app.js", "javascript", SENDS_600).await;
    assert_eq!(lsp.diagnostics(&js).await.diagnostics.len(), 1);
    let rest = lsp.shutdown().await;
    for (file, _, _) in ignored {
        assert_eq!(published_for(&rest, file), Vec::<Value>::new(), "{file}");
    }
}

#[tokio::test]
async fn the_extension_decides_when_the_language_id_is_unknown() {
    let mut lsp = Lsp::start().await;
    let cases = [
        ("file:///src/app.ts", "some-editor-id", SENDS_600),
        ("file:///src/app.mjs", "", SENDS_600),
        ("file:///src/view.tsx", "plaintext", SENDS_600),
        (
            "file:///src/main.rs",
            "plaintext",
            "fn f() { StatusCode::from_u16(600); }\n",
        ),
    ];
    for (file, language_id, text) in cases {
        let doc = lsp.open(file, language_id, text).await;
        let published = lsp.diagnostics(&doc).await;
        assert_eq!(published.diagnostics.len(), 1, "{file}: {published:#?}");
    }
}

#[tokio::test]
async fn a_known_language_id_wins_over_the_extension() {
    let mut lsp = Lsp::start().await;
    // A JavaScript snippet in a `.txt` file, and Rust code the editor calls Rust in a `.js` file.
    let js = lsp
        .open("file:///notes/snippet.txt", "javascript", SENDS_600)
        .await;
    assert_eq!(lsp.diagnostics(&js).await.diagnostics.len(), 1);
    let rust_source = "fn f() { let _ = StatusCode::from_u16(600); }\n";
    let rust = lsp.open("file:///odd/name.js", "rust", rust_source).await;
    assert_eq!(lsp.diagnostics(&rust).await.diagnostics.len(), 1);
    // The same Rust text read as JavaScript would not even parse as a status site.
    let as_js = lsp
        .open("file:///odd/other.js", "javascript", rust_source)
        .await;
    assert_eq!(lsp.diagnostics(&as_js).await.diagnostics, []);
}

#[tokio::test]
async fn closing_clears_diagnostics_and_reopening_brings_them_back() {
    let mut lsp = Lsp::start().await;
    let file = "file:///app.js";
    let doc = lsp.open(file, "javascript", SENDS_600).await;
    assert_eq!(lsp.diagnostics(&doc).await.diagnostics.len(), 1);

    lsp.close(&doc).await;
    let cleared = lsp.diagnostics(&doc).await;
    assert_eq!(
        cleared.diagnostics,
        [],
        "closing clears the document's diagnostics"
    );
    assert_eq!(
        lsp.hover(&doc, Position::new(0, 12)).await,
        None,
        "closed: no hover"
    );

    let reopened = lsp.open(file, "javascript", "res.status(531);\n").await;
    let published = lsp.diagnostics(&reopened).await;
    assert_eq!(published.version, Some(1));
    assert_eq!(published.diagnostics.len(), 1);
    assert!(
        published.diagnostics[0].message.starts_with("531 "),
        "the reopened text, not the old one: {}",
        published.diagnostics[0].message
    );
    assert!(lsp.hover(&reopened, Position::new(0, 12)).await.is_some());
}

#[tokio::test]
async fn changes_and_closes_for_documents_never_opened_are_ignored() {
    let mut lsp = Lsp::start().await;
    let stranger = uri("file:///never-opened.js");
    let change = tower_lsp_server::lsp_types::DidChangeTextDocumentParams {
        text_document: tower_lsp_server::lsp_types::VersionedTextDocumentIdentifier::new(
            stranger.clone(),
            2,
        ),
        content_changes: vec![
            tower_lsp_server::lsp_types::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: SENDS_600.to_string(),
            },
        ],
    };
    lsp.notify("textDocument/didChange", change).await;
    let close = tower_lsp_server::lsp_types::DidCloseTextDocumentParams {
        text_document: tower_lsp_server::lsp_types::TextDocumentIdentifier::new(stranger.clone()),
    };
    lsp.notify("textDocument/didClose", close).await;
    assert_eq!(lsp.hover(&stranger, Position::new(0, 12)).await, None);
    let doc = lsp.open("file:///app.js", "javascript", SENDS_600).await;
    assert_eq!(lsp.diagnostics(&doc).await.diagnostics.len(), 1);
    let rest = lsp.shutdown().await;
    assert_eq!(
        published_for(&rest, stranger.as_str()),
        Vec::<Value>::new(),
        "nothing is published for a document the server does not hold"
    );
}

#[tokio::test]
async fn documents_are_kept_apart() {
    let mut lsp = Lsp::start().await;
    let a = lsp
        .open("file:///a.js", "javascript", "res.status(600);\n")
        .await;
    let b = lsp
        .open(
            "file:///b.rs",
            "rust",
            "fn f() { StatusCode::from_u16(299); }\n",
        )
        .await;
    let a_first = lsp.diagnostics(&a).await;
    let b_first = lsp.diagnostics(&b).await;
    assert!(a_first.diagnostics[0].message.starts_with("600 "));
    assert!(b_first.diagnostics[0].message.starts_with("299 "));
    lsp.edit(&a, "600", "600", "404").await;
    assert_eq!(lsp.diagnostics(&a).await.diagnostics, []);
    let hover = lsp
        .hover_at(&b, lsp.text(&b).find("299").expect("299 is in b") + 1)
        .await
        .expect("b is untouched by a's edit");
    assert!(common::lsp::markdown(&hover).starts_with("### 299"));
}

/// Close a document while its analysis is still running and reopen it with new text at the same
/// version number (editors restart at 1): the old analysis must not be published over the new
/// text's diagnostics. A second document four times as large, opened after the reopen and waited
/// for, serves as the barrier: its analysis starts after the stale one and takes longer, so by the
/// time its diagnostics arrive the stale analysis has finished too. (If it has not, the test
/// passes without having looked: it can miss the bug, never invent it.)
#[tokio::test]
async fn an_analysis_of_a_closed_document_is_not_published_after_it_is_reopened() {
    let mut lsp = Lsp::start().await;
    let large = common::fixtures::Fixture::load("javascript/sites.js")
        .text
        .repeat(100);
    let doc = lsp.open("file:///app.js", "javascript", &large).await;
    lsp.close(&doc).await;
    lsp.open("file:///app.js", "javascript", "res.status(404);\n")
        .await;
    let barrier = lsp
        .open("file:///barrier.js", "javascript", &large.repeat(4))
        .await;
    lsp.diagnostics(&barrier).await;

    let published = lsp.received_diagnostics(&doc);
    let closed = published
        .iter()
        .position(|p| p.version.is_none())
        .expect("closing published an empty list");
    for after in &published[closed + 1..] {
        assert!(
            after.diagnostics.is_empty(),
            "version {:?}, published after the reopen, carries {} diagnostics of the closed text",
            after.version,
            after.diagnostics.len()
        );
    }
    let last = published.last().expect("the reopened text was published");
    assert_eq!((last.version, last.diagnostics.len()), (Some(1), 0));
}

/// Only the most recently used documents keep their syntax trees (memory); a document whose tree
/// was dropped still answers hovers and re-checks edits correctly, from a fresh parse.
#[tokio::test]
async fn documents_not_used_lately_still_answer_after_their_trees_are_dropped() {
    let mut lsp = Lsp::start().await;
    let first = lsp
        .open(
            "file:///first.js",
            "javascript",
            "app.get('/', (req, res) => {\n  res.status(600);\n});\nres.status(299);\n",
        )
        .await;
    let diagnostics = lsp.diagnostics(&first).await.diagnostics;
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    // Enough other documents, each touched after `first`, to push it out of the recent ones.
    for i in 0..6 {
        let other = lsp
            .open(&format!("file:///other{i}.js"), "javascript", SENDS_600)
            .await;
        lsp.diagnostics(&other).await;
    }
    let hover = lsp
        .hover_at(&first, lsp.text(&first).find("299").expect("299") + 1)
        .await
        .expect("a hover on a document whose tree was dropped");
    assert!(common::lsp::markdown(&hover).starts_with("### 299"));
    for i in 0..6 {
        let other = uri(&format!("file:///other{i}.js"));
        lsp.edit(&other, "600", "600", "404").await;
        assert_eq!(lsp.diagnostics(&other).await.diagnostics, []);
    }
    lsp.edit(&first, "600", "600", "404").await;
    let after = lsp.diagnostics(&first).await.diagnostics;
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0].message.starts_with("299 "), "{after:?}");
    assert_eq!(
        after[0].range,
        lsp.range(
            &first,
            common::text::find_in(lsp.text(&first), "status(299", "299")
        )
    );
}
