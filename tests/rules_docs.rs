//! Every anti-pattern rule has a page in `docs/rules/` that states the severity the rule really
//! defaults to and covers what the issue asks of a rule page: why it matters, examples that fire
//! and that do not, and the fix.

use statuslint::rules::{RULES, Severity};

const ANTI_PATTERN_RULES: &[&str] = &[
    "ok-on-error",
    "error-status-success-body",
    "informational-from-handler",
    "body-on-bodiless-status",
    "redirect-status",
    "missing-companion-header",
    "prefer-named-constant",
];

#[test]
fn each_rule_has_a_page_that_matches_it() {
    for name in ANTI_PATTERN_RULES {
        let rule = RULES
            .iter()
            .find(|r| r.name() == *name)
            .unwrap_or_else(|| panic!("{name} is not in RULES"));
        let path = format!("{}/docs/rules/{name}.md", env!("CARGO_MANIFEST_DIR"));
        let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(page.starts_with(&format!("# {name}\n")), "{path}: title");
        let severity = match rule.default_severity() {
            None => "**Default severity:** off",
            Some(Severity::Hint) => "**Default severity:** hint",
            Some(Severity::Info) => "**Default severity:** info",
            Some(Severity::Warning) => "**Default severity:** warning",
            Some(Severity::Error) => "**Default severity:** error",
        };
        assert!(page.contains(severity), "{path}: says `{severity}`");
        for section in [
            "## Why it matters",
            "## Examples",
            "Fires",
            "Does not fire",
            "## Fix",
        ] {
            assert!(page.contains(section), "{path}: no `{section}`");
        }
    }
}

#[test]
fn off_by_default_rules_say_how_to_turn_them_on() {
    for rule in RULES
        .iter()
        .filter(|r| ANTI_PATTERN_RULES.contains(&r.name()))
    {
        if rule.default_severity().is_none() {
            let path = format!(
                "{}/docs/rules/{}.md",
                env!("CARGO_MANIFEST_DIR"),
                rule.name()
            );
            let page = std::fs::read_to_string(&path).unwrap();
            assert!(
                page.contains(&format!("{} = \"info\"", rule.name())),
                "{path}: show the statuslint.toml line"
            );
        }
    }
}
