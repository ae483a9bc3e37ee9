//! A byte search that rules out most of a file before any parse, and most files altogether.
//!
//! Every pattern that can put a finding in a file names an identifier exactly: the `#eq?` and
//! `#any-of?` predicates of `queries/<language>/sites.scm` (`status`, `writeHead`, `StatusCode`)
//! and of the default-status pattern in `bodies.scm` (`json`, `send`). A file, or a top-level
//! statement of one, in which none of those identifiers occurs in the shape its pattern needs
//! cannot hold a site, so it needs no parse and no query. Matching whole identifiers rather than
//! substrings is what makes this sharp: `status` alone is in `statusText`, `fromCharCode(` ends
//! in `code(`, and a client's `await res.json()` is not a server's response.
//!
//! The shape around a word is read from raw bytes, so where the bytes are not plainly what a
//! pattern needs (a comment between the tokens, a receiver that is a call) the hit counts: the
//! filter may let through what the queries then reject, never the other way round.
//! `tests/check_prefilter.rs` holds the word lists to the queries (every pattern must have a
//! predicate whose words are all needles) and the shapes to every fixture, example and a corpus of
//! site variants.

use super::sites::looks_like_response;
use super::{Family, Language, is_identifier_byte};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::ops::Range;
use std::sync::LazyLock;

/// An identifier whose presence, in one of its shapes, lets the bytes around it through.
#[derive(Debug, Clone, Copy)]
pub struct Needle {
    pub word: &'static str,
    pub shapes: &'static [Shape],
    /// Text the file must also hold, as the patterns testing the word demand (`requires` in the
    /// query): rocket's `Status` counts only in files that mention `rocket::`.
    pub requires: Option<&'static str>,
}

/// Where a needle word stands, from the node shapes of the patterns that test it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A method call on something that looks like a response (`res.status(`, `reply.code(`,
    /// `c.json<T>(`, `res.status?.(`): the patterns' `@receiver` is held to the names
    /// `looks_like_response` accepts.
    Method,
    /// A Rust method called without arguments and compared (`res.status() == 404`,
    /// `404 == code.as_u16()`, `assert_eq!(res.status(), 404)`), on any receiver.
    Compared,
    /// A Rust method called without arguments and matched on: `match code.as_u16() { 404 => }`.
    Matched,
    /// A property compared or assigned (`res.status === 404`, `404 !== res.statusCode`,
    /// `ctx.status = 404`, `switch (res.status)`, `expect(res.status)`), on a response.
    Property,
    /// An object key whose value may be a code: `{ status: 404 }`, `{ status: HttpStatus.OK }`.
    Key,
    /// A property of a response assigned (`ctx.body = { error }`, Koa's body).
    Assigned,
    /// An object key whose value is a number: `{ statusCode: 404 }`.
    NumberKey,
    /// A plain call or constructor: `createError(`, `@HttpCode(`, `new HttpException(`.
    Call,
    /// A plain call whose first argument is the code, so not a lone string: `createError(404)`,
    /// not Fastify's `createError('FST_ERR_X', 'message')`.
    CodeFirst,
    /// The namespace of a constant: `HttpStatus.` (JavaScript) or `StatusCode::` (Rust).
    Namespace,
    /// Anywhere the whole word stands: Python's and Go's needles, whose hits stand for the
    /// top-level unit around them (see [`by_unit`]).
    Word,
    /// The word followed at once by one of these texts: Go's `http` only as `http.Status..`,
    /// `http.Error(`, Python's `status` only as `status.HTTP_..` or a keyword `status=`.
    FollowedBy(&'static [&'static str]),
    /// A Python `return` of a tuple on its line (`return jsonify(error=e), 500`): a Flask view's
    /// status.
    ReturnsATuple,
    /// A call with a three-digit 1xx-5xx number as one of its arguments: `super("teapot", 200)`
    /// in an error class's constructor.
    CodeArgument,
    /// A decorator's call (`@app.get(`, `@bp.route(`, `@app.errorhandler(`): the function under
    /// it is a handler, whose returned body is a response (`default_status_python`).
    Decorator,
}

const METHOD: &[Shape] = &[Shape::Method];
const CALL: &[Shape] = &[Shape::Call];
const CODE_FIRST: &[Shape] = &[Shape::CodeFirst];
const NAMESPACE: &[Shape] = &[Shape::Namespace];
const WORD: &[Shape] = &[Shape::Word];

const fn needle(word: &'static str, shapes: &'static [Shape]) -> Needle {
    Needle {
        word,
        shapes,
        requires: None,
    }
}

/// `queries/javascript/sites.scm` and the default-status pattern of `bodies.scm`, for JavaScript,
/// JSX, TypeScript and TSX.
pub const JAVASCRIPT: &[Needle] = &[
    // res.status(404), res.status === 404, ctx.status = 404, new Response(b, { status: 404 }).
    needle("status", &[Shape::Method, Shape::Property, Shape::Key]),
    // res.statusCode = 404, res.statusCode !== 200, return { statusCode: 404 }.
    needle("statusCode", &[Shape::Property, Shape::NumberKey]),
    // res.sendStatus(404), reply.code(404), res.writeHead(404), ctx.throw(404).
    needle("sendStatus", METHOD),
    needle("code", METHOD),
    needle("writeHead", METHOD),
    needle("throw", METHOD),
    // res.redirect(301, url), c.redirect(url, 301), Response.redirect(url, 308), and the
    // framework model's implicit statuses (frameworks/*.toml): res.redirect(url), Next.js's
    // redirect(url) and permanentRedirect(url), NestJS's @Redirect(url).
    needle("redirect", &[Shape::Method, Shape::Call]),
    needle("permanentRedirect", CALL),
    needle("Redirect", CALL),
    // c.json(body, 404), c.text(..), c.html(..), c.body(..), c.newResponse(..) (Hono), and the
    // responses that go out with the default 200: res.json(x), res.send(x), res.render(view).
    needle("json", METHOD),
    needle("text", METHOD),
    needle("html", METHOD),
    needle("body", &[Shape::Method, Shape::Assigned]),
    needle("newResponse", METHOD),
    needle("send", METHOD),
    needle("render", METHOD),
    // @HttpCode(204), new HttpException("Gone", 410) (NestJS), createError(404),
    // createHttpError(404), httpErrors(404).
    needle("HttpCode", CODE_FIRST),
    needle("HttpException", CALL),
    // new HTTPException(531) (Hono).
    needle("HTTPException", CALL),
    // new NotFoundException() and the other HttpException subclasses (NestJS), whose class
    // names the status (frameworks/nestjs.toml).
    needle("BadRequestException", CALL),
    needle("UnauthorizedException", CALL),
    needle("ForbiddenException", CALL),
    needle("NotFoundException", CALL),
    needle("MethodNotAllowedException", CALL),
    needle("NotAcceptableException", CALL),
    needle("RequestTimeoutException", CALL),
    needle("ConflictException", CALL),
    needle("GoneException", CALL),
    needle("PreconditionFailedException", CALL),
    needle("PayloadTooLargeException", CALL),
    needle("UnsupportedMediaTypeException", CALL),
    needle("ImATeapotException", CALL),
    needle("MisdirectedException", CALL),
    needle("UnprocessableEntityException", CALL),
    needle("InternalServerErrorException", CALL),
    needle("NotImplementedException", CALL),
    needle("BadGatewayException", CALL),
    needle("ServiceUnavailableException", CALL),
    needle("GatewayTimeoutException", CALL),
    needle("HttpVersionNotSupportedException", CALL),
    // new Response(body), new NextResponse(body): the fetch API's default 200.
    needle("Response", CALL),
    needle("NextResponse", CALL),
    needle("createError", CODE_FIRST),
    needle("createHttpError", CODE_FIRST),
    needle("httpErrors", CODE_FIRST),
    // class Teapot extends HttpException { constructor() { super("teapot", 200) } }.
    needle("super", &[Shape::CodeArgument]),
    // HttpStatus.NOT_FOUND, StatusCodes.NOT_FOUND, httpStatus.NOT_FOUND, HttpStatusCode.NotFound,
    // HTTP_STATUS.NOT_FOUND.
    needle("HttpStatus", NAMESPACE),
    needle("StatusCodes", NAMESPACE),
    needle("httpStatus", NAMESPACE),
    needle("HttpStatusCode", NAMESPACE),
    needle("HTTP_STATUS", NAMESPACE),
];

