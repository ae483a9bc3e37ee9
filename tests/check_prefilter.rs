//! The pre-filter must never rule out a file that has a status-code site: checked against the
//! queries themselves (every pattern tests a word some needle covers) and against every source
//! file in the fixtures and examples.

mod common;

use common::fixtures::every_source_file;
use statuslint::analysis::{Checked, analyze};
use statuslint::config::Config;
use statuslint::syntax::Language;
use statuslint::syntax::prefilter::{covers, may_contain_site, requirement, site_word};
use std::path::Path;

#[test]
fn every_fixture_and_example_with_a_site_passes_the_filter() {
    let mut with_sites = 0;
    for (path, language, source) in every_source_file() {
        let analysis = analyze(&source, language, &Config::default()).expect("parses");
        assert_same_as_everywhere(&source, language);
        if !analysis.sites.is_empty() || !analysis.findings.is_empty() {
            with_sites += 1;
            assert!(
                may_contain_site(language, source.as_bytes()),
                "{} has sites or findings but the pre-filter rules it out",
                path.display()
            );
        }
    }
    assert!(
        with_sites >= 8,
        "only {with_sites} files with sites: is the walk broken?"
    );
}

/// A check that queries only the units holding a pre-filter hit finds what one that queries the
/// whole file finds.
fn assert_same_as_everywhere(source: &str, language: Language) {
    let config = Config::default();
    let tree = statuslint::syntax::parse(source, language, None).expect("parses");
    let scoped = Checked::new(source, &tree, language, &config);
    let everywhere = Checked::everywhere(source, &tree, language, &config);
    assert_eq!(scoped.sites, everywhere.sites, "sites of {source:.200}");
    assert_eq!(
        scoped.findings(source),
        everywhere.findings(source),
        "findings of {source:.200}"
    );
}

/// The top-level patterns of a query file, comments and strings respected.
fn patterns(query: &str) -> Vec<String> {
    let mut patterns = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                continue;
            }
            '"' => {
                current.push(c);
                while let Some(c) = chars.next() {
                    current.push(c);
                    match c {
                        '\\' => current.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
                continue;
            }
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(c);
        if depth == 0 && matches!(c, ')' | ']') {
            patterns.push(std::mem::take(&mut current));
        } else if depth == 0 && c.is_whitespace() {
            // Between patterns (captures such as `@status` after a pattern stay attached).
            if current.trim().is_empty() {
                current.clear();
            }
        }
    }
    patterns
}

/// Each text predicate of a pattern that requires words to be present, as its alternatives:
/// the strings of `#eq?`/`#any-of?`, the identifier runs of a `#match?` regex, and the keyword
/// nodes a pattern names.
fn required_words(pattern: &str) -> Vec<Vec<String>> {
    let mut predicates = Vec::new();
    for (start, _) in pattern.match_indices("(#") {
        let rest = &pattern[start + 2..];
        let name: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        let strings = predicate_strings(&rest[name.len()..]);
        let words = match name.as_str() {
            "eq?" | "any-of?" => strings,
            "match?" => strings
                .iter()
                .flat_map(|re| {
                    re.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => continue,
        };
        if !words.is_empty() {
            predicates.push(words);
        }
    }
    // A keyword's node stands for its text wherever it matches: `function: (super)` needs
    // `super` in the file.
    for keyword in ["super"] {
        if pattern.contains(&format!("({keyword})")) {
            predicates.push(vec![keyword.to_string()]);
        }
    }
    predicates
}

/// The string arguments of a predicate, up to its closing parenthesis outside any string.
fn predicate_strings(arguments: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = arguments.chars();
    while let Some(c) = chars.next() {
        match c {
            ')' => break,
            '"' => {
                let mut text = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => text.extend(chars.next()),
                        '"' => break,
                        c => text.push(c),
                    }
                }
                strings.push(text);
            }
            _ => {}
        }
    }
    strings
}

/// The text a pattern's `requires` names.
fn required_text(pattern: &str) -> Option<&str> {
    let rest = &pattern[pattern.find("requires \"")? + 10..];
    rest.split('"').next()
}

