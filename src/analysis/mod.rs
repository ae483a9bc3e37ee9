//! The engine both front ends call: source text in, sites and findings out. Nothing here knows
//! about LSP or terminals; ranges are byte offsets into the source.

mod edits;
mod incremental;
mod mentions;
mod skim;
mod units;

pub use incremental::{Checked, implicit_sites};
pub use mentions::Mentions;
pub use skim::{Parsed, Skimmed, analyze_skimmed, analyze_skimmed_in};

use crate::config::Config;
use crate::rules::context::route::NamedRoutes;
use crate::rules::suppression::{Suppressions, ignore_fix};
use crate::rules::{Context, Finding, RULES};
use crate::syntax::{self, Language, Site};
use std::ops::Range;
use std::sync::OnceLock;

/// Starts compiling `language`'s sites query (with the rule queries that ride in it: bodies and
/// error paths) and its locals and calls queries, on tasks of the worker pool, once per language
/// and process, for a caller about to parse a file of it. Compiling one takes tens of milliseconds
/// (tree-sitter analyses each pattern against the whole grammar). One task per query keeps every
/// core busy: compiled one after another on one thread, the first checks of a run waited on them
/// with a core idle. The routes query, which only a redirect needs, compiles when a rule first
/// asks for it, and a run whose files hold no site of a language pays for none of them.
pub fn prepare_queries(language: Language) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STARTED: [AtomicBool; syntax::LANGUAGES.len()] =
        [const { AtomicBool::new(false) }; syntax::LANGUAGES.len()];
    let index = language.grammar_slot();
    if STARTED[index].swap(true, Ordering::Relaxed) {
        return;
    }
    rayon::spawn(move || {
        syntax::sites::sites_query(language);
    });
    // Values through names and implicit statuses, needed in most files with a site.
    rayon::spawn(move || {
        syntax::locals::locals_query(language);
        syntax::implicit::calls_query(language);
    });
}

/// The pre-filter's hits, and where the words of the project's own framework rows stand
/// (`[frameworks.<name>]` in `statuslint.toml`: `res.upstreamDown()`), which the static needle
/// lists cannot know.
pub fn hits(source: &str, language: Language, config: &Config) -> Vec<Range<usize>> {
    refine_hits(
        syntax::prefilter::site_hits(language, source.as_bytes()),
        source,
        language,
        config,
    )
}

/// Whether the project's own framework rows add words of `language` to look for: then a file
/// with no pre-filter hit may still hold a site.
fn adds_words(config: &Config, language: Language) -> bool {
    let family = crate::frameworks::Family::of(language);
    config
        .frameworks
        .values()
        .any(|f| f.language == family && !f.implicit.is_empty())
}

/// `config` with the dependencies of the manifest nearest `dir` (`frameworks::manifest`), read
/// only when the config has none yet (the server's already does).
pub fn with_dependencies<'c>(
    config: &'c Config,
    dir: Option<&std::path::Path>,
) -> std::borrow::Cow<'c, Config> {
    use std::borrow::Cow;
    let Some(dir) = dir.filter(|_| config.dependencies.is_empty()) else {
        return Cow::Borrowed(config);
    };
    let dependencies = crate::frameworks::manifest::dependencies(dir);
    if dependencies.is_empty() {
        return Cow::Borrowed(config);
    }
    Cow::Owned(Config {
        dependencies,
        ..config.clone()
    })
}

/// The pre-filter's `hits` as `config` reads them (see [`hits`]).
fn refine_hits(
    mut hits: Vec<Range<usize>>,
    source: &str,
    language: Language,
    config: &Config,
) -> Vec<Range<usize>> {
    // Words only the framework model reads (`redirect(url)` in Next.js, `@Redirect(url)` in
    // NestJS, Koa's `ctx.body =`, `Redirect::to`) count in a file whose frameworks have a row
    // for them: elsewhere they are common words, and would make many files be parsed for nothing.
    if hits.iter().any(|h| model_only(source, language, h)) {
        let frameworks = crate::frameworks::used_in(source, language, config);
        let words: Vec<&str> = frameworks
            .iter()
            .flat_map(|f| {
                f.implicit
                    .iter()
                    .map(|r| r.call.word())
                    .chain(f.bodies.iter().map(|c| c.word()))
            })
            .collect();
        hits.retain(|h| !model_only(source, language, h) || words.contains(&&source[h.clone()]));
    }
    let family = crate::frameworks::Family::of(language);
    let mut added = false;
    for framework in config.frameworks.values().filter(|f| f.language == family) {
        for row in &framework.implicit {
            hits.extend(syntax::uses(source, row.call.word(), 0..source.len()));
            added = true;
        }
    }
    if added {
        hits.sort_by_key(|h| (h.start, h.end));
        hits.dedup();
    }
    hits
}

/// Whether a hit is a word no sites pattern needs, only a framework row: a plain `redirect(` or
/// `permanentRedirect(` call, `Redirect` (a decorator, or Rust's `Redirect::to`), Rust's
/// `redirect::found`, an assigned `body`.
fn model_only(source: &str, language: Language, hit: &Range<usize>) -> bool {
    let word = &source[hit.clone()];
    let after_dot = source[..hit.start].trim_end().ends_with('.');
    let assigned = {
        let rest = source[hit.end..].trim_start();
        rest.starts_with('=') && !rest.starts_with("==")
    };
    match word {
        "permanentRedirect" | "Redirect" => true,
        "redirect" => language.is_rust() || !after_dot,
        "body" => assigned,
        _ => false,
    }
}

