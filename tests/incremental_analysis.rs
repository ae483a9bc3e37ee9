//! Differential test of the incremental check: after any batch of random edits, re-checking only
//! the units the edits touched gives exactly the sites and findings of a full check of the new
//! text, and keeps doing so when each incremental result becomes the base of the next. The edits
//! insert what changes file-wide facts too (imports, named route registrations, suppression
//! comments, attributes), so the fallbacks to a full check are exercised as well. Each full check
//! is itself compared with one that runs every query over the whole file, which holds the
//! pre-filter's scoping (only units with a hit are queried) to the same standard.

use proptest::prelude::*;
use statuslint::analysis::Checked;
use statuslint::config::Config;
use statuslint::syntax::{self, Language};
use tree_sitter::{InputEdit, Point, Tree};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn javascript() -> String {
    [
        "examples/express-app/src/app.js",
        "examples/express-app/src/routes/users.js",
        "examples/express-app/src/middleware/errors.js",
        "tests/fixtures/express.js",
    ]
    .map(fixture)
    .join("\n")
}

fn typescript() -> String {
    [
        "tests/fixtures/rules/handlers.ts",
        "examples/nextjs-route/app/api/orders/[id]/route.ts",
    ]
    .map(fixture)
    .join("\n")
}

fn rust() -> String {
    [
        "tests/fixtures/rules/handlers.rs",
        "examples/axum-service/src/main.rs",
        "tests/fixtures/axum.rs",
    ]
    .map(fixture)
    .join("\n")
}

/// Pieces an edit inserts: digits that change a code, syntax that changes structure, and text that
/// changes what a whole file means (imports, registrations, suppressions, attributes).
const INSERTS: &[&str] = &[
    "",
    "0",
    "2",
    "9",
    "1",
    "\n",
    "{",
    "}",
    "(",
    ")",
    ";",
    "\"",
    "200",
    "302",
    "😀",
    "res.status(200).json({ error: e });",
    "\ntry { x() } catch (e) { res.status(200).send('ok') }\n",
    "\n// statuslint-disable-next-line ok-on-error\n",
    "\nimport { StatusCodes } from \"http-status-codes\";\n",
    "\nconst status = require(\"http-status\");\n",
    "\napp.post(\"/moved\", moveIt);\n",
    "\nfunction moveIt(req, res) { res.redirect(301, \"/new\"); }\n",
    "\n#[post(\"/x\")]\n",
    "\nuse rocket::http::Status;\n",
    "\nuse http_status_codes::StatusCodes;\n",
    "StatusCode::OK",
    "Err(e) => StatusCode::OK,",
];

#[derive(Debug, Clone)]
struct EditSpec {
    start: usize,
    len: usize,
    insert: usize,
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    (0usize..100_000, 0usize..8, 0..INSERTS.len()).prop_map(|(start, len, insert)| EditSpec {
        start,
        len,
        insert,
    })
}

fn point(text: &str, at: usize) -> Point {
    let before = &text[..at];
    let row = before.matches('\n').count();
    let column = at - before.rfind('\n').map_or(0, |i| i + 1);
    Point::new(row, column)
}

/// Applies `spec` to `text` at character boundaries, returning the edit as tree-sitter sees it.
fn apply(text: &mut String, spec: &EditSpec) -> InputEdit {
    let mut start = spec.start % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + spec.len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let insert = INSERTS[spec.insert];
    let start_position = point(text, start);
    let old_end_position = point(text, end);
    text.replace_range(start..end, insert);
    let new_end = start + insert.len();
    InputEdit {
        start_byte: start,
        old_end_byte: end,
        new_end_byte: new_end,
        start_position,
        old_end_position,
        new_end_position: point(text, new_end),
    }
}

