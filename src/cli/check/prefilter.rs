//! A byte search that rules out most files before any parse. A file can only hold a status-code
//! site if it contains one of the words the sites queries (`queries/<language>/sites.scm`) test
//! for, so a file with none of them is done after one pass of an Aho-Corasick automaton over its
//! bytes. Each query file has its own list: the words that matter in Rust (`StatusCode`) are not
//! those of JavaScript (`res.json(`), and Rust code says `status` far too often to search for it
//! alone.
//!
//! The lists must stay in step with the queries: every pattern in a sites query has a predicate
//! (`#eq?`, `#any-of?`, `#match?`) all of whose words contain a needle of its language, and
//! `tests/check_prefilter.rs` parses the queries to hold us to that. A pattern that tests no word
//! at all would make this filter wrong, and that test fails first. What follows a word (`After`)
//! is a judgement the test cannot check: keep it to what the query's node shape forces.

use crate::syntax::Language;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// A word whose presence lets a file through.
#[derive(Debug, Clone, Copy)]
pub struct Needle {
    pub word: &'static str,
    /// Whether ASCII case is ignored: one JavaScript `status` covers `statusCode`, `sendStatus`,
    /// `HttpStatus` and `HTTP_STATUS`.
    pub any_case: bool,
    pub after: After,
}

/// What must follow the word, after any whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Anything,
    /// A call: `(`, type arguments `<`, or an optional call `?.(`. Words such as `json`, `text`
    /// and `body` are in nearly every file; their calls with a status far less so.
    Call,
    /// A path separator `::`: Rust's `Status::NotFound`, where `Status` alone names a hundred
    /// other types.
    Path,
}

const fn word(word: &'static str) -> Needle {
    Needle {
        word,
        any_case: false,
        after: After::Anything,
    }
}

const fn call(word: &'static str) -> Needle {
    Needle {
        word,
        any_case: false,
        after: After::Call,
    }
}

/// `queries/javascript/sites.scm`, for JavaScript, JSX, TypeScript and TSX.
pub const JAVASCRIPT: &[Needle] = &[
    // res.status(), sendStatus, statusCode, { status: }, HttpStatus.X, StatusCodes.X,
    // httpStatus.X, HTTP_STATUS.X, HttpStatusCode.X, comparisons on .status and .statusCode.
    Needle {
        word: "status",
        any_case: true,
        after: After::Anything,
    },
    // reply.code(404) (Fastify), h.response().code(404) (Hapi), @HttpCode(204) (NestJS).
    Needle {
        word: "code",
        any_case: true,
        after: After::Call,
    },
    // res.writeHead(404), ctx.throw(404) (Koa).
    word("writeHead"),
    call("throw"),
    // res.redirect(301, url), c.redirect(url, 301), Response.redirect(url, 308).
    call("redirect"),
    // c.json(body, 404), c.text(..), c.html(..), c.body(..), c.newResponse(..) (Hono).
    call("json"),
    call("text"),
    call("html"),
    call("body"),
    word("newResponse"),
    // new HttpException("Gone", 410) (NestJS), createError(404), createHttpError(404),
    // httpErrors(404).
    word("HttpException"),
    word("createError"),
    word("createHttpError"),
    word("httpErrors"),
];

/// `queries/rust/sites.scm`.
pub const RUST: &[Needle] = &[
    // StatusCode::NOT_FOUND, StatusCode::from_u16(404) (http, axum, reqwest, hyper).
    word("StatusCode"),
    // Status::NotFound, Status::new(404) (rocket).
    Needle {
        word: "Status",
        any_case: false,
        after: After::Path,
    },
    // HttpResponse::NotFound() (actix-web).
    word("HttpResponse"),
    // Response::builder().status(404), res.status() == 404.
    call("status"),
    // code.as_u16() == 404.
    word("as_u16"),
];