#[test]
fn every_sites_pattern_requires_a_word_the_filter_looks_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut checked = 0;
    let mut defaults = 0;
    for language in std::fs::read_dir(&root).unwrap().flatten() {
        let name = language.file_name().to_string_lossy().into_owned();
        let language = Language::from_language_id(&name)
            .unwrap_or_else(|| panic!("queries/{name} is not a language id"));
        // Every sites pattern, and the bodies patterns that find a response with no status in
        // it (they can make a finding in a file without a site).
        let sites = root.join(&name).join("sites.scm");
        let bodies = root.join(&name).join("bodies.scm");
        let mut found = Vec::new();
        if let Ok(query) = std::fs::read_to_string(&sites) {
            found.extend(patterns(&query).into_iter().map(|p| (sites.clone(), p)));
        }
        if let Ok(query) = std::fs::read_to_string(&bodies) {
            found.extend(
                patterns(&query)
                    .into_iter()
                    .filter(|p| p.contains("status \"default\""))
                    .map(|p| (bodies.clone(), p)),
            );
        }
        defaults += found
            .iter()
            .filter(|(file, _)| file.ends_with("bodies.scm"))
            .count();
        for (file, pattern) in found {
            // Found at the uses of a name a site gave a code (`syntax::sites::carriers`).
            if pattern.contains("through \"name\"") {
                continue;
            }
            // Python's and Go's hits stand for the top-level unit around them: a pattern on a
            // framework's context (`c.JSON(404, ..)`) is covered by the package its handler's
            // parameter type names (`*gin.Context`, `echo.Context`, `*fiber.Ctx`), each a
            // needle; a Flask view's tuple (`return body, 404`) by the `return` needle, which
            // counts only with the text the pattern requires.
            let returns_covered = pattern.trim_start().starts_with("(return_statement")
                && statuslint::syntax::prefilter::needles(language)
                    .iter()
                    .any(|n| n.word == "return" && n.requires == required_text(&pattern));
            // Their default-status responses count only in a handler, whose unit holds the word
            // that makes it one: Go's `w http.ResponseWriter` (`default_status_go`), Python's
            // `@app.route(`, `@router.post(` and the other handler decorators
            // (`default_status_python`).
            let handler_word = match language.family() {
                statuslint::syntax::Family::Go => "http",
                _ => "route",
            };
            let default_in_a_handler = file.ends_with("bodies.scm")
                && statuslint::syntax::prefilter::needles(language)
                    .iter()
                    .any(|n| n.word == handler_word);
            if statuslint::syntax::prefilter::by_unit(language)
                && (pattern.contains("@receiver") || returns_covered || default_in_a_handler)
            {
                checked += 1;
                continue;
            }
            checked += 1;
            let predicates = required_words(&pattern);
            // A needle that counts only with some text in the file may only cover patterns that
            // require the same text, and the sites query runs only around the hits of words a
            // sites pattern needs (`site_word`), not around `send` and `render`.
            let is_sites = file.ends_with("sites.scm");
            let covered = predicates.iter().any(|words| {
                words.iter().all(|w| {
                    covers(language, w)
                        && (!is_sites || site_word(language, w))
                        && requirement(language, w)
                            .is_none_or(|text| pattern.contains(&format!("requires \"{text}\"")))
                })
            });
            assert!(
                covered,
                "{}: this pattern can match a file that contains none of the pre-filter's \
                 needles (src/syntax/prefilter.rs); add a needle for one of {predicates:?}:\n{pattern}",
                file.display()
            );
        }
    }
    assert!(
        checked >= 10,
        "only {checked} patterns found: is the query parser broken?"
    );
    assert!(defaults >= 1, "the default-status pattern was not found");
}

