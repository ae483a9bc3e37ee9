//! Turns a syntax tree into status-code sites: each place a code is set, sent or compared, with
//! the code's value and the byte range to underline. The patterns are the `.scm` files under
//! `queries/`; this module only interprets their captures.

use super::Language;
use super::values::{Resolver, Value};
use crate::catalog::catalog;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use tree_sitter::{Node, Query, Tree};

/// What the code at a site does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    /// The code is sent: `res.status(404)`, `StatusCode::from_u16(404)`.
    Set,
    /// The code is sent with a redirect: `res.redirect(301, url)`.
    Redirect,
    /// The code is tested for equality: `res.status === 404`, `case 404:`.
    Compare,
    /// The number bounds a range test (`status >= 500`): a class boundary, not a code.
    Bound,
    /// A named constant used on its own: `StatusCode::NOT_FOUND`.
    Constant,
}

impl SiteKind {
    /// Whether the site sends the code (rules about what an app should send apply).
    pub fn sends(self) -> bool {
        matches!(
            self,
            SiteKind::Set | SiteKind::Redirect | SiteKind::Constant
        )
    }

    /// Whether the number names a specific code (rules about the code's validity apply).
    pub fn names_a_code(self) -> bool {
        self != SiteKind::Bound
    }
}

/// How the code is written, so fixes and completions keep the file's style.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "form")]
pub enum Form {
    /// `404`
    Literal,
    /// `StatusCode::NOT_FOUND`, `HttpStatus.NOT_FOUND`, `HttpResponse::NotFound`: the text before
    /// the name (`StatusCode::`) and the name itself.
    /// Shared, not owned: a check carries every site of the units an edit left alone over to the
    /// next check, and a copy of each name per keystroke was a fifth of an edit's analysis.
    Constant {
        prefix: std::sync::Arc<str>,
        name: std::sync::Arc<str>,
    },
    /// Not written at all: the framework's call sends it (`res.redirect(url)` is 302). `named`
    /// when the call's name says the code (`Redirect::moved`), so choosing it chose the code.
    Implicit { named: bool },
}

/// What the code around a site does with its code. The sites query gives the first three (a
/// pattern's `#set! role`, or its kind); the rules' context refines a sent or thrown one by what
/// surrounds it (`rules::context::role`): a test expectation, a library defining a constant, a
/// field of data no response reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Goes out in a response: `res.status(531)`.
    Sent,
    /// Raised as an error the framework turns into a response: `ctx.throw(531)`.
    Thrown,
    /// Tested: `if (res.status === 522)`.
    Compared,
    /// Inside a test's expectation: `expect(res.status).toBe(522)`.
    Asserted,
    /// A definition: `static_resp!(Continue, StatusCode::CONTINUE)`, an exception class's
    /// `super(msg, HttpStatus.I_AM_A_TEAPOT)`, or the value of a name a site sends (reported there).
    Defined,
    /// Data: a key of a response body (`{ statusCode: 418 }`), a struct field no response reads.
    Data,
}