/// `queries/rust/sites.scm`.
pub const RUST: &[Needle] = &[
    // StatusCode::NOT_FOUND, StatusCode::from_u16(404) (http, axum, reqwest, hyper), and the
    // `StatusCode` `::` `NOT_FOUND` tokens of a macro's arguments.
    needle("StatusCode", NAMESPACE),
    // Status::NotFound, Status::new(404) (rocket).
    Needle {
        word: "Status",
        shapes: NAMESPACE,
        requires: Some("rocket::"),
    },
    // HttpResponse::NotFound() (actix-web).
    needle("HttpResponse", NAMESPACE),
    // Response::builder().status(404), res.status() == 404, assert_eq!(res.status(), 404),
    // code.as_u16() == 404; not `Command::new(x).status()?`.
    needle("status", &[Shape::Method, Shape::Compared]),
    needle("as_u16", &[Shape::Compared, Shape::Matched]),
    // warp::reply::with_status(reply, code).
    needle("with_status", CALL),
    // The framework model's implicit statuses: Redirect::to(uri) (rocket, axum),
    // warp::redirect::found(uri).
    needle("Redirect", NAMESPACE),
    needle("redirect", NAMESPACE),
];

/// `queries/python/sites.scm` and the framework rows of Python (FastAPI, Starlette, Flask,
/// Django, DRF, aiohttp). A Flask view's `return body, 404` names no word but `return`.
pub const PYTHON: &[Needle] = &[
    needle("status_code", WORD),
    // `status.HTTP_404_NOT_FOUND`, `Response(status=404)`, `resp.status = 404`, `r.status == 503`
    needle(
        "status",
        &[Shape::FollowedBy(&[
            ".HTTP_", "=", " =", " ==", " !=", " >", " <", " in ",
        ])],
    ),
    // werkzeug's `class PaymentFailed(HTTPException): code = 402`, an exception's own status.
    needle(
        "code",
        &[Shape::FollowedBy(&[
            " = 1", " = 2", " = 3", " = 4", " = 5", "=1", "=2", "=3", "=4", "=5",
        ])],
    ),
    // WebOb's (Pyramid's) `response.status_int`.
    needle("status_int", WORD),
    needle("HTTPStatus", WORD),
    needle("HTTPException", WORD),
    needle("abort", WORD),
    needle("make_response", WORD),
    needle("redirect", WORD),
    // @app.get("/x"), @bp.route("/x"), @api_view(["POST"]), @app.errorhandler(404),
    // @app.exception_handler(E): a handler, whose returned body goes out with 200; and the
    // class-based views of Django and DRF, whose `get`/`post` methods are handlers.
    needle("get", &[Shape::Decorator]),
    needle("post", &[Shape::Decorator]),
    needle("put", &[Shape::Decorator]),
    needle("patch", &[Shape::Decorator]),
    needle("delete", &[Shape::Decorator]),
    needle("route", &[Shape::Decorator]),
    needle("api_view", &[Shape::Decorator]),
    needle("errorhandler", &[Shape::Decorator]),
    needle("exception_handler", &[Shape::Decorator]),
    needle("APIView", WORD),
    needle("GenericAPIView", WORD),
    needle("ViewSet", WORD),
    needle("ModelViewSet", WORD),
    needle("GenericViewSet", WORD),
    needle("View", &[Shape::FollowedBy(&[")", "):"])]),
    // return jsonify(error=msg), 500 (a Flask view's tuple)
    Needle {
        word: "return",
        shapes: &[Shape::ReturnsATuple],
        requires: Some("flask"),
    },
    // Django's responses and the exceptions it answers (frameworks/django.toml), rather than
    // `django`, which nearly every file of a Django project imports.
    needle("HttpResponse", WORD),
    needle("JsonResponse", WORD),
    // aiohttp's `web.json_response(data)`
    needle("json_response", WORD),
    needle("HttpResponseRedirect", WORD),
    needle("HttpResponsePermanentRedirect", WORD),
    needle("HttpResponseNotModified", WORD),
    needle("HttpResponseBadRequest", WORD),
    needle("HttpResponseForbidden", WORD),
    needle("HttpResponseNotFound", WORD),
    needle("HttpResponseNotAllowed", WORD),
    needle("HttpResponseGone", WORD),
    needle("HttpResponseServerError", WORD),
    needle("Http404", WORD),
    needle("PermissionDenied", WORD),
    needle("SuspiciousOperation", WORD),
    // The calls of the framework rows (frameworks/*.toml), each only in a file naming its
    // framework: `RedirectResponse(url)`, `web.HTTPNotFound()`, werkzeug's and DRF's exceptions
    // (`NotImplemented` is also Python's builtin).
    Needle {
        word: "HTTPOk",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPCreated",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPAccepted",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNoContent",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPMovedPermanently",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPFound",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPSeeOther",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNotModified",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPTemporaryRedirect",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPPermanentRedirect",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPBadRequest",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPUnauthorized",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPPaymentRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPForbidden",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNotFound",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPMethodNotAllowed",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNotAcceptable",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPProxyAuthenticationRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPRequestTimeout",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPConflict",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPGone",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPLengthRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPPreconditionFailed",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPRequestEntityTooLarge",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPRequestURITooLong",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPUnsupportedMediaType",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPRequestRangeNotSatisfiable",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPExpectationFailed",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPMisdirectedRequest",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPUnprocessableEntity",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPFailedDependency",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPUpgradeRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPPreconditionRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPTooManyRequests",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPRequestHeaderFieldsTooLarge",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPUnavailableForLegalReasons",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPInternalServerError",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNotImplemented",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPBadGateway",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPServiceUnavailable",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPGatewayTimeout",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    needle("HTTPVersionNotSupported", WORD),
    Needle {
        word: "HTTPVariantAlsoNegotiates",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPInsufficientStorage",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNotExtended",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    Needle {
        word: "HTTPNetworkAuthenticationRequired",
        shapes: WORD,
        requires: Some("aiohttp"),
    },
    needle("NotFound", WORD),
    Needle {
        word: "NotAuthenticated",
        shapes: WORD,
        requires: Some("rest_framework"),
    },
    Needle {
        word: "AuthenticationFailed",
        shapes: WORD,
        requires: Some("rest_framework"),
    },
    Needle {
        word: "ValidationError",
        shapes: WORD,
        requires: Some("rest_framework"),
    },
    Needle {
        word: "ParseError",
        shapes: WORD,
        requires: Some("rest_framework"),
    },
    needle("MethodNotAllowed", WORD),
    needle("NotAcceptable", WORD),
    needle("UnsupportedMediaType", WORD),
    Needle {
        word: "Throttled",
        shapes: WORD,
        requires: Some("rest_framework"),
    },
    needle("BadRequest", WORD),
    Needle {
        word: "RedirectResponse",
        shapes: WORD,
        requires: Some("fastapi"),
    },
    Needle {
        word: "Unauthorized",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "Forbidden",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "RequestTimeout",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "Conflict",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "Gone",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "LengthRequired",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "PreconditionFailed",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "RequestEntityTooLarge",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "RequestURITooLarge",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "RequestedRangeNotSatisfiable",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "ExpectationFailed",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "ImATeapot",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "UnprocessableEntity",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "Locked",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "FailedDependency",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "PreconditionRequired",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "TooManyRequests",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "RequestHeaderFieldsTooLarge",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "UnavailableForLegalReasons",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "InternalServerError",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "NotImplemented",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "BadGateway",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "ServiceUnavailable",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
    Needle {
        word: "GatewayTimeout",
        shapes: WORD,
        requires: Some("werkzeug"),
    },
];

/// `queries/go/sites.scm` and the framework rows of Go (net/http, gin, echo, chi, fiber): every
/// net/http handler names `http` (`http.ResponseWriter`, `http.StatusNotFound`), gin, echo and
/// fiber handlers their package.
pub const GO: &[Needle] = &[
    // `http.StatusNotFound`, `http.Error(w, ..)`, `http.Redirect(..)`, `http.NotFound(w, r)`, and
    // every handler's `http.ResponseWriter`.
    needle(
        "http",
        &[Shape::FollowedBy(&[
            ".Status",
            ".Error(",
            ".Redirect(",
            ".NotFound(",
            ".ResponseWriter",
        ])],
    ),
    needle("WriteHeader", WORD),
    needle("StatusCode", WORD),
    needle("gin", WORD),
    needle("echo", WORD),
    needle("fiber", WORD),
    // render.Status(r, 400) (go-chi/render)
    needle("render", &[Shape::FollowedBy(&[".Status("])]),
    // rec.Code != 200, with net/http/httptest's recorder.
    Needle {
        word: "Code",
        shapes: &[Shape::FollowedBy(&[" ==", " !=", "==", "!=", " <", " >"])],
        requires: Some("httptest"),
    },
    // The calls of the framework rows: `http.NotFound(w, r)`, fiber's `c.Redirect(url)`.
    Needle {
        word: "Redirect",
        shapes: WORD,
        requires: Some("fiber"),
    },
    Needle {
        word: "NotFound",
        shapes: WORD,
        requires: Some("http"),
    },
];

/// Whether a hit in a `language` file stands for the top-level unit around it (a function, a
/// class, a statement: `analysis` widens it once the file is parsed), not for the few nodes
/// around the word. Python's and Go's rules read whole handlers, whose words may stand far from
/// the status (a Go handler that never calls `WriteHeader` answers 200; a Flask view's
/// `return body, 404` names no word but `return`).
pub fn by_unit(language: Language) -> bool {
    matches!(language.family(), Family::Python | Family::Go)
}

/// Whether `word`, a needle of `language`, is one a sites pattern tests for, rather than one only
/// the responses that go out with the default status (`res.send(x)`, `res.render(view)`) need.
pub fn site_word(language: Language, word: &str) -> bool {
    !language.is_javascript() || !matches!(word, "send" | "render")
}

pub fn needles(language: Language) -> &'static [Needle] {
    match language.family() {
        Family::Javascript => JAVASCRIPT,
        Family::Rust => RUST,
        Family::Python => PYTHON,
        Family::Go => GO,
    }
}

fn family_slot(language: Language) -> usize {
    match language.family() {
        Family::Javascript => 0,
        Family::Rust => 1,
        Family::Python => 2,
        Family::Go => 3,
    }
}

static AUTOMATA: LazyLock<[AhoCorasick; 4]> = LazyLock::new(|| {
    [
        automaton(JAVASCRIPT),
        automaton(RUST),
        automaton(PYTHON),
        automaton(GO),
    ]
});

fn automaton(needles: &[Needle]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        // Only whole identifiers count, and no identifier spans another's boundary, so the
        // leftmost-longest match at each place is the only one that can: `statusCode` rather
        // than the `status` inside it. Non-overlapping search is also the fast one.
        .match_kind(MatchKind::LeftmostLongest)
        .build(needles.iter().map(|n| n.word))
        .expect("the needles are a handful of short words")
}

/// Whether `bytes` of a `language` file may hold a finding. False means certainly not; true
/// means parse.
pub fn may_contain_site(language: Language, bytes: &[u8]) -> bool {
    hits(language, bytes).next().is_some()
}

/// The needle words in `bytes` that stand in a shape some pattern needs, in order: the only
/// places a site or a default-status response can be.
pub fn site_hits(language: Language, bytes: &[u8]) -> Vec<Range<usize>> {
    hits(language, bytes).collect()
}

fn hits(language: Language, bytes: &[u8]) -> impl Iterator<Item = Range<usize>> + '_ {
    let needles = needles(language);
    let automaton = &AUTOMATA[family_slot(language)];
    let mut required: Vec<(&str, bool)> = Vec::new();
    // Where the line of the latest match starts, found by searching only the bytes since the
    // previous match: linear in the file however many matches a long line holds.
    let (mut line_start, mut searched) = (0, 0);
    automaton
        .find_iter(bytes)
        .filter(move |m| {
            let (start, end) = (m.start(), m.end());
            let needle = &needles[m.pattern().as_usize()];
            if !super::is_whole_word(bytes, start..end) {
                return false;
            }
            if let Some(newline) = memchr::memrchr(b'\n', &bytes[searched..start]) {
                line_start = searched + newline + 1;
            }
            searched = start;
            // A line that starts with `//` is a comment, doc comments included. (Only a string or
            // template literal spanning lines could make such a line code, and then the word is
            // in the literal.)
            !bytes[line_start..start]
                .trim_ascii_start()
                .starts_with(b"//")
                && needle
                    .shapes
                    .iter()
                    .any(|&shape| fits(shape, bytes, start, end, language))
                && needle.requires.is_none_or(|text| {
                    // Looked up once per file, on the first hit that needs it.
                    match required.iter().find(|(t, _)| *t == text) {
                        Some(&(_, found)) => found,
                        None => {
                            let found = memmem(bytes, text.as_bytes());
                            required.push((text, found));
                            found
                        }
                    }
                })
        })
        .map(|m| m.range())
}

/// The bytes of `at`'s line before it; None for a line so long (minified code) that searching
/// back to its start for every hit would cost its length each time.
fn line_before(bytes: &[u8], at: usize) -> Option<&[u8]> {
    const FARTHEST: usize = 4096;
    let floor = at.saturating_sub(FARTHEST);
    match memchr::memrchr(b'\n', &bytes[floor..at]) {
        Some(i) => Some(&bytes[floor + i + 1..at]),
        None if floor == 0 => Some(&bytes[..at]),
        None => None,
    }
}

fn memmem(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// What the bytes around a word say about where it stands, looking past whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Byte(u8),
    /// A comment, or the end of the file: anything may follow.
    Unknown,
}

/// The first byte after `end` that is neither whitespace nor in a comment.
fn next_after(bytes: &[u8], end: usize) -> Next {
    match after_trivia(bytes, end) {
        Some([b, ..]) => Next::Byte(*b),
        _ => Next::Unknown,
    }
}

/// The bytes after `end` past whitespace and comments; None when a block comment never ends.
/// Comments are skipped exactly: after a token of real code, `//` and `/*` can only start one.
fn after_trivia(bytes: &[u8], end: usize) -> Option<&[u8]> {
    let mut rest = bytes[end.min(bytes.len())..].trim_ascii_start();
    loop {
        match rest {
            [b'/', b'/', ..] => {
                let line = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                rest = rest[line..].trim_ascii_start();
            }
            [b'/', b'*', tail @ ..] => {
                let close = memchr::memmem::find(tail, b"*/")?;
                rest = tail[close + 2..].trim_ascii_start();
            }
            _ => return Some(rest),
        }
    }
}

fn fits(shape: Shape, bytes: &[u8], start: usize, end: usize, language: Language) -> bool {
    let next = next_after(bytes, end);
    let is = |next: Next, allowed: &[u8]| match next {
        Next::Unknown => true,
        Next::Byte(b) => allowed.contains(&b),
    };
    // `(` a call, `<` type arguments, `?.(` an optional call, `!` a non-null assertion.
    let opens_call = || match next {
        Next::Byte(b'?') => bytes[end..].trim_ascii_start().starts_with(b"?."),
        _ => is(next, b"(<!"),
    };
    match shape {
        // `createError(404)`, never `Notification.createError(err)` nor a declaration of that
        // name (`static createError(err) {`).
        Shape::Call => {
            opens_call() && member_dot(bytes, start).is_none() && !declared(bytes, start)
        }
        Shape::CodeFirst => {
            opens_call()
                && member_dot(bytes, start).is_none()
                && !declared(bytes, start)
                && !after_trivia(bytes, end)
                    .and_then(|rest| rest.strip_prefix(b"("))
                    .is_some_and(|rest| lone_string(rest.trim_ascii_start()))
        }
        Shape::Namespace if language.is_rust() => {
            after_trivia(bytes, end).is_none_or(|rest| rest.is_empty() || rest.starts_with(b"::"))
        }
        Shape::Namespace => is(next, b".?"),
        Shape::Word => true,
        Shape::FollowedBy(texts) => texts.iter().any(|t| bytes[end..].starts_with(t.as_bytes())),
        Shape::CodeArgument => after_trivia(bytes, end)
            .and_then(|rest| rest.strip_prefix(b"("))
            .is_some_and(has_code_argument),
        Shape::Decorator => {
            let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
            bytes[line_start..start]
                .trim_ascii_start()
                .starts_with(b"@")
                && bytes[end..].starts_with(b"(")
        }
        Shape::ReturnsATuple => {
            let rest = &bytes[end..bytes.len().min(end + 400)];
            let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
            memchr::memchr(b',', line).is_some()
        }
        // The init object a `Response` takes, so an argument: `new Response(b, { status: 404 })`,
        // not `const job = { status: 0 }`.
        Shape::Key => {
            // `{ status: 404 }`, or the shorthand `{ status }` of a name holding the code.
            (is(next, b":") && key_value(bytes, end).is_some_and(|v| v.may_be_a_code)
                || is(next, b",}"))
                && starts_member(bytes, start)
                && object_may_be_an_argument(bytes, end)
        }
        Shape::NumberKey => {
            is(next, b":")
                && starts_member(bytes, start)
                && key_value(bytes, end).is_some_and(|v| v.code_number)
        }
        Shape::Assigned => {
            member_dot(bytes, start).is_some_and(|dot| response(bytes, dot).is_ok())
                && after_trivia(bytes, end)
                    .is_some_and(|rest| rest.starts_with(b"=") && !rest.starts_with(b"=="))
        }
        Shape::Compared => {
            let Some(dot) = member_dot(bytes, start) else {
                return false;
            };
            let after = after_empty_call(bytes, end);
            called_without_arguments(bytes, end)
                // `res.status() == 404`, `assert_eq!(res.status(), 404)`; the call must end its
                // operand (`cmd.status()?.success()` does not compare it).
                && (is(after, b"=!<>,)")
                    || !is(after, b".?([")
                        && match chain_start(bytes, dot) {
                            // `(**self).status()`, `Command::new(x).arg(y).status()`.
                            (_, Next::Unknown) => operand_start(bytes, dot)
                                .is_none_or(|start| compared_before(bytes, start)),
                            (chain, _) => compared_before(bytes, chain),
                        })
        }
        Shape::Matched => {
            called_without_arguments(bytes, end)
                && member_dot(bytes, start).is_some()
                && is(after_empty_call(bytes, end), b"{")
        }
        // Every method pattern takes an argument: `res.json()` is a client reading.
        Shape::Method => {
            opens_call()
                && !called_without_arguments(bytes, end)
                && member_dot(bytes, start).is_some_and(|dot| response(bytes, dot).is_ok())
        }
        Shape::Property => {
            // `class Gone extends HttpError { status = 410 }`: a class field giving the error
            // its status (`queries/javascript/sites.scm`).
            if starts_a_field(bytes, start) && assigned_a_code(bytes, end) {
                return true;
            }
            let Some(dot) = member_dot(bytes, start) else {
                return false;
            };
            // `err.status = 531` on any object: an error that carries its status to the
            // framework (`next(err)`, `throw err`), which the model decides.
            if assigned_a_code(bytes, end) {
                return true;
            }
            let Ok(chain) = response(bytes, dot) else {
                return false;
            };
            // Neither compared with a string nor given one (`"pending" === c.status`,
            // `c.status = "done"`): only numbers and constants are codes.
            let with_string = |chain: Option<usize>| {
                chain.is_some_and(|c| compared_before(bytes, c) && string_before_operator(bytes, c))
            };
            match next {
                // Assigned or compared.
                Next::Byte(b'=' | b'!' | b'<' | b'>') => {
                    !string_after_operator(bytes, end) && !with_string(chain)
                }
                // Closing `switch (..)` (with a case that may be a code) or `expect(..)`, or a
                // comparison's right side.
                Next::Byte(b')') => {
                    !with_string(chain)
                        && (!chain.is_some_and(|c| opens_switch(bytes, c))
                            || switch_may_have_a_code_case(bytes, end))
                }
                // A ternary or an optional member after it.
                Next::Byte(b'?') => !with_string(chain),
                Next::Unknown => true,
                // The right side of a comparison (`404 === res.status`).
                _ => chain.is_none_or(|c| compared_before(bytes, c) && !with_string(Some(c))),
            }
        }
    }
}

/// Whether the word at `start` is the name of a function or method being declared (`function
/// createError(`, `static createError(`, `async createError(`), which no pattern matches: only a
/// keyword right before it says so, so anything less plain still counts.
fn declared(bytes: &[u8], start: usize) -> bool {
    let before = bytes[..start].trim_ascii_end();
    let word = before
        .iter()
        .rposition(|&b| !is_identifier_byte(b))
        .map_or(before, |i| &before[i + 1..]);
    // `function* createError(` too.
    let word = match word {
        [] => before.strip_suffix(b"*").map_or(word, |b| {
            let b = b.trim_ascii_end();
            b.iter()
                .rposition(|&c| !is_identifier_byte(c))
                .map_or(b, |i| &b[i + 1..])
        }),
        _ => word,
    };
    matches!(word, b"function" | b"static" | b"async" | b"get" | b"set")
}

/// Whether a key at `start` opens an object member: after `{` or `,` (a ternary's `? status :`
/// and a parameter's `(status: number)` do not), or after a comment, to be safe.
fn starts_member(bytes: &[u8], start: usize) -> bool {
    matches!(
        bytes[..start].trim_ascii_end(),
        [] | [.., b'{' | b','] | [.., b'*', b'/']
    ) || in_line_comment_end(bytes, start)
}

/// Whether the line before `start`'s line ends in a `//` comment (`{ // the code\n status: 404`).
fn in_line_comment_end(bytes: &[u8], start: usize) -> bool {
    let before = bytes[..start].trim_ascii_end().len();
    line_before(bytes, before).is_none_or(|line| memmem(line, b"//"))
}

struct KeyValue {
    /// A three-digit 1xx-5xx number (`404`), or hidden behind a comment.
    code_number: bool,
    /// That, or a name followed by a dot (`HttpStatus.NOT_FOUND`).
    may_be_a_code: bool,
}

/// What the value after a key's `:` may be.
fn key_value(bytes: &[u8], end: usize) -> Option<KeyValue> {
    let colon = bytes[end..].iter().position(|&b| b == b':')?;
    let value = bytes[end + colon + 1..].trim_ascii_start();
    let number = match value {
        [] | [b'/', ..] => true,
        [b, ..] => b.is_ascii_digit(),
    };
    // `statusCode`'s pattern takes only a three-digit 1xx-5xx number.
    let three_digits = matches!(value, [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9', ..])
        && !value
            .get(3)
            .is_some_and(|&b| is_identifier_byte(b) || b == b'.');
    let name = value.iter().take_while(|&&b| is_identifier_byte(b)).count();
    let constant = name > 0 && value[name..].trim_ascii_start().starts_with(b".");
    // A name may hold a code (`{ status: UPSTREAM_DOWN }`, read by `syntax::values`); a type
    // does not (`interface R { status: number; }`).
    let named = name > 0
        && !matches!(
            &value[..name],
            b"number" | b"string" | b"boolean" | b"any" | b"unknown" | b"never" | b"Number"
        )
        && !matches!(
            value[name..].trim_ascii_start().first(),
            Some(b';' | b'|' | b'<' | b'[')
        );
    Some(KeyValue {
        code_number: three_digits || matches!(value, [] | [b'/', ..]),
        may_be_a_code: number || constant || named,
    })
}

/// What follows `()` after a method name.
fn after_empty_call(bytes: &[u8], end: usize) -> Next {
    let rest = bytes[end..].trim_ascii_start();
    let close = rest.iter().position(|&b| b == b')').unwrap_or(rest.len());
    next_after(rest, (close + 1).min(rest.len()))
}

fn called_without_arguments(bytes: &[u8], end: usize) -> bool {
    bytes[end..]
        .trim_ascii_start()
        .strip_prefix(b"(")
        .is_some_and(|rest| rest.trim_ascii_start().starts_with(b")"))
}

/// The `.` before a member word (`res.status`, `res?.status`, `res\n  .status`,
/// `res./* x */status`), or None when the word is not a member.
fn member_dot(bytes: &[u8], start: usize) -> Option<usize> {
    let mut before = bytes[..start].trim_ascii_end();
    // Block comments between the dot and the word.
    while let [rest @ .., b'*', b'/'] = before {
        let open = rest.windows(2).rposition(|w| w == b"/*")?;
        before = rest[..open].trim_ascii_end();
    }
    match before {
        [.., b'.'] => Some(before.len() - 1),
        // The word starts its line and a `//` comment ends the line above, which may follow the
        // dot (`res.\n// why\nstatus(404)`): taken for a member, with `start` for the dot.
        _ if line_before(bytes, start).is_some_and(|l| l.trim_ascii().is_empty())
            && line_before(bytes, before.len()).is_none_or(|l| memmem(l, b"//")) =>
        {
            Some(start)
        }
        _ => None,
    }
}

/// Whether the receiver ending at `dot` looks like a response, as the sites query demands of a
/// `@receiver`: Ok with what comes before the receiver, Err when it certainly does not. Only a
/// receiver that is a plain chain of names (`res`, `this.ctx`, `reply`) is judged; one that ends
/// in a call, an index or anything else unusual (`h.response(x).code(404)`) is let through.
fn response(bytes: &[u8], dot: usize) -> Result<Option<usize>, ()> {
    if bytes.get(dot) != Some(&b'.') {
        return Ok(None);
    }
    let (start, before) = chain_start(bytes, dot);
    if before == Next::Unknown {
        return Ok(None);
    }
    if looks_like_response(&String::from_utf8_lossy(&bytes[start..dot])) {
        Ok(Some(start))
    } else {
        Err(())
    }
}

/// Where a string literal starting at `start` ends, when it is plainly one: on its line, without
/// a backslash.
fn simple_string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = *bytes.get(start)?;
    if !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let rest = &bytes[start + 1..];
    let close = rest
        .iter()
        .position(|&b| b == quote || b == b'\\' || b == b'\n')?;
    (rest[close] == quote).then_some(start + 1 + close + 1)
}

/// Whether `rest` starts with a string literal that is a whole operand: followed by the end of
/// an argument, an element, a statement or a `&&`, not by `.`, `+`, `||`, `??` or a `?` that
/// would go on with it (`"x" || 500` can still send 500).
fn lone_string(rest: &[u8]) -> bool {
    simple_string_end(rest, 0).is_some_and(|end| {
        matches!(
            next_after(rest, end),
            Next::Byte(b',' | b';' | b')' | b'}' | b']' | b':' | b'&')
        )
    })
}

/// Whether the arguments that open `rest` (just past the `(`) hold a bare three-digit 1xx-5xx
/// number; looks no further than the call's own parentheses, or 400 bytes.
fn has_code_argument(rest: &[u8]) -> bool {
    let rest = &rest[..rest.len().min(400)];
    let mut depth = 0;
    let mut argument = 0;
    for (i, &b) in rest.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            b',' | b')' if depth == 0 => {
                if matches!(
                    rest[argument..i].trim_ascii(),
                    [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9']
                ) {
                    return true;
                }
                if b == b')' {
                    return false;
                }
                argument = i + 1;
            }
            _ => {}
        }
    }
    false
}

/// Whether the word at `start` begins its line but for a class field's modifiers (`readonly`,
/// `static`, `public`, ...).
fn starts_a_field(bytes: &[u8], start: usize) -> bool {
    let line = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |n| n + 1);
    bytes[line..start]
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                b"readonly" | b"static" | b"public" | b"protected" | b"private" | b"override"
            )
        })
}

