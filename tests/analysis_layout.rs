//! The same statements laid out on one line and one per line give the same findings, through the
//! server's analysis and `check`'s skimmed one: what keeps a long minified line linear (one query
//! run over many windows, a cap on the gaps left out of a parse) must not drop findings there.
//! Statements are joined by a space or a newline, so byte offsets agree between the layouts too.
//! Not timed: `cargo bench --bench engine -- layout` measures the cost per site.

use statuslint::analysis::{self, Checked};
use statuslint::config::Config;
use statuslint::syntax::{self, Language};

/// How many times each statement repeats: past the few windows planned one by one, the
/// windows one top-level node shares a run over, and the gaps one parse may leave out.
const REPEATS: usize = 300;

type Seen = Vec<(&'static str, String, std::ops::Range<usize>)>;

fn findings(source: &str, language: Language) -> (Seen, Seen, Seen) {
    let config = Config::default();
    let key = |f: &statuslint::rules::Finding| (f.rule, f.message.clone(), f.range.clone());
    let full = analysis::analyze(source, language, &config).expect("parses");
    let skimmed = analysis::analyze_skimmed(source, language, &config).expect("parses");
    let tree = syntax::parse(source, language, None).expect("parses");
    let everywhere = Checked::everywhere(source, &tree, language, &config).findings(source);
    (
        full.findings.iter().map(key).collect(),
        skimmed.analysis.findings.iter().map(key).collect(),
        everywhere.iter().map(key).collect(),
    )
}

/// Checks `statement` repeated on one line and one per line, wrapped in `before` and `after`,
/// and returns how many findings of each rule one layout has.
fn same_on_one_line(
    language: Language,
    (before, statement, after): (&str, &str, &str),
) -> Vec<(&'static str, usize)> {
    let layout = |separator: &str| {
        let body = vec![statement; REPEATS].join(separator);
        format!("{before}{body}{after}\n")
    };
    let (one, many) = (layout(" "), layout("\n"));
    assert_eq!(one.len(), many.len());
    let (one_full, one_skimmed, one_everywhere) = findings(&one, language);
    let (many_full, many_skimmed, many_everywhere) = findings(&many, language);
    assert_eq!(one_full, many_full, "one line vs many lines: {statement}");
    assert_eq!(
        one_full, one_everywhere,
        "around vs everywhere: {statement}"
    );
    assert_eq!(many_full, many_everywhere);
    assert_eq!(one_skimmed, one_full, "skimmed vs full: {statement}");
    assert_eq!(many_skimmed, many_full);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for (rule, _, _) in &one_full {
        match counts.iter_mut().find(|(r, _)| r == rule) {
            Some((_, n)) => *n += 1,
            None => counts.push((rule, 1)),
        }
    }
    counts.sort();
    counts
}

#[test]
fn top_level_javascript_statements() {
    let counts = same_on_one_line(
        Language::JavaScript,
        (
            "",
            r#"res.status(531); res.status(600); const x = "padding padding padding";"#,
            "",
        ),
    );
    assert_eq!(
        counts,
        [("invalid-code", REPEATS), ("platform-reserved", REPEATS)]
    );
}

#[test]
fn statements_of_one_wrapping_function() {
    // A minified bundle: everything inside one function expression.
    let counts = same_on_one_line(
        Language::JavaScript,
        (
            "(function () { ",
            "res.status(600); res.status(531); helper(1, 2, 3);",
            " })();",
        ),
    );
    assert_eq!(
        counts,
        [("invalid-code", REPEATS), ("platform-reserved", REPEATS)]
    );
}

#[test]
fn catch_blocks_and_default_statuses() {
    let counts = same_on_one_line(
        Language::JavaScript,
        (
            "",
            "try { go(); } catch (e) { res.status(200).json({ error: e.message }); } \
             app.get('/x', (req, res) => { res.json({ error: 'no' }); });",
            "",
        ),
    );
    assert_eq!(counts, [("ok-on-error", 2 * REPEATS)]);
}

#[test]
fn rust_items_and_one_long_macro() {
    let counts = same_on_one_line(
        Language::Rust,
        (
            "use axum::http::StatusCode;\n",
            "fn f() { let s = StatusCode::from_u16(600); let t = StatusCode::from_u16(531); }",
            "",
        ),
    );
    assert_eq!(
        counts,
        [("invalid-code", REPEATS), ("platform-reserved", REPEATS)]
    );
    same_on_one_line(
        Language::Rust,
        (
            "use axum::http::StatusCode;\nfn all() -> Vec<StatusCode> { vec![",
            "StatusCode::OK, StatusCode::from_u16(600).unwrap(),",
            "] }",
        ),
    );
}
