//! Units: the pieces of a file that can be checked apart from each other. A unit is a top-level
//! statement or item together with the attributes, decorators and comments right above it
//! (`#[get("/")]` and a doc comment belong to the `fn` they mark). What a rule says about code in
//! one unit depends on that unit and on a few file-wide facts (imports, named route registrations),
//! which the incremental check watches separately.

use tree_sitter::Node;

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