/// Whether a property at `end` is assigned (`=`, not `==`) a three-digit 1xx-5xx number.
fn assigned_a_code(bytes: &[u8], end: usize) -> bool {
    let Some(rest) = after_trivia(bytes, end) else {
        return false;
    };
    let Some(value) = rest.strip_prefix(b"=").filter(|r| !r.starts_with(b"=")) else {
        return false;
    };
    let value = value.trim_ascii_start();
    matches!(value, [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9', ..])
        && !value
            .get(3)
            .is_some_and(|&b| is_identifier_byte(b) || b == b'.')
}

/// Whether the operator after a property ending at `end` is followed by a lone string.
fn string_after_operator(bytes: &[u8], end: usize) -> bool {
    let Some(rest) = after_trivia(bytes, end) else {
        return false;
    };
    let operator = rest
        .iter()
        .take_while(|&&b| matches!(b, b'=' | b'!' | b'<' | b'>'))
        .count();
    lone_string(rest[operator..].trim_ascii_start())
}

/// Whether the comparison operator before the chain at `chain` has a string or template literal
/// (or anything else ending in a quote, which is no number) on its left.
fn string_before_operator(bytes: &[u8], chain: usize) -> bool {
    let before = bytes[..chain].trim_ascii_end();
    let operator = before
        .iter()
        .rev()
        .take_while(|&&b| matches!(b, b'=' | b'!' | b'<' | b'>'))
        .count();
    matches!(
        before[..before.len() - operator].trim_ascii_end(),
        [.., b'"' | b'\'' | b'`']
    )
}

/// Whether the chain at `chain` is what a `switch (..)` tests.
fn opens_switch(bytes: &[u8], chain: usize) -> bool {
    match bytes[..chain].trim_ascii_end() {
        [rest @ .., b'('] => {
            let rest = rest.trim_ascii_end();
            rest.ends_with(b"switch")
                && !rest[..rest.len() - 6]
                    .last()
                    .is_some_and(|&b| is_identifier_byte(b) || b == b'.')
        }
        _ => false,
    }
}

/// Where `bytes` is code, read plainly from its start: each position outside a simple string
/// (which is stepped over whole), until a template, a `/`, a backslash or a string with an escape,
/// where the reading could go more than one way: that gives `Err` and ends it.
fn plain_code(bytes: &[u8]) -> impl Iterator<Item = Result<usize, ()>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let at = i;
        match *bytes.get(at)? {
            b'"' | b'\'' => match simple_string_end(bytes, at) {
                Some(end) => i = end,
                None => {
                    i = bytes.len();
                    return Some(Err(()));
                }
            },
            b'`' | b'/' | b'\\' => {
                i = bytes.len();
                return Some(Err(()));
            }
            _ => i += 1,
        }
        Some(Ok(at))
    })
}

