//! What each framework does with a status, as data (`frameworks/*.toml`, format in
//! `frameworks/README.md`), the way CodeQL keeps library models as rows rather than code: which
//! calls send a status they do not name (`res.redirect(url)` is 302), which responses go out with
//! the default status, where an error becomes a response and which status it carries
//! (`next(err)` reads `err.status`, else 500), and which callbacks answer an error with its own
//! status already set (Fastify's `setErrorHandler`). A framework's rows apply in a file that
//! imports one of its modules; a user adds rows for their own helpers under `[frameworks.<name>]`
//! in `statuslint.toml`. Rules ask this module; none names a framework itself.

mod call;
pub mod manifest;

pub use call::Call;

pub use crate::syntax::Family;
use crate::syntax::Language;
use serde::Deserialize;
use std::sync::LazyLock;

/// One framework's rows.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Framework {
    /// Set from the file name for bundled frameworks, from the table name for a user's.
    #[serde(skip)]
    pub name: String,
    /// `javascript` (JavaScript, JSX, TypeScript, TSX) or `rust`.
    pub language: Family,
    /// The modules whose import names the framework (`express`, `next/server`, `rocket`); a
    /// module's subpaths count (`next/navigation` under `next`). Empty: every file of the
    /// language (web-platform globals, a user's own helpers).
    pub modules: Vec<String>,
    /// Calls that send a status without naming it.
    pub implicit: Vec<Implicit>,
    /// Assignments that set the body, which goes out with 200 when no status is set before or
    /// after it (`response.body =`: Koa's `ctx.body = ..`).
    pub bodies: Vec<Call>,
    /// The fetch API's `Response` and its kin (`NextResponse`): their `redirect()` throws a
    /// `RangeError` for a status that is not a redirect, their constructor for a body with 204.
    pub fetch_responses: Vec<String>,
    /// Calls that turn an error into a response.
    pub errors: Vec<ErrorSink>,
    /// Calls whose callback answers an error with the error's status already set.
    pub error_handlers: Vec<ErrorHandler>,
    /// What a route handler's return value goes out with when it names no status: NestJS
    /// answers a returned value with 200 (201 for `@Post()`), axum, actix-web and rocket
    /// answer a returned body with 200.
    pub returns: Option<Returns>,
}

/// `[returns]`: a handler's returned body goes out with `status`, or with the status given for
/// its method (`post = 201`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Returns {
    pub status: u16,
    /// The keyword of the route's decorator that sets another status (FastAPI's
    /// `@app.post("/", status_code=201)`): where a fix writes one.
    pub decorator_keyword: Option<String>,
    /// A handler names another status by returning a tuple (Flask's `return body, 201`).
    pub tuple: bool,
    pub get: Option<u16>,
    pub post: Option<u16>,
    pub put: Option<u16>,
    pub patch: Option<u16>,
    pub delete: Option<u16>,
}

impl Returns {
    /// The status a handler of `method` (`GET`, `POST`, ...) answers a returned body with.
    pub fn status_for(&self, method: &str) -> u16 {
        let own = match method {
            "GET" => self.get,
            "POST" => self.post,
            "PUT" => self.put,
            "PATCH" => self.patch,
            "DELETE" => self.delete,
            _ => None,
        };
        own.unwrap_or(self.status)
    }
}

/// `res.redirect(url)` sends 302: `call = "response.redirect"`, `arguments = 1`, `status = 302`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Implicit {
    pub call: Call,
    /// Only with this many arguments (the longer form names its status); None: any.
    pub arguments: Option<usize>,
    pub status: u16,
    /// A redirect (`redirect-status` reads it).
    pub redirect: bool,
    /// The call's name says the status (`Redirect::moved` is 301), so choosing it is choosing
    /// the code; a framework's plain default (`res.redirect(url)`) is not.
    pub named: bool,
    /// The call makes an error the framework answers with the status once it is thrown
    /// (`new NotFoundException()` in NestJS): the site's role is `thrown`.
    pub thrown: bool,
}

/// `next(err)` answers with `err.status` or `err.statusCode`, else 500.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ErrorSink {
    pub call: Call,
    /// Which argument is the error.
    pub argument: usize,
    /// The properties of the error the status is read from, first set wins.
    pub reads: Vec<String>,
    /// The status when none is set.
    pub fallback: u16,
}

/// `fastify.setErrorHandler((err, req, reply) => ..)`: inside the callback `reply` already has
/// the error's status, so a response sent there without one is not a 200.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ErrorHandler {
    pub call: Call,
    /// Which argument is the callback.
    pub argument: usize,
}

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../frameworks/", $name, ".toml")))),*]
    };
}

