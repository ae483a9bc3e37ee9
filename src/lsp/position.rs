//! The one place where byte offsets meet LSP positions. The engine speaks bytes; the protocol
//! speaks lines and UTF-16 code units, or UTF-8 bytes when the client negotiates them.

use tower_lsp_server::lsp_types::{Position, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line starts, and marks along long lines, so a conversion costs a binary search
/// plus at most [`STRIDE`] bytes of scanning whatever the layout: a minified file is one line,
/// and counting UTF-16 units from its start for every diagnostic would be quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    marks: Vec<Mark>,
}

/// A point on a long line: its byte offset, and the UTF-16 units from the line's start to it.
#[derive(Debug, Clone, Copy)]
struct Mark {
    byte: usize,
    units: usize,
}

/// How far apart marks are on a long line.
const STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut marks = Vec::new();
        for (line, &start) in starts.iter().enumerate() {
            let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
            let (mut at, mut units) = (start, 0);
            while end - at > STRIDE {
                let mut next = at + STRIDE;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                let chunk = &text[at..next];
                units += if chunk.is_ascii() {
                    chunk.len()
                } else {
                    chunk.encode_utf16().count()
                };
                marks.push(Mark { byte: next, units });
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The marks on the line running from `start` to `end`.
    fn marks_between(&self, start: usize, end: usize) -> &[Mark] {
        let lo = self.marks.partition_point(|m| m.byte <= start);
        let hi = self.marks.partition_point(|m| m.byte <= end);
        &self.marks[lo..hi]
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
        let end = start + line_text.strip_suffix('\r').unwrap_or(line_text).len();
        let wanted = position.character as usize;
        if encoding == Encoding::Utf8 {
            let mut at = (start + wanted).min(end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        let marks = self.marks_between(start, end);
        let (from, mut units) = match marks.partition_point(|m| m.units <= wanted) {
            0 => (start, 0),
            i => (marks[i - 1].byte, marks[i - 1].units),
        };
        for (i, ch) in text[from..end].char_indices() {
            let width = ch.len_utf16();
            if units + width > wanted {
                return from + i;
            }
            units += width;
        }
        end
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                let marks = self.marks_between(start, offset);
                let (from, units) = marks.last().map_or((start, 0), |m| (m.byte, m.units));
                units + text[from..offset].encode_utf16().count()
            }
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

    /// The conversions as they were before marks: a scan from the line's start.
    fn naive_position(text: &str, offset: usize, encoding: Encoding) -> Position {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..offset].matches('\n').count();
        let before = &text[line_start..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    #[test]
    fn long_lines_convert_as_a_scan_from_the_line_start_would() {
        // Lines longer than several strides, mixing ASCII, CJK, emoji (surrogate pairs), CRLF.
        let unit = "res.status(531); // 状态 😀 ok\t";
        let long = unit.repeat(STRIDE * 3 / unit.len() + 7);
        let text = format!("{long}\r\nshort\n{long}\n\n{}", "a".repeat(STRIDE * 2 + 3));
        let index = LineIndex::new(&text);
        assert!(!index.marks.is_empty());
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for (offset, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
                let position = index.position(&text, offset, encoding);
                assert_eq!(
                    position,
                    naive_position(&text, offset, encoding),
                    "{offset}"
                );
                let back = index.offset(&text, position, encoding);
                let expected =
                    if text[offset..].starts_with("\r\n") || text[offset..].starts_with('\n') {
                        back
                    } else {
                        offset
                    };
                assert_eq!(back, expected, "{offset} {position:?}");
            }
        }
    }
}
