//! Rules turn sites (and the tree around them) into findings. Each rule is one file: its name,
//! default severity, detection and fixes. The table `RULES` is the only list of them; the README's
//! rule table and `docs/rules/` are tested against it.

pub mod apply;
mod auth_status;
mod body_on_bodiless_status;
mod body_status_mismatch;
pub mod context;
mod crud_status;
mod deprecated_code;
mod error_status_success_body;
pub mod fix;
mod informational_from_handler;
mod invalid_code;
mod missing_companion_header;
mod ok_on_error;
mod platform_reserved;
mod prefer_named_constant;
mod problem_details;
mod redirect_status;
pub mod suppression;
mod undeclared_status;
mod unknown_code;
mod unofficial_code;
mod unsent_declared_status;

use crate::config::Config;
use crate::syntax::{Language, Site};
use serde::Serialize;
use std::ops::Range;

/// Where rule documentation lives; `codeDescription` links and CLI output point here. Built from
/// the `repository` in Cargo.toml, the one place the project's address is written.
pub const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules/");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A text replacement, in bytes of the analysed source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The one fix an editor may apply without asking (`isPreferred`).
    pub preferred: bool,
    /// Edits to other files (the project's OpenAPI document), in bytes of each file's text as it
    /// was read for the check. A fix with any is never preferred: `check --fix` and the editor's
    /// fix-all change only the file they check.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elsewhere: Vec<FileEdits>,
}

/// Edits to one other file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileEdits {
    pub path: std::path::PathBuf,
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    /// The status code the finding is about.
    pub code: u32,
    pub fixes: Vec<Fix>,
}

/// What a rule sees of one file.
pub struct Context<'a> {
    pub source: &'a str,
    pub tree: &'a tree_sitter::Tree,
    pub language: Language,
    /// The sites in `scope`.
    pub sites: &'a [Site],
    pub config: &'a Config,
    /// The byte ranges being checked: the whole file, or the parts of it an edit touched. Rules
    /// report only on code in here; the tree around it is still theirs to read.
    pub scope: &'a [Range<usize>],
    /// Where the rule queries run: `scope`, or in a full check only the sites and the pre-filter's
    /// hits (a match counts when any of its nodes touches one, so the catch block, response and
    /// route around a site are found all the same).
    pub focus: &'a [Range<usize>],
    /// Named route registrations of the whole file, found on first need or carried over from
    /// the previous check of the file when an edit cannot have changed them.
    pub named_routes: &'a std::sync::OnceLock<context::route::NamedRoutes>,
    /// Matches of the rule queries, run once per check however many rules ask.
    matches: [std::cell::OnceCell<Vec<context::queries::Match<'a>>>; 4],
    /// The frameworks whose rows apply to the file (`crate::frameworks`).
    frameworks: std::cell::OnceCell<Vec<&'a crate::frameworks::Framework>>,
    /// Each site's role where it stands (`context::role`), keyed by range and code.
    roles: std::cell::OnceCell<std::collections::HashMap<(usize, usize, u32), crate::syntax::Role>>,
    /// The routes that declare their responses, for the rules that compare them with what the
    /// handlers send.
    declaring_routes: std::cell::OnceCell<Vec<crate::routes::declaring::DeclaringRoute>>,
    /// The file-wide texts a check found, or carried over from the last one (None: searched).
    mentions: Option<&'a crate::analysis::Mentions>,
}