/// Every bundled framework file, by name.
pub const FILES: &[(&str, &str)] = bundled!(
    "express",
    "fastify",
    "koa",
    "nestjs",
    "nextjs",
    "hono",
    "hapi",
    "fetch",
    "http-errors",
    "axum",
    "actix-web",
    "rocket",
    "warp",
    "hyper",
    "fastapi",
    "flask",
    "werkzeug",
    "django",
    "django-rest-framework",
    "aiohttp",
    "net-http",
    "gin",
    "echo",
    "fiber",
);

static BUNDLED: LazyLock<Vec<Framework>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, text)| parse(name, text).unwrap_or_else(|e| panic!("{e}")))
        .collect()
});

/// Parses one framework file; errors name the file.
pub fn parse(name: &str, text: &str) -> Result<Framework, String> {
    let mut framework: Framework =
        toml::from_str(text).map_err(|e| format!("frameworks/{name}.toml: {e}"))?;
    framework.name = name.to_string();
    framework.validate()?;
    Ok(framework)
}

impl Framework {
    /// Checks what serde cannot: statuses are codes, calls fit the language.
    pub fn validate(&self) -> Result<(), String> {
        let name = &self.name;
        for row in &self.implicit {
            if !(100..600).contains(&row.status) {
                return Err(format!(
                    "{name}: implicit status {} is not a code",
                    row.status
                ));
            }
        }
        if let Some(returns) = &self.returns {
            let all = [
                Some(returns.status),
                returns.get,
                returns.post,
                returns.put,
                returns.patch,
                returns.delete,
            ];
            if all
                .into_iter()
                .flatten()
                .any(|code| !(100..600).contains(&code))
            {
                return Err(format!("{name}: a `returns` status is not a code"));
            }
        }
        for row in &self.errors {
            if !(100..600).contains(&row.fallback) || row.reads.is_empty() {
                return Err(format!(
                    "{name}: an errors row needs `reads` and a `fallback` code"
                ));
            }
        }
        let calls = self
            .implicit
            .iter()
            .map(|r| &r.call)
            .chain(self.errors.iter().map(|r| &r.call))
            .chain(self.error_handlers.iter().map(|r| &r.call))
            .chain(self.bodies.iter());
        for call in calls {
            if call.is_rust_path() != (self.language == Family::Rust) {
                return Err(format!(
                    "{name}: `{}` is not a {:?} call path",
                    call.text, self.language
                ));
            }
        }
        Ok(())
    }

    /// Whether the file imports one of the framework's modules (`imported`, from
    /// [`imported_modules`]) or needs none, or the project's manifest depends on one
    /// (`declared`, from `manifest`).
    pub fn used_by(&self, imported: &Imports, declared: &[String]) -> bool {
        self.modules.is_empty()
            || self.modules.iter().any(|m| {
                // A Go module's path names its major version after it (`../echo/v4`).
                declared.iter().any(|d| {
                    d == m
                        || d.strip_prefix(m.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                }) || imported.names(m, self.language)
            })
    }
}

/// What a file imports: the module specifiers of its `import .. from "x"`, `require("x")` and
/// `import("x")`, read in one pass per keyword rather than once per framework module; for Rust
/// the source itself, whose paths (`rocket::`) are searched.
pub struct Imports<'s> {
    specifiers: Vec<&'s str>,
    source: &'s str,
}

impl Imports<'_> {
    /// Whether `module` (or a subpath of it: `next/server` under `next`) is imported.
    fn names(&self, module: &str, family: Family) -> bool {
        match family {
            Family::Rust => {
                let bytes = self.source.as_bytes();
                let crate_name = module.replace('-', "_");
                let needle = format!("{crate_name}::");
                memchr::memmem::find_iter(bytes, needle.as_bytes())
                    .any(|at| crate::syntax::is_whole_word(bytes, at..at + crate_name.len()))
            }
            // `next/server` under `next`; `fastapi.responses` under `fastapi`; Go's
            // `github.com/labstack/echo/v4` under `github.com/labstack/echo`.
            Family::Javascript | Family::Go | Family::Python => {
                let separator = if family == Family::Python { '.' } else { '/' };
                self.specifiers.iter().any(|s| {
                    s.strip_prefix(module)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(separator))
                })
            }
        }
    }
}

/// The modules `source` imports (see [`Imports`]).
pub fn imported_modules(source: &str, family: Family) -> Imports<'_> {
    let specifiers = match family {
        Family::Javascript => javascript_imports(source),
        Family::Python => python_imports(source),
        Family::Go => go_imports(source),
        Family::Rust => Vec::new(),
    };
    Imports { specifiers, source }
}

