//! Position encodings through the real server: UTF-16 unless the client offers UTF-8, and every
//! position exact with an emoji (a surrogate pair in UTF-16, four bytes in UTF-8) and CJK text
//! before the literal on the same line.

mod common;

use common::lsp::{Lsp, markdown};
use common::text::find_in;
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

/// Emoji, then CJK, then the site, on one line; and CJK on a line of its own before it.
const SOURCE: &str = "// 状态码\nconst note = \"😀 中文\"; res.status(531).send(\"😀\");\n";

#[tokio::test]
async fn utf16_is_the_default_and_utf8_is_chosen_when_offered() {
    let cases = [
        (None, PositionEncodingKind::UTF16),
        (Some(vec![]), PositionEncodingKind::UTF16),
        (
            Some(vec![PositionEncodingKind::UTF16]),
            PositionEncodingKind::UTF16,
        ),
        (
            Some(vec![
                PositionEncodingKind::UTF32,
                PositionEncodingKind::UTF16,
            ]),
            PositionEncodingKind::UTF16,
        ),
        (
            Some(vec![PositionEncodingKind::UTF8]),
            PositionEncodingKind::UTF8,
        ),
        (
            Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            PositionEncodingKind::UTF8,
        ),
    ];
    for (offered, chosen) in cases {
        let lsp = Lsp::start_offering(offered.clone()).await;
        assert_eq!(
            lsp.capabilities.position_encoding,
            Some(chosen),
            "offered {offered:?}"
        );
    }
}

/// The literal's range, written out by hand for each encoding so the test does not lean on the
/// client's own conversion: line 1, after `const note = "` (14), the emoji, ` 中文"; res.status(`.
fn literal_range(encoding: &PositionEncodingKind) -> Range {
    let start = if *encoding == PositionEncodingKind::UTF8 {
        14 + 4 + 1 + 6 + 3 + 11
    } else {
        14 + 2 + 1 + 2 + 3 + 11
    };
    Range::new(Position::new(1, start), Position::new(1, start + 3))
}

async fn diagnostics_and_hover_are_exact(mut lsp: Lsp) {
    let encoding = lsp.encoding.clone();
    let uri = lsp.open("file:///unicode.js", "javascript", SOURCE).await;
    let wanted = literal_range(&encoding);
    assert_eq!(
        lsp.range(&uri, find_in(SOURCE, "(531)", "531")),
        wanted,
        "the hand count agrees with the client's conversion"
    );

    let published = lsp.diagnostics(&uri).await;
    assert_eq!(
        published.diagnostics.len(),
        1,
        "{:#?}",
        published.diagnostics
    );
    assert_eq!(published.diagnostics[0].range, wanted, "{encoding:?}");

    for character in wanted.start.character..wanted.end.character {
        let hover = lsp
            .hover(&uri, Position::new(1, character))
            .await
            .unwrap_or_else(|| panic!("{encoding:?}: no hover at character {character}"));
        assert!(markdown(&hover).starts_with("### 531 "), "{encoding:?}");
        assert_eq!(hover.range, Some(wanted), "{encoding:?}");
    }
    // Just before the literal is the `(`: no site there.
    let before = Position::new(1, wanted.start.character - 2);
    assert_eq!(lsp.hover(&uri, before).await, None, "{encoding:?}");
}

#[tokio::test]
async fn utf16_positions_count_the_emoji_as_two_units() {
    let lsp = Lsp::start().await;
    assert_eq!(lsp.encoding, PositionEncodingKind::UTF16);
    diagnostics_and_hover_are_exact(lsp).await;
}

#[tokio::test]
async fn utf8_positions_count_bytes() {
    let lsp = Lsp::start_utf8().await;
    assert_eq!(lsp.encoding, PositionEncodingKind::UTF8);
    diagnostics_and_hover_are_exact(lsp).await;
}

/// An incremental edit whose range lies after the emoji on the same line, in each encoding.
async fn edits_after_the_emoji_land_on_the_literal(mut lsp: Lsp) {
    let encoding = lsp.encoding.clone();
    let uri = lsp.open("file:///edit.js", "javascript", SOURCE).await;
    lsp.diagnostics(&uri).await;
    let range = literal_range(&encoding);
    let change = tower_lsp_server::lsp_types::TextDocumentContentChangeEvent {
        range: Some(range),
        range_length: None,
        text: "6000".to_string(),
    };
    lsp.change(&uri, 2, vec![change]).await;
    assert!(lsp.text(&uri).contains("res.status(6000).send"));
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.version, Some(2));
    assert_eq!(
        published.diagnostics.len(),
        1,
        "{:#?}",
        published.diagnostics
    );
    let diagnostic = &published.diagnostics[0];
    assert!(
        diagnostic.message.starts_with("6000 is not a valid"),
        "{encoding:?}: {}",
        diagnostic.message
    );
    let widened = Range::new(range.start, Position::new(1, range.end.character + 1));
    assert_eq!(diagnostic.range, widened, "{encoding:?}");
}

#[tokio::test]
async fn utf16_edits_after_an_emoji() {
    edits_after_the_emoji_land_on_the_literal(Lsp::start().await).await;
}

#[tokio::test]
async fn utf8_edits_after_an_emoji() {
    edits_after_the_emoji_land_on_the_literal(Lsp::start_utf8().await).await;
}

/// A position that splits the emoji's surrogate pair (UTF-16) or its bytes (UTF-8) is not a
/// place any editor should send, but the server must answer it without failing.
#[tokio::test]
async fn positions_inside_a_character_are_answered_without_failing() {
    for mut lsp in [Lsp::start().await, Lsp::start_utf8().await] {
        let uri = lsp.open("file:///split.js", "javascript", SOURCE).await;
        lsp.diagnostics(&uri).await;
        for character in 14..18 {
            assert_eq!(lsp.hover(&uri, Position::new(1, character)).await, None);
        }
        // Far past the end of a line and of the document.
        assert_eq!(lsp.hover(&uri, Position::new(1, 10_000)).await, None);
        assert_eq!(lsp.hover(&uri, Position::new(99, 0)).await, None);
        let _ = lsp.completion(&uri, Position::new(99, 99)).await;
    }
}

/// Windows line endings: a `\r` ends the line, it is not a character of it.
#[tokio::test]
async fn crlf_line_endings_do_not_shift_positions() {
    let mut lsp = Lsp::start().await;
    let source = "// 😀\r\nres.status(200);\r\nres.status(600);\r\n";
    let uri = lsp.open("file:///crlf.js", "javascript", source).await;
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(published.diagnostics.len(), 1);
    assert_eq!(
        published.diagnostics[0].range,
        Range::new(Position::new(2, 11), Position::new(2, 14))
    );
    // A change that replaces the whole second line, line break included.
    let change = tower_lsp_server::lsp_types::TextDocumentContentChangeEvent {
        range: Some(Range::new(Position::new(1, 0), Position::new(2, 0))),
        range_length: None,
        text: String::new(),
    };
    lsp.change(&uri, 2, vec![change]).await;
    assert_eq!(lsp.text(&uri), "// 😀\r\nres.status(600);\r\n");
    let published = lsp.diagnostics(&uri).await;
    assert_eq!(
        published.diagnostics[0].range,
        Range::new(Position::new(1, 11), Position::new(1, 14))
    );
    let hover = lsp.hover(&uri, Position::new(1, 13)).await;
    assert_eq!(
        hover.and_then(|h| h.range),
        Some(published.diagnostics[0].range)
    );
}