impl Role {
    /// Whether the code goes out to a client, so rules about what an app sends apply.
    pub fn goes_out(self) -> bool {
        matches!(self, Role::Sent | Role::Thrown)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Site {
    pub code: u32,
    /// Bytes of the code's text (the literal, or the whole constant path), or of the name that
    /// carries it here (`UPSTREAM_DOWN` in `res.status(UPSTREAM_DOWN)`).
    pub range: Range<usize>,
    pub kind: SiteKind,
    /// How the code is written: at the site, or where `origin` says.
    pub form: Form,
    /// The role the sites query gives it (see [`Role`]).
    pub role: Role,
    /// Where the code was written, when a name carried it here.
    pub origin: Option<Box<super::values::Origin>>,
    /// The code is an argument of a method called on a response (`res.status(404)`): what
    /// surrounds the call cannot make it other than `role` (`rules::context::role` skips it).
    #[serde(skip)]
    pub on_response: bool,
}

impl Site {
    /// The code as a message names it: `531`, or `531 (UPSTREAM_DOWN, line 3)`.
    pub fn described(&self) -> String {
        match &self.origin {
            Some(origin) => format!("{} ({}, line {})", self.code, origin.name, origin.line),
            None => self.code.to_string(),
        }
    }

    /// The code and its phrase as a message names them: `204 No Content`, or
    /// `204 No Content (NO_CONTENT, line 3)`.
    pub fn described_as(&self, phrase: &str) -> String {
        match &self.origin {
            Some(origin) => format!(
                "{} {phrase} ({}, line {})",
                self.code, origin.name, origin.line
            ),
            None => format!("{} {phrase}", self.code),
        }
    }
}

/// A compiled sites query with what each pattern says about itself.
pub struct SitesQuery {
    pub query: Query,
    kinds: Vec<SiteKind>,
    roles: Vec<Role>,
    /// Patterns whose @status counts only as a name holding a status type's value
    /// (`(code, Json(body))` after `let code = StatusCode::OK`): `through "name"`.
    through_name: Vec<bool>,
    requires: Vec<Option<String>>,
    /// Every text some pattern requires, once each.
    required: Vec<String>,
    status: u32,
    receiver: Option<u32>,
    method: Option<u32>,
    namespace: Option<u32>,
    comparison: Option<u32>,
    /// How many of the query's patterns are sites patterns; the rest are riders'.
    patterns: usize,
    /// The pattern indices of each rider, in the order `rules::context::queries::RIDERS` names
    /// them.
    riders: Vec<Range<usize>>,
}

/// A match of a rider's pattern (a rule query compiled into the sites query, see
/// [`SitesQuery::compile_with_riders`]): which rider, the pattern's index in the joint query, and
/// its captures.
pub struct RiderMatch<'t> {
    pub rider: usize,
    pub query: &'static Query,
    pub pattern: usize,
    pub captures: Vec<(u32, tree_sitter::Node<'t>)>,
}

/// Capture names the sites queries may use; a test holds every query to this list.
pub const KNOWN_CAPTURES: &[&str] = &[
    "status",
    "receiver",
    "comparison",
    "method",
    "property",
    "function",
    "constructor",
    "key",
    "namespace",
    "error",
    "heritage",
];

impl SitesQuery {
    /// Compiles a sites query against a grammar; errors say which file and where.
    pub fn compile(
        grammar: &tree_sitter::Language,
        (file, source): (&str, &str),
    ) -> Result<SitesQuery, String> {
        Self::compile_with_riders(grammar, (file, source), &[])
    }

    /// Compiles a sites query with other queries' patterns after its own (`riders`, each a
    /// file's path and text, already checked on their own): one cursor run then finds the sites
    /// and the riders' matches together. A cursor's walk over a handler file costs about half of
    /// tree-sitter's parse of it whatever the query, and the rules' error-path and body queries
    /// run where the sites do, so riding along saves a walk each (measured on the 10,000-line
    /// Express file: 35 ms + 29 ms + 29 ms apart, 46 ms joint).
    pub fn compile_with_riders(
        grammar: &tree_sitter::Language,
        (file, source): (&str, &str),
        riders: &[(&str, String)],
    ) -> Result<SitesQuery, String> {
        let mut text = source.to_string();
        let mut starts = Vec::new();
        for (_, rider) in riders {
            text.push('\n');
            starts.push(text.len());
            text.push_str(rider);
        }
        let query = Query::new(grammar, &text).map_err(|e| {
            let at = starts.iter().rposition(|&s| e.offset >= s);
            let name = at.map_or(file, |i| riders[i].0);
            format!("{name} (riding with {file}): {e}")
        })?;
        let first_of = |start: usize| {
            (0..query.pattern_count())
                .find(|&p| query.start_byte_for_pattern(p) >= start)
                .unwrap_or(query.pattern_count())
        };
        let bounds: Vec<usize> = starts.iter().map(|&s| first_of(s)).collect();
        let patterns = bounds.first().copied().unwrap_or(query.pattern_count());
        let riders: Vec<Range<usize>> = bounds
            .iter()
            .enumerate()
            .map(|(i, &b)| b..bounds.get(i + 1).copied().unwrap_or(query.pattern_count()))
            .collect();
        let mut kinds = Vec::new();
        let mut roles = Vec::new();
        let mut through_name = Vec::new();
        let mut requires = Vec::new();
        for pattern in 0..patterns {
            let mut kind = None;
            let mut needs = None;
            let mut role = None;
            let mut through = false;
            for property in query.property_settings(pattern) {
                let value = property.value.as_deref();
                match (&*property.key, value) {
                    ("kind", Some("set")) => kind = Some(SiteKind::Set),
                    ("kind", Some("redirect")) => kind = Some(SiteKind::Redirect),
                    ("kind", Some("compare")) => kind = Some(SiteKind::Compare),
                    ("kind", Some("constant")) => kind = Some(SiteKind::Constant),
                    ("requires", Some(word)) => needs = Some(word.to_string()),
                    ("role", Some("thrown")) => role = Some(Role::Thrown),
                    ("role", Some("defined")) => role = Some(Role::Defined),
                    ("through", Some("name")) => through = true,
                    (key, value) => {
                        return Err(format!(
                            "{file}: pattern {pattern}: unknown property {key} {value:?}"
                        ));
                    }
                }
            }
            let kind = kind.ok_or_else(|| format!("{file}: pattern {pattern} sets no kind"))?;
            roles.push(role.unwrap_or(match kind {
                SiteKind::Compare | SiteKind::Bound => Role::Compared,
                _ => Role::Sent,
            }));
            kinds.push(kind);
            through_name.push(through);
            requires.push(needs);
        }
        // The riders' captures are checked with their own files (`rules::context::queries`).
        for name in query.capture_names() {
            let theirs =
                !riders.is_empty() && crate::rules::context::queries::KNOWN_CAPTURES.contains(name);
            if !KNOWN_CAPTURES.contains(name) && !theirs {
                return Err(format!("{file}: unknown capture @{name}"));
            }
        }
        let index = |name| query.capture_index_for_name(name);
        Ok(SitesQuery {
            status: index("status").ok_or_else(|| format!("{file}: no @status capture"))?,
            receiver: index("receiver"),
            method: index("method"),
            namespace: index("namespace"),
            comparison: index("comparison"),
            required: {
                let mut all: Vec<String> = requires.iter().flatten().cloned().collect();
                all.sort();
                all.dedup();
                all
            },
            kinds,
            roles,
            through_name,
            requires,
            patterns,
            riders,
            query,
        })
    }
}

/// One slot per entry of `LANGUAGES`, compiled on first use: a JavaScript-only run never pays for
/// the Rust query, and start-up pays for nothing.
static QUERIES: [OnceLock<SitesQuery>; super::LANGUAGES.len()] =
    [const { OnceLock::new() }; super::LANGUAGES.len()];

pub fn sites_query(language: Language) -> &'static SitesQuery {
    let index = language.grammar_slot();
    QUERIES[index].get_or_init(|| {
        let spec = &super::LANGUAGES[index];
        let (file, source) = spec.sites_query;
        let source = super::query_source::prepared(language, source);
        let riders: Vec<(&str, String)> = crate::rules::context::queries::riders(language)
            .into_iter()
            .map(|(path, text)| (path, super::query_source::prepared(language, text)))
            .collect();
        SitesQuery::compile_with_riders(&(spec.grammar)(), (file, &source), &riders)
            .unwrap_or_else(|e| panic!("embedded query does not compile: {e}"))
    })
}

/// The texts a file must hold for some of `language`'s patterns to count (`rocket::`): a check
/// that reuses earlier results must notice when one appears or goes.
pub fn required_texts(language: Language) -> &'static [String] {
    &sites_query(language).required
}

