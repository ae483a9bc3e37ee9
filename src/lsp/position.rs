//! The one place where byte offsets meet LSP positions. The engine speaks bytes; the protocol
//! speaks lines and UTF-16 code units, or UTF-8 bytes when the client negotiates them.

use tower_lsp_server::lsp_types::{Position, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line starts, so conversions cost a binary search plus one line's scan.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset of `position`. A character past the end of its line lands on the line's
    /// end, a line past the end of the text on the text's end, and a position inside a
    /// multi-byte character (or between a surrogate pair) on that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let line_text = &text[start..end];
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, ch) in line_text.char_indices() {
            let width = match encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + width > wanted {
                return start + i;
            }
            units += width;
        }
        start + line_text.len()
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, bytes: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, bytes.start, encoding),
            self.position(text, bytes.end, encoding),
        )
    }

    /// Row and byte column, the way tree-sitter counts.
    pub fn point(&self, offset: usize) -> tree_sitter::Point {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        tree_sitter::Point::new(line, offset - self.starts[line])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs_as_two_units() {
        let text = "let a = \"😀\"; res.status(404)\n中文 404";
        let index = LineIndex::new(text);
        let literal = text.find("404").unwrap();
        let pos = index.position(text, literal, Encoding::Utf16);
        assert_eq!(pos, Position::new(0, 25));
        assert_eq!(index.offset(text, pos, Encoding::Utf16), literal);
        let pos8 = index.position(text, literal, Encoding::Utf8);
        assert_eq!(pos8, Position::new(0, 27));
        assert_eq!(index.offset(text, pos8, Encoding::Utf8), literal);
        let cjk = text.rfind("404").unwrap();
        assert_eq!(
            index.position(text, cjk, Encoding::Utf16),
            Position::new(1, 3)
        );
        assert_eq!(
            index.position(text, cjk, Encoding::Utf8),
            Position::new(1, 7)
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(
            index.offset(text, Position::new(7, 0), Encoding::Utf16),
            text.len()
        );
        // Between the halves of a surrogate pair: the character's start.
        let emoji = "😀x";
        let index = LineIndex::new(emoji);
        assert_eq!(index.offset(emoji, Position::new(0, 1), Encoding::Utf16), 0);
    }
}
