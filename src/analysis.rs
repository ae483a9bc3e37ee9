//! The engine both front ends call: source text in, sites and findings out. Nothing here knows
//! about LSP or terminals; ranges are byte offsets into the source.

use crate::config::Config;
use crate::rules::suppression::{Suppressions, ignore_fix};
use crate::rules::{Context, Finding, RULES};
use crate::syntax::{self, Language, Site};

pub struct Analysis {
    pub sites: Vec<Site>,
    pub findings: Vec<Finding>,
}

/// Parses and checks a whole file.
pub fn analyze(source: &str, language: Language, config: &Config) -> Option<Analysis> {
    let tree = syntax::parse(source, language, None)?;
    Some(analyze_tree(source, &tree, language, config))
}

/// Checks an already parsed file (the server keeps trees between edits).
pub fn analyze_tree(
    source: &str,
    tree: &tree_sitter::Tree,
    language: Language,
    config: &Config,
) -> Analysis {
    let sites = syntax::find_sites(tree, source, language);
    let findings = check_sites(source, tree, language, config, &sites);
    Analysis { sites, findings }
}

pub fn check_sites(
    source: &str,
    tree: &tree_sitter::Tree,
    language: Language,
    config: &Config,
    sites: &[Site],
) -> Vec<Finding> {
    let cx = Context {
        source,
        tree,
        language,
        sites,
        config,
    };
    let mut findings = Vec::new();
    for rule in RULES {
        rule.check(&cx, &mut findings);
    }
    let suppressions = Suppressions::parse(source);
    if suppressions.any() {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        findings.retain(|f| {
            let line = line_starts.partition_point(|&start| start <= f.range.start) - 1;
            !suppressions.is_suppressed(f.rule, line)
        });
    }
    for finding in &mut findings {
        let ignore = ignore_fix(source, finding);
        finding.fixes.push(ignore);
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    findings
}