/// Whether the `switch` whose value ends at `end` has a `case` that may be a code (a number or
/// a `Name.` constant), reading its body; true when the body cannot be read plainly or runs on
/// too long.
fn switch_may_have_a_code_case(bytes: &[u8], end: usize) -> bool {
    const LONGEST: usize = 16 * 1024;
    let Some(rest) = after_trivia(bytes, end).and_then(|r| r.strip_prefix(b")")) else {
        return true;
    };
    let Some(body) = after_trivia(rest, 0).filter(|r| r.starts_with(b"{")) else {
        return true;
    };
    let body = &body[..body.len().min(LONGEST)];
    let mut depth = 0;
    for at in plain_code(body) {
        let Ok(at) = at else {
            return true;
        };
        match body[at] {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
            }
            // `case` as a word of its own, not a member (`x.case`).
            b'c' if depth == 1
                && body[at..].starts_with(b"case")
                && super::is_whole_word(body, at..at + 4)
                && !body[..at].ends_with(b".") =>
            {
                let value = body[at + 4..].trim_ascii_start();
                let name = value.iter().take_while(|&&b| is_identifier_byte(b)).count();
                let constant = name > 0 && value[name..].trim_ascii_start().starts_with(b".");
                if value.first().is_some_and(u8::is_ascii_digit) || constant {
                    return true;
                }
            }
            _ => {}
        }
    }
    true
}

