//! The anti-pattern rules on realistic handlers, whole and mangled: every rule reports something
//! on the whole files, and on any cut or damaged version of them no rule panics and every range
//! and edit stays inside the text, on character boundaries (an editor applies them blindly).

use statuslint::analysis::analyze;
use statuslint::config::Config;
use statuslint::syntax::Language;

const RULES: &[&str] = &[
    "ok-on-error",
    "error-status-success-body",
    "informational-from-handler",
    "body-on-bodiless-status",
    "redirect-status",
    "missing-companion-header",
    "prefer-named-constant",
];

const FILES: &[(&str, &str, Language)] = &[
    (
        "handlers.ts",
        include_str!("fixtures/rules/handlers.ts"),
        Language::TypeScript,
    ),
    (
        "handlers.ts as tsx",
        include_str!("fixtures/rules/handlers.ts"),
        Language::Tsx,
    ),
    (
        "handlers.rs",
        include_str!("fixtures/rules/handlers.rs"),
        Language::Rust,
    ),
];

fn everything_on() -> Config {
    let lines: String = RULES.iter().map(|r| format!("{r} = \"info\"\n")).collect();
    Config::from_toml(&format!("[rules]\n{lines}")).unwrap()
}

fn check_bounds(
    source: &str,
    language: Language,
    config: &Config,
    what: &str,
) -> Vec<&'static str> {
    let analysis = analyze(source, language, config).expect("parses");
    let mut rules = Vec::new();
    for finding in &analysis.findings {
        let r = &finding.range;
        assert!(
            r.start <= r.end && r.end <= source.len(),
            "{what}: {} range {r:?} outside the text",
            finding.rule
        );
        assert!(
            source.is_char_boundary(r.start) && source.is_char_boundary(r.end),
            "{what}"
        );
        for fix in &finding.fixes {
            for edit in &fix.edits {
                let e = &edit.range;
                assert!(
                    e.start <= e.end && e.end <= source.len(),
                    "{what}: {}",
                    fix.title
                );
                assert!(source.is_char_boundary(e.start) && source.is_char_boundary(e.end));
            }
        }
        rules.push(finding.rule);
    }
    rules
}

#[test]
fn every_rule_fires_on_the_realistic_handlers() {
    let config = everything_on();
    let mut seen: Vec<&str> = Vec::new();
    for (name, source, language) in FILES {
        seen.extend(check_bounds(source, *language, &config, name));
    }
    for rule in RULES {
        assert!(seen.contains(rule), "{rule} found nothing in the fixtures");
    }
}

#[test]
fn cut_and_damaged_sources_never_panic() {
    let config = everything_on();
    for (name, source, language) in FILES {
        let boundaries: Vec<usize> = (0..=source.len())
            .filter(|i| source.is_char_boundary(*i))
            .collect();
        for end in boundaries.iter().step_by(53) {
            check_bounds(
                &source[..*end],
                *language,
                &config,
                &format!("{name} cut at {end}"),
            );
        }
        for at in boundaries.iter().step_by(71) {
            // Drop a closing brace, paren or quote somewhere after `at`: unbalanced syntax.
            let mut damaged = source.to_string();
            if let Some(offset) = damaged[*at..].find(['}', ')', '"']) {
                damaged.remove(at + offset);
            }
            damaged.insert_str(*at, "é\u{1F600}");
            check_bounds(
                &damaged,
                *language,
                &config,
                &format!("{name} damaged at {at}"),
            );
        }
    }
}
