//! The documentation cannot drift from the rules: the README's rule table lists exactly the rules
//! in `RULES` with their default severities, and every rule has its page under `docs/rules/`.

use statuslint::rules::RULES;
use std::path::Path;

fn readme_rule_rows() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md is readable");
    let start = readme
        .find("<!-- rules:start -->")
        .expect("README.md has a <!-- rules:start --> marker");
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README.md has a <!-- rules:end --> marker");
    readme[start..end]
        .lines()
        .filter(|line| line.starts_with("| [`"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells[1]
                .trim_start_matches("[`")
                .split('`')
                .next()
                .unwrap_or_default()
                .to_string();
            (name, cells[2].to_string())
        })
        .collect()
}

#[test]
fn readme_lists_every_rule_with_its_default_severity() {
    let rows = readme_rule_rows();
    let expected: Vec<(String, String)> = RULES
        .iter()
        .map(|rule| {
            let severity = rule.default_severity().map_or("off", |s| s.label());
            (rule.name().to_string(), severity.to_string())
        })
        .collect();
    assert_eq!(rows, expected, "README rule table out of date");
}

#[test]
fn every_rule_has_a_documentation_page_with_examples() {
    for rule in RULES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/rules")
            .join(format!("{}.md", rule.name()));
        let page = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} has no page at {}", rule.name(), path.display()));
        assert!(
            page.starts_with(&format!("# {}\n", rule.name())),
            "{}",
            path.display()
        );
        let severity = rule.default_severity().map_or("off", |s| s.label());
        assert!(
            page.contains(&format!("**Default severity:** {severity}")),
            "{} does not state the default severity `{severity}`",
            path.display()
        );
        let roles: Vec<String> = rule
            .roles()
            .iter()
            .map(|r| format!("`{}`", serde_json::to_value(r).unwrap().as_str().unwrap()))
            .collect();
        let reads = format!("**Reads:** {} sites", roles.join(", "));
        assert!(
            page.contains(&reads),
            "{} does not say which roles it reads: `{reads}`",
            path.display()
        );
        for section in ["## Why it matters", "Fires", "Does not fire", "## Fix"] {
            assert!(page.contains(section), "{} lacks {section}", path.display());
        }
        if rule.default_severity().is_none() {
            assert!(
                page.contains(&format!("{} = \"", rule.name())),
                "{} does not show how to turn the rule on",
                path.display()
            );
        }
        assert!(
            statuslint::rules::docs_url(rule.name())
                .ends_with(&format!("docs/rules/{}.md", rule.name())),
            "codeDescription links point at the page"
        );
    }
}

/// `statuslint rule NAME` prints the page of every rule, and only rules have pages there.
#[test]
fn statuslint_rule_prints_every_rules_page() {
    let names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
    let pages: Vec<&str> = statuslint::cli::rule::PAGES
        .iter()
        .map(|(n, _)| *n)
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(
        pages, sorted,
        "cli/rule.rs PAGES must list every rule, in order"
    );
    let bin = env!("CARGO_BIN_EXE_statuslint");
    for name in &names {
        let output = std::process::Command::new(bin)
            .args(["rule", name])
            .output()
            .expect("statuslint runs");
        assert!(output.status.success(), "statuslint rule {name}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let page = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/rules/{name}.md")),
        )
        .unwrap();
        assert!(
            stdout.starts_with(page.trim_end()),
            "statuslint rule {name}:\n{stdout}"
        );
        assert!(
            stdout.contains(&format!(
                "{}/blob/main/docs/rules/{name}.md",
                env!("CARGO_PKG_REPOSITORY")
            )),
            "{stdout}"
        );
    }
    let list = std::process::Command::new(bin)
        .arg("rule")
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&list.stdout);
    for name in &names {
        assert!(
            listed.contains(name),
            "`statuslint rule` does not list {name}:\n{listed}"
        );
    }
    let unknown = std::process::Command::new(bin)
        .args(["rule", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ok-on-error"));
}