/// Every site in `tree`, in source order, one per code node.
pub fn find_sites(tree: &Tree, source: &str, language: Language) -> Vec<Site> {
    find_sites_in(tree, source, language, 0..source.len())
}

/// The sites whose code overlaps `bytes`: a hover on the last digit of `404` or on the `MANY` of
/// `StatusCode::TOO_MANY_REQUESTS` asks about a window that does not hold the site's start.
pub fn find_sites_in(
    tree: &Tree,
    source: &str,
    language: Language,
    bytes: Range<usize>,
) -> Vec<Site> {
    find_sites_and_riders_in(tree, source, language, bytes).0
}

/// [`find_sites_in`], and the riders' matches in `bytes` (see [`RiderMatch`]).
pub fn find_sites_and_riders_in<'t>(
    tree: &'t Tree,
    source: &str,
    language: Language,
    bytes: Range<usize>,
) -> (Vec<Site>, Vec<RiderMatch<'t>>) {
    let window = std::slice::from_ref(&bytes);
    let found = collect(tree, source, language, window, |site| {
        site.start < bytes.end && site.end > bytes.start
    });
    (found.0, found.2)
}

/// Only the riders' matches that touch `windows`, each once: the rule queries that ride with the
/// sites query are compiled nowhere else, so a rule that asks for them where no site was looked
/// for runs this query (compiling a query costs more than running it over most files, and the
/// riders' own copies would double that for no finding).
pub fn rider_matches<'t>(
    tree: &'t Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
) -> Vec<RiderMatch<'t>> {
    let q = sites_query(language);
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    super::for_each_match(&q.query, tree, source.as_bytes(), windows, |m| {
        let Some(rider) = q.riders.iter().position(|r| r.contains(&m.pattern_index)) else {
            return;
        };
        let nodes: Vec<usize> = m.captures.iter().map(|c| c.node.id()).collect();
        if windows.len() > 1 && !seen.insert((m.pattern_index, nodes)) {
            return;
        }
        found.push(RiderMatch {
            rider,
            query: &q.query,
            pattern: m.pattern_index,
            captures: m.captures.iter().map(|c| (c.index, c.node)).collect(),
        });
    });
    found
}

