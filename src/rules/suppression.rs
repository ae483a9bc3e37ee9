//! Suppression comments, in the style ESLint users already know:
//! `// statuslint-disable-next-line rule-a, rule-b`, `// statuslint-disable-line`, and
//! `// statuslint-disable rule` anywhere in the file for the whole file. No rule names means all.
//! Python writes them after `#`: `# statuslint-disable-next-line ok-on-error`.

use super::{Edit, Finding, Fix};

const MARKER: &str = "statuslint-disable";

/// The suppressions a file declares, read once per analysis.
pub struct Suppressions {
    file: Option<Vec<String>>,
    /// (line, rules) for `-line` (that line) and `-next-line` (the line after the comment).
    lines: Vec<(usize, Vec<String>)>,
}

impl Suppressions {
    pub fn parse(source: &str) -> Suppressions {
        let mut file: Option<Vec<String>> = None;
        let mut lines = Vec::new();
        if !source.contains(MARKER) {
            return Suppressions { file, lines };
        }
        for (number, line) in source.lines().enumerate() {
            let Some(at) = line.find(MARKER) else {
                continue;
            };
            // Only inside a comment: `//`, `/*` or Python's `#` before the marker on the same line.
            let before = &line[..at];
            if !(before.contains("//") || before.contains("/*") || before.contains('#')) {
                continue;
            }
            let rest = &line[at + MARKER.len()..];
            let (target, names) = if let Some(names) = rest.strip_prefix("-next-line") {
                (Some(number + 1), names)
            } else if let Some(names) = rest.strip_prefix("-line") {
                (Some(number), names)
            } else {
                (None, rest)
            };
            let rules = rule_names(names);
            match target {
                Some(line) => lines.push((line, rules)),
                None => {
                    let all = file.get_or_insert_with(Vec::new);
                    if rules.is_empty() {
                        all.push(String::new());
                    }
                    all.extend(rules);
                }
            }
        }
        Suppressions { file, lines }
    }

    /// Whether the file suppresses anything at all (most files do not).
    pub fn any(&self) -> bool {
        self.file.is_some() || !self.lines.is_empty()
    }

    pub fn is_suppressed(&self, rule: &str, line: usize) -> bool {
        let matches =
            |rules: &[String]| rules.is_empty() || rules.iter().any(|r| r == rule || r.is_empty());
        if self.file.as_deref().is_some_and(matches) {
            return true;
        }
        self.lines
            .iter()
            .any(|(target, rules)| *target == line && matches(rules))
    }
}

fn rule_names(text: &str) -> Vec<String> {
    let text = text.split("*/").next().unwrap_or("");
    // `-- reason` ends the list, as in ESLint.
    let text = text.split("--").next().unwrap_or("");
    text.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// "Ignore rule on this line": a `statuslint-disable-next-line` comment above the finding's line,
/// indented like it.
pub fn ignore_fix(
    source: &str,
    line_start: usize,
    finding: &Finding,
    language: crate::syntax::Language,
) -> Fix {
    let comment = if language.family() == crate::syntax::Family::Python {
        "#"
    } else {
        "//"
    };
    let indent: String = source[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Fix {
        title: format!("Ignore {} on this line", finding.rule),
        edits: vec![Edit {
            range: line_start..line_start,
            replacement: format!("{indent}{comment} {MARKER}-next-line {}\n", finding.rule),
        }],
        preferred: false,
        elsewhere: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_same_line_and_file() {
        let source = "a\n// statuslint-disable-next-line ok-on-error, platform-reserved\nb\nc // statuslint-disable-line\n";
        let s = Suppressions::parse(source);
        assert!(s.is_suppressed("ok-on-error", 2));
        assert!(s.is_suppressed("platform-reserved", 2));
        assert!(!s.is_suppressed("invalid-code", 2));
        assert!(s.is_suppressed("invalid-code", 3));
        assert!(!s.is_suppressed("invalid-code", 0));
        let file = Suppressions::parse("/* statuslint-disable unofficial-code */\nx");
        assert!(file.is_suppressed("unofficial-code", 1));
        assert!(!file.is_suppressed("invalid-code", 1));
    }

    #[test]
    fn the_marker_outside_a_comment_does_nothing() {
        let s = Suppressions::parse("const s = \"statuslint-disable\";\nres.status(600)");
        assert!(!s.is_suppressed("invalid-code", 1));
    }
}
