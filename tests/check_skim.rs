//! `statuslint check` parses only the code around possible sites (`analysis::skim`): the result
//! must be what a check of the whole tree gives. Held to that on every fixture and example, on
//! cases written to catch what leaving code out could lose (a decorated handler's returns, a route
//! registered by name from a left-out function, imports, literals that look like code), and under
//! random edits that break the text in every way the lexer has to notice.

mod common;

use common::fixtures::every_source_file;
use proptest::prelude::*;
use statuslint::analysis::{Checked, Parsed, analyze_skimmed};
use statuslint::config::Config;
use statuslint::syntax::{self, Language};

/// Skims `source` and checks it against a check of its whole tree with every query run over all
/// of it; returns how the skim parsed.
///
/// One difference is by design: a syntax error inside code the skim leaves out is not seen, so
/// the rest of the file is checked as written, where the whole parse's error recovery can lose
/// sites after the error. A skim of text whose whole tree has an error is not compared.
fn assert_skim_matches(source: &str, language: Language) -> Result<Parsed, String> {
    let config = Config::default();
    let skimmed = analyze_skimmed(source, language, &config).ok_or("no tree at all")?;
    let tree = syntax::parse(source, language, None).ok_or("no tree")?;
    if skimmed.parsed == Parsed::Skimmed && tree.root_node().has_error() {
        return Ok(Parsed::Skimmed);
    }
    let whole = Checked::everywhere(source, &tree, language, &config);
    if skimmed.analysis.sites != whole.sites {
        return Err(format!(
            "sites differ ({:?}):\n  skimmed {:?}\n  whole   {:?}\nin {source:.300}",
            skimmed.parsed, skimmed.analysis.sites, whole.sites
        ));
    }
    let findings = whole.findings(source);
    if skimmed.analysis.findings != findings {
        return Err(format!(
            "findings differ ({:?}):\n  skimmed {:#?}\n  whole   {:#?}\nin {source:.300}",
            skimmed.parsed, skimmed.analysis.findings, findings
        ));
    }
    Ok(skimmed.parsed)
}