/// Every site whose pattern match touches one of `windows`: given windows around the pre-filter's
/// hits (`syntax::prefilter`), every site of the file, since each match holds the word its
/// pattern tests for. The cursor visits only the nodes on the way to each window.
pub fn find_sites_around(
    tree: &Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
) -> Vec<Site> {
    find_sites_noting_names(tree, source, language, windows).0
}

/// [`find_sites_around`], and every name a site's value was looked up through: a skimmed parse
/// that left out code mentioning one of them must parse it after all (`analysis::skim`).
pub fn find_sites_noting_names(
    tree: &Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
) -> (Vec<Site>, Vec<String>) {
    let (sites, names, _) = collect(tree, source, language, windows, |_| true);
    (sites, names)
}

/// [`find_sites_noting_names`], and the riders' matches around `windows` (see [`RiderMatch`]).
pub fn find_sites_noting_names_and_riders<'t>(
    tree: &'t Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
) -> (Vec<Site>, Vec<String>, Vec<RiderMatch<'t>>) {
    collect(tree, source, language, windows, |_| true)
}

fn collect<'t>(
    tree: &'t Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
    keep: impl Fn(&Range<usize>) -> bool,
) -> (Vec<Site>, Vec<String>, Vec<RiderMatch<'t>>) {
    let q = sites_query(language);
    let mut riders = Vec::new();
    let mut by_range: HashMap<(usize, usize, u32), Site> = HashMap::new();
    let mut resolver: Option<Resolver> = None;
    // Whether the file holds each pattern's required text, looked up once per pattern and file
    // rather than once per match.
    let mut present: HashMap<usize, bool> = HashMap::new();
    super::for_each_match(&q.query, tree, source.as_bytes(), windows, |m| {
        if m.pattern_index >= q.patterns {
            if let Some(rider) = q.riders.iter().position(|r| r.contains(&m.pattern_index)) {
                riders.push(RiderMatch {
                    rider,
                    query: &q.query,
                    pattern: m.pattern_index,
                    captures: m.captures.iter().map(|c| (c.index, c.node)).collect(),
                });
            }
            return;
        }
        if let Some(word) = q.requires[m.pattern_index].as_deref() {
            let found = *present
                .entry(m.pattern_index)
                .or_insert_with(|| source.contains(word));
            if !found {
                return;
            }
        }
        let capture = |index: Option<u32>| {
            index.and_then(|i| m.captures.iter().find(|c| c.index == i).map(|c| c.node))
        };
        let Some(status) = capture(Some(q.status)) else {
            return;
        };
        if capture(q.receiver).is_some_and(|r| !looks_like_response(text(r, source))) {
            return;
        }
        // `.as_u16()` reads any `u16` newtype (`port.as_u16() == 443`): only a chain that says
        // status or code is one.
        if capture(q.method).is_some_and(|m| text(m, source) == "as_u16")
            && !capture(q.method).is_some_and(|m| chain_names_a_status(m, source))
        {
            return;
        }
        let mut kind = q.kinds[m.pattern_index];
        if capture(q.comparison).is_some_and(|c| is_range_test(c, source)) {
            kind = SiteKind::Bound;
        }
        let role = match kind {
            SiteKind::Bound => Role::Compared,
            // `ctx.throw(404)` shares the pattern of `res.status(404)` (one pattern compiles
            // and runs faster than two), and throws.
            _ if capture(q.method).is_some_and(|m| text(m, source) == "throw") => Role::Thrown,
            _ => q.roles[m.pattern_index],
        };
        let mut found = Vec::new();
        let through_name = q.through_name[m.pattern_index];
        let mut written = resolve(status, capture(q.namespace), source, language);
        // `res.status(t.gone)` after `const t = { gone: 521 }`: the table this file writes
        // says what the member holds; its name (410 Gone) is only a guess.
        if written.is_some()
            && kind != SiteKind::Constant
            && Resolver::is_table_member(status, source)
        {
            let resolver = resolver.get_or_insert_with(|| Resolver::new(tree, source, language));
            let here = status.byte_range();
            let from_elsewhere =
                |v: &Value| !(here.start <= v.origin.value.start && v.origin.value.end <= here.end);
            if resolver.values(status).iter().any(from_elsewhere) {
                written = None;
            }
        }
        match written {
            Some((code, form, range)) if !through_name => found.push((code, form, range, None)),
            Some(_) => return,
            None if Resolver::is_name(status, language) && kind != SiteKind::Constant => {
                let resolver =
                    resolver.get_or_insert_with(|| Resolver::new(tree, source, language));
                for value in resolver.values(status) {
                    if through_name && !value.typed {
                        continue;
                    }
                    found.push((
                        value.code,
                        value.form,
                        status.byte_range(),
                        Some(Box::new(value.origin)),
                    ));
                }
            }
            None => return,
        }
        for (code, form, range, origin) in found {
            if !keep(&range) {
                continue;
            }
            // A comparison with a small number is not about HTTP (`user.status === 2`).
            if matches!(kind, SiteKind::Compare | SiteKind::Bound) && code < 100 {
                continue;
            }
            let site = Site {
                code,
                range,
                kind,
                form,
                role,
                origin,
                // A plain name (`res`, `ctx.response`), not a chain from a call that may be a
                // test's (`expect(res).to.have.status(404)`).
                on_response: capture(q.method).is_some()
                    && capture(q.receiver).is_some_and(|r| !text(r, source).contains('(')),
            };
            let key = (site.range.start, site.range.end, site.code);
            // A constant inside `res.status(...)` matches twice; the contextual kind wins, and
            // a response's property wins over an error's (`res.status = 404`).
            match by_range.get(&key) {
                Some(existing)
                    if existing.kind != SiteKind::Constant
                        && !(existing.role == Role::Thrown
                            && site.role == Role::Sent
                            && site.kind != SiteKind::Constant) => {}
                _ => {
                    by_range.insert(key, site);
                }
            }
        }
    });
    let mut sites: Vec<Site> = by_range.into_values().collect();
    sites.sort_by_key(|s| (s.range.start, s.range.end, s.code));
    mark_carried(&mut sites);
    (sites, resolver.map(|r| r.names).unwrap_or_default(), riders)
}

