//! Turns a syntax tree into status-code sites: each place a code is set, sent or compared, with
//! the code's value and the byte range to underline. The patterns are the `.scm` files under
//! `queries/`; this module only interprets their captures.

use super::Language;
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
    Constant { prefix: String, name: String },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Site {
    pub code: u32,
    /// Bytes of the code's text (the literal, or the whole constant path).
    pub range: Range<usize>,
    pub kind: SiteKind,
    pub form: Form,
}

/// A compiled sites query with what each pattern says about itself.
pub struct SitesQuery {
    pub query: Query,
    kinds: Vec<SiteKind>,
    requires: Vec<Option<String>>,
    /// Every text some pattern requires, once each.
    required: Vec<String>,
    status: u32,
    receiver: Option<u32>,
    namespace: Option<u32>,
    comparison: Option<u32>,
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
];

impl SitesQuery {
    /// Compiles a sites query against a grammar; errors say which file and where.
    pub fn compile(
        grammar: &tree_sitter::Language,
        (file, source): (&str, &str),
    ) -> Result<SitesQuery, String> {
        let query = Query::new(grammar, source).map_err(|e| format!("{file}: {e}"))?;
        let mut kinds = Vec::new();
        let mut requires = Vec::new();
        for pattern in 0..query.pattern_count() {
            let mut kind = None;
            let mut needs = None;
            for property in query.property_settings(pattern) {
                let value = property.value.as_deref();
                match (&*property.key, value) {
                    ("kind", Some("set")) => kind = Some(SiteKind::Set),
                    ("kind", Some("redirect")) => kind = Some(SiteKind::Redirect),
                    ("kind", Some("compare")) => kind = Some(SiteKind::Compare),
                    ("kind", Some("constant")) => kind = Some(SiteKind::Constant),
                    ("requires", Some(word)) => needs = Some(word.to_string()),
                    (key, value) => {
                        return Err(format!(
                            "{file}: pattern {pattern}: unknown property {key} {value:?}"
                        ));
                    }
                }
            }
            kinds.push(kind.ok_or_else(|| format!("{file}: pattern {pattern} sets no kind"))?);
            requires.push(needs);
        }
        for name in query.capture_names() {
            if !KNOWN_CAPTURES.contains(name) {
                return Err(format!("{file}: unknown capture @{name}"));
            }
        }
        let index = |name| query.capture_index_for_name(name);
        Ok(SitesQuery {
            status: index("status").ok_or_else(|| format!("{file}: no @status capture"))?,
            receiver: index("receiver"),
            namespace: index("namespace"),
            comparison: index("comparison"),
            required: {
                let mut all: Vec<String> = requires.iter().flatten().cloned().collect();
                all.sort();
                all.dedup();
                all
            },
            kinds,
            requires,
            query,
        })
    }
}

/// One slot per entry of `LANGUAGES`, compiled on first use: a JavaScript-only run never pays for
/// the Rust query, and start-up pays for nothing.
static QUERIES: [OnceLock<SitesQuery>; super::LANGUAGES.len()] =
    [const { OnceLock::new() }; super::LANGUAGES.len()];

pub fn sites_query(language: Language) -> &'static SitesQuery {
    let index = super::LANGUAGES
        .iter()
        .position(|spec| spec.language == language)
        .expect("every language has a table entry");
    QUERIES[index].get_or_init(|| {
        let spec = &super::LANGUAGES[index];
        let (file, source) = spec.sites_query;
        let source = super::query_source::prepared(language, source);
        SitesQuery::compile(&(spec.grammar)(), (file, &source))
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
    let window = std::slice::from_ref(&bytes);
    collect(tree, source, language, window, |site| {
        site.start < bytes.end && site.end > bytes.start
    })
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
    collect(tree, source, language, windows, |_| true)
}

fn collect(
    tree: &Tree,
    source: &str,
    language: Language,
    windows: &[Range<usize>],
    keep: impl Fn(&Range<usize>) -> bool,
) -> Vec<Site> {
    let q = sites_query(language);
    let mut by_range: HashMap<(usize, usize), Site> = HashMap::new();
    // Whether the file holds each pattern's required text, looked up once per pattern and file
    // rather than once per match.
    let mut present: HashMap<usize, bool> = HashMap::new();
    super::for_each_match(&q.query, tree, source.as_bytes(), windows, |m| {
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
        let Some((code, form, range)) = resolve(status, capture(q.namespace), source, language)
        else {
            return;
        };
        if !keep(&range) {
            return;
        }
        if capture(q.receiver).is_some_and(|r| !looks_like_response(text(r, source))) {
            return;
        }
        let mut kind = q.kinds[m.pattern_index];
        if capture(q.comparison).is_some_and(|c| is_range_test(c, source)) {
            kind = SiteKind::Bound;
        }
        // A comparison with a small number is not about HTTP (`user.status === 2`).
        if matches!(kind, SiteKind::Compare | SiteKind::Bound) && code < 100 {
            return;
        }
        let site = Site {
            code,
            range,
            kind,
            form,
        };
        let key = (site.range.start, site.range.end);
        // A constant inside `res.status(...)` matches twice; the contextual kind wins.
        match by_range.get(&key) {
            Some(existing) if existing.kind != SiteKind::Constant => {}
            _ => {
                by_range.insert(key, site);
            }
        }
    });
    let mut sites: Vec<Site> = by_range.into_values().collect();
    sites.sort_by_key(|s| (s.range.start, s.range.end));
    sites
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

fn is_range_test(comparison: Node, source: &str) -> bool {
    comparison
        .child_by_field_name("operator")
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
        "number" | "integer_literal" => Some((
            parse_integer(text(node, source))?,
            Form::Literal,
            node.byte_range(),
        )),
        "member_expression" if !language.is_rust() => {
            let name = node.child_by_field_name("property")?;
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
    let prefix = source.get(start..name.start_byte())?.to_string();
    Some((
        code as u32,
        Form::Constant {
            prefix,
            name: name_text.to_string(),
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