fn javascript_imports(source: &str) -> Vec<&str> {
    let mut specifiers = Vec::new();
    let bytes = source.as_bytes();
    for keyword in ["from", "require(", "import("] {
        for at in memchr::memmem::find_iter(bytes, keyword.as_bytes()) {
            let rest = source[at + keyword.len()..].trim_start();
            let Some(quote) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))
            else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                specifiers.push(&rest[1..1 + end]);
            }
        }
    }
    specifiers
}

/// `import fastapi`, `import django.http as h`, `from flask import abort`, `from .x import y`
/// (relative: no module of ours), each statement at the start of a line (indented ones too: an
/// import inside a function or `try`).
fn python_imports(source: &str) -> Vec<&str> {
    let mut specifiers = Vec::new();
    for line in source.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("from ") {
            if let Some(module) = rest.split_whitespace().next() {
                specifiers.push(module);
            }
        } else if let Some(rest) = line.strip_prefix("import ") {
            for part in rest.split(',') {
                if let Some(module) = part.split_whitespace().next() {
                    specifiers.push(module);
                }
            }
        }
    }
    specifiers
}

/// The quoted paths of `import "net/http"` and `import ( gin "github.com/gin-gonic/gin" .. )`.
fn go_imports(source: &str) -> Vec<&str> {
    let mut specifiers = Vec::new();
    let bytes = source.as_bytes();
    for at in memchr::memmem::find_iter(bytes, b"import") {
        if !crate::syntax::is_whole_word(bytes, at..at + 6) {
            continue;
        }
        let rest = source[at + 6..].trim_start();
        let block = if let Some(inner) = rest.strip_prefix('(') {
            &inner[..inner.find(')').unwrap_or(inner.len())]
        } else {
            rest.lines().next().unwrap_or("")
        };
        let mut parts = block.split('"');
        parts.next();
        while let Some(path) = parts.next() {
            specifiers.push(path);
            parts.next();
        }
    }
    specifiers
}

/// The bundled frameworks and the user's, whatever file they apply to.
pub fn all(user: &std::collections::HashMap<String, Framework>) -> Vec<&Framework> {
    let mut list: Vec<&Framework> = BUNDLED.iter().collect();
    let mut names: Vec<&String> = user.keys().collect();
    names.sort();
    list.extend(names.into_iter().map(|n| &user[n]));
    list
}

/// The frameworks whose rows apply in `source`, under `config` (its own rows, and the
/// dependencies of the project's manifest).
pub fn used_in<'a>(
    source: &str,
    language: Language,
    config: &'a crate::config::Config,
) -> Vec<&'a Framework> {
    let family = Family::of(language);
    let imported = imported_modules(source, family);
    all(&config.frameworks)
        .into_iter()
        .filter(|f| f.language == family && f.used_by(&imported, &config.dependencies))
        .collect()
}

/// [`used_in`] as positions in [`all`]'s list: what a check keeps for the next one, which owns
/// its own copy of the config.
pub fn used_indices(
    source: &str,
    language: Language,
    config: &crate::config::Config,
) -> Vec<usize> {
    let used = used_in(source, language, config);
    all(&config.frameworks)
        .into_iter()
        .enumerate()
        .filter(|(_, f)| used.iter().any(|u| std::ptr::eq(*u, *f)))
        .map(|(i, _)| i)
        .collect()
}

/// The frameworks at `indices` of [`all`]'s list (from [`used_indices`] under an equal config).
pub fn at_indices<'a>(indices: &[usize], config: &'a crate::config::Config) -> Vec<&'a Framework> {
    let list = all(&config.frameworks);
    indices
        .iter()
        .filter_map(|&i| list.get(i).copied())
        .collect()
}

/// Which of the family's framework modules `text` imports (or, in Rust, names by path). Where an
/// edit's old and new text name the same ones, the file's frameworks are what they were: the
/// rest of the file did not change. Read on every keystroke, so over the edited units only.
pub fn modules_named(text: &str, language: Language, config: &crate::config::Config) -> Vec<bool> {
    let family = Family::of(language);
    let imported = imported_modules(text, family);
    all(&config.frameworks)
        .into_iter()
        .filter(|f| f.language == family)
        .flat_map(|f| f.modules.iter())
        .map(|m| imported.names(m, family))
        .collect()
}

/// Every bundled framework, for docs and tests.
pub fn bundled() -> &'static [Framework] {
    &BUNDLED
}
