//! The corpus of real-world shapes (`tests/fixtures/corpus/`, format in its README): each file
//! under `fire/` holds one mistake a name, a reassignment or an enum carries to the send site,
//! marked `expect: <rule>` on the line where the finding starts; each file under `quiet/` holds a
//! code in a role no sending rule reads (asserted, body, defined, data, compared, unknown) and
//! must give no finding at all. Both the server's analysis (the whole tree) and `check`'s
//! (skimmed) are held to the marks.

use statuslint::analysis::{analyze, analyze_skimmed};
use statuslint::config::Config;
use statuslint::syntax::Language;
use std::path::{Path, PathBuf};

fn files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| Language::from_path(p).is_some())
        .collect();
    files.sort();
    files
}

/// `(rule, 1-based line)` for every `expect: rule` mark.
fn marks(source: &str) -> Vec<(String, usize)> {
    let mut marks = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("expect: ") {
            let after = &rest[at + "expect: ".len()..];
            let rule: String = after
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            if !rule.is_empty() {
                marks.push((rule, i + 1));
            }
            rest = after;
        }
    }
    marks.sort();
    marks
}

/// `(rule, line)` of each finding, by both analyses; they must agree.
fn found(path: &Path, source: &str) -> Vec<(String, usize)> {
    let language = Language::from_path(path).unwrap();
    let config = Config::default();
    let line = |offset: usize| source[..offset].matches('\n').count() + 1;
    let whole = analyze(source, language, &config).expect("parses");
    let skimmed = analyze_skimmed(source, language, &config).expect("parses");
    let mut a: Vec<(String, usize)> = whole
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), line(f.range.start)))
        .collect();
    let mut b: Vec<(String, usize)> = skimmed
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), line(f.range.start)))
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "{}: whole and skimmed checks differ", path.display());
    a
}

fn check(dir: &str, least: usize) {
    let files = files(dir);
    assert!(
        files.len() >= least,
        "{dir}: {} files, want {least}",
        files.len()
    );
    let mut wrong = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let want = marks(&source);
        if dir == "fire" {
            assert!(!want.is_empty(), "{}: no expect: mark", path.display());
        }
        let got = found(path, &source);
        if got != want {
            wrong.push(format!(
                "{}\n    want {want:?}\n    got  {got:?}",
                path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(path)
                    .display()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} files:\n{}",
        wrong.len(),
        files.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_seeded_mistake_through_a_name_is_reported_on_its_line() {
    check("fire", 40);
}

#[test]
fn no_code_in_a_role_that_sends_nothing_is_reported() {
    check("quiet", 40);
}