impl<'a> Context<'a> {
    pub fn new(
        source: &'a str,
        tree: &'a tree_sitter::Tree,
        language: Language,
        sites: &'a [Site],
        config: &'a Config,
        (scope, focus): (&'a [Range<usize>], &'a [Range<usize>]),
        named_routes: &'a std::sync::OnceLock<context::route::NamedRoutes>,
    ) -> Context<'a> {
        Context {
            source,
            tree,
            language,
            sites,
            config,
            scope,
            focus,
            named_routes,
            matches: Default::default(),
            roles: Default::default(),
            frameworks: Default::default(),
            declaring_routes: Default::default(),
            mentions: None,
        }
    }

    /// The frameworks the file uses, as a check found them (once, for the sites and the rules)
    /// or carried them over from the last one.
    pub fn with_frameworks(self, frameworks: Vec<&'a crate::frameworks::Framework>) -> Self {
        let _ = self.frameworks.set(frameworks);
        self
    }

    /// The matches of `purpose`'s query around the focus, found already (the rule queries that
    /// ride with the sites query, `syntax::sites`).
    pub fn with_matches(
        self,
        purpose: context::queries::Purpose,
        matches: Vec<context::queries::Match<'a>>,
    ) -> Self {
        let _ = self.matches[Self::slot(purpose)].set(matches);
        self
    }

    /// The matches of `purpose`'s query if they were found already (see [`Context::with_matches`]).
    pub fn found(
        &self,
        purpose: context::queries::Purpose,
    ) -> Option<&[context::queries::Match<'a>]> {
        self.matches[Self::slot(purpose)].get().map(Vec::as_slice)
    }

    fn slot(purpose: context::queries::Purpose) -> usize {
        use context::queries::Purpose;
        match purpose {
            Purpose::ErrorPaths => 0,
            Purpose::Bodies => 1,
            Purpose::Routes => 2,
            Purpose::Responses => 3,
        }
    }

    /// Answers [`Context::mentions`] from what the check found file-wide.
    pub fn with_mentions(mut self, mentions: &'a crate::analysis::Mentions) -> Self {
        self.mentions = Some(mentions);
        self
    }

    /// Whether the file holds `text` anywhere: one of `analysis::mentions`' texts, which an
    /// edit's check does not search the whole file for again.
    pub fn mentions(&self, text: &str) -> bool {
        match self.mentions {
            Some(mentions) => mentions.has(text, self.source),
            None => self.source.contains(text),
        }
    }

    /// The file's routes that declare their responses (`crate::routes::declaring`), found once
    /// however many rules ask.
    pub fn declaring_routes(&self) -> &[crate::routes::declaring::DeclaringRoute] {
        self.declaring_routes
            .get_or_init(|| crate::routes::declaring::find(self))
    }

    /// The frameworks the file uses, whose rows say what its calls do with a status.
    pub fn frameworks(&self) -> &[&'a crate::frameworks::Framework] {
        self.frameworks
            .get_or_init(|| crate::frameworks::used_in(self.source, self.language, self.config))
    }

    /// What the code around `site` does with its code (see `context::role`).
    pub fn role(&self, site: &Site) -> crate::syntax::Role {
        let roles = self.roles.get_or_init(|| {
            // The bodies query runs only if a site stands inside an object or macro, where a
            // body could hold it.
            let responses = std::cell::OnceCell::new();
            let responses = || responses.get_or_init(|| context::body::Responses::find(self));
            self.sites
                .iter()
                .map(|s| {
                    let role = context::role::role(self, s, Some(&responses));
                    ((s.range.start, s.range.end, s.code), role)
                })
                .collect()
        });
        roles
            .get(&(site.range.start, site.range.end, site.code))
            .copied()
            .unwrap_or_else(|| {
                context::role::role(
                    self,
                    site,
                    None::<&dyn Fn() -> &'a context::body::Responses<'a>>,
                )
            })
    }

    /// The matches of `purpose`'s query that touch `focus`.
    pub fn matches(&self, purpose: context::queries::Purpose) -> &[context::queries::Match<'a>] {
        self.matches[Self::slot(purpose)].get_or_init(|| {
            context::queries::matches(purpose, self.tree, self.source, self.language, self.focus)
        })
    }

    /// The matches of `purpose`'s query anywhere in the file, not only around `focus`: for what
    /// holds no site, so a check's focus may not touch it (a route registered away from its
    /// handler, a declared response).
    pub fn matches_everywhere(
        &self,
        purpose: context::queries::Purpose,
    ) -> Vec<context::queries::Match<'a>> {
        let everywhere = 0..self.source.len();
        context::queries::matches(
            purpose,
            self.tree,
            self.source,
            self.language,
            std::slice::from_ref(&everywhere),
        )
    }

    /// Whether the byte `at` is in the code being checked.
    pub fn in_scope(&self, at: usize) -> bool {
        self.scope.iter().any(|r| r.contains(&at))
    }

    /// A finding at `site` with the rule's configured severity.
    pub fn finding(&self, rule: &dyn Rule, site: &Site, message: String) -> Option<Finding> {
        let severity = self.config.severity(rule.name(), rule.default_severity())?;
        Some(Finding {
            rule: rule.name(),
            severity,
            range: site.range.clone(),
            message,
            code: site.code,
            fixes: Vec::new(),
        })
    }
}

