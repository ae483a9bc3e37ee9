//! Where the query cursor runs for a list of windows: which node each run starts at and the byte
//! range it is given, planned once for all windows so the cost follows the number of windows and
//! top-level nodes, not their product.
//!
//! tree-sitter 0.25 finds a node's parent and siblings by descending from the root, so
//! [`super::query_roots`] per window costs a descent or a walk along the root's children each
//! time; and a cursor run starting at a top-level node steps through that node's children from the
//! first one, so one run per window in a node with 40,000 children (a minified bundle's wrapper
//! function, a one-line `vec![...]`) made a check quadratic. Here the top-level nodes are read once,
//! in order, beside the sorted windows; the windows that fall in one top-level node are given one
//! run over the bytes from the first to the last of them once there are more than [`FEW`] of them.
//! A run over such a span also hands over matches between the windows: callers treat windows as
//! "at least around here" (each match holds a hit of its own), and drop repeats.

use super::MANY_ROOTS;
use std::ops::Range;
use tree_sitter::{Node, Tree};

/// Up to this many windows, each one's roots are found as before, by descending from the root.
const FEW_WINDOWS: usize = 8;

/// More windows than this in one top-level node share one run over their span.
const FEW: usize = 4;

/// The cursor runs for `windows`: (start node, byte range) pairs, in source order.
pub fn plan<'t>(tree: &'t Tree, windows: &[Range<usize>]) -> Vec<(Node<'t>, Range<usize>)> {
    let root = tree.root_node();
    if windows.len() <= FEW_WINDOWS {
        return windows
            .iter()
            .flat_map(|w| {
                super::query_roots(tree, w)
                    .into_iter()
                    .map(move |node| (node, w.clone()))
            })
            .collect();
    }
    let mut windows = windows.to_vec();
    windows.sort_by_key(|w| (w.start, w.end));
    let children: Vec<Node> = {
        let mut cursor = root.walk();
        root.children(&mut cursor).collect()
    };
    let mut runs: Vec<(Node, Range<usize>)> = Vec::new();
    // Windows that each touch one and the same top-level node, waiting to be run.
    let mut pending: Vec<Range<usize>> = Vec::new();
    let mut pending_node: Option<usize> = None;
    let flush = |runs: &mut Vec<(Node<'t>, Range<usize>)>,
                 pending: &mut Vec<Range<usize>>,
                 node: Option<usize>| {
        let Some(index) = node else { return };
        let node = children[index];
        if pending.len() > FEW {
            let span = pending[0].start..pending.iter().map(|w| w.end).max().unwrap_or(0);
            runs.push((node, span));
        } else {
            runs.extend(pending.iter().map(|w| (node, w.clone())));
        }
        pending.clear();
    };
    let mut first = 0;
    for window in windows {
        if window.start <= root.start_byte() && window.end >= root.end_byte() {
            flush(&mut runs, &mut pending, pending_node.take());
            runs.push((root, window));
            continue;
        }
        // The top-level nodes `query_roots` would pick: from the first one ending at or after
        // the window's start, those starting before its end (at least one for an empty window).
        while first + 1 < children.len() && children[first].end_byte() < window.start {
            first += 1;
        }
        if children
            .get(first)
            .is_none_or(|n| n.end_byte() < window.start)
        {
            // Past every top-level node: `query_roots` starts at the root.
            flush(&mut runs, &mut pending, pending_node.take());
            runs.push((root, window));
            continue;
        }
        let mut last = first;
        while last < children.len()
            && (children[last].start_byte() < window.end || (window.is_empty() && last == first))
        {
            last += 1;
        }
        if last - first > MANY_ROOTS {
            flush(&mut runs, &mut pending, pending_node.take());
            runs.push((root, window));
        } else if last - first == 1 {
            if pending_node != Some(first) {
                flush(&mut runs, &mut pending, pending_node.take());
                pending_node = Some(first);
            }
            pending.push(window);
        } else {
            flush(&mut runs, &mut pending, pending_node.take());
            runs.extend(children[first..last].iter().map(|&n| (n, window.clone())));
        }
    }
    flush(&mut runs, &mut pending, pending_node.take());
    runs
}
