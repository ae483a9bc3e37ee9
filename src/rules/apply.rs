//! The preferred fix of each finding, applied to a file's text: what `check --fix` writes and the
//! server's `source.fixAll.statuslint` action edits. Fixes whose edits touch the same bytes as an
//! earlier one are left for the next pass, so the result never depends on the order edits are
//! spliced in.

use crate::rules::{Edit, Finding, Fix};
use std::ops::Range;

/// A fix chosen for one finding.
pub struct Chosen<'a> {
    pub finding: &'a Finding,
    pub fix: &'a Fix,
}

/// The preferred fix of each finding, in source order, skipping any whose edits overlap an
/// earlier choice or do not fit in `source`.
pub fn choose<'a>(source: &str, findings: &'a [Finding]) -> Vec<Chosen<'a>> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    for finding in findings {
        let Some(fix) = finding.fixes.iter().find(|f| f.preferred) else {
            continue;
        };
        let fits = !fix.edits.is_empty() && fix.edits.iter().all(|e| fits_in(source, &e.range));
        let clashes = fix.edits.iter().enumerate().any(|(i, e)| {
            taken.iter().any(|t| overlaps(t, &e.range))
                || fix.edits[..i]
                    .iter()
                    .any(|other| overlaps(&other.range, &e.range))
        });
        if fits && !clashes {
            taken.extend(fix.edits.iter().map(|e| e.range.clone()));
            chosen.push(Chosen { finding, fix });
        }
    }
    chosen
}

/// `source` with every edit of `chosen` applied, from the end backwards so that each edit's
/// offsets still refer to the original text.
pub fn apply(source: &str, chosen: &[Chosen]) -> String {
    let mut edits: Vec<&Edit> = chosen.iter().flat_map(|c| &c.fix.edits).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
    let mut text = source.to_string();
    for edit in edits {
        text.replace_range(edit.range.clone(), &edit.replacement);
    }
    text
}

fn fits_in(source: &str, range: &Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= source.len()
        && source.is_char_boundary(range.start)
        && source.is_char_boundary(range.end)
}

/// Whether two edits touch the same text. Two insertions at one point clash too: their order
/// would be a guess.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(range: Range<usize>, fixes: Vec<Fix>) -> Finding {
        Finding {
            rule: "test-rule",
            severity: Severity::Warning,
            range,
            message: String::new(),
            code: 0,
            fixes,
        }
    }

    fn fix(preferred: bool, edits: &[(Range<usize>, &str)]) -> Fix {
        Fix {
            title: "t".into(),
            preferred,
            elsewhere: Vec::new(),
            edits: edits
                .iter()
                .map(|(range, text)| Edit {
                    range: range.clone(),
                    replacement: text.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn applies_preferred_fixes_back_to_front() {
        let source = "res.status(531); res.status(420);";
        let findings = vec![
            finding(
                11..14,
                vec![
                    fix(false, &[(0..0, "// x\n")]),
                    fix(true, &[(11..14, "502")]),
                ],
            ),
            finding(28..31, vec![fix(true, &[(28..31, "429")])]),
        ];
        let chosen = choose(source, &findings);
        assert_eq!(chosen.len(), 2);
        assert_eq!(apply(source, &chosen), "res.status(502); res.status(429);");
    }

    #[test]
    fn an_overlapping_or_out_of_range_fix_is_left_out() {
        let source = "a 531 b";
        let findings = vec![
            finding(2..5, vec![fix(true, &[(2..5, "502")])]),
            finding(2..5, vec![fix(true, &[(3..4, "0")])]),
            finding(2..5, vec![fix(true, &[(5..99, "x")])]),
            finding(0..1, vec![fix(false, &[(0..1, "z")])]),
        ];
        let chosen = choose(source, &findings);
        assert_eq!(chosen.len(), 1);
        assert_eq!(apply(source, &chosen), "a 502 b");
    }

    #[test]
    fn multi_edit_fixes_apply_whole_and_keep_offsets() {
        let source = "use x;\nres.status(420)";
        let findings = vec![finding(
            18..21,
            vec![fix(true, &[(18..21, "TOO_MANY"), (0..0, "import y;\n")])],
        )];
        let chosen = choose(source, &findings);
        assert_eq!(
            apply(source, &chosen),
            "import y;\nuse x;\nres.status(TOO_MANY)"
        );
    }
}