/// Whether the object holding a key that ends at `end` is followed by `)` or `,`, as an
/// argument is; true when the object cannot be read to its end plainly.
fn object_may_be_an_argument(bytes: &[u8], end: usize) -> bool {
    const LONGEST: usize = 8 * 1024;
    let rest = &bytes[end..bytes.len().min(end + LONGEST)];
    let mut depth = 0usize;
    for at in plain_code(rest) {
        let Ok(at) = at else {
            return true;
        };
        match rest[at] {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' if depth > 0 => depth -= 1,
            b'}' => {
                return matches!(
                    next_after(rest, at + 1),
                    Next::Byte(b')' | b',') | Next::Unknown
                );
            }
            b')' | b']' => return true,
            _ => {}
        }
    }
    true
}

/// Whether a comparison operator ends just before `at` (`404 === ` in `404 === res.status`), or a
/// comment hides what does. An arrow (`=>`, `->`) or an assignment is no comparison.
fn compared_before(bytes: &[u8], at: usize) -> bool {
    match bytes[..at].trim_ascii_end() {
        [.., b'=' | b'!' | b'<' | b'>', b'='] | [.., b'*', b'/'] => true,
        [.., b'=' | b'-', b'>'] => false,
        [.., b'<' | b'>'] => true,
        _ => false,
    }
}

