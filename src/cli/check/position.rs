//! Byte offsets to the 1-based line and column every output format prints. Columns count
//! characters (Unicode scalar values), not bytes or UTF-16 units: what an editor's "go to column"
//! and a terminal show for text outside ASCII.

/// The start of each line of one file, to turn many offsets into positions cheaply.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// The position of byte `offset`; an offset past the end or inside a character is clamped
    /// back to the nearest character start rather than trusted.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self
            .source
            .floor_char_boundary(offset.min(self.source.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let column = self.source[self.starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The bytes of a 1-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let len = self.source.len();
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(len);
        let end = self.starts.get(line).copied().unwrap_or(len);
        let text = self.source[start..end].trim_end_matches(['\n', '\r']);
        start..start + text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_from_one() {
        let source = "a\n😀é res.status(531)\r\nlast";
        let index = LineIndex::new(source);
        let at = source.find("531").unwrap();
        assert_eq!(
            index.position(at),
            Position {
                line: 2,
                column: 15
            }
        );
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(
            index.position(source.len()),
            Position { line: 3, column: 5 }
        );
        assert_eq!(&source[index.line_range(2)], "😀é res.status(531)");
        assert_eq!(&source[index.line_range(3)], "last");
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let source = "😀x";
        let index = LineIndex::new(source);
        assert_eq!(index.position(2), Position { line: 1, column: 1 });
        assert_eq!(index.position(99), Position { line: 1, column: 3 });
    }
}