/// Runs `rounds` of edit batches, checking incrementally after each and comparing with a full
/// check. Returns how many rounds were rechecked incrementally (not in full).
fn check(
    initial: &str,
    language: Language,
    rounds: &[Vec<EditSpec>],
) -> Result<usize, TestCaseError> {
    let config = Config::default();
    let mut text = initial.to_string();
    let mut tree: Tree = syntax::parse(&text, language, None).expect("parses");
    let mut checked = Checked::new(&text, &tree, language, &config);
    let mut incremental = 0;
    for batch in rounds {
        let old_text = text.clone();
        let old_tree = tree.clone();
        let mut edited = tree.clone();
        let mut edits = Vec::new();
        for spec in batch {
            let edit = apply(&mut text, spec);
            edited.edit(&edit);
            edits.push(edit);
        }
        tree = syntax::parse(&text, language, Some(&edited)).expect("parses");
        let next = checked.after_edits(&old_text, &old_tree, &edits, &text, &tree, &config);
        // The reference runs every query over the whole file; a full check queries only the units
        // the pre-filter points at, and must agree with it too.
        let full = Checked::everywhere(&text, &tree, language, &config);
        let scoped = Checked::new(&text, &tree, language, &config);
        prop_assert_eq!(
            &scoped.sites,
            &full.sites,
            "pre-filtered sites after {:?}",
            batch
        );
        prop_assert_eq!(
            scoped.findings(&text),
            full.findings(&text),
            "pre-filtered findings after {:?}",
            batch
        );
        prop_assert_eq!(&next.sites, &full.sites, "sites after {:?}", batch);
        prop_assert_eq!(
            next.findings(&text),
            full.findings(&text),
            "findings after {:?}",
            batch
        );
        if next.rechecked_units.is_some() {
            incremental += 1;
        }
        checked = next;
    }
    Ok(incremental)
}