/// The value of a name a site sends is reported at that site, not where it is written: the
/// written code's own site becomes a definition.
pub fn mark_carried(sites: &mut [Site]) {
    let carried: Vec<Range<usize>> = sites
        .iter()
        .filter_map(|s| s.origin.as_ref().map(|o| o.value.clone()))
        .collect();
    for site in sites {
        if site.origin.is_none() && site.role.goes_out() && carried.contains(&site.range) {
            site.role = Role::Defined;
        }
    }
}

/// Whether the line of `site` declares a name before it (`let`, `const`, `var`, `static`): the
/// cheap test before walking up the tree for a declaration.
fn declared_on_its_line(source: &str, site: &Site) -> bool {
    let before = &source.as_bytes()[..site.range.start];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = &before[line_start.max(site.range.start.saturating_sub(240))..];
    memchr::memchr(b'=', line).is_some()
        && ["let ", "const ", "var ", "static "]
            .iter()
            .any(|word| memchr::memmem::find(line, word.as_bytes()).is_some())
}

/// The names that `sites` give a code to (`let code = StatusCode::OK`, `const CODE = HttpStatus.OK`),
/// each with the bytes where it can be used: the function around the declaration, or the file.
pub fn carriers(tree: &Tree, source: &str, sites: &[Site]) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    for site in sites
        .iter()
        .filter(|s| s.origin.is_none() && s.role.goes_out() && declared_on_its_line(source, s))
    {
        let Some(node) = tree
            .root_node()
            .descendant_for_byte_range(site.range.start, site.range.end)
        else {
            continue;
        };
        // Up through what keeps the value (`StatusCode::from_u16(599).unwrap()`) to a declaration.
        let mut value = node;
        let mut declarator = None;
        for _ in 0..6 {
            let Some(parent) = value.parent() else { break };
            match parent.kind() {
                "variable_declarator" | "let_declaration" | "const_item" | "static_item" => {
                    if parent
                        .child_by_field_name("value")
                        .is_some_and(|v| v.id() == value.id())
                    {
                        declarator = Some(parent);
                    }
                    break;
                }
                "arguments"
                | "call_expression"
                | "field_expression"
                | "member_expression"
                | "parenthesized_expression"
                | "try_expression"
                | "as_expression" => value = parent,
                _ => break,
            }
        }
        let Some(declarator) = declarator else {
            continue;
        };
        let Some(name) = declarator
            .child_by_field_name("name")
            .or_else(|| declarator.child_by_field_name("pattern"))
            .filter(|n| n.kind() == "identifier")
        else {
            continue;
        };
        let mut scope = declarator;
        while let Some(parent) = scope.parent() {
            scope = parent;
            if super::is_function_kind(scope.kind()) {
                break;
            }
        }
        let name = text(name, source).to_string();
        if !out
            .iter()
            .any(|(n, r)| *n == name && *r == scope.byte_range())
        {
            out.push((name, scope.byte_range()));
        }
    }
    out
}