#[derive(Default)]
pub struct Analysis {
    pub sites: Vec<Site>,
    pub findings: Vec<Finding>,
}

/// Parses and checks a whole file.
pub fn analyze(source: &str, language: Language, config: &Config) -> Option<Analysis> {
    let tree = syntax::parse(source, language, None)?;
    Some(analyze_tree(source, &tree, language, config))
}

/// The route handlers of a file and the statuses each can send (see `crate::routes`). `file` is
/// the file's path: the frameworks its manifest depends on apply, and Next.js routes take their
/// path from it.
pub fn routes(
    source: &str,
    tree: &tree_sitter::Tree,
    language: Language,
    config: &Config,
    file: Option<&std::path::Path>,
) -> Vec<crate::routes::Route> {
    let mut config = with_dependencies(config, file.and_then(|f| f.parent())).into_owned();
    config.file = file.map(std::path::Path::to_path_buf);
    let checked = Checked::new(source, tree, language, &config);
    let everywhere = 0..source.len();
    let whole = std::slice::from_ref(&everywhere);
    let named_routes = OnceLock::new();
    let cx = Context::new(
        source,
        tree,
        language,
        &checked.sites,
        &config,
        (whole, whole),
        &named_routes,
    );
    crate::routes::find(&cx)
}

/// Whether `source` may register a route whose statuses matter even with no site in it: the
/// project's OpenAPI document declares its responses, or a rule that is on reads such routes
/// (`Rule::reads_routes_without_sites`). Such a file is checked even where no site stands.
pub(crate) fn routes_without_sites_matter(
    source: &str,
    language: Language,
    config: &Config,
) -> bool {
    let read_by_a_rule = crate::rules::routes_without_sites_read(config, language, Some(source));
    (read_by_a_rule || config.root.is_some())
        && crate::routes::may_register(source, language, config.file.as_deref())
        && (read_by_a_rule || crate::routes::openapi::configured(config))
}

/// Checks an already parsed file.
pub fn analyze_tree(
    source: &str,
    tree: &tree_sitter::Tree,
    language: Language,
    config: &Config,
) -> Analysis {
    Checked::new(source, tree, language, config).into_analysis(source)
}

/// What the rules find at `sites`, all inside `scope`, before suppressions: the part of a check a
/// later check of the same file can reuse.
fn rule_findings(
    source: &str,
    tree: &tree_sitter::Tree,
    language: Language,
    config: &Config,
    sites: &[Site],
    (scope, focus): (&[Range<usize>], &[Range<usize>]),
    (named_routes, facts, seeds): (
        &OnceLock<NamedRoutes>,
        &incremental::FileFacts,
        incremental::Seeds,
    ),
) -> Vec<Finding> {
    let cx = Context::new(
        source,
        tree,
        language,
        sites,
        config,
        (scope, focus),
        named_routes,
    )
    .with_frameworks(facts.frameworks(config))
    .with_mentions(facts.mentions());
    let cx = seeds.into_iter().fold(cx, |cx, (purpose, matches)| {
        cx.with_matches(purpose, matches)
    });
    let mut findings = Vec::new();
    for rule in RULES {
        if crate::syntax::cancel::requested() {
            break;
        }
        rule.check(&cx, &mut findings);
    }
    crate::rules::most_specific(&mut findings);
    findings
}

/// What users see of `raw`: without the suppressed findings, each with a fix that suppresses it,
/// in source order.
fn finish(source: &str, raw: &[Finding], language: Language) -> Vec<Finding> {
    // Nothing to suppress or place on a line: an edit's check of a clean file reads no more of
    // the text than the units it touched.
    if raw.is_empty() {
        return Vec::new();
    }
    let suppressions = Suppressions::parse(source);
    // Found once when many findings or a suppression need them: searching back from each finding
    // to its line start costs the line's length per finding, quadratic on a minified line. A
    // few findings in a file without suppressions (an edit's check) search back instead of
    // reading the whole text.
    let line_starts: Option<Vec<usize>> =
        (suppressions.any() || raw.len() > FEW_FINDINGS).then(|| {
            std::iter::once(0)
                .chain(line_starts_after_first(source))
                .collect()
        });
    let line_of = |starts: &[usize], offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    let line_start = |offset: usize| match &line_starts {
        Some(starts) => starts[line_of(starts, offset)],
        None => memchr::memrchr(b'\n', &source.as_bytes()[..offset]).map_or(0, |at| at + 1),
    };
    let mut findings: Vec<Finding> = match &line_starts {
        Some(starts) if suppressions.any() => raw
            .iter()
            .filter(|f| !suppressions.is_suppressed(f.rule, line_of(starts, f.range.start)))
            .cloned()
            .collect(),
        _ => raw.to_vec(),
    };
    for finding in &mut findings {
        let line_start = line_start(finding.range.start.min(source.len()));
        let ignore = ignore_fix(source, line_start, finding, language);
        finding.fixes.push(ignore);
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    findings
}

/// Up to this many findings, each finds its line start by searching back (see [`finish`]).
const FEW_FINDINGS: usize = 8;

/// The byte offset where each line after the first starts.
fn line_starts_after_first(source: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1)
}
