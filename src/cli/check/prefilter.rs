//! A byte search that rules out most files before any parse. A file can only hold a status-code
//! site if it contains one of the words the sites queries (`queries/*/sites.scm`) test for, so
//! a file with none of them is done after one pass of an Aho-Corasick automaton over its bytes.
//!
//! The list must stay in step with the queries: every pattern in a sites query has a predicate
//! (`#eq?`, `#any-of?`, `#match?`) all of whose words contain a needle below, and
//! `tests/check_prefilter.rs` parses the queries to hold us to that. A pattern that tests no word
//! at all would make this filter wrong, and that test fails first.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// A word whose presence lets a file through. Matching ignores ASCII case, so one `status`
/// covers `statusCode`, `sendStatus`, `HttpStatus`, `HTTP_STATUS` and `StatusCode`.
#[derive(Debug, Clone, Copy)]
pub struct Needle {
    pub word: &'static str,
    /// Counts only as a call (`c.json(`, `c.json<T>(`, `res.code?.(`): words such as `throw`,
    /// `json`, `text` and `body` are in nearly every file, their calls with a status far less so.
    pub call: bool,
}

const fn any(word: &'static str) -> Needle {
    Needle { word, call: false }
}

const fn call(word: &'static str) -> Needle {
    Needle { word, call: true }
}

/// Every word a sites query matches on, by the query construct that needs it.
pub const NEEDLES: &[Needle] = &[
    // JS: res.status(), sendStatus, statusCode, { status: }, HttpStatus.X, StatusCodes.X,
    // httpStatus.X, HTTP_STATUS.X, comparisons on .status; Rust: StatusCode::X, Status::X,
    // .status(404), resp.status() == 404.
    any("status"),
    // JS: reply.code(404) (Fastify), h.response().code(404) (Hapi), @HttpCode(204) (NestJS).
    call("code"),
    // JS: res.writeHead(404), ctx.throw(404) (Koa).
    any("writeHead"),
    call("throw"),
    // JS: res.redirect(301, url), c.redirect(url, 301), Response.redirect(url, 308).
    call("redirect"),
    // JS (Hono): c.json(body, 404), c.text(..), c.html(..), c.body(..), c.newResponse(..).
    call("json"),
    call("text"),
    call("html"),
    call("body"),
    any("newResponse"),
    // JS: new HttpException("Gone", 410) (NestJS), createError(404), createHttpError(404),
    // httpErrors(404).
    any("HttpException"),
    any("createError"),
    any("createHttpError"),
    any("httpErrors"),
    // Rust: HttpResponse::NotFound() (actix-web), code.as_u16() == 404.
    any("HttpResponse"),
    any("as_u16"),
];

static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(NEEDLES.iter().map(|n| n.word))
        .expect("the needles are a handful of short words")
});

/// Whether `bytes` may contain a status-code site. False means certainly not; true means parse.
pub fn may_contain_site(bytes: &[u8]) -> bool {
    AUTOMATON.find_overlapping_iter(bytes).any(|m| {
        let needle = NEEDLES[m.pattern().as_usize()];
        !needle.call || is_call(&bytes[m.end()..])
    })
}

/// Whether what follows a name makes it a call: `(`, type arguments `<`, or optional call `?.(`,
/// after any whitespace.
fn is_call(rest: &[u8]) -> bool {
    rest.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'(' | b'<' | b'?'))
}

/// Whether a word from a query is covered by some needle: what the query test checks.
pub fn covers(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    NEEDLES
        .iter()
        .any(|n| word.contains(&n.word.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_without_any_site_word_are_ruled_out() {
        let plain = b"export function add(a, b) { return a + b; }\nthrow new Error('x');\n";
        assert!(!may_contain_site(plain));
        assert!(!may_contain_site(
            b"const text = document.body; let json = {};"
        ));
        assert!(!may_contain_site(b""));
    }

    #[test]
    fn site_words_let_files_through_in_any_case_and_call_form() {
        for source in [
            "res.status(404)",
            "res.sendStatus(404)",
            "StatusCode::NOT_FOUND",
            "HTTP_STATUS.NOT_FOUND",
            "reply.code(404)",
            "reply.code (404)",
            "@HttpCode(204)",
            "ctx.throw(404)",
            "c.json(body, 404)",
            "c.json<Body>(body, 404)",
            "c.text\n  (body, 404)",
            "res.redirect(301, '/x')",
            "HttpResponse::NotFound()",
            "if code.as_u16() == 404 {}",
            "new HttpException('Gone', 410)",
            "createHttpError(404)",
        ] {
            assert!(may_contain_site(source.as_bytes()), "{source}");
        }
    }

    #[test]
    fn call_needles_need_a_call() {
        assert!(!may_contain_site(
            b"throw new Error('no'); const html = '';"
        ));
        assert!(!may_contain_site(
            b"// the error code is logged\nlet body = x;"
        ));
    }
}