fn text<'s>(node: Node, source: &'s str) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// Names that response objects (and response builders) go by in the frameworks we serve. A
/// receiver matches when one of its identifiers is such a name (`res`, `reply`, `ctx`) or ends in
/// one as its last camelCase or snake_case word (`httpRes`, `serverResponse`, `api_reply`,
/// `err.response`). A bare suffix would also accept `scores` and `measures`.
pub(crate) fn looks_like_response(receiver: &str) -> bool {
    const NAMES: &[&str] = &[
        "res", "resp", "response", "reply", "rep", "ctx", "context", "c", "h", "r", "out",
        "builder",
    ];
    const LAST_WORDS: &[&str] = &[
        "res", "resp", "response", "reply", "ctx", "context", "builder",
    ];
    receiver
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
        .filter(|word| !word.is_empty())
        .any(|word| {
            let is =
                |names: &[&str], word: &str| names.contains(&word.to_ascii_lowercase().as_str());
            is(NAMES, word) || last_word(word).is_some_and(|last| is(LAST_WORDS, last))
        })
}

/// The last word of a compound identifier: `serverResponse` -> `Response`, `HTTPResponse` ->
/// `Response`, `api_reply` -> `reply`; None when the identifier is a single word.
fn last_word(ident: &str) -> Option<&str> {
    let ident = ident.trim_matches(|c| c == '_' || c == '$');
    if let Some(i) = ident.rfind('_') {
        return Some(&ident[i + 1..]);
    }
    let bytes = ident.as_bytes();
    (1..bytes.len())
        .rev()
        .find(|&i| {
            let upper = bytes[i].is_ascii_uppercase();
            let after_lower = !bytes[i - 1].is_ascii_uppercase();
            let ends_acronym = bytes.get(i + 1).is_some_and(|b| b.is_ascii_lowercase());
            upper && (after_lower || ends_acronym)
        })
        .map(|i| &ident[i..])
}