/// Where the chain of names before `dot` starts (`this.ctx` in `x = this.ctx.status`, `res` in
/// `res\n  .status`), and the byte before it. Unknown when the receiver is not a plain chain of
/// names (`h.response(x).code`) or runs on too long to judge.
fn chain_start(bytes: &[u8], dot: usize) -> (usize, Next) {
    const LONGEST: usize = 256;
    let floor = dot.saturating_sub(LONGEST);
    let skip_space = |i: usize| space_start(bytes, i, floor);
    let mut dot = dot;
    loop {
        let mut i = dot;
        if i > floor && bytes[i - 1] == b'?' {
            i -= 1;
        }
        let name_end = skip_space(i);
        let start = name_start(bytes, name_end, floor);
        if start == name_end {
            // No name before this dot: the receiver ends in a call, an index, a non-null
            // assertion or a literal, which this cannot judge.
            return (start, Next::Unknown);
        }
        // The name may be the end of a `//` comment between the receiver and the dot
        // (`res // why\n  .status(404)`).
        if bytes[name_end..dot].contains(&b'\n')
            && line_before(bytes, start).is_none_or(|l| memmem(l, b"//"))
        {
            return (start, Next::Unknown);
        }
        let before = skip_space(start);
        if before == floor && floor > 0 {
            return (start, Next::Unknown);
        }
        if before > 0 && bytes[before - 1] == b'.' {
            dot = before - 1;
            continue;
        }
        // A Rust path is part of the chain too: `http::Response::DEFAULT.status(404)`.
        if before > 1 && &bytes[before - 2..before] == b"::" {
            dot = before - 2;
            continue;
        }
        return match before.checked_sub(1) {
            // The file starts with the chain: nothing before it, as after a `;`.
            None => (start, Next::Byte(b';')),
            Some(j) => (start, Next::Byte(bytes[j])),
        };
    }
}