/// Sites and default-status responses written the many ways people write them: each must be found
/// by the analysis (or the case proves nothing) and let through by the filter.
#[test]
fn every_way_of_writing_a_site_passes_the_filter() {
    let javascript = [
        "res.status(404).end();",
        "res\n  .status(404)\n  .end();",
        "res  .  status  (  404  );",
        "res?.status(404);",
        "res.status<number>(404);",
        "res /* reply */ .status(404);",
        "res./* the code */status(404);",
        "res // the reply\n  .status(404);",
        "res // see below\n  .status(404);",
        "res.\n// see below\nstatus(404);",
        "res.status(404 /* not found */);",
        "res.status(err.status || 500);",
        "res.status(found ? 200 : 404);",
        "this.res.status(404);",
        "res.sendStatus(404);",
        "reply.code(404).send('x');",
        "h.response('x').code(404);",
        "res.writeHead(404, { a: 'b' });",
        "ctx.throw(404);",
        "res.redirect(301, '/new');",
        "function moveIt(req, res) { res.redirect(301, '/new'); }\napp.post('/moved', moveIt);",
        "c.redirect('/new', 301);",
        "Response.redirect(url, 308);",
        "c.json({ a: 1 }, 404);",
        "c.json<Body>({ a: 1 }, 404);",
        "c.text('x', 404);",
        "c.html('x', 404);",
        "c.body('x', 404);",
        "c.newResponse('x', 404);",
        "res.statusCode = 404;",
        "ctx.status = 404;",
        "ctx.status = found ? 200 : 404;",
        "ctx.status\n  = 404;",
        "export const handler = async () => ({ statusCode: 404, body: '' });",
        "export const handler = async () => ({ statusCode\n: 404 });",
        "class A { @HttpCode(204) remove() {} }",
        "throw new HttpException('Gone', 410);",
        "return new Response(null, { status: 404 });",
        "return new NextResponse('x', { status: 404 });",
        "return Response.json({}, { status: 404 });",
        "return NextResponse.json({}, { status: 404 });",
        "return json({}, { status: 404 });",
        "throw createError(404);",
        "throw createHttpError(404);",
        "throw httpErrors(404);",
        "if (res.status === 404) {}",
        "if (res.statusCode !== 200) {}",
        "if (response.status >= 500) {}",
        "if (404 === res.status) {}",
        "if (404 ===\n res.status) {}",
        "const missing = 404 === res.status;",
        "const missing = 404 === (await getRes()).status;",
        "if (res.status\n  === 404) {}",
        "switch (res.status) { case 404: break; }",
        "switch (res.statusCode) { case HttpStatus.NOT_FOUND: break; }",
        "switch (res.status) { case 'x': break; case 404: break; }",
        "ctx.status = err.message || 500;",
        "ctx.status = 'x' || 500;",
        "throw createError(404, 'message');",
        "x(HttpStatus.NOT_FOUND);",
        "x(StatusCodes.NOT_FOUND);",
        "x(httpStatus.NOT_FOUND);",
        "x(HTTP_STATUS.NOT_FOUND);",
        "expect(res.status).toBe(404);",
        "expect(response.statusCode).toEqual(200);",
        "app.get('/', (req, res) => { try { f(); } catch (e) { res.json({ error: e }); } });",
        "app.get('/', (req, res) => { try { f(); } catch (e) { res.send({ error: e }); } });",
        "app.get('/', (req, res) => { try { f(); } catch (e) { res.render('error'); } });",
        "app.get('/', (req, res) => { try { f(); } catch (e) { serverResponse.send({ error: e }); } });",
        "app.get('/', (c) => { try { f(); } catch (e) { return c.json({ error: e }); } });",
        "import { NextResponse } from 'next/server'; export async function GET() { try { f(); } catch (e) { return NextResponse.json({ error: e }); } }",
        "class Gone extends Error { constructor() { super('gone'); this.status = 410; } }",
        "class Gone extends Error {\n  statusCode = 410;\n}",
        "class Gone extends HttpError {\n  readonly status = 410;\n}",
        "class Gone extends HttpException { constructor() { super('gone', 410); } }",
        "class Gone extends HttpException {\n  constructor() {\n    super(\n      format('gone'),\n      410,\n    );\n  }\n}",
    ];
    let rust = [
        "fn f() -> StatusCode { StatusCode::NOT_FOUND }",
        "fn f() -> http::StatusCode { http::StatusCode::NOT_FOUND }",
        "fn f() { let _ = StatusCode :: NOT_FOUND; }",
        "fn f() { let _ = StatusCode\n// why\n::NOT_FOUND; }",
        "fn f() { let _ = StatusCode::from_u16(531); }",
        "use rocket::http::Status; fn f() -> Status { Status::NotFound }",
        "use rocket::http::Status; fn f() -> Status { Status::new(531) }",
        "fn f() -> HttpResponse { HttpResponse::NotFound().finish() }",
        "fn f() { Response::builder().status(404); }",
        "fn f() { builder\n    .status(404); }",
        "fn f() { http::Response::DEFAULT.status(404); }",
        "fn f(res: R) { if res.status() == 404 {} }",
        "fn f(res: R) { if res.status() == StatusCode::NOT_FOUND {} }",
        "fn f(code: C) { if code.as_u16() == 404 {} }",
        "fn f(res: R) { if 404 == res.status() {} }",
        "async fn f(c: C) { if 404 == c.get(u).send().await.status() {} }",
        "fn f(res: R) { let missing = 404 == res.status(); }",
        "fn f(resp: R) { match resp.status().as_u16() { 404 => {}, _ => {} } }",
        "fn f() { json!({ \"status\": StatusCode::OK.as_u16() }); }",
        "fn f() { assert_eq!(res.status(), StatusCode::NOT_FOUND); }",
        "fn f() { assert_eq!(res.status(), 404); }",
        "fn f(res: &&R) { if 404 == (**res).status() {} }",
        "fn f(v: Vec<R>) { if 404 == v[0].status() {} }",
        "async fn f(c: C) { if 404 == c.get(\"/users\").send().await.unwrap().status() {} }",
        "async fn f(c: C) -> bool { StatusCode::NOT_FOUND == c.get(\"/\").send().await?.status() }",
    ];
    let python = [
        "class PaymentFailed(BaseError):\n    code = 200\n",
        "class Busy(APIException):\n    status_code = 200\n",
    ];
    let cases = javascript
        .iter()
        .map(|s| (Language::TypeScript, *s))
        .chain(rust.iter().map(|s| (Language::Rust, *s)))
        .chain(python.iter().map(|s| (Language::Python, *s)));
    let mut failures = Vec::new();
    for (language, source) in cases {
        let analysis = analyze(source, language, &Config::default()).expect("parses");
        assert_same_as_everywhere(source, language);
        if analysis.sites.is_empty() && analysis.findings.is_empty() {
            failures.push(format!(
                "the analysis finds nothing in {source:?}: the case proves nothing"
            ));
        } else if !may_contain_site(language, source.as_bytes()) {
            failures.push(format!("the pre-filter rules out {source:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_query_reader_finds_patterns_and_their_words() {
    let query = r#"
; a comment with (parens
((identifier) @a (#any-of? @a "json" "text") (#set! kind "set"))
(call function: (identifier) @f (#match? @f "^(createError|httpErrors)$") (#eq? @f "x\"y"))
(number) @n
"#;
    let found = patterns(query);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        required_words(&found[0]),
        [vec!["json".to_string(), "text".to_string()]]
    );
    assert_eq!(
        required_words(&found[1]),
        [
            vec!["createError".to_string(), "httpErrors".to_string()],
            vec!["x\"y".to_string()],
        ]
    );
    // A pattern with no word at all cannot be covered: the test above would fail on it.
    assert!(required_words(&found[2]).is_empty());
    assert!(covers(Language::JavaScript, "writeHead"));
    assert!(covers(Language::Rust, "StatusCode"));
    assert!(!covers(Language::Rust, "writeHead"));
    assert!(!covers(Language::JavaScript, "location"));
}

/// A route's attribute or decorator sits beside its handler, not in it: a check that queries only
/// around the sites must still see it, however much code lies between them and the site.
#[test]
fn a_route_marker_far_above_the_site_is_still_seen() {
    let filler = "    let step = compute(1, 2, 3);\n".repeat(12);
    let rust = format!(
        "#[post(\"/form\")]\nasync fn form() -> HttpResponse {{\n{filler}    HttpResponse::Found().finish()\n}}\n"
    );
    let filler = "    const step = compute(1, 2, 3);\n".repeat(12);
    let typescript = format!(
        "class C {{\n  @Post()\n  create(@Res() res) {{\n{filler}    return res.redirect(302, '/done');\n  }}\n}}\n"
    );
    for (language, source) in [(Language::Rust, rust), (Language::TypeScript, typescript)] {
        assert_same_as_everywhere(&source, language);
        let analysis = analyze(&source, language, &Config::default()).expect("parses");
        assert!(
            analysis
                .findings
                .iter()
                .any(|f| f.rule == "redirect-status" && f.message.contains("POST")),
            "{language:?}: {:#?}",
            analysis.findings
        );
    }
}