fn rounds() -> impl Strategy<Value = Vec<Vec<EditSpec>>> {
    prop::collection::vec(prop::collection::vec(edit_spec(), 1..4), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn javascript_incremental_checks_match_full_checks(rounds in rounds()) {
        check(&javascript(), Language::JavaScript, &rounds)?;
    }

    #[test]
    fn typescript_incremental_checks_match_full_checks(rounds in rounds()) {
        check(&typescript(), Language::TypeScript, &rounds)?;
    }

    #[test]
    fn rust_incremental_checks_match_full_checks(rounds in rounds()) {
        check(&rust(), Language::Rust, &rounds)?;
    }
}

/// Edits that keep the text valid, so the shortcut (not the full check broken text gets) is what
/// is compared: a digit of a status code changed, or a whole statement added at either end.
fn valid_rounds(text: &str) -> impl Strategy<Value = Vec<Vec<EditSpec>>> {
    let digits: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let end = text.len();
    let digit_edit = (0..digits.len(), 1usize..5).prop_map(move |(i, digit)| EditSpec {
        start: digits[i],
        len: 1,
        insert: [1, 2, 3, 4][digit - 1],
    });
    let statement = (
        any::<bool>(),
        prop::sample::select(vec![5usize, 17, 18, 19, 20, 21, 22, 23]),
    )
        .prop_map(move |(at_start, insert)| EditSpec {
            start: if at_start { 0 } else { end },
            len: 0,
            insert,
        });
    prop::collection::vec(
        prop::collection::vec(prop_oneof![4 => digit_edit, 1 => statement], 1..3),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn javascript_valid_edits_are_rechecked_incrementally(rounds in valid_rounds(&javascript())) {
        check(&javascript(), Language::JavaScript, &rounds)?;
    }

    #[test]
    fn rust_valid_edits_are_rechecked_incrementally(rounds in valid_rounds(&rust())) {
        check(&rust(), Language::Rust, &rounds)?;
    }
}

/// Most valid edits take the shortcut: the comparisons above are not all of full checks.
#[test]
fn most_valid_edits_take_the_shortcut() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    for (language, text) in [
        (Language::JavaScript, javascript()),
        (Language::Rust, rust()),
    ] {
        let mut runner = TestRunner::deterministic();
        let (mut rounds, mut incremental) = (0, 0);
        for _ in 0..20 {
            let case = valid_rounds(&text).new_tree(&mut runner).unwrap().current();
            rounds += case.len();
            incremental += check(&text, language, &case).unwrap();
        }
        assert!(
            incremental * 2 > rounds,
            "{language:?}: {incremental} of {rounds}"
        );
    }
}

/// The shortcut is real: a one-digit edit inside one handler rechecks that handler alone, and the
/// findings still move with the text after it.
#[test]
fn a_one_digit_edit_rechecks_one_unit() {
    for (language, text, needle) in [
        (Language::JavaScript, javascript(), "res.status(404)"),
        (Language::TypeScript, typescript(), "res.status(401)"),
        (Language::Rust, rust(), "StatusCode::NOT_FOUND"),
    ] {
        let rounds = vec![vec![EditSpec {
            start: text.find(needle).expect("needle") + needle.len() - 3,
            len: 1,
            insert: 2,
        }]];
        let config = Config::default();
        let tree = syntax::parse(&text, language, None).unwrap();
        let checked = Checked::new(&text, &tree, language, &config);
        let mut new_text = text.clone();
        let mut edited = tree.clone();
        let edit = apply(&mut new_text, &rounds[0][0]);
        edited.edit(&edit);
        let new_tree = syntax::parse(&new_text, language, Some(&edited)).unwrap();
        let next = checked.after_edits(&text, &tree, &[edit], &new_text, &new_tree, &config);
        assert_eq!(next.rechecked_units, Some(1), "{language:?}");
        assert_eq!(check(&text, language, &rounds).unwrap(), 1, "{language:?}");
    }
}

/// What a file's frameworks are is file-wide: an edit in one unit that makes the file use one
/// (a `require("koa")` inside a function, a Rust path through `rocket::`) changes what the code
/// of the other units means, so the edit's check must see it as a full check does.
#[test]
fn an_edit_that_brings_in_a_framework_is_seen_by_every_unit() {
    let config = Config::default();
    for (language, before, after) in [
        (
            Language::JavaScript,
            "function a(ctx) {\n  try { work(); } catch (e) { ctx.body = { error: e.message }; }\n}\nfunction b() {}\n",
            "function a(ctx) {\n  try { work(); } catch (e) { ctx.body = { error: e.message }; }\n}\nfunction b() { require(\"koa\"); }\n",
        ),
        (
            Language::Rust,
            "#[get(\"/\")]\nfn a() -> Redirect {\n    Redirect::to(\"/x\")\n}\nfn b() {}\n",
            "#[get(\"/\")]\nfn a() -> Redirect {\n    Redirect::to(\"/x\")\n}\nfn b() { rocket::build(); }\n",
        ),
    ] {
        let tree = syntax::parse(before, language, None).unwrap();
        let checked = Checked::new(before, &tree, language, &config);
        let start = before.rfind("{}").unwrap() + 1;
        let inserted = &after[start..after.len() - (before.len() - start)];
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: start,
            new_end_byte: start + inserted.len(),
            start_position: point(before, start),
            old_end_position: point(before, start),
            new_end_position: point(after, start + inserted.len()),
        };
        let mut edited = tree.clone();
        edited.edit(&edit);
        let new_tree = syntax::parse(after, language, Some(&edited)).unwrap();
        let next = checked.after_edits(before, &tree, &[edit], after, &new_tree, &config);
        let full = Checked::everywhere(after, &new_tree, language, &config);
        assert_eq!(next.sites, full.sites, "{language:?}");
        assert_eq!(next.findings(after), full.findings(after), "{language:?}");
        // The framework does change what the file says (Koa's default 200 from a catch, rocket's
        // 303 from `Redirect::to`): the comparison is not of two nothings.
        let without = Checked::everywhere(before, &tree, language, &config);
        assert_ne!(
            (full.sites.len(), full.findings(after).len()),
            (without.sites.len(), without.findings(before).len()),
            "{language:?}"
        );
    }
}
