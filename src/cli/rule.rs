//! `statuslint rule NAME`: a rule's page in the terminal, as `ruff rule` prints one, from the same
//! Markdown under `docs/rules/` that the diagnostics link to (embedded, so it needs no network).

use crate::rules::{RULES, Rule};

macro_rules! pages {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../docs/rules/", $name, ".md")))),*]
    };
}

/// Every rule's page; `tests/docs.rs` holds this list to `RULES`.
pub const PAGES: &[(&str, &str)] = pages![
    "auth-status",
    "body-on-bodiless-status",
    "body-status-mismatch",
    "crud-status",
    "deprecated-code",
    "error-status-success-body",
    "informational-from-handler",
    "invalid-code",
    "missing-companion-header",
    "ok-on-error",
    "platform-reserved",
    "prefer-named-constant",
    "problem-details",
    "redirect-status",
    "undeclared-status",
    "unknown-code",
    "unofficial-code",
    "unsent-declared-status",
];

/// What `rule` prints and whether it found the rule.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub success: bool,
}

/// The page of `name`, or, without a name, every rule with its summary.
pub fn run(name: Option<&str>) -> Outcome {
    let Some(name) = name else {
        let width = RULES.iter().map(|r| r.name().len()).max().unwrap_or(0);
        let mut stdout = String::new();
        for rule in RULES {
            let on = rule.default_severity().map_or("off", |s| s.label());
            stdout.push_str(&format!(
                "{:width$}  {:7}  {}\n",
                rule.name(),
                on,
                rule.summary()
            ));
        }
        stdout.push_str("\n`statuslint rule NAME` prints a rule's page.\n");
        return Outcome {
            stdout,
            stderr: String::new(),
            success: true,
        };
    };
    match PAGES.iter().find(|(page, _)| *page == name) {
        Some((_, text)) => Outcome {
            stdout: format!(
                "{}\n\nOnline: {}\n",
                text.trim_end(),
                crate::rules::docs_url(name)
            ),
            stderr: String::new(),
            success: true,
        },
        None => {
            let names: Vec<&str> = RULES.iter().map(|r: &&dyn Rule| r.name()).collect();
            Outcome {
                stdout: String::new(),
                stderr: format!(
                    "error: no rule named {name:?}; the rules are: {}\n",
                    names.join(", ")
                ),
                success: false,
            }
        }
    }
}