pub trait Rule: Sync {
    /// Stable kebab-case name, used in config, suppressions and output.
    fn name(&self) -> &'static str;
    /// `None` when the rule is off unless configured on.
    fn default_severity(&self) -> Option<Severity>;
    /// The level an off-by-default rule takes when turned on without one (`check --select`).
    fn severity_when_on(&self) -> Severity {
        self.default_severity().unwrap_or(Severity::Warning)
    }
    /// One line for the README's rule table and `--help`.
    fn summary(&self) -> &'static str;
    /// The roles of the sites it reads (`syntax::Role`): what goes out, unless it says otherwise.
    /// Each rule's page says them (`**Reads:**`), a test holds it to this.
    fn roles(&self) -> &'static [crate::syntax::Role] {
        &[crate::syntax::Role::Sent, crate::syntax::Role::Thrown]
    }
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
    /// Rules whose finding on the same code at the same place this one's makes redundant: it says
    /// the same thing more precisely (a 1xx from a handler is an interim response before it is a
    /// code with a standing).
    fn supersedes(&self) -> &'static [&'static str] {
        &[]
    }
    /// Whether the rule reads routes that hold no site in `language` (a Rust handler returning a
    /// body alone sends the default 200 with no status written): then, while it is on, a file
    /// that may register a route is checked even with no site in it.
    /// `source` is the file's text, for the cheap word checks that keep the rest of a tree from
    /// being parsed for it; None asks whether it may, before the text is decoded.
    fn reads_routes_without_sites(&self, _language: Language, _source: Option<&str>) -> bool {
        false
    }
}

/// Whether a rule that is on under `config` reads routes of `source` that hold no site (None:
/// of some text in `language`).
pub fn routes_without_sites_read(
    config: &Config,
    language: Language,
    source: Option<&str>,
) -> bool {
    RULES.iter().any(|r| {
        config.severity(r.name(), r.default_severity()).is_some()
            && r.reads_routes_without_sites(language, source)
    })
}

/// `findings` without those a more specific finding on the same code and bytes makes redundant
/// (`Rule::supersedes`).
pub fn most_specific(findings: &mut Vec<Finding>) {
    let superseded: Vec<bool> = findings
        .iter()
        .map(|f| {
            findings.iter().any(|g| {
                g.range == f.range
                    && g.code == f.code
                    && rule(g.rule).is_some_and(|r| r.supersedes().contains(&f.rule))
            })
        })
        .collect();
    let mut keep = superseded.into_iter().map(|s| !s);
    findings.retain(|_| keep.next().unwrap_or(true));
}

pub static RULES: &[&dyn Rule] = &[
    &invalid_code::InvalidCode,
    &unknown_code::UnknownCode,
    &platform_reserved::PlatformReserved,
    &unofficial_code::UnofficialCode,
    &deprecated_code::DeprecatedCode,
    &ok_on_error::OkOnError,
    &error_status_success_body::ErrorStatusSuccessBody,
    &body_status_mismatch::BodyStatusMismatch,
    &auth_status::AuthStatus,
    &informational_from_handler::InformationalFromHandler,
    &body_on_bodiless_status::BodyOnBodilessStatus,
    &redirect_status::RedirectStatus,
    &missing_companion_header::MissingCompanionHeader,
    &prefer_named_constant::PreferNamedConstant,
    &undeclared_status::UndeclaredStatus,
    &unsent_declared_status::UnsentDeclaredStatus,
    &crud_status::CrudStatus,
    &problem_details::ProblemDetails,
];

pub fn rule(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.name() == name)
}

pub fn docs_url(rule: &str) -> String {
    format!("{DOCS_BASE}{rule}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, range: Range<usize>, code: u32) -> Finding {
        Finding {
            rule,
            severity: Severity::Info,
            range,
            message: String::new(),
            code,
            fixes: Vec::new(),
        }
    }

    #[test]
    fn a_more_specific_finding_on_the_same_code_and_bytes_wins() {
        let mut findings = vec![
            finding("deprecated-code", 4..7, 102),
            finding("informational-from-handler", 4..7, 102),
            // Elsewhere, or about another code: both stay.
            finding("deprecated-code", 10..13, 305),
            finding("informational-from-handler", 20..23, 103),
            finding("unofficial-code", 20..23, 104),
        ];
        most_specific(&mut findings);
        let left: Vec<(&str, u32)> = findings.iter().map(|f| (f.rule, f.code)).collect();
        assert_eq!(
            left,
            [
                ("informational-from-handler", 102),
                ("deprecated-code", 305),
                ("informational-from-handler", 103),
                ("unofficial-code", 104),
            ]
        );
    }
}