#[test]
fn every_fixture_and_example_skims_to_the_findings_of_its_whole_tree() {
    let mut skimmed = 0;
    for (path, language, source) in every_source_file() {
        match assert_skim_matches(&source, language) {
            Ok(Parsed::Skimmed) => skimmed += 1,
            Ok(_) => {}
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
    // Most fixtures are a few dense lines; the examples and larger fixtures are skimmed.
    assert!(
        skimmed >= 4,
        "only {skimmed} files were skimmed: the comparison proves little"
    );
}

/// Filler that makes a function long enough to be left out.
const FILLER: &str = "const a = compute(1, 2, 3); const b = compute(a, a, a); log(a, b, 'filler');";

fn with_filler(template: &str) -> String {
    template.replace("FILL", FILLER)
}

/// Each case must be skimmed (so the comparison is about a skim) and agree with the whole tree.
#[test]
fn what_leaving_code_out_could_lose_is_kept() {
    let cases: &[(Language, &str)] = &[
        // NestJS: the 204 is on the decorator and the body is returned from inside a block.
        (
            Language::TypeScript,
            "import { HttpCode } from '@nestjs/common';\nclass C {\n  other() { FILL }\n  @HttpCode(204)\n  remove(id: string) {\n    if (id) { FILL return { deleted: id }; }\n    FILL\n  }\n}",
        ),
        // A handler registered by name from a function with no site in it, and a 301 that
        // depends on the route's method.
        (
            Language::JavaScript,
            "function register(app) { FILL app.post('/moved', moveIt); }\nfunction moveIt(req, res) { res.redirect(301, '/new'); }\nfunction unrelated() { FILL }",
        ),
        (
            Language::Rust,
            "fn app() -> Router { let x = 1; let y = 2; let z = 3; Router::new().route(\"/x\", post(moved)) }\nasync fn moved() -> Redirect { let a = 1; let b = 2; let c = 3; Redirect::to(\"/y\"); (StatusCode::MOVED_PERMANENTLY, \"\") }\nfn other() { let a = 1; let b = 2; let c = 3; let d = 4; let e = 5; let f = 6; }",
        ),
        // How fixes spell a constant comes from the imports, which are never left out.
        (
            Language::TypeScript,
            "import { StatusCodes } from 'http-status-codes';\nconst table = { FILL };\nexport function handler(req, res) { res.status(404).json({}); }\nfunction other() { FILL }",
        ),
        (
            Language::JavaScript,
            "const { StatusCodes } = require('http-status-codes');\nconst table = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];\napp.get('/', (req, res) => { res.status(404).send('x'); });\nfunction other() { FILL }",
        ),
        // A status sent from a catch block, with a long try block and a callback left out.
        (
            Language::JavaScript,
            "app.get('/', async (req, res) => {\n  try { FILL items.map((x) => { FILL }); } catch (e) { res.status(200).json({ error: e.message }); }\n});",
        ),
        // A response relying on the default status in a catch block.
        (
            Language::JavaScript,
            "app.get('/', (req, res) => { try { FILL } catch (e) { res.json({ error: e }); } });\nfunction other() { FILL }",
        ),
        // Words in strings, comments, regular expressions and templates are not sites; one in a
        // template's substitution is.
        (
            Language::JavaScript,
            "const a = 'res.status(999)'; // res.status(999)\nconst r = /res.status(999)[{]/;\nconst t = `res.status(999) ${res.status(531)}`;\nfunction other() { FILL }",
        ),
        // Braces in literals do not pair with code braces.
        (
            Language::JavaScript,
            "function a() { const s = '}'; const t = `{${'}'}`; const r = /}/; FILL }\napp.get('/', (req, res) => res.status(531).end());",
        ),
        // A response body built in the statement that sends it.
        (
            Language::TypeScript,
            "export async function GET(): Promise<Response> { FILL return NextResponse.json({ success: true }, { status: 500 }); }\nfunction other(): void { FILL }",
        ),
        (
            Language::Rust,
            "use axum::http::StatusCode;\n#[derive(Debug)]\nstruct S { a: u8 }\nasync fn h() -> impl IntoResponse { let a = 1; let b = 2; let c = 3; (StatusCode::INTERNAL_SERVER_ERROR, Json(Body { success: true })) }\nfn other() { let a = \"}\"; let b = '}'; let c = r#\"}\"#; let d = 1; let e = 2; let f = 3; }",
        ),
        // A code that reaches the site through a name declared, or reassigned, in code that
        // has no word of a pattern in it.
        (
            Language::JavaScript,
            "const UPSTREAM_DOWN = 531;\nlet fallback = 200;\nfunction other() { FILL }\napp.get('/', (req, res) => {\n  let code = fallback;\n  if (req.query.down) { FILL code = UPSTREAM_DOWN; }\n  res.status(code).end();\n});",
        ),
        (
            Language::Rust,
            "use axum::http::StatusCode;\nconst ORIGIN_DOWN: u16 = 521;\nfn other() { let a = 1; let b = 2; let c = 3; let d = 4; let e = 5; let f = 6; }\nasync fn h() -> impl IntoResponse { let code = StatusCode::OK; match work() { Ok(v) => { let a = 1; let b = 2; let c = 3; (StatusCode::from_u16(ORIGIN_DOWN).unwrap(), v) } Err(e) => { let a = 1; let b = 2; let c = 3; (code, e) } } }",
        ),
        // An error given its status, handed to the framework in a block with no pattern word.
        (
            Language::JavaScript,
            "const express = require('express');\nfunction other() { FILL }\napp.get('/', (req, res, next) => {\n  const err = new Error('down');\n  err.status = 531;\n  if (req.query.x) { FILL next(err); }\n});",
        ),
        // A class whose field is a 200 from an error handler.
        (
            Language::TypeScript,
            "class Api {\n  helper(): number { FILL return 1; }\n  handle = async (req: Request, res: Response): Promise<void> => { try { FILL } catch (err) { res.status(200).send(); } };\n}",
        ),
    ];
    let mut failures = Vec::new();
    for (language, template) in cases {
        let source = with_filler(template);
        match assert_skim_matches(&source, *language) {
            Ok(Parsed::Skimmed) => {}
            Ok(parsed) => failures.push(format!(
                "{parsed:?}, not skimmed: the case proves nothing\n{source}"
            )),
            Err(e) => failures.push(e),
        }
        let tree = syntax::parse(&source, *language, None).unwrap();
        let whole = Checked::everywhere(&source, &tree, *language, &Config::default());
        if whole.sites.is_empty() && whole.findings(&source).is_empty() {
            failures.push(format!("nothing to find in the case\n{source}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_file_whose_words_are_all_in_literals_is_not_parsed() {
    let source = "// res.status(404)\nconst doc = 'res.status(404)';\n";
    let skimmed = analyze_skimmed(source, Language::JavaScript, &Config::default()).unwrap();
    assert_eq!(skimmed.parsed, Parsed::Not);
    assert!(skimmed.analysis.findings.is_empty());
}

#[test]
fn text_the_outline_cannot_read_is_parsed_whole() {
    // JSX: text between tags is neither code nor a literal.
    let source = with_filler(
        "function Page() { FILL return <p>Don't {x}</p>; }\napp.get('/', (req, res) => res.status(531).end());",
    );
    assert_eq!(
        assert_skim_matches(&source, Language::JavaScript),
        Ok(Parsed::Whole)
    );
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What random edits insert: brackets, quotes, comment and regex openers, template parts, and
/// whole statements that add sites, registrations and imports.
const INSERTS: &[&str] = &[
    "",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "'",
    "\"",
    "`",
    "${",
    "/",
    "/*",
    "*/",
    "//",
    "\n",
    "<",
    "=>",
    "\\",
    "'}'",
    "/}/",
    "`${res.status(531)}`",
    "'res.status(999)'",
    "\nfunction helper() { if (x) { y(); } else { z(); } return 1; }\n",
    "\napp.post('/moved', moveIt);\n",
    "\nfunction moveIt(req, res) { res.redirect(301, '/new'); }\n",
    "\nimport { StatusCodes } from 'http-status-codes';\n",
    "try { f(); } catch (e) { res.status(200).json({ ok: true }); }",
    "r#\"}\"#",
    "'a",
    "fn f() { let a = 1; }",
    "StatusCode::OK",
];

fn edit(text: &mut String, (start, len, insert): (usize, usize, usize)) {
    let mut start = start % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text.replace_range(start..end, INSERTS[insert]);
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..100_000, 0usize..6, 0..INSERTS.len()), 1..5)
}

/// Whole statements, each valid where a statement may stand, with the literals and brackets the
/// lexer must read right: inserted at the start of a line, they mostly keep the file valid, so
/// what is compared is a skim.
const STATEMENTS: &[&str] = &[
    "function helper() { const s = '}{'; const r = /[}{]/g; return s.replace(r, ''); }\n",
    "const tpl = `a ${ `b ${1 + 2}` } }`;\n",
    "/* } */ // {\n",
    "app.post('/moved', moveIt);\n",
    "function moveIt(req, res) { res.redirect(301, '/new'); }\n",
    "function quiet() { if (a) { b(); c(); d(); } else { c(); d(); e(); } for (;;) { f(); g(); break; } }\n",
    "app.get('/x', async (req, res) => { try { await run(); } catch (e) { res.status(200).json({ ok: true }); } });\n",
    "const text = 'res.status(999)' + \"res.status(999)\";\n",
    "const table = { a: [1, 2, 3], b: { c: 'd' } };\n",
    // Without semicolons, where a line break may or may not end a statement.
    "res.status(500)\nres.json({ error: 'failed' })\n",
    "const a = b\n(c)\n[0]\n",
    "if (a) res.status(200)\nelse res.json({ error: e })\n",
    "const n = a\n  instanceof B\nconst m = x\n  in y\n",
    "switch (res.status) {\n  case 404: x()\n  break\n  case 500: y()\n}\n",
    "do x()\nwhile (y)\n",
    "res.json({ error: 'not found' })\n",
];

const RUST_ITEMS: &[&str] = &[
    "fn helper() { let s = \"}{\"; let c = '}'; let r = r#\"}\"#; let l: &'static str = s; }\n",
    "/* /* } */ */ // {\n",
    "async fn moved() -> impl IntoResponse { (StatusCode::MOVED_PERMANENTLY, \"\") }\n",
    "fn app() -> Router { Router::new().route(\"/m\", post(moved)) }\n",
    "fn quiet(x: u8) { if x > 1 { a(); b(); c(); } else { b(); c(); d(); } match x { 1 => { c() } _ => {} } }\n",
    "impl S { fn f(&self) -> u16 { StatusCode::OK.as_u16() } }\n",
];

/// Inserts `inserts[pick]` at the start of the line `line` picks.
fn insert_at_line(text: &mut String, (line, pick): (usize, usize), inserts: &[&str]) {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let at = starts[line % starts.len()];
    text.insert_str(at, inserts[pick % inserts.len()]);
}

fn line_edits() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..10_000, 0usize..100), 1..6)
}

fn check_inserted(
    base: &str,
    language: Language,
    inserts: &[&str],
    edits: &[(usize, usize)],
) -> Result<Parsed, TestCaseError> {
    let mut text = base.to_string();
    for e in edits {
        insert_at_line(&mut text, *e, inserts);
    }
    assert_skim_matches(&text, language).map_err(TestCaseError::fail)
}

fn check_edited(
    base: &str,
    language: Language,
    edits: &[(usize, usize, usize)],
) -> Result<Parsed, TestCaseError> {
    let mut text = base.to_string();
    for e in edits {
        edit(&mut text, *e);
    }
    assert_skim_matches(&text, language).map_err(TestCaseError::fail)
}

/// Code with no site in it, so that the fixtures, dense with sites, have something to leave out.
const QUIET_JS: &str = "\nfunction quiet(items) {\n  const out = [];\n  for (const item of items) { if (item.ok) { out.push(`${item.id}: ${item.name}`); } else { out.push('}'); } }\n  return out.filter((x) => { return x.length > 0 && !/[{}]/.test(x); });\n}\n";
const QUIET_RS: &str = "\nfn quiet(items: &[Item]) -> Vec<String> {\n    let mut out = Vec::new();\n    for item in items { if item.ok { out.push(format!(\"{}: {}\", item.id, '}')); } else { out.push(r#\"{\"#.into()); } }\n    out.into_iter().filter(|x| { !x.is_empty() }).collect()\n}\n";

fn javascript() -> String {
    [
        "examples/express-app/src/routes/users.js",
        "examples/express-app/src/middleware/errors.js",
        "tests/fixtures/express.js",
    ]
    .map(fixture)
    .join(QUIET_JS)
}

fn typescript() -> String {
    [
        "tests/fixtures/rules/handlers.ts",
        "tests/fixtures/typescript/nest.ts",
    ]
    .map(fixture)
    .join(QUIET_JS)
}

fn rust() -> String {
    [
        "tests/fixtures/rules/handlers.rs",
        "examples/axum-service/src/main.rs",
    ]
    .map(fixture)
    .join(QUIET_RS)
}

/// The statement insertions compare skims, not only the whole parses broken text falls back to.
#[test]
fn most_files_with_statements_inserted_are_still_skimmed() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    for (language, base, inserts) in [
        (Language::JavaScript, javascript(), STATEMENTS),
        (Language::TypeScript, typescript(), STATEMENTS),
        (Language::Rust, rust(), RUST_ITEMS),
    ] {
        assert_eq!(
            assert_skim_matches(&base, language),
            Ok(Parsed::Skimmed),
            "{language:?}"
        );
        let mut runner = TestRunner::deterministic();
        let mut skimmed = 0;
        for _ in 0..50 {
            let edits = line_edits().new_tree(&mut runner).unwrap().current();
            if check_inserted(&base, language, inserts, &edits).unwrap() == Parsed::Skimmed {
                skimmed += 1;
            }
        }
        // Statements inserted into TypeScript class bodies break them: fewer skims there.
        assert!(skimmed >= 15, "{language:?}: only {skimmed} of 50 skimmed");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn javascript_skims_match_whole_checks_after_random_edits(edits in edits()) {
        check_edited(&javascript(), Language::JavaScript, &edits)?;
    }

    #[test]
    fn typescript_skims_match_whole_checks_after_random_edits(edits in edits()) {
        check_edited(&typescript(), Language::TypeScript, &edits)?;
    }

    #[test]
    fn rust_skims_match_whole_checks_after_random_edits(edits in edits()) {
        check_edited(&rust(), Language::Rust, &edits)?;
    }

    /// Text made of little but the characters the lexers act on: never a panic, never a
    /// different answer.
    #[test]
    fn any_text_skims_to_what_its_whole_tree_says(
        noise in "[{}()\\[\\]'\"`/*\\\\$<>=;:,.#!|& \n a-z0-9]{0,200}",
        rust in any::<bool>(),
    ) {
        let (language, text) = if rust {
            (Language::Rust, format!("fn f() {{ {noise} }}\nfn g() -> StatusCode {{ StatusCode::OK }}"))
        } else {
            (Language::JavaScript, format!("function f() {{ {noise} }}\napp.get('/', (req, res) => res.status(531).end());"))
        };
        assert_skim_matches(&text, language).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn javascript_skims_match_whole_checks_with_statements_inserted(edits in line_edits()) {
        check_inserted(&javascript(), Language::JavaScript, STATEMENTS, &edits)?;
    }

    #[test]
    fn typescript_skims_match_whole_checks_with_statements_inserted(edits in line_edits()) {
        check_inserted(&typescript(), Language::TypeScript, STATEMENTS, &edits)?;
    }

    #[test]
    fn rust_skims_match_whole_checks_with_items_inserted(edits in line_edits()) {
        check_inserted(&rust(), Language::Rust, RUST_ITEMS, &edits)?;
    }
}