pub fn needles(language: Language) -> &'static [Needle] {
    if language.is_rust() { RUST } else { JAVASCRIPT }
}

static AUTOMATA: LazyLock<[AhoCorasick; 2]> =
    LazyLock::new(|| [automaton(JAVASCRIPT), automaton(RUST)]);

fn automaton(needles: &[Needle]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        // Case-blind only where a needle asks for it: a case-sensitive automaton is faster.
        .ascii_case_insensitive(needles.iter().any(|n| n.any_case))
        .match_kind(MatchKind::Standard)
        .build(needles.iter().map(|n| n.word))
        .expect("the needles are a handful of short words")
}

/// Whether `bytes` of a `language` file may contain a status-code site. False means certainly
/// not; true means parse.
pub fn may_contain_site(language: Language, bytes: &[u8]) -> bool {
    let needles = needles(language);
    let automaton = &AUTOMATA[usize::from(language.is_rust())];
    automaton.find_overlapping_iter(bytes).any(|m| {
        let needle = needles[m.pattern().as_usize()];
        let rest = &bytes[m.end()..];
        (needle.any_case || &bytes[m.start()..m.end()] == needle.word.as_bytes())
            && match needle.after {
                After::Anything => true,
                After::Call => next(rest).is_some_and(|b| matches!(b, b'(' | b'<' | b'?')),
                After::Path => {
                    let skipped = rest.len() - rest.trim_ascii_start().len();
                    rest[skipped..].starts_with(b"::")
                }
            }
    })
}

fn next(rest: &[u8]) -> Option<u8> {
    rest.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Whether a word a query tests for contains a needle of `language`: what the query test checks.
pub fn covers(language: Language, word: &str) -> bool {
    needles(language).iter().any(|n| {
        if n.any_case {
            word.to_ascii_lowercase()
                .contains(&n.word.to_ascii_lowercase())
        } else {
            word.contains(n.word)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(source: &str) -> bool {
        may_contain_site(Language::TypeScript, source.as_bytes())
    }

    fn rust(source: &str) -> bool {
        may_contain_site(Language::Rust, source.as_bytes())
    }

    #[test]
    fn files_without_any_site_word_are_ruled_out() {
        assert!(!js(
            "export function add(a, b) { return a + b; }\nthrow new Error('x');\n"
        ));
        assert!(!js("const text = document.body; let json = {};"));
        assert!(!js("// the error code is logged\nlet body = x;"));
        assert!(!js(""));
        assert!(!rust("let status = child.wait()?; if !status.success() {}"));
        assert!(!rust("enum Status { Ok } fn f(s: Status) {}"));
        assert!(!rust(
            "let body = res.text().await?; let json = serde_json::json!({});"
        ));
    }

    #[test]
    fn site_words_let_files_through_in_their_language() {
        for source in [
            "res.status(404)",
            "res.sendStatus(404)",
            "HTTP_STATUS.NOT_FOUND",
            "reply.code(404)",
            "reply.code (404)",
            "@HttpCode(204)",
            "ctx.throw(404)",
            "c.json(body, 404)",
            "c.json<Body>(body, 404)",
            "c.text\n  (body, 404)",
            "res.redirect(301, '/x')",
            "new HttpException('Gone', 410)",
            "createHttpError(404)",
        ] {
            assert!(js(source), "{source}");
        }
        for source in [
            "StatusCode::NOT_FOUND",
            "http::StatusCode::from_u16(531)",
            "Status::NotFound",
            "Status :: new(531)",
            "HttpResponse::NotFound()",
            "Response::builder().status(404)",
            "if code.as_u16() == 404 {}",
        ] {
            assert!(rust(source), "{source}");
        }
    }

    #[test]
    fn the_words_of_one_language_do_not_open_the_other() {
        assert!(!rust("reply.code(404); c.json(body, 404); ctx.throw(404)"));
        assert!(!js("HttpResponse::NotFound(); x.as_u16()"));
    }
}