/// Where the Rust operand whose method call's `.` is at `dot` starts: back over names, `.`,
/// `::`, `?` and bracketed groups (`(**self)`, `Command::new(x).arg(y)`), and the `*` and `&`
/// before them. None where the bytes could be read more than one way (a quote, a `/` or a
/// `<`..`>` in the way) or the operand runs on too long: the caller counts the hit then.
fn operand_start(bytes: &[u8], dot: usize) -> Option<usize> {
    const LONGEST: usize = 1024;
    let floor = dot.saturating_sub(LONGEST);
    let skip_space = |i: usize| space_start(bytes, i, floor);
    // `at` is where the part of the operand read so far starts.
    let mut at = dot;
    loop {
        let end = skip_space(at);
        if end <= floor {
            return None;
        }
        let start = match bytes[end - 1] {
            b')' | b']' => group_open(bytes, end - 1, floor)?,
            b'?' => end - 1,
            b if is_identifier_byte(b) => name_start(bytes, end, floor),
            _ => return None,
        };
        let before = skip_space(start);
        let joined = match bytes[..before] {
            [.., b'.'] => Some(before - 1),
            [.., b':', b':'] => Some(before - 2),
            // A call's callee or a macro's name before its arguments, a `?` after a call.
            [.., b]
                if matches!(bytes[start], b'(' | b'[' | b'?')
                    && (is_identifier_byte(b) || b == b'!' || b == b')' || b == b']') =>
            {
                Some(before)
            }
            _ => None,
        };
        match joined {
            Some(next) => at = next,
            None => {
                let mut start = start;
                while start > floor && matches!(bytes[start - 1], b'*' | b'&') {
                    start -= 1;
                }
                return Some(start);
            }
        }
    }
}