/// Whether the call chain before a method (`resp.status().as_u16`, `code.as_u16`) names a status.
fn chain_names_a_status(method: Node, source: &str) -> bool {
    let before = source.as_bytes()[..method.start_byte()].iter().rev();
    let chain: Vec<u8> = before
        .take_while(|b| super::is_identifier_byte(**b) || b".()?&*: ".contains(b))
        .take(80)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let chain: Vec<u8> = chain.into_iter().rev().collect();
    memchr::memmem::find(&chain, b"status").is_some()
        || memchr::memmem::find(&chain, b"code").is_some()
}

fn is_range_test(comparison: Node, source: &str) -> bool {
    // Python's comparison names its operators `operators`: `500 <= r.status_code < 600`.
    comparison
        .child_by_field_name("operator")
        .or_else(|| comparison.child_by_field_name("operators"))
        .map(|op| matches!(text(op, source), "<" | ">" | "<=" | ">="))
        .unwrap_or(false)
}

/// The code a node stands for, how it is written, and the bytes the site spans.
fn resolve(
    node: Node,
    namespace: Option<Node>,
    source: &str,
    language: Language,
) -> Option<(u32, Form, Range<usize>)> {
    match node.kind() {
        "number" | "integer_literal" | "integer" | "int_literal" => Some((
            parse_integer(text(node, source))?,
            Form::Literal,
            node.byte_range(),
        )),
        "member_expression" if language.is_javascript() => {
            let name = node.child_by_field_name("property")?;
            constant_form(node.start_byte(), name, source)
        }
        // `status.HTTP_404_NOT_FOUND`, `HTTPStatus.NOT_FOUND` (Python)
        "attribute" => {
            let name = node.child_by_field_name("attribute")?;
            constant_form(node.start_byte(), name, source)
        }
        // `http.StatusNotFound` (Go)
        "selector_expression" => {
            let name = node.child_by_field_name("field")?;
            constant_form(node.start_byte(), name, source)
        }
        "scoped_identifier" if language.is_rust() => {
            let name = node.child_by_field_name("name")?;
            constant_form(node.start_byte(), name, source)
        }
        // Inside a macro's arguments a path is loose tokens (`StatusCode` `::` `NOT_FOUND`): the
        // query captures the name as the status and the path's first token as the namespace.
        "identifier" if language.is_rust() => constant_form(namespace?.start_byte(), node, source),
        _ => None,
    }
}

fn constant_form(start: usize, name: Node, source: &str) -> Option<(u32, Form, Range<usize>)> {
    let name_text = text(name, source);
    let code = catalog().constant(name_text)?;
    let prefix = source.get(start..name.start_byte())?.into();
    Some((
        code as u32,
        Form::Constant {
            prefix,
            name: name_text.into(),
        },
        start..name.end_byte(),
    ))
}

/// `404`, `4_04`, `0x194`, `404u16`: the integer value, or None for floats and anything odd.
pub fn parse_integer(literal: &str) -> Option<u32> {
    let cleaned: String = literal.chars().filter(|c| *c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    let (digits, radix) = if let Some(hex) = lower.strip_prefix("0x") {
        (hex.to_string(), 16)
    } else if let Some(oct) = lower.strip_prefix("0o") {
        (oct.to_string(), 8)
    } else if let Some(bin) = lower.strip_prefix("0b") {
        (bin.to_string(), 2)
    } else {
        // Rust's type suffix (`404u16`, `404_i32`) follows the digits.
        let end = lower
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(lower.len());
        let suffix = &lower[end..];
        if !suffix.is_empty() && !is_integer_suffix(suffix) {
            return None;
        }
        (lower[..end].to_string(), 10)
    };
    let digits = if radix == 10 {
        digits
    } else {
        let end = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if !is_integer_suffix(&digits[end..]) && end != digits.len() {
            return None;
        }
        digits[..end].to_string()
    };
    u32::from_str_radix(&digits, radix).ok()
}

fn is_integer_suffix(suffix: &str) -> bool {
    matches!(
        suffix,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    )
}
