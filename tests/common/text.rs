//! Byte offsets to LSP positions, computed the plain way and independently of the server's
//! `LineIndex`, so a test holds the server's arithmetic against a second opinion rather than
//! against itself.

use std::ops::Range as Bytes;
use tower_lsp_server::lsp_types::{Position, PositionEncodingKind, Range};

/// The position of a byte offset: UTF-8 counts bytes, anything else UTF-16 code units.
pub fn position(text: &str, offset: usize, encoding: &PositionEncodingKind) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let character = if *encoding == PositionEncodingKind::UTF8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    Position::new(line as u32, character as u32)
}

pub fn range(text: &str, bytes: Bytes<usize>, encoding: &PositionEncodingKind) -> Range {
    Range::new(
        position(text, bytes.start, encoding),
        position(text, bytes.end, encoding),
    )
}

/// The bytes of `needle` inside the first occurrence of `context`: `find_in(src,
/// "res.status(404)", "404")` pins the literal without counting columns by hand.
pub fn find_in(text: &str, context: &str, needle: &str) -> Bytes<usize> {
    let at = text
        .find(context)
        .unwrap_or_else(|| panic!("{context:?} is not in the text"));
    let inner = context
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in {context:?}"));
    at + inner..at + inner + needle.len()
}

/// The byte offset of a position (the inverse of [`position`]); a character past the end of its
/// line lands on the line's end.
pub fn offset(text: &str, position: Position, encoding: &PositionEncodingKind) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, ch) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += if *encoding == PositionEncodingKind::UTF8 {
            ch.len_utf8()
        } else {
            ch.len_utf16()
        };
    }
    line_end
}