/// Where the whitespace ending at `end` starts, reading back no further than `floor`.
fn space_start(bytes: &[u8], mut end: usize, floor: usize) -> usize {
    while end > floor && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// Where the identifier ending at `end` starts (`end` when none does), reading back no further
/// than `floor`.
fn name_start(bytes: &[u8], mut end: usize, floor: usize) -> usize {
    while end > floor && is_identifier_byte(bytes[end - 1]) {
        end -= 1;
    }
    end
}

/// The opening bracket of the group that `close` closes, reading back; None past `floor` or on
/// anything that could hide a bracket: a `/`, a `'`, a raw string's `#`, a string with an escape
/// or a line break in it. (Without an escape, a string's opening quote is the one before.)
fn group_open(bytes: &[u8], close: usize, floor: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = close + 1;
    while i > floor {
        i -= 1;
        match bytes[i] {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'"' => {
                let open = floor + memchr::memrchr(b'"', &bytes[floor..i])?;
                if bytes[open + 1..i].iter().any(|&b| b == b'\\' || b == b'\n') {
                    return None;
                }
                i = open;
            }
            b'\'' | b'/' | b'#' => return None,
            _ => {}
        }
    }
    None
}

/// Whether a word a query tests for is one of `language`'s needles: what the query test checks.
pub fn covers(language: Language, word: &str) -> bool {
    needles(language).iter().any(|n| n.word == word)
}

/// The text a needle word also requires of the file, which the patterns testing it must require
/// too.
pub fn requirement(language: Language, word: &str) -> Option<&'static str> {
    needles(language)
        .iter()
        .find(|n| n.word == word)
        .and_then(|n| n.requires)
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
    fn files_without_a_site_shaped_word_are_ruled_out() {
        for source in [
            "export function add(a, b) { return a + b; }\nthrow new Error('x');\n",
            "const text = document.body; let json = {};",
            "// the error code is logged\nlet body = x;",
            "",
            "const s = String.fromCharCode(65); el.statusText = 'ok';",
            "const data = await fetch(url).then((r) => r.json());",
            "const status = job.status; if (status) { log(status); }",
            "socket.send(payload); worker.render(view);",
            "this.status = 'pending'; item.status.done = true;",
            "// throw (to help callers)\n// see https://tools.ietf.org/html/rfc7230\n",
            "//   ws.send('a message from the server');",
            "interface Options { json?: boolean; body?: string; status: number; statusCode: number }",
            "resolve({ statusCode: res.statusCode, body });",
            "interface R {\n  /** The status. */\n  status: number;\n}",
            "const s = status !== null ? status : 0;",
            "// React's use()\n\ntarget.status = 'fulfilled';",
            "const reply = { statusCode: 0, end() {} };",
            "subscriber.next(Notification.createError(err));",
            // Declarations of a needle's name are no calls of it.
            "class N {\n  static createError(err?: any) {\n    return new N('E', err);\n  }\n}",
            "function createError(status, msg) { return new E(msg); }",
            "export async function* createHttpError(x) {}",
            "const send = (source) => socket.send(source);",
            // Strings are no codes: compared with, assigned, or a `switch`'s only cases.
            "if (\"pending\" === c.status) {}",
            "if(\"fulfilled\"===c.status)c=c.value;",
            "return \"fulfilled\" === h.status ? a : b;",
            "c.status = \"fulfilled\", c.value = e;",
            "if (res.status === 'ok') {}",
            "switch (c.status) { case \"fulfilled\": return 1; case 'rejected': throw e; }",
            // A `status` key in an object that is no call's argument.
            "var g = { id: f, status: 0, model: b };",
            "b = { status: 0, flushScheduled: !1 };",
            "throw createError('FST_ERR_X', 'message %s', 500);",
        ] {
            assert!(!js(source), "{source}");
        }
        for source in [
            "let status = child.wait()?; if !status.success() {}",
            "enum Status { Ok } fn f(s: Status) {}",
            "let body = res.text().await?; let json = serde_json::json!({});",
            "use http::StatusCode; fn f() -> StatusCode { todo!() }",
            "let x = HttpStatus::Ok;",
            "let s = Status::StreamEnd; // zlib's, not rocket's",
            "let ok = Command::new(\"git\").status()?.success();",
            "/// Command::new(\"ls\")\n///     .status()\n///     .await\npub fn f() {}",
            "let code = cmd.status().ok()?.code(); let s = match cmd.status() { Ok(s) => s };",
            "//! Response::builder()\n//!     .status(StatusCode::NOT_FOUND)\n",
            "// throw (to help callers)\n// see https://tools.ietf.org/html/rfc7230\n",
            "fn status(&self) -> Result<(), E> {\n    (**self).status()\n}",
            "let status = Command::new(\"echo\")\n    .arg(\"-n\")\n    .stdout(tx.into_blocking_fd()?)\n    .status();",
            "let s = items[0].status(); let t = f(a, b).status();",
        ] {
            assert!(!rust(source), "{source}");
        }
    }

    #[test]
    fn site_shapes_let_files_through_in_their_language() {
        for source in [
            "res.status(404)",
            "res\n  .status(404)",
            "res?.status?.(404)",
            "res.status<number>(404)",
            "res.sendStatus(404)",
            "HTTP_STATUS.NOT_FOUND",
            "reply.code(404)",
            "reply.code (404)",
            "h.response(x).code(404)",
            "this.ctx.throw(404)",
            "@HttpCode(204)",
            "c.json(body, 404)",
            "c.json<Body>(body, 404)",
            "c.text\n  (body, 404)",
            "res.redirect(301, '/x')",
            "new HttpException('Gone', 410)",
            "createHttpError(404)",
            "res.statusCode = 404",
            "if (res.status === 404) {}",
            "if (404 === res.status) {}",
            "switch (response.status) { case 404: }",
            "expect(res.status).toBe(404)",
            "return { statusCode: 404 }",
            "return new Response(null, { status: 404 })",
            "return new Response(null, {\n  // not found\n  status: 404 })",
            "return new Response(null, { headers, /* why */ status: 404 })",
            "res.send({ error })",
            "res /* the reply */ .status(404)",
            "res // see below\n  .status(404)",
            "res.\n// see below\nstatus(404)",
            "res./* the code */status(404)",
            "getRes().data.json(x, 404)",
            "res.status(404) // not found",
            "if (res.status /* the code */ === 404) {}",
            "if (res.status // the code\n === 404) {}",
            // A string that is not the whole operand, a case that may be a code, an object
            // read only so far.
            "ctx.status = 'x' || 500",
            "ctx.status = 'a' ? 200 : 404",
            "if (res.status === 'a'.length) {}",
            "switch (res.status) { case 'x': break; case 404: break; }",
            "switch (res.status) { case `x`: break; }",
            "switch (res.status) { case HttpStatus.OK: }",
            "switch (res.status) { case 'it\\'s': break; }",
            "return new Response(b, { status: 404 }, extra)",
            "return new Response(b, { headers: { a: '}' }, status: 404 })",
            "return new Response(b, { status: 404, body: /}/ })",
            "createError(404, 'message')",
            "createError(`FST_${x}`)",
        ] {
            assert!(js(source), "{source}");
        }
        for source in [
            "StatusCode::NOT_FOUND",
            "http::StatusCode::from_u16(531)",
            "StatusCode\n// why\n::OK",
            "StatusCode /* why */ ::OK",
            "use rocket::http::Status; Status::NotFound",
            "rocket::http::Status :: new(531)",
            "HttpResponse::NotFound()",
            "Response::builder().status(404)",
            "if code.as_u16() == 404 {}",
            "if 404 == res.status() {}",
            "if 404 == (**res).status() {}",
            "if 404 == items[i].status() {}",
            "if 404 == client.get(\"/users\").send().await?.status() {}",
            // What reads back one way only where in doubt: a quote hiding a bracket, a comment.
            "if 404 == client.get(\")\\\"\").send().await?.status() {}",
            "if 404 == f(')').status() {}",
            "if 404 == f(/* ) */ x).status() {}",
            "assert_eq!(res.status(), 404);",
            "match resp.status().as_u16() { 404 => {} _ => {} }",
        ] {
            assert!(rust(source), "{source}");
        }
    }

    #[test]
    fn the_words_of_one_language_do_not_open_the_other() {
        assert!(!rust("reply.code(404); c.json(body, 404); ctx.throw(404)"));
        assert!(!js("HttpResponse::NotFound(); x.as_u16()"));
    }

    #[test]
    fn hits_are_the_words_themselves() {
        let source = "x; res.status(404); job.status; reply.code(200)";
        let hits = site_hits(Language::JavaScript, source.as_bytes());
        let words: Vec<&str> = hits.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(words, ["status", "code"]);
    }
}
