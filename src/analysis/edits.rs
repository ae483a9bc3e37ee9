//! Byte ranges carried across a batch of edits (`InputEdit`s applied in order), so the findings
//! of the last check can be moved to where their code now is.

use std::ops::Range;
use tree_sitter::InputEdit;

/// `range` after `edits`, or None when an edit replaced any of it. Text inserted where the range
/// starts goes before it, text inserted where it ends goes after it.
pub fn forward_range(range: &Range<usize>, edits: &[InputEdit]) -> Option<Range<usize>> {
    let mut range = range.clone();
    for edit in edits {
        let shift = |at: usize| at - edit.old_end_byte + edit.new_end_byte;
        let start = if range.start < edit.start_byte {
            range.start
        } else if range.start >= edit.old_end_byte {
            shift(range.start)
        } else {
            return None;
        };
        let end = if range.end <= edit.start_byte {
            range.end
        } else if range.end >= edit.old_end_byte && range.start >= edit.old_end_byte {
            shift(range.end)
        } else {
            return None;
        };
        range = start..end.max(start);
    }
    Some(range)
}
