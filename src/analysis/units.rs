//! Units: the pieces of a file that can be checked apart from each other. A unit is a top-level
//! statement or item together with the attributes, decorators and comments right above it
//! (`#[get("/")]` and a doc comment belong to the `fn` they mark). What a rule says about code in
//! one unit depends on that unit and on a few file-wide facts (imports, named route registrations),
//! which the incremental check watches separately.

use std::ops::Range;
use tree_sitter::{Node, Tree};

/// Attributes, decorators and comments: they say something about the item after them.
pub fn leads_into_next(node: Node) -> bool {
    matches!(
        node.kind(),
        "attribute_item"
            | "inner_attribute_item"
            | "decorator"
            | "comment"
            | "line_comment"
            | "block_comment"
    )
}

/// The units that hold one of `hits` (sorted byte ranges), merged where they touch: the only
/// code a full check needs to query, since a unit without a pre-filter hit holds no site and no
/// response that could draw a finding (`syntax::prefilter`). None when a hit lies outside every
/// top-level node, which a well-formed tree never has; then the whole file is the scope.
pub fn holding(tree: &Tree, hits: &[Range<usize>]) -> Option<Vec<Range<usize>>> {
    let root = tree.root_node();
    let mut units: Vec<Range<usize>> = Vec::new();
    for hit in hits {
        if units.last().is_some_and(|u| u.contains(&hit.start)) {
            continue;
        }
        let node = root
            .first_child_for_byte(hit.start)
            .filter(|n| n.start_byte() <= hit.start)?;
        let mut first = node;
        while let Some(previous) = first.prev_sibling().filter(|p| leads_into_next(*p)) {
            first = previous;
        }
        let mut last = node;
        while leads_into_next(last) {
            match last.next_sibling() {
                Some(next) => last = next,
                None => break,
            }
        }
        let unit = first.start_byte()..last.end_byte();
        match units.last_mut() {
            Some(previous) if previous.end >= unit.start => {
                previous.end = previous.end.max(unit.end)
            }
            _ => units.push(unit),
        }
    }
    Some(units)
}
